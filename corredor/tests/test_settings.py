"""The settings read the environment, with typed readers and safe defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from corredor.env import Env, local_secret_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("TRUE", True), ("yes", True), ("0", False), ("off", False)]
)
def test_booleans_are_read_in_the_usual_spellings(raw: str, expected: bool) -> None:
    assert Env({"DEBUG": raw}).bool("DEBUG") is expected


def test_a_malformed_value_names_the_variable() -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        Env({"DEBUG": "maybe"}).bool("DEBUG")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        Env({"EMAIL_PORT": "twenty"}).int("EMAIL_PORT", 25)
    with pytest.raises(ImproperlyConfigured, match="CORREDOR_PROFILE"):
        Env({"CORREDOR_PROFILE": "staging"}).choice(
            "CORREDOR_PROFILE", ("local", "production"), "local"
        )


def test_lists_are_comma_separated_and_defaults_apply() -> None:
    env = Env({"ALLOWED_HOSTS": " a.example, b.example ,"})
    assert env.list("ALLOWED_HOSTS", []) == ["a.example", "b.example"]
    assert env.list("MISSING", ["x"]) == ["x"]
    assert env.int("MISSING", 7) == 7


def test_the_local_secret_key_is_created_once_and_kept_private(tmp_path: Path) -> None:
    key = local_secret_key(tmp_path)
    assert len(key) >= 50
    assert local_secret_key(tmp_path) == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def run_corredor(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CORREDOR_"))}
    return subprocess.run(
        [sys.executable, "-m", "corredor", *args],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "CORREDOR_PROFILE": "production",
    "SECRET_KEY": "a-test-only-key-that-is-long-and-random-enough-0123456789-abcdefghijkl",
    "ALLOWED_HOSTS": "corredor.example",
    "DATABASE_URL": "sqlite:///:memory:",
    "TESTIMONY_KEYS": "bTjGXDOBR6qcDZPhbM7W6ojPLFR3_sSRd6g6tbUJT7w=",  # a test-only Fernet key
}


def test_the_production_profile_passes_djangos_deployment_checks(tmp_path: Path) -> None:
    result = run_corredor(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION, "CORREDOR_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {**PRODUCTION, "SECRET_KEY": "", "CORREDOR_DATA_DIR": str(tmp_path)}
    result = run_corredor("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_testimony_keys(tmp_path: Path) -> None:
    env = {**PRODUCTION, "TESTIMONY_KEYS": "", "CORREDOR_DATA_DIR": str(tmp_path)}
    result = run_corredor("check", env=env)
    assert result.returncode != 0
    assert "TESTIMONY_KEYS is required" in result.stderr
    assert not (tmp_path / "testimony_keys").exists()  # never a key file in production


def test_the_local_profile_writes_email_as_files_and_keeps_debug_off(settings) -> None:
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"  # tests
    from corredor import settings as corredor_settings

    assert corredor_settings.DEBUG is False or os.environ.get("DEBUG")
    assert corredor_settings.EMAIL_BACKEND == "corredor.lib.mail_backend.EmlFileBackend"
    assert corredor_settings.USE_TZ is True
    assert corredor_settings.TIME_ZONE == "UTC"
