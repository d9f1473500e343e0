"""Where the command finds its token, base URL and API version.

The token comes from ``--token``, else ``LINODE_TOKEN``, else linode-cli's own settings:
``LINODE_CLI_TOKEN``, then the token of linode-cli's default user in its configuration
file, so that linode-cli's users need nothing new. That file is read, never written. It is
an INI file at ``~/.linode-cli`` (older installations; used when it exists) or
``$XDG_CONFIG_HOME/linode-cli`` (``~/.config/linode-cli``); ``[DEFAULT]`` names the
``default-user`` and each user's section holds its ``token``. Without any of these the
command runs anonymously, which is enough for public images.

The base URL comes from ``--base-url``, else ``LINODE_BASE_URL``, else the library's default;
the API version from ``--api-version``, else ``LINODE_API_VERSION``, else ``v4``.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from linode_images import DEFAULT_BASE_URL

__all__ = ["ConfigError", "Settings", "linode_cli_config_path", "resolve_settings"]

# linode-cli's own names for its settings (its configuration module).
LINODE_CLI_TOKEN_VARIABLE = "LINODE_CLI_TOKEN"  # noqa: S105 - a variable name
_LEGACY_NAME = ".linode-cli"
_CONFIG_NAME = "linode-cli"


class ConfigError(Exception):
    """The configuration cannot be used as it is; the message says what to change."""


@dataclass(frozen=True)
class Settings:
    """What the client is built from; ``token_source`` says where the token came from."""

    token: str | None = field(repr=False)
    token_source: str
    base_url: str
    api_version: str


def linode_cli_config_path(environ: Mapping[str, str], home: Path) -> Path:
    """The file linode-cli reads: the legacy ``~/.linode-cli`` when it exists, else the XDG one."""
    legacy = home / _LEGACY_NAME
    if legacy.exists():
        return legacy
    # An empty XDG_CONFIG_HOME counts as unset (XDG Base Directory specification).
    config_home = environ.get("XDG_CONFIG_HOME") or str(home / ".config")
    return Path(config_home) / _CONFIG_NAME


def _token_from_file(path: Path) -> tuple[str, str] | None:
    """(token, user) of linode-cli's default user in ``path``; None when the file has none."""
    if not path.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as file:
            parser.read_file(file)
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        reason = type(exc).__name__ if isinstance(exc, configparser.Error) else str(exc)
        raise ConfigError(
            f"cannot read the linode-cli configuration file {path} ({reason}); "
            "pass --token or set LINODE_TOKEN"
        ) from None
    user = parser.defaults().get("default-user", "")
    users = parser.sections()
    if not user and len(users) == 1:
        user = users[0]  # linode-cli itself takes a lone user as the default one
    if user and parser.has_option(user, "token"):
        token = parser.get(user, "token").strip()
    else:
        # Files written before linode-cli had users keep the token in [DEFAULT].
        user, token = "DEFAULT", parser.defaults().get("token", "").strip()
    return (token, user) if token else None


def resolve_settings(
    *,
    token: str | None,
    base_url: str | None,
    api_version: str | None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Settings:
    """The settings from the flags, then the environment, then linode-cli's configuration."""
    env = os.environ if environ is None else environ
    base = base_url or env.get("LINODE_BASE_URL") or DEFAULT_BASE_URL
    version = api_version or env.get("LINODE_API_VERSION") or "v4"
    if token:
        return Settings(token, "--token", base, version)
    for variable in ("LINODE_TOKEN", LINODE_CLI_TOKEN_VARIABLE):
        if env.get(variable):
            return Settings(env[variable], variable, base, version)
    path = linode_cli_config_path(env, home if home is not None else Path.home())
    found = _token_from_file(path)
    if found is not None:
        return Settings(found[0], f"linode-cli configuration {path} (user {found[1]})", base, version)
    return Settings(None, "none (anonymous: public images only)", base, version)
