"""The image-sharing commands, ``sharegroup ...`` (the producer) and ``token ...`` (a consumer),
over ``client.sharegroups`` and ``client.sharegroup_tokens``.

The token secret is the one thing here as sensitive as the API token. The API returns it
once, to ``token create``, which writes it to stdout only when ``--show-secret`` asks for it;
``sharegroup add-member`` reads it from a file or standard input, never from a flag, and
holds it as a ``ShareGroupTokenSecret`` that no message, log or traceback can show.
"""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from linode_images import DEFAULT_PAGE_SIZE, Filter, LinodeImages, ShareGroupTokenSecret, check_image_id

from ._columns import MEMBERS, SHARED_IMAGES, SHAREGROUPS, TOKENS
from ._console import Console, UsageError, confirm, write_list, write_one

__all__ = ["SHARING_COMMANDS"]

Handler = Callable[[LinodeImages, argparse.Namespace, Console], int]

_by_id, _by_token_uuid = attrgetter("id"), attrgetter("token_uuid")


def _given(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The flags among ``names`` that were given, by name."""
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def _list_options(args: argparse.Namespace) -> dict[str, Any]:
    """A list's ``--label``/``--status`` filter and page size; the fields each list filters on
    are the spec's, which the client checks before sending."""
    parts = [Filter.eq(name, value) for name, value in _given(args, "label", "status").items()]
    page_size = DEFAULT_PAGE_SIZE if args.page_size is None else args.page_size
    found = None if not parts else parts[0] if len(parts) == 1 else Filter.and_(*parts)
    return {"filter": found, "page_size": page_size}


def _changes(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The fields given among ``names``: the others stay as they are."""
    changes = _given(args, *names)
    if not changes:
        raise UsageError(f"nothing to change: give {' or '.join('--' + name for name in names)}")
    return changes


def _declined(console: Console, what: str) -> int:
    console.note(f"nothing was {what}")
    return 1


def _done(console: Console, text: str) -> int:
    console.out.write(text + "\n")
    console.out.flush()
    return 0


# --- sharegroup: the producer -----------------------------------------------------------------


def sharegroup_list(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    write_list(console, client.sharegroups.list(**_list_options(args)), SHAREGROUPS, _by_id, args)
    return 0


def sharegroup_get(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    write_one(console, client.sharegroups.get(args.sharegroup_id), args.json)
    return 0


def sharegroup_create(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    options: dict[str, Any] = {}
    if args.description is not None:
        options["description"] = args.description
    if args.images:
        options["images"] = list(dict.fromkeys(args.images))
    write_one(console, client.sharegroups.create(args.label, **options), args.json)
    return 0


def sharegroup_update(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    changes = _changes(args, "label", "description")
    write_one(console, client.sharegroups.update(args.sharegroup_id, **changes), args.json)
    return 0


def sharegroup_delete(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    question = f"Delete share group {args.sharegroup_id} (its members lose access to its images)?"
    if not confirm(console, "sharegroup delete", question, yes=args.yes):
        return _declined(console, "deleted")
    client.sharegroups.delete(args.sharegroup_id)
    return _done(console, f"deleted share group {args.sharegroup_id}")


def sharegroup_images(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    images = client.sharegroups.list_images(args.sharegroup_id, **_list_options(args))
    write_list(console, images, SHARED_IMAGES, _by_id, args)
    return 0


def sharegroup_add_image(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    names = _given(args, "label", "description")
    image_ids = list(dict.fromkeys(args.image_ids))
    if names and len(image_ids) > 1:
        raise UsageError(
            "--label and --description name the shared copy of one image: add the images one at a time"
        )
    entries: list[str | dict[str, str]] = [{"id": image_ids[0], **names}] if names else list(image_ids)
    shared = client.sharegroups.add_images(args.sharegroup_id, entries)
    write_list(console, shared, SHARED_IMAGES, _by_id, args)
    return 0


def sharegroup_update_image(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    changes = _changes(args, "label", "description")
    image = client.sharegroups.update_image(args.sharegroup_id, args.image_id, **changes)
    write_one(console, image, args.json)
    return 0


def sharegroup_remove_image(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    image_id = check_image_id(args.image_id)  # before asking: a typo is refused at once
    question = f"Stop sharing {image_id} through share group {args.sharegroup_id} (its members lose it)?"
    if not confirm(console, "sharegroup remove-image", question, yes=args.yes):
        return _declined(console, "removed")
    client.sharegroups.remove_image(args.sharegroup_id, image_id)
    return _done(console, f"removed {image_id} from share group {args.sharegroup_id}")


def sharegroup_members(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    members = client.sharegroups.list_members(args.sharegroup_id, **_list_options(args))
    write_list(console, members, MEMBERS, _by_token_uuid, args)
    return 0


def _read_secret(args: argparse.Namespace, console: Console) -> ShareGroupTokenSecret:
    """The consumer's token secret from ``--secret-file`` or standard input, held as a secret
    from the moment it is read; no message here or later shows it."""
    if args.secret_file != "-":  # noqa: S105 - a file name, "-" for standard input
        where = args.secret_file
        with open(args.secret_file, encoding="utf-8") as source:
            text = source.read()
    elif console.inp_tty:
        where = "what was typed"
        # getpass asks on the terminal itself and does not echo what is typed.
        text = getpass.getpass("The consumer's token secret (not shown as you type): ")
    else:
        where = "standard input"
        text = console.inp.read()
    lines = text.split()
    if len(lines) != 1:
        found = "nothing" if not lines else f"{len(lines)} words"
        raise UsageError(
            f"the token secret is one word, the one 'linode-images token create --show-secret' "
            f"wrote; {where} holds {found}"
        )
    return ShareGroupTokenSecret(lines[0])


def sharegroup_add_member(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    secret = _read_secret(args, console)
    member = client.sharegroups.add_member(args.sharegroup_id, token=secret, label=args.label)
    write_one(console, member, args.json)
    return 0


def sharegroup_get_member(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    write_one(console, client.sharegroups.get_member(args.sharegroup_id, args.token_uuid), args.json)
    return 0


def sharegroup_update_member(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    member = client.sharegroups.update_member(args.sharegroup_id, args.token_uuid, label=args.label)
    write_one(console, member, args.json)
    return 0


def sharegroup_remove_member(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    question = f"Revoke member {args.token_uuid} of share group {args.sharegroup_id} (it loses access)?"
    if not confirm(console, "sharegroup remove-member", question, yes=args.yes):
        return _declined(console, "removed")
    client.sharegroups.remove_member(args.sharegroup_id, args.token_uuid)
    return _done(console, f"removed member {args.token_uuid} from share group {args.sharegroup_id}")


def sharegroup_for_image(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    groups = client.sharegroups.list_for_image(args.image_id, **_list_options(args))
    write_list(console, groups, SHAREGROUPS, _by_id, args)
    return 0


# --- token: a consumer ------------------------------------------------------------------------


def _revealed(token: str) -> str:
    return token.reveal() if isinstance(token, ShareGroupTokenSecret) else token


def token_create(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    if not args.show_secret:
        # A token whose secret nobody saw cannot be used by anyone: refuse before creating it.
        raise UsageError(
            "the API shows a new token's secret only once, and the token is of no use without it: "
            "pass --show-secret to have it written to stdout"
        )
    options = {"label": args.label} if args.label is not None else {}
    created = client.sharegroup_tokens.create(args.sharegroup_uuid, **options)
    console.note(
        f"linode-images: token {created.token_uuid} for share group {created.sharegroup_label!r}: "
        "its secret is on stdout and will not be shown again; send it to the group's producer "
        "over a channel you trust"
    )
    if args.json:
        fields = created.to_dict()
        fields["token"] = _revealed(created.token)
        console.out.write(json.dumps(fields, ensure_ascii=False) + "\n")
    else:
        console.out.write(_revealed(created.token) + "\n")
    console.out.flush()
    return 0


def token_list(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    write_list(console, client.sharegroup_tokens.list(**_list_options(args)), TOKENS, _by_token_uuid, args)
    return 0


def token_get(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    write_one(console, client.sharegroup_tokens.get(args.token_uuid), args.json)
    return 0


def token_update(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    write_one(console, client.sharegroup_tokens.update(args.token_uuid, label=args.label), args.json)
    return 0


def token_delete(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    question = f"Delete token {args.token_uuid} (its membership ends)?"
    if not confirm(console, "token delete", question, yes=args.yes):
        return _declined(console, "deleted")
    client.sharegroup_tokens.delete(args.token_uuid)
    return _done(console, f"deleted token {args.token_uuid}")


def token_sharegroup(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    write_one(console, client.sharegroup_tokens.sharegroup(args.token_uuid), args.json)
    return 0


def token_images(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    images = client.sharegroup_tokens.list_images(args.token_uuid, **_list_options(args))
    write_list(console, images, SHARED_IMAGES, _by_id, args)
    return 0


SHARING_COMMANDS: dict[str, Handler] = {
    "sharegroup list": sharegroup_list,
    "sharegroup get": sharegroup_get,
    "sharegroup create": sharegroup_create,
    "sharegroup update": sharegroup_update,
    "sharegroup delete": sharegroup_delete,
    "sharegroup images": sharegroup_images,
    "sharegroup add-image": sharegroup_add_image,
    "sharegroup update-image": sharegroup_update_image,
    "sharegroup remove-image": sharegroup_remove_image,
    "sharegroup members": sharegroup_members,
    "sharegroup add-member": sharegroup_add_member,
    "sharegroup get-member": sharegroup_get_member,
    "sharegroup update-member": sharegroup_update_member,
    "sharegroup remove-member": sharegroup_remove_member,
    "sharegroup for-image": sharegroup_for_image,
    "token create": token_create,
    "token list": token_list,
    "token get": token_get,
    "token update": token_update,
    "token delete": token_delete,
    "token sharegroup": token_sharegroup,
    "token images": token_images,
}
