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
from ._console import Console, Handler, UsageError, confirm, lists, shows, write_list, write_one

__all__ = ["SHARING_COMMANDS"]

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


def _asking(
    console: Console, args: argparse.Namespace, question: str, act: Callable[[], object], done: str, what: str
) -> int:
    """``act`` once ``question`` is answered yes (or ``--yes`` is given), then ``"<done> <what>"``
    on stdout; when the answer is no, exit status 1 with nothing ``done``."""
    if not confirm(console, f"{args.command} {args.subcommand}", question, yes=args.yes):
        console.note(f"nothing was {done}")
        return 1
    act()
    console.out.write(f"{done} {what}\n")
    console.out.flush()
    return 0


# --- sharegroup: the producer -----------------------------------------------------------------


def sharegroup_create(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    options: dict[str, Any] = {}
    if args.description is not None:
        options["description"] = args.description
    if args.images:
        options["images"] = list(dict.fromkeys(args.images))
    write_one(console, client.sharegroups.create(args.label, **options), args.json)
    return 0


def sharegroup_delete(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    question = f"Delete share group {args.sharegroup_id} (its members lose access to its images)?"
    act = lambda: client.sharegroups.delete(args.sharegroup_id)  # noqa: E731
    return _asking(console, args, question, act, "deleted", f"share group {args.sharegroup_id}")


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


def sharegroup_remove_image(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    group, image_id = args.sharegroup_id, check_image_id(args.image_id)  # a typo is refused before asking
    question = f"Stop sharing {image_id} through share group {group} (its members lose it)?"
    act = lambda: client.sharegroups.remove_image(group, image_id)  # noqa: E731
    return _asking(console, args, question, act, "removed", f"{image_id} from share group {group}")


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


def sharegroup_remove_member(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    group, member = args.sharegroup_id, args.token_uuid
    question = f"Revoke member {member} of share group {group} (it loses access)?"
    act = lambda: client.sharegroups.remove_member(group, member)  # noqa: E731
    return _asking(console, args, question, act, "removed", f"member {member} from share group {group}")


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


def token_delete(client: LinodeImages, args: argparse.Namespace, console: Console) -> int:
    question = f"Delete token {args.token_uuid} (its membership ends)?"
    act = lambda: client.sharegroup_tokens.delete(args.token_uuid)  # noqa: E731
    return _asking(console, args, question, act, "deleted", f"token {args.token_uuid}")


_UPDATABLE = ("label", "description")  # of a share group and of a shared image

SHARING_COMMANDS: dict[str, Handler] = {
    "sharegroup list": lists(
        lambda client, args: client.sharegroups.list(**_list_options(args)), SHAREGROUPS, _by_id
    ),
    "sharegroup get": shows(lambda client, args: client.sharegroups.get(args.sharegroup_id)),
    "sharegroup create": sharegroup_create,
    "sharegroup update": shows(
        lambda client, args: client.sharegroups.update(args.sharegroup_id, **_changes(args, *_UPDATABLE))
    ),
    "sharegroup delete": sharegroup_delete,
    "sharegroup images": lists(
        lambda client, args: client.sharegroups.list_images(args.sharegroup_id, **_list_options(args)),
        SHARED_IMAGES,
        _by_id,
    ),
    "sharegroup add-image": sharegroup_add_image,
    "sharegroup update-image": shows(
        lambda client, args: client.sharegroups.update_image(
            args.sharegroup_id, args.image_id, **_changes(args, *_UPDATABLE)
        )
    ),
    "sharegroup remove-image": sharegroup_remove_image,
    "sharegroup members": lists(
        lambda client, args: client.sharegroups.list_members(args.sharegroup_id, **_list_options(args)),
        MEMBERS,
        _by_token_uuid,
    ),
    "sharegroup add-member": sharegroup_add_member,
    "sharegroup get-member": shows(
        lambda client, args: client.sharegroups.get_member(args.sharegroup_id, args.token_uuid)
    ),
    "sharegroup update-member": shows(
        lambda client, args: client.sharegroups.update_member(
            args.sharegroup_id, args.token_uuid, label=args.label
        )
    ),
    "sharegroup remove-member": sharegroup_remove_member,
    "sharegroup for-image": lists(
        lambda client, args: client.sharegroups.list_for_image(args.image_id, **_list_options(args)),
        SHAREGROUPS,
        _by_id,
    ),
    "token create": token_create,
    "token list": lists(
        lambda client, args: client.sharegroup_tokens.list(**_list_options(args)), TOKENS, _by_token_uuid
    ),
    "token get": shows(lambda client, args: client.sharegroup_tokens.get(args.token_uuid)),
    "token update": shows(
        lambda client, args: client.sharegroup_tokens.update(args.token_uuid, label=args.label)
    ),
    "token delete": token_delete,
    "token sharegroup": shows(lambda client, args: client.sharegroup_tokens.sharegroup(args.token_uuid)),
    "token images": lists(
        lambda client, args: client.sharegroup_tokens.list_images(args.token_uuid, **_list_options(args)),
        SHARED_IMAGES,
        _by_id,
    ),
}
