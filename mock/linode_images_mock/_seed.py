"""The public images every mock starts with, in the live API's wire shape.

Public images carry ``regions: null`` and no ``total_size``; older ones have a ``null``
description and newer ones ``""``; some are deprecated with an ``eol`` (one with the
``1970-01-01T05:00:00`` placeholder seen live); capabilities are ``cloud-init``,
``distributed-sites`` or none (REAL-API-FACTS, "Image objects").
"""

from __future__ import annotations

from typing import Any

# id|label|vendor|size (MB)|created|deprecated|eol|capabilities|description
# (capabilities: ci = cloud-init, ds = distributed-sites)
_PUBLIC = """
almalinux8|AlmaLinux 8|AlmaLinux|2048|2021-04-01T14:18:39|no|2029-03-01T05:00:00|ci|null
almalinux9|AlmaLinux 9|AlmaLinux|2048|2022-05-26T19:10:29|no|2032-05-31T04:00:00|ci,ds|""
alpine3.17|Alpine 3.17|Alpine|300|2022-11-22T19:25:52|yes|2024-11-22T05:00:00||""
alpine3.19|Alpine 3.19|Alpine|300|2023-12-07T21:38:54|no|2025-11-01T04:00:00||""
alpine3.20|Alpine 3.20|Alpine|300|2024-05-22T19:24:04|no|2026-04-01T04:00:00|ci|""
arch|Arch Linux|Arch|1500|2014-09-24T13:36:58|no|null||null
centos7|CentOS 7|CentOS|2500|2014-09-17T17:17:11|yes|2024-07-01T04:00:00||null
centos-stream9|CentOS Stream 9|CentOS|2048|2021-12-08T18:55:37|no|2027-05-31T04:00:00|ci|""
debian10|Debian 10|Debian|1500|2019-07-08T17:08:26|yes|2024-07-01T04:00:00||null
debian11|Debian 11|Debian|1500|2021-08-14T22:44:02|no|2026-07-01T04:00:00|ci,ds|null
debian12|Debian 12|Debian|1500|2023-06-12T14:03:40|no|2028-06-30T04:00:00|ci,ds|""
fedora38|Fedora 38|Fedora|2048|2023-04-19T20:13:50|yes|2024-05-21T04:00:00||""
fedora40|Fedora 40|Fedora|2048|2024-04-24T19:11:12|no|2025-05-13T04:00:00|ci|""
fedora41|Fedora 41|Fedora|2048|2024-10-30T17:04:25|no|2025-11-19T05:00:00|ci|""
gentoo|Gentoo|Gentoo|6000|2014-09-24T13:36:58|no|null||null
kali|Kali Linux|Kali|1600|2020-09-08T17:28:30|no|null||null
opensuse15.5|openSUSE Leap 15.5|openSUSE|2048|2023-06-13T18:12:03|yes|1970-01-01T05:00:00||""
opensuse15.6|openSUSE Leap 15.6|openSUSE|2048|2024-06-18T17:49:38|no|2025-12-31T05:00:00|ci|""
rocky8|Rocky Linux 8|Rocky|2048|2021-06-21T18:32:47|no|2029-05-31T04:00:00|ci|""
rocky9|Rocky Linux 9|Rocky|2048|2022-07-14T18:19:39|no|2032-05-31T04:00:00|ci,ds|""
slackware15.0|Slackware 15.0|Slackware|6000|2022-02-03T18:55:36|no|null||""
ubuntu18.04|Ubuntu 18.04 LTS|Ubuntu|2500|2018-04-26T18:04:32|yes|2023-05-31T04:00:00||null
ubuntu20.04|Ubuntu 20.04 LTS|Ubuntu|2500|2020-04-23T18:51:54|no|2025-04-02T04:00:00|ci,ds|null
ubuntu22.04|Ubuntu 22.04 LTS|Ubuntu|2500|2022-04-21T19:37:24|no|2027-04-01T04:00:00|ci,ds|""
ubuntu24.04|Ubuntu 24.04 LTS|Ubuntu|2500|2024-04-25T17:54:42|no|2029-05-31T04:00:00|ci,ds|""
ubuntu24.10|Ubuntu 24.10|Ubuntu|2500|2024-10-10T18:15:22|no|2025-07-10T04:00:00|ci|""
"""
_CAPABILITIES = {"ci": "cloud-init", "ds": "distributed-sites"}


def public_image(
    image_id: str,
    label: str,
    vendor: str,
    size: int,
    created: str,
    *,
    deprecated: bool = False,
    eol: str | None = None,
    capabilities: list[str] | None = None,
    description: str | None = "",
) -> dict[str, Any]:
    """A public image in the wire shape of 2025-26 list responses."""
    return {
        "id": image_id,
        "label": label,
        "description": description,
        "created": created,
        "updated": created,
        "type": "manual",
        "is_public": True,
        "is_shared": None,
        "image_sharing": None,
        "size": size,
        "vendor": vendor,
        "deprecated": deprecated,
        "expiry": None,
        "eol": eol,
        "created_by": "linode",
        "status": "available",
        "capabilities": list(capabilities or []),
        "tags": [],
        "regions": None,
    }


def seed_public_images() -> list[dict[str, Any]]:
    """The realistic public images, in the order the API lists them."""
    images = []
    for line in _PUBLIC.strip().splitlines():
        suffix, label, vendor, size, created, deprecated, eol, caps, description = (
            cell.strip() for cell in line.split("|")
        )
        images.append(
            public_image(
                f"linode/{suffix}",
                label,
                vendor,
                int(size),
                created,
                deprecated=deprecated == "yes",
                eol=None if eol == "null" else eol,
                capabilities=[_CAPABILITIES[c] for c in caps.split(",") if c],
                description=None if description == "null" else "",
            )
        )
    return images


def generated_public_image(number: int) -> dict[str, Any]:
    """Extra public image number ``number`` (for large lists and benchmarks)."""
    day = 1 + number % 28
    return public_image(
        f"linode/generated-{number:05d}",
        f"Generated {number}",
        "Generated",
        1024 + number % 4096,
        f"2024-{1 + number % 12:02d}-{day:02d}T12:00:{number % 60:02d}",
        deprecated=number % 10 == 0,
        eol="2030-01-01T05:00:00",
        capabilities=["cloud-init"] if number % 2 else [],
    )
