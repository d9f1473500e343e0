"""The image-sharing commands: ``sharegroup ...`` for the account that shares its images (the
producer) and ``token ...`` for an account they are shared with (a consumer), with an example
for each."""

from __future__ import annotations

from ._flags import (
    Adder,
    Commands,
    CommandTable,
    add_command,
    add_commands,
    arg,
    json_output,
    list_output,
    positive_int,
    uuid_text,
)

__all__ = ["add_sharing_commands"]

_GROUP = "8306"
_UUID = "1533863e-16a4-47b5-b829-ac0f35c13278"
_TOKEN = "5d6a5a2e-0c43-4a1b-9b55-1f0d6c2e7a10"  # noqa: S105 - a token_uuid, not a secret


def _examples(*commands: str, note: str = "") -> str:
    """A command's epilog: its example command lines, then ``note``."""
    lines = ["example:" if len(commands) == 1 else "examples:"]
    lines += [f"  linode-images {command}" for command in commands]
    return "\n".join(lines) + (f"\n\n{note}" if note else "")


_EXAMPLES = {
    "sharegroup": _examples(
        "sharegroup create --label partners --image private/12345",
        "sharegroup list",
        f"sharegroup add-member {_GROUP} --label acme --secret-file acme.secret",
        note="""\
A share group shares private images (each becomes a shared/<n> image) with the accounts
that are its members; each joins with a token it creates (linode-images token create).
These operations are Beta: they always use /v4beta, whatever --api-version says.""",
    ),
    "sharegroup list": _examples("sharegroup list", "sharegroup list --label partners --json"),
    "sharegroup get": _examples(
        f"sharegroup get {_GROUP} --json",
        note="Shows the group's uuid, which a consumer needs to create its token.",
    ),
    "sharegroup create": _examples(
        "sharegroup create --label partners",
        "sharegroup create --label partners --image private/12345 --image private/12346",
        note="Each --image must be one of your private images and available.",
    ),
    "sharegroup update": _examples(
        f'sharegroup update {_GROUP} --description "images for our partners"',
        note="Fields not given stay as they are.",
    ),
    "sharegroup delete": _examples(
        f"sharegroup delete {_GROUP}",
        f"sharegroup delete {_GROUP} --yes",
        note="""\
Every member loses access to the group's images. On a terminal it asks first; elsewhere it
needs --yes.""",
    ),
    "sharegroup images": _examples(f"sharegroup images {_GROUP}", f"sharegroup images {_GROUP} --ids"),
    "sharegroup add-image": _examples(
        f"sharegroup add-image {_GROUP} private/12345",
        f'sharegroup add-image {_GROUP} private/12345 --label golden --description "web tier"',
        note="""\
Writes every image the group then shares (shared/<n> ids); SOURCE is the image each one is
a copy of. --label and --description name the shared copy of a single image.""",
    ),
    "sharegroup update-image": _examples(f"sharegroup update-image {_GROUP} shared/5854 --label golden-v2"),
    "sharegroup remove-image": _examples(
        f"sharegroup remove-image {_GROUP} shared/5854",
        f"sharegroup remove-image {_GROUP} shared/5854 --yes",
        note="""\
Members lose access to that image; yours is kept. On a terminal it asks first; elsewhere it
needs --yes.""",
    ),
    "sharegroup members": _examples(
        f"sharegroup members {_GROUP}", f"sharegroup members {_GROUP} --status active --json"
    ),
    "sharegroup add-member": _examples(
        f"sharegroup add-member {_GROUP} --label acme --secret-file acme.secret",
        f"sharegroup add-member {_GROUP} --label acme < acme.secret",
        note="""\
The consumer's token secret is read from --secret-file, or from standard input (asked for
without echo on a terminal); it is never taken as a flag's value, which other users of the
machine could see, and never printed.""",
    ),
    "sharegroup get-member": _examples(f"sharegroup get-member {_GROUP} {_TOKEN}"),
    "sharegroup update-member": _examples(f'sharegroup update-member {_GROUP} {_TOKEN} --label "acme inc"'),
    "sharegroup remove-member": _examples(
        f"sharegroup remove-member {_GROUP} {_TOKEN}",
        f"sharegroup remove-member {_GROUP} {_TOKEN} --yes",
        note="""\
The member loses access to the group's images at once. On a terminal it asks first;
elsewhere it needs --yes.""",
    ),
    "sharegroup for-image": _examples(
        "sharegroup for-image private/12345",
        note="The share groups one of your private images is shared in.",
    ),
    "token": _examples(
        f"token create {_UUID} --label acme --show-secret > acme.secret",
        "token list",
        f"token images {_TOKEN}",
        note="""\
A token asks to join another account's share group: create one for the group's uuid and
send its secret to that account, which adds you as a member with it. These operations are
Beta: they always use /v4beta, whatever --api-version says.""",
    ),
    "token create": _examples(
        f"token create {_UUID} --label acme --show-secret > acme.secret",
        f"token create {_UUID} --show-secret --json",
        note="""\
The API gives the token's secret this once, and it is as sensitive as an API token: it is
written to stdout only with --show-secret (the command refuses to create a token whose
secret nobody would see), alone on a line, or as the "token" field with --json. Send it to
the group's producer over a channel you trust.""",
    ),
    "token list": _examples("token list", "token list --status active --ids"),
    "token get": _examples(
        f"token get {_TOKEN} --json",
        note="The secret is never shown again: not here, nor by any other command.",
    ),
    "token update": _examples(f'token update {_TOKEN} --label "acme images"'),
    "token delete": _examples(
        f"token delete {_TOKEN}",
        f"token delete {_TOKEN} --yes",
        note="""\
The membership it gave ends, and the group's images are no longer yours to use. On a
terminal it asks first; elsewhere it needs --yes.""",
    ),
    "token sharegroup": _examples(f"token sharegroup {_TOKEN}"),
    "token images": _examples(f"token images {_TOKEN}", f"token images {_TOKEN} --json"),
}


_SHAREGROUP_ID = arg("sharegroup_id", metavar="ID", type=positive_int, help="the share group's id")
_TOKEN_UUID = arg("token_uuid", metavar="TOKEN_UUID", type=uuid_text, help="the token's token_uuid")
_SHARED_ID = arg("image_id", metavar="SHARED_ID", help="the shared image's id, shared/<n>")
_YES = arg("--yes", action="store_true", help="do not ask")
_NEW_LABEL = arg("--label", help="the new label")
_LABEL_REQUIRED = arg("--label", required=True, help="the new label")
_GROUP_JSON, _MEMBER_JSON = json_output("the share group"), json_output("the member")


def _listing(ids: str, *, status: bool = False) -> tuple[Adder, ...]:
    """A list's filter flags (``--status`` where the list's items have one) and output."""
    by_status = (arg("--status", help="only those in this status, e.g. active"),) if status else ()
    return (
        arg("--label", help="only those with this label"),
        *by_status,
        arg("--page-size", type=int, metavar="N", help="items per request, 25-500 (default 500)"),
        list_output(ids),
    )


_SHAREGROUP_COMMANDS: CommandTable = {
    "list": ("list your share groups", _listing("one share group id per line")),
    "get": ("show one share group", (_SHAREGROUP_ID, _GROUP_JSON)),
    "create": (
        "create a share group",
        (
            arg("--label", required=True, help="the share group's label"),
            arg("--description", help="the share group's description"),
            arg(
                "--image",
                dest="images",
                action="append",
                metavar="IMAGE_ID",
                help="a private image to share (repeatable)",
            ),
            _GROUP_JSON,
        ),
    ),
    "update": (
        "change a share group's label or description",
        (
            _SHAREGROUP_ID,
            _NEW_LABEL,
            arg("--description", help='the new description ("" clears it)'),
            _GROUP_JSON,
        ),
    ),
    "delete": ("delete a share group", (_SHAREGROUP_ID, _YES)),
    "images": (
        "list the images a share group shares",
        (_SHAREGROUP_ID, *_listing("one shared image id per line")),
    ),
    "add-image": (
        "share private images through a share group",
        (
            _SHAREGROUP_ID,
            arg("image_ids", metavar="IMAGE_ID", nargs="+", help="your private images' ids"),
            arg("--label", help="the shared copy's label (one image only)"),
            arg("--description", help="the shared copy's description (one image only)"),
            list_output("one shared image id per line"),
        ),
    ),
    "update-image": (
        "change a shared image's label or description",
        (
            _SHAREGROUP_ID,
            _SHARED_ID,
            _NEW_LABEL,
            arg("--description", help="the new description"),
            json_output("the shared image"),
        ),
    ),
    "remove-image": ("stop sharing an image through a share group", (_SHAREGROUP_ID, _SHARED_ID, _YES)),
    "members": (
        "list a share group's members",
        (_SHAREGROUP_ID, *_listing("one member token_uuid per line", status=True)),
    ),
    "add-member": (
        "add the account whose token secret you were sent",
        (
            _SHAREGROUP_ID,
            arg("--label", required=True, help="the member's label"),
            arg(
                "--secret-file",
                default="-",
                metavar="FILE",
                help="the file holding the token secret (default -: standard input)",
            ),
            _MEMBER_JSON,
        ),
    ),
    "get-member": ("show one member", (_SHAREGROUP_ID, _TOKEN_UUID, _MEMBER_JSON)),
    "update-member": (
        "change a member's label",
        (_SHAREGROUP_ID, _TOKEN_UUID, _LABEL_REQUIRED, _MEMBER_JSON),
    ),
    "remove-member": ("revoke a member's access", (_SHAREGROUP_ID, _TOKEN_UUID, _YES)),
    "for-image": (
        "list the share groups an image is shared in",
        (
            arg("image_id", metavar="IMAGE_ID", help="your private image's id"),
            *_listing("one share group id per line"),
        ),
    ),
}

_TOKEN_COMMANDS: CommandTable = {
    "create": (
        "create a token for a share group and print its secret once",
        (
            arg("sharegroup_uuid", metavar="SHAREGROUP_UUID", type=uuid_text, help="the share group's uuid"),
            arg("--label", help="the token's label"),
            arg(
                "--show-secret",
                action="store_true",
                help="write the secret to stdout (needed: it is shown only now)",
            ),
            json_output("the token, its secret included,"),
        ),
    ),
    "list": ("list your tokens", _listing("one token_uuid per line", status=True)),
    "get": ("show one token (never its secret)", (_TOKEN_UUID, json_output("the token"))),
    "update": ("change a token's label", (_TOKEN_UUID, _LABEL_REQUIRED, json_output("the token"))),
    "delete": ("delete a token, ending its membership", (_TOKEN_UUID, _YES)),
    "sharegroup": ("show the share group a token gives access to", (_TOKEN_UUID, _GROUP_JSON)),
    "images": (
        "list the images a token gives access to",
        (_TOKEN_UUID, *_listing("one shared image id per line")),
    ),
}

# Each group: its summary and its commands.
_GROUPS = {
    "sharegroup": ("share your private images with other accounts (Beta)", _SHAREGROUP_COMMANDS),
    "token": ("join other accounts' share groups with tokens (Beta)", _TOKEN_COMMANDS),
}


def add_sharing_commands(commands: Commands) -> None:
    """``sharegroup`` and ``token``, each with its commands."""
    for group, (summary, table) in _GROUPS.items():
        parser = add_command(commands, group, summary, _EXAMPLES[group])
        inner = parser.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
        add_commands(inner, table, _EXAMPLES, f"{group} ")
