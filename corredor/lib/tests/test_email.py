from __future__ import annotations

import email
from pathlib import Path

from corredor.lib.email import render_email
from corredor.lib.mail_backend import EmlFileBackend


def test_each_email_is_written_as_an_eml_file_a_person_can_open(tmp_path: Path) -> None:
    message = render_email(
        "password_reset",
        "bob@alfa.example",
        {"reset_url": "http://127.0.0.1:8000/es/account/reset/x/y/", "user": None},
        "es",
    )
    assert EmlFileBackend(file_path=str(tmp_path)).send_messages([message]) == 1
    [eml] = tmp_path.glob("*.eml")
    parsed = email.message_from_bytes(eml.read_bytes())
    assert parsed["To"] == "bob@alfa.example"
    assert parsed["Content-Language"] == "es"
    kinds = [part.get_content_type() for part in parsed.walk()]
    assert "text/plain" in kinds
    assert "text/html" in kinds


def test_the_subject_is_a_single_line() -> None:
    message = render_email(
        "password_reset", "bob@alfa.example", {"reset_url": "http://x/", "user": None}, "fr"
    )
    assert "\n" not in message.subject
    assert message.subject
