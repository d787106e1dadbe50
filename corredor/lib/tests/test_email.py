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


def test_a_mail_server_that_fails_after_the_commit_is_logged_without_the_address(
    db, caplog, django_capture_on_commit_callbacks
) -> None:
    import smtplib
    from unittest import mock

    from corredor.lib.email import send_on_commit

    refused = smtplib.SMTPRecipientsRefused({"worker@example.mx": (550, b"no")})
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=refused),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_on_commit(
            "password_reset", "worker@example.mx", {"reset_url": "http://x/", "user": None}, "es"
        )
    assert "password_reset" in caplog.text
    assert "SMTPRecipientsRefused" in caplog.text
    assert "worker@example.mx" not in caplog.text
