"""``MockState``: the one place the mock keeps state, and the controls over it.

Images, accounts, counters, rate-limit windows and fault plans all live here, behind one lock
(the HTTP server runs in its own thread while a test calls the controls from another). The
lifecycle of a stored image is in ``_lifecycle``, rate windows in ``_rates``.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import math
import random
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from ._config import MAX_IMAGES, FaultPlan, MockConfig
from ._errors import ApiError, not_found
from ._examples import seed_group, sharing_examples
from ._filters import Filter
from ._lifecycle import Pending, Stored, advance
from ._pages import page_envelope
from ._rates import RateStatus, RateWindows
from ._records import Counters, UploadRecord
from ._seed import generated_public_image, seed_public_images
from ._sharing import Sharing, unshared
from ._wire import copy_json, wire_time

FIRST_PRIVATE_ID = 24_000_000
PRIVATE_PREFIX = "private/"

# Called with a write's answer before the write is committed; raising stops it.
Check = Callable[[Any], None]


def _accept(answer: Any) -> None:
    """The default check: every answer is fine."""


UPLOAD_PATH_PREFIX = "/__storage__/linode-images-uploads/"


class MockState:
    """The in-memory backend and its controls.

    Example::

        state = MockState(MockConfig())
        state.configure(timing={"create": "2 reads"})
        state.seed_images(5000, public=False, account="default")
        state.counters.requests["get-images"]
        state.reset()
    """

    def __init__(self, config: MockConfig | None = None) -> None:
        self.config = config or MockConfig()
        self.lock = threading.RLock()
        # Epoch seconds; tests may replace it to move time without sleeping.
        self.clock: Callable[[], float] = time.time
        self._secret = secrets.token_bytes(32)
        self.reset()

    # --- controls -------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every change: seed images, zero counters, restart fault plans and windows."""
        with self.lock:
            self.counters = Counters()
            self._images: dict[str, Stored] = {}
            self._next_private = FIRST_PRIVATE_ID
            self._next_generated = 1
            self._windows = RateWindows()
            self._restart_faults()
            self.sharing = Sharing(self._images, lambda: self.clock())
            for image in seed_public_images():
                self._images[image["id"]] = Stored(image, owner=None)
            if self.config.extra_public_images:
                self.seed_images(self.config.extra_public_images, public=True)
            for account, count in self.config.extra_private_images.items():
                self.seed_images(count, public=False, account=account)
            for account, count in self.config.extra_sharegroups.items():
                self.seed_sharegroups(count, account=account)

    def configure(self, **changes: Any) -> None:
        """Change config fields in place (same names as MockConfig); images are kept.

        Example: ``state.configure(faults={"get-image": FaultPlan(sequence=["503"])})``.
        """
        with self.lock:
            # replace() runs MockConfig.__post_init__, which checks and normalises the changes.
            self.config = replace(self.config, **changes)
            if "faults" in changes or "seed" in changes:
                self._restart_faults()
            if "rate_limits" in changes:
                self._windows = RateWindows()

    def set_faults(self, operation: str, plan: FaultPlan | str | dict[str, Any] | None) -> None:
        """Set (or with None clear) the fault plan of one operation ("*" for all)."""
        with self.lock:
            faults = dict(self.config.faults)
            if plan is None:
                faults.pop(operation, None)
            else:
                faults[operation] = FaultPlan.parse(plan)
            self.configure(faults=faults)

    def seed_images(self, count: int, *, public: bool, account: str | None = None) -> list[str]:
        """Add ``count`` generated images (public, or private to ``account``); returns their ids."""
        if count < 0:
            raise ValueError("count must not be negative")
        with self.lock:
            self._check_room(count)
            ids: list[str] = []
            if public:
                for _ in range(count):
                    image = generated_public_image(self._next_generated)
                    self._next_generated += 1
                    self._images[image["id"]] = Stored(image, owner=None)
                    ids.append(image["id"])
                return ids
            owner = self._seed_owner(account)
            return [self._seed_private(owner, number) for number in range(1, count + 1)]

    def _check_room(self, count: int) -> None:
        """ValueError unless ``count`` more images fit."""
        if len(self._images) + count > MAX_IMAGES:
            raise ValueError(
                f"the mock holds at most {MAX_IMAGES} images: {len(self._images)} are stored, "
                f"{count} more were asked for (POST /__mock__/reset forgets the added ones)"
            )

    def _seed_owner(self, account: str | None) -> str:
        owner = account if account is not None else self.default_account()
        if owner is None or owner not in self.config.tokens.values():
            raise ValueError(f"unknown account {account!r}")
        return owner

    def _seed_private(self, owner: str, number: int, image_id: str | None = None) -> str:
        """Seeded private image ``number`` of ``owner``: available in the first region."""
        stored = self._new_private(owner, label=f"seeded-{number}", status="available", image_id=image_id)
        self._insert(stored)
        stored.data["size"] = 1500 + (number - 1) % 1000
        stored.data["regions"] = [{"region": self.config.regions[0], "status": "available"}]
        return str(stored.data["id"])

    def seed_sharegroups(self, count: int, *, account: str | None = None) -> list[int]:
        """Add ``count`` share groups of ``account``, each sharing one more of its available
        private images, with the account as an active member through its own token; returns
        the groups' ids.

        The first group seeded while none of the objects the spec's example requests name
        exists is made of them (``_examples``): its ids, its source image's, its member's
        token UUID, and one more pending token, whose secret is the add-member example's.
        """
        with self.lock:
            owner = self._seed_owner(account)
            ids: list[int] = []
            for number in range(1, count + 1):
                example = sharing_examples()
                if example is not None and not example.unused(self.sharing, self._images):
                    example = None
                if example is None:
                    (image_id,) = self.seed_images(1, public=False, account=owner)
                else:
                    self._check_room(1)
                    image_id = self._seed_private(owner, 1, example.source_image_id)
                seed = partial(seed_group, self.sharing, owner, f"seeded-group-{number}", image_id, example)
                ids.append(self.sharing.write(_accept, seed))
            return ids

    def default_account(self) -> str | None:
        """The account of the first configured token: where seeded private images go by default."""
        return next(iter(self.config.tokens.values()), None)

    def _restart_faults(self) -> None:
        self._fault_queues = {op: list(plan.sequence) for op, plan in self.config.faults.items()}
        self._random = random.Random(self.config.seed)

    # --- accounts, faults, rate limits ----------------------------------------------------------

    def account_for(self, authorization: str | None) -> str | None:
        """The account of an Authorization header; None when anonymous; 401 when invalid."""
        if authorization is None:
            return None
        scheme, _, token = authorization.strip().partition(" ")
        account = self.config.tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if account is None:
            raise ApiError(401, "Invalid Token")
        return account

    def next_fault(self, operation: str) -> str:
        """The fault to inject into this request of ``operation`` ("ok" for none)."""
        with self.lock:
            key = operation if operation in self.config.faults else "*"
            plan = self.config.faults.get(key)
            if plan is None:
                return "ok"
            queue = self._fault_queues.setdefault(key, [])
            if queue:
                return queue.pop(0)
            if plan.probability and self._random.random() < plan.probability:
                return self._random.choice(plan.kinds)
            return "ok"

    def rate(self, operation: str) -> RateStatus:
        """Count one request of ``operation`` in its one-minute window."""
        with self.lock:
            return self._windows.count(operation, self.clock(), self.config.rate_limits.get(operation))

    def count_request(self, operation: str) -> None:
        """Record one request of ``operation``."""
        with self.lock:
            self.counters.requests[operation] += 1

    # --- images -----------------------------------------------------------------------------

    def _new_private(self, owner: str, *, label: str, status: str, image_id: str | None = None) -> Stored:
        """A new private image, ``private/<next number>`` unless ``image_id`` is given."""
        now = wire_time(self.clock())
        image_id = image_id or f"{PRIVATE_PREFIX}{self._next_private}"
        data = {
            "id": image_id,
            "label": label,
            "description": "",
            "created": now,
            "updated": now,
            "type": "manual",
            "is_public": False,
            **unshared(image_id),
            "size": 0,
            "total_size": 0,
            "vendor": None,
            "deprecated": False,
            "expiry": None,
            "eol": None,
            "created_by": owner,
            "status": status,
            "capabilities": [],
            "tags": [],
            "regions": [],
        }
        return Stored(data, owner=owner)

    def _insert(self, stored: Stored) -> None:
        """Store a new private image made by ``_new_private``; later ids go on past its number."""
        self._images[stored.data["id"]] = stored
        number = stored.data["id"].removeprefix(PRIVATE_PREFIX)
        if number.isdigit():
            self._next_private = max(self._next_private, int(number) + 1)

    @staticmethod
    def render(stored: Stored, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """A copy of an image (or of ``data``, its next state) in wire shape (private images
        carry total_size)."""
        data = copy_json(stored.data if data is None else data)
        assert isinstance(data, dict)
        if stored.owner is not None:
            data["total_size"] = data["size"] * len(data["regions"] or [])
        return data

    def _visible(self, image_id: str, account: str | None) -> Stored:
        stored = self._images.get(image_id)
        if stored is None or (stored.owner is not None and stored.owner != account):
            raise not_found()
        return stored

    def _writable(self, image_id: str, account: str | None) -> Stored:
        if account is None:
            raise ApiError(401, "Invalid Token")
        stored = self._visible(image_id, account)
        if stored.owner is None:
            raise ApiError(403, "Unauthorized")
        return stored

    def list_images(
        self, account: str | None, image_filter: Filter, page: int, page_size: int
    ) -> dict[str, Any]:
        """One page of the images ``account`` can see, as the API's list envelope."""
        with self.lock:
            visible = [s for s in list(self._images.values()) if s.owner is None or s.owner == account]
            for stored in visible:
                if stored.pending:
                    advance(stored, self._images, self.config, self.clock(), read=True)
            # Transitions can delete images (upload_expiry). Filtering reads the stored data
            # (total_size is not filterable); only the page itself is copied out.
            by_id = {s.data["id"]: s for s in visible if s.data["id"] in self._images}
            # Images shared with the account through its share-group memberships (_sharing).
            shared = self.sharing.images_for(account)
            selected = image_filter.apply([*(s.data for s in by_id.values()), *shared])

            def render(data: dict[str, Any]) -> dict[str, Any]:
                found = by_id.get(data["id"])
                return self.render(found) if found is not None else copy_json(data)

            return page_envelope(selected, page, page_size, render)

    def get_image(self, image_id: str, account: str | None) -> dict[str, Any]:
        """One image, if ``account`` can see it."""
        with self.lock:
            shared = self.sharing.image_for(image_id, account)
            if shared is not None:
                return shared
            stored = self._visible(image_id, account)
            advance(stored, self._images, self.config, self.clock(), read=True)
            return self.render(self._visible(image_id, account))

    # Every write takes ``check``, called with the answer before anything is stored: strict
    # mode passes the spec's response validator, so a refused answer leaves no trace.

    def create_image(
        self, account: str | None, body: dict[str, Any], check: Check = _accept
    ) -> dict[str, Any]:
        """POST /images: an image from one of the account's disks, status ``creating``."""
        with self.lock:
            if account is None:
                raise ApiError(401, "Invalid Token")
            disk_id = body["disk_id"]
            if disk_id not in self.config.disks.get(account, []):
                # A disk that is not the account's is 404 Not found, as for an image id
                # (docs/real-api-facts.md#requests).
                raise ApiError(404, "Not found", field="disk_id")
            stored = self._new_private(account, label=body.get("label", f"disk-{disk_id}"), status="creating")
            stored.home_region = self.config.regions[0]
            stored.disk_size = 1024 + disk_id % 4096
            self._apply_writable(stored.data, body)
            if body.get("cloud_init"):
                stored.data["capabilities"] = ["cloud-init"]
            stored.start("create", self.clock())
            result = self.render(stored)
            check(result)
            self._insert(stored)
            self.counters.images_created += 1
            return result

    def upload_image(
        self, account: str | None, body: dict[str, Any], base_url: str, check: Check = _accept
    ) -> dict[str, Any]:
        """POST /images/upload: a ``pending_upload`` image and its pre-signed upload URL."""
        with self.lock:
            if account is None:
                raise ApiError(401, "Invalid Token")
            region = body["region"]
            if region not in self.config.regions:
                raise ApiError(400, "Region does not exist", field="region")
            stored = self._new_private(account, label=body["label"], status="pending_upload")
            stored.home_region = region
            self._apply_writable(stored.data, body)
            if body.get("cloud_init"):
                stored.data["capabilities"] = ["cloud-init"]
            now = self.clock()
            expiry = self.config.timing_for("upload_expiry")
            stored.upload_key = f"{stored.data['id'].split('/')[1]}-{secrets.token_hex(4)}.img.gz"
            stored.upload_expires = math.ceil(now + (expiry.seconds if expiry.seconds is not None else 86400))
            stored.start("upload_expiry", now)
            path = f"{UPLOAD_PATH_PREFIX}{stored.upload_key}"
            signature = self.sign(path, stored.upload_expires)
            url = f"{base_url.rstrip('/')}{path}?Signature={signature}&Expires={stored.upload_expires}"
            result = {"upload_to": url + "&AWSAccessKeyId=MOCKACCESSKEY", "image": self.render(stored)}
            check(result)
            self._insert(stored)
            self.counters.images_created += 1
            return result

    def update_image(
        self, image_id: str, account: str | None, body: dict[str, Any], check: Check = _accept
    ) -> dict[str, Any]:
        """PUT /images/{imageId}: change label, description and tags."""
        with self.lock:
            stored = self._writable(image_id, account)
            advance(stored, self._images, self.config, self.clock(), read=True)
            stored = self._writable(image_id, account)
            data = copy_json(stored.data)
            self._apply_writable(data, body)
            data["updated"] = wire_time(self.clock())
            result = self.render(stored, data)
            check(result)
            stored.data = data
            return result

    def replicate_image(
        self, image_id: str, account: str | None, regions: list[str], check: Check = _accept
    ) -> dict[str, Any]:
        """POST /images/{imageId}/regions: the list replaces the image's regions."""
        with self.lock:
            stored = self._writable(image_id, account)
            advance(stored, self._images, self.config, self.clock(), read=True)
            stored = self._writable(image_id, account)
            for region in regions:
                if region not in self.config.regions:
                    raise ApiError(400, f"Region {region} does not exist", field="regions")
            if stored.data["status"] != "available":
                raise ApiError(409, "Image is not available for replication yet")
            wanted = list(dict.fromkeys(regions))
            now = self.clock()
            data = copy_json(stored.data)
            pending = [p for p in stored.pending if p.region is None]
            current = {entry["region"]: entry for entry in data["regions"]}
            for region, entry in current.items():
                if region not in wanted:
                    entry["status"] = "pending deletion"
                    pending.append(Pending("region_removal", now, region))
                elif entry["status"] != "available":
                    entry["status"] = "pending replication"
                    pending.append(Pending("replication_start", now, region))
            for region in wanted:
                if region not in current:
                    data["regions"].append({"region": region, "status": "pending replication"})
                    pending.append(Pending("replication_start", now, region))
            data["updated"] = wire_time(now)
            result = self.render(stored, data)
            check(result)
            stored.data, stored.pending = data, pending
            return result

    def delete_image(self, image_id: str, account: str | None, check: Check = _accept) -> dict[str, Any]:
        """DELETE /images/{imageId}; public images cannot be deleted (403). Answers ``{}``."""
        with self.lock:
            self._writable(image_id, account)
            result: dict[str, Any] = {}
            check(result)
            del self._images[image_id]
            self.sharing.forget_source(image_id)
            return result

    @staticmethod
    def _apply_writable(data: dict[str, Any], body: dict[str, Any]) -> None:
        for name in ("label", "description", "tags"):
            if name in body:
                data[name] = copy.deepcopy(body[name])

    # --- upload URL ---------------------------------------------------------------------------

    def sign(self, path: str, expires: int) -> str:
        """The signature of a pre-signed PUT to ``path`` valid until ``expires``."""
        message = f"PUT\n{path}\n{expires}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def upload_target(self, key: str) -> tuple[str, int] | None:
        """(image id, expires) of a pending upload key; None if unknown or already used."""
        with self.lock:
            for stored in self._images.values():
                if stored.upload_key == key:
                    advance(stored, self._images, self.config, self.clock(), read=False)
                    if stored.data["id"] not in self._images or stored.uploaded:
                        return None
                    return stored.data["id"], stored.upload_expires
            return None

    def finish_upload(self, image_id: str, record: UploadRecord) -> bool:
        """Record a complete upload and start ``upload``; False if the image went away."""
        with self.lock:
            stored = self._images.get(image_id)
            self.counters.upload_authorization_seen |= record.authorization_seen
            if stored is None or stored.uploaded:
                return False
            stored.uploaded = True
            stored.pending = [p for p in stored.pending if p.name != "upload_expiry"]
            self.counters.uploads[image_id] = record
            # size is in MB, rounded up: a tiny upload becomes 1; it stays 0 while the image is
            # still pending_upload (REAL-API-FACTS, "Image objects").
            stored.disk_size = max(1, math.ceil(record.bytes / 1_000_000))
            stored.start("upload", self.clock())
            return True
