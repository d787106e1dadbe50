"""Typed readers for environment variables.

Every knob of Corredor is an environment variable read here, with a documented default
(see docs/configuration.md). A malformed value stops start-up with a message that names
the variable, rather than running with a guess.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


class Env:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def str(self, name: str, default: str = "") -> str:
        return self.environ.get(name, default).strip()

    def bool(self, name: str, default: bool = False) -> bool:
        if name not in self.environ:
            return default
        word = self.environ[name].strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false, not {word!r}.")

    def int(self, name: str, default: int) -> int:
        raw = self.str(name)
        if not raw:
            return default
        try:
            return int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None

    def list(self, name: str, default: list[str]) -> list[str]:
        raw = self.str(name)
        if not raw:
            return list(default)
        return [item.strip() for item in raw.split(",") if item.strip()]

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.str(name, default).lower() or default
        if value not in choices:
            allowed = ", ".join(choices)
            raise ImproperlyConfigured(f"{name} must be one of {allowed}, not {value!r}.")
        return value

    def path(self, name: str, default: Path) -> Path:
        raw = self.str(name)
        return Path(raw).expanduser().resolve() if raw else default


def local_secret_key(data_dir: Path) -> str:
    """Return the secret key kept under the data directory, creating it on first use.

    Only for local use: production must set SECRET_KEY so that every app server shares it.
    """
    from django.core.management.utils import get_random_secret_key

    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    # Created with owner-only permissions: the key signs sessions and invitation links.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def local_fernet_keys(data_dir: Path) -> list[str]:
    """The local encryption keys for testimonies (one per line, newest first), created on first
    use. Production must set TESTIMONY_KEYS: keys never live in the database."""
    from cryptography.fernet import Fernet

    key_file = data_dir / "testimony_keys"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(Fernet.generate_key().decode() + "\n")
    return [line.strip() for line in key_file.read_text().splitlines() if line.strip()]
