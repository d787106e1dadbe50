"""`corredor redact`: a testimony on standard input, the redacted text on standard output;
input that is not UTF-8 ends with status 2 and one clear line on stderr."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

CORREDOR = Path(sys.executable).with_name("corredor")
TESTIMONY = (
    "Soy María de la Luz Hernández, de Guasave. Mi teléfono es 687 123 4567.\n"
    "En 2019 pagué $12,000 por la visa H-2A. No había luz en la vivienda.\n"
)


def run(data: bytes, *arguments: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out = io.StringIO()
    call_command("redact", *arguments, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_prints_the_testimony_with_names_and_phone_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = run(
        TESTIMONY.encode(),
        "--names",
        "María de la Luz Hernández;Juan Pérez",
        monkeypatch=monkeypatch,
    )
    assert result == (
        "Soy [NAME], de Guasave. Mi teléfono es [PHONE].\n"
        "En 2019 pagué $12,000 por la visa H-2A. No había luz en la vivienda.\n"
    )


def test_without_names_it_still_removes_numbers_and_keeps_every_other_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = run(b"call 555-123-4567\r\nbye", monkeypatch=monkeypatch)
    assert result == "call [PHONE]\r\nbye"


def test_a_byte_order_mark_is_not_part_of_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("\ufeffSSN 123-45-6789".encode(), monkeypatch=monkeypatch)
    assert result == "SSN [SSN]"


def test_empty_names_between_semicolons_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(b"Juan y el campo", "--names", ";Juan; ;", monkeypatch=monkeypatch)
    assert result == "[NAME] y el campo"


def test_input_that_is_not_utf8_is_refused_with_status_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(CommandError) as refusal:
        run("Me llamo José".encode("latin-1"), monkeypatch=monkeypatch)
    assert refusal.value.returncode == 2
    assert str(refusal.value) == (
        "Standard input is not UTF-8 text (byte 0xe9 at position 12); "
        "save the testimony as UTF-8 and try again."
    )


def test_the_installed_command_redacts_standard_input_and_refuses_bad_bytes() -> None:
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    result = subprocess.run(
        [str(CORREDOR), "redact", "--names", "María de la Luz Hernández"],
        input=TESTIMONY.encode(),
        env=environment,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (
        "Soy [NAME], de Guasave. Mi teléfono es [PHONE].\n"
        "En 2019 pagué $12,000 por la visa H-2A. No había luz en la vivienda.\n"
    )

    refused = subprocess.run(
        [str(CORREDOR), "redact"],
        input=b"caf\xe9",
        env=environment,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2
    assert refused.stdout == b""
    assert refused.stderr.decode().splitlines() == [
        "CommandError: Standard input is not UTF-8 text (byte 0xe9 at position 3); "
        "save the testimony as UTF-8 and try again."
    ]
