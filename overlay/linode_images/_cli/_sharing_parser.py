"""The image-sharing commands: ``sharegroup ...`` for the account that shares its images (the
producer) and ``token ...`` for an account they are shared with (a consumer), with an example
for each."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ._flags import Commands, add_command, add_json, add_list_output, positive_int, uuid_text

__all__ = ["add_sharing_commands"]

_GROUP = "8306"
_UUID = "1533863e-16a4-47b5-b829-ac0f35c13278"
_TOKEN = "5d6a5a2e-0c43-4a1b-9b55-1f0d6c2e7a10"  # noqa: S105 - a token_uuid, not a secret

_EXAMPLES = {
    "sharegroup": f"""\
examples:
  linode-images sharegroup create --label partners --image private/12345
  linode-images sharegroup list
  linode-images sharegroup add-member {_GROUP} --label acme --secret-file acme.secret

A share group shares private images (each becomes a shared/<n> image) with the accounts
that are its members; each joins with a token it creates (linode-images token create).
These operations are Beta: they always use /v4beta, whatever --api-version says.""",
    "sharegroup list": """\
examples:
  linode-images sharegroup list
  linode-images sharegroup list --label partners --json""",
    "sharegroup get": f"""\
example:
  linode-images sharegroup get {_GROUP} --json

Shows the group's uuid, which a consumer needs to create its token.""",
    "sharegroup create": """\
examples:
  linode-images sharegroup create --label partners
  linode-images sharegroup create --label partners --image private/12345 --image private/12346

Each --image must be one of your private images and available.""",
    "sharegroup update": f"""\
example:
  linode-images sharegroup update {_GROUP} --description "images for our partners"

Fields not given stay as they are.""",
    "sharegroup delete": f"""\
examples:
  linode-images sharegroup delete {_GROUP}
  linode-images sharegroup delete {_GROUP} --yes

Every member loses access to the group's images. On a terminal it asks first; elsewhere it
needs --yes.""",
    "sharegroup images": f"""\
examples:
  linode-images sharegroup images {_GROUP}
  linode-images sharegroup images {_GROUP} --ids""",
    "sharegroup add-image": f"""\
examples:
  linode-images sharegroup add-image {_GROUP} private/12345
  linode-images sharegroup add-image {_GROUP} private/12345 --label golden --description "web tier"

Writes every image the group then shares (shared/<n> ids); SOURCE is the image each one is
a copy of. --label and --description name the shared copy of a single image.""",
    "sharegroup update-image": f"""\
example:
  linode-images sharegroup update-image {_GROUP} shared/5854 --label golden-v2""",
    "sharegroup remove-image": f"""\
examples:
  linode-images sharegroup remove-image {_GROUP} shared/5854
  linode-images sharegroup remove-image {_GROUP} shared/5854 --yes

Members lose access to that image; yours is kept. On a terminal it asks first; elsewhere it
needs --yes.""",
    "sharegroup members": f"""\
examples:
  linode-images sharegroup members {_GROUP}
  linode-images sharegroup members {_GROUP} --status active --json""",
    "sharegroup add-member": f"""\
examples:
  linode-images sharegroup add-member {_GROUP} --label acme --secret-file acme.secret
  linode-images sharegroup add-member {_GROUP} --label acme < acme.secret

The consumer's token secret is read from --secret-file, or from standard input (asked for
without echo on a terminal); it is never taken as a flag's value, which other users of the
machine could see, and never printed.""",
    "sharegroup get-member": f"""\
example:
  linode-images sharegroup get-member {_GROUP} {_TOKEN}""",
    "sharegroup update-member": f"""\
example:
  linode-images sharegroup update-member {_GROUP} {_TOKEN} --label "acme inc\"""",
    "sharegroup remove-member": f"""\
examples:
  linode-images sharegroup remove-member {_GROUP} {_TOKEN}
  linode-images sharegroup remove-member {_GROUP} {_TOKEN} --yes

The member loses access to the group's images at once. On a terminal it asks first;
elsewhere it needs --yes.""",
    "sharegroup for-image": """\
example:
  linode-images sharegroup for-image private/12345

The share groups one of your private images is shared in.""",
    "token": f"""\
examples:
  linode-images token create {_UUID} --label acme --show-secret > acme.secret
  linode-images token list
  linode-images token images {_TOKEN}

A token asks to join another account's share group: create one for the group's uuid and
send its secret to that account, which adds you as a member with it. These operations are
Beta: they always use /v4beta, whatever --api-version says.""",
    "token create": f"""\
examples:
  linode-images token create {_UUID} --label acme --show-secret > acme.secret
  linode-images token create {_UUID} --show-secret --json

The API gives the token's secret this once, and it is as sensitive as an API token: it is
written to stdout only with --show-secret (the command refuses to create a token whose
secret nobody would see), alone on a line, or as the "token" field with --json. Send it to
the group's producer over a channel you trust.""",
    "token list": """\
examples:
  linode-images token list
  linode-images token list --status active --ids""",
    "token get": f"""\
example:
  linode-images token get {_TOKEN} --json

The secret is never shown again: not here, nor by any other command.""",
    "token update": f"""\
example:
  linode-images token update {_TOKEN} --label "acme images\"""",
    "token delete": f"""\
examples:
  linode-images token delete {_TOKEN}
  linode-images token delete {_TOKEN} --yes

The membership it gave ends, and the group's images are no longer yours to use. On a
terminal it asks first; elsewhere it needs --yes.""",
    "token sharegroup": f"""\
example:
  linode-images token sharegroup {_TOKEN}""",
    "token images": f"""\
examples:
  linode-images token images {_TOKEN}
  linode-images token images {_TOKEN} --json""",
}


def _group(commands: Commands, group: str, summary: str) -> Callable[[str, str], argparse.ArgumentParser]:
    """The command ``group``; what adds a command to it (by name and summary)."""
    parser = add_command(commands, group, summary, _EXAMPLES[group])
    inner = parser.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    return lambda name, summary: add_command(inner, name, summary, _EXAMPLES[f"{group} {name}"])


def _sharegroup_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sharegroup_id", metavar="ID", type=positive_int, help="the share group's id")


def _token_uuid(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("token_uuid", metavar="TOKEN_UUID", type=uuid_text, help="the token's token_uuid")


def _list_flags(parser: argparse.ArgumentParser, ids: str, *, status: bool = False) -> None:
    parser.add_argument("--label", help="only those with this label")
    if status:
        parser.add_argument("--status", help="only those in this status, e.g. active")
    parser.add_argument("--page-size", type=int, metavar="N", help="items per request, 25-500 (default 500)")
    add_list_output(parser, ids)


def _yes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", action="store_true", help="do not ask")


def _add_sharegroup_commands(commands: Commands) -> None:
    command = _group(commands, "sharegroup", "share your private images with other accounts (Beta)")

    listing = command("list", "list your share groups")
    _list_flags(listing, "one share group id per line")

    get = command("get", "show one share group")
    _sharegroup_id(get)
    add_json(get, "the share group")

    create = command("create", "create a share group")
    create.add_argument("--label", required=True, help="the share group's label")
    create.add_argument("--description", help="the share group's description")
    create.add_argument(
        "--image",
        dest="images",
        action="append",
        metavar="IMAGE_ID",
        help="a private image to share (repeatable)",
    )
    add_json(create, "the share group")

    update = command("update", "change a share group's label or description")
    _sharegroup_id(update)
    update.add_argument("--label", help="the new label")
    update.add_argument("--description", help='the new description ("" clears it)')
    add_json(update, "the share group")

    delete = command("delete", "delete a share group")
    _sharegroup_id(delete)
    _yes(delete)

    images = command("images", "list the images a share group shares")
    _sharegroup_id(images)
    _list_flags(images, "one shared image id per line")

    add_image = command("add-image", "share private images through a share group")
    _sharegroup_id(add_image)
    add_image.add_argument("image_ids", metavar="IMAGE_ID", nargs="+", help="your private images' ids")
    add_image.add_argument("--label", help="the shared copy's label (one image only)")
    add_image.add_argument("--description", help="the shared copy's description (one image only)")
    add_list_output(add_image, "one shared image id per line")

    update_image = command("update-image", "change a shared image's label or description")
    _sharegroup_id(update_image)
    update_image.add_argument("image_id", metavar="SHARED_ID", help="the shared image's id, shared/<n>")
    update_image.add_argument("--label", help="the new label")
    update_image.add_argument("--description", help="the new description")
    add_json(update_image, "the shared image")

    remove_image = command("remove-image", "stop sharing an image through a share group")
    _sharegroup_id(remove_image)
    remove_image.add_argument("image_id", metavar="SHARED_ID", help="the shared image's id, shared/<n>")
    _yes(remove_image)

    members = command("members", "list a share group's members")
    _sharegroup_id(members)
    _list_flags(members, "one member token_uuid per line", status=True)

    add_member = command("add-member", "add the account whose token secret you were sent")
    _sharegroup_id(add_member)
    add_member.add_argument("--label", required=True, help="the member's label")
    add_member.add_argument(
        "--secret-file",
        default="-",
        metavar="FILE",
        help="the file holding the token secret (default -: standard input)",
    )
    add_json(add_member, "the member")

    get_member = command("get-member", "show one member")
    _sharegroup_id(get_member)
    _token_uuid(get_member)
    add_json(get_member, "the member")

    update_member = command("update-member", "change a member's label")
    _sharegroup_id(update_member)
    _token_uuid(update_member)
    update_member.add_argument("--label", required=True, help="the new label")
    add_json(update_member, "the member")

    remove_member = command("remove-member", "revoke a member's access")
    _sharegroup_id(remove_member)
    _token_uuid(remove_member)
    _yes(remove_member)

    for_image = command("for-image", "list the share groups an image is shared in")
    for_image.add_argument("image_id", metavar="IMAGE_ID", help="your private image's id")
    _list_flags(for_image, "one share group id per line")


def _add_token_commands(commands: Commands) -> None:
    command = _group(commands, "token", "join other accounts' share groups with tokens (Beta)")

    create = command("create", "create a token for a share group and print its secret once")
    create.add_argument(
        "sharegroup_uuid", metavar="SHAREGROUP_UUID", type=uuid_text, help="the share group's uuid"
    )
    create.add_argument("--label", help="the token's label")
    create.add_argument(
        "--show-secret", action="store_true", help="write the secret to stdout (needed: it is shown only now)"
    )
    add_json(create, "the token, its secret included,")

    listing = command("list", "list your tokens")
    _list_flags(listing, "one token_uuid per line", status=True)

    get = command("get", "show one token (never its secret)")
    _token_uuid(get)
    add_json(get, "the token")

    update = command("update", "change a token's label")
    _token_uuid(update)
    update.add_argument("--label", required=True, help="the new label")
    add_json(update, "the token")

    delete = command("delete", "delete a token, ending its membership")
    _token_uuid(delete)
    _yes(delete)

    sharegroup = command("sharegroup", "show the share group a token gives access to")
    _token_uuid(sharegroup)
    add_json(sharegroup, "the share group")

    images = command("images", "list the images a token gives access to")
    _token_uuid(images)
    _list_flags(images, "one shared image id per line")


def add_sharing_commands(commands: Commands) -> None:
    """``sharegroup`` and ``token``, each with its commands."""
    _add_sharegroup_commands(commands)
    _add_token_commands(commands)
