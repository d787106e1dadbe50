"""`corredor remind`: each organization's admins, staff and members hear, in their own
language, about deadlines due within a week and those newly overdue; never twice."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext

from corredor.accounts.choices import Role
from corredor.conftest import join, make_user
from corredor.petitions import actions
from corredor.petitions.choices import Visibility
from corredor.petitions.models import Petition, ReminderSent
from corredor.petitions.tests.conftest import days_ago, file_petition

WHAT = {
    "en": "The Interagency Labor Committee decides whether the petition shows a denial of rights",
    "es": "El Comité Interinstitucional del Trabajo decide si la petición muestra una "
    "denegación de derechos",
    "fr": "Le Comité interinstitutionnel du travail décide si la pétition démontre un déni "
    "de droits",
}
DUE_ON = {"en": "Nov. 27, 2026", "es": "27 de noviembre de 2026", "fr": "27 novembre 2026"}
WAS_DUE_ON = {"en": "Nov. 20, 2026", "es": "20 de noviembre de 2026", "fr": "20 novembre 2026"}


def remind() -> str:
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("remind", stdout=out)
    return out.getvalue()


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


@pytest.fixture
def team(alfa, alice, bob):
    """Alice (admin, Spanish), Bob (staff, English), Dana (member, French) and Erin (viewer)
    at Centro Alfa."""
    dana = make_user("dana@alfa.example", "Dana Dubois", "fr")
    erin = make_user("erin@alfa.example", "Erin Evans", "en")
    join(alfa, bob, Role.STAFF)
    join(alfa, dana, Role.MEMBER)
    join(alfa, erin, Role.VIEWER)
    mail.outbox.clear()
    return {"alice": alice, "bob": bob, "dana": dana, "erin": erin}


@pytest.fixture
def deadlines(alfa, alice) -> None:
    """Centro Alfa's petitions: one due in 3 days, one 4 days overdue, one long overdue."""
    for reference, filed in (("RRM Alfa soon", 27), ("RRM Alfa late", 34), ("RRM Alfa old", 90)):
        file_petition(
            reference,
            filed_on=days_ago(filed),
            organization=alfa,
            actor=alice,
            visibility=Visibility.INTERNAL,
            title_en=reference,
        )


def test_each_admin_staff_and_member_gets_one_email_in_their_language(team, deadlines) -> None:
    assert remind().strip() == "3 reminder email(s) sent."
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == ["alice@alfa.example", "bob@alfa.example", "dana@alfa.example"]
    for person, language in (("alice", "es"), ("bob", "en"), ("dana", "fr")):
        message = by_recipient[team[person].email]
        assert message.extra_headers["Content-Language"] == language
        subject = in_language(language, "Corredor: treaty deadlines to watch")
        assert message.subject.split() == subject.split()
        body = message.body
        soon, late = body.split(in_language(language, "Now overdue:"))
        assert in_language(language, "Due within 7 days:") in soon
        assert f"RRM Alfa soon: {WHAT[language]}" in soon
        assert DUE_ON[language] in soon
        assert f"RRM Alfa late: {WHAT[language]}" in late
        assert WAS_DUE_ON[language] in late
        assert "RRM Alfa old" not in body
        assert f"/{language}/petitions/rrm-alfa-soon/" in body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert f'<html lang="{language}">' in html
        assert WHAT[language] in html


def test_a_viewer_gets_no_reminder(team, deadlines) -> None:
    remind()
    assert "erin@alfa.example" not in [message.to[0] for message in mail.outbox]
    assert not ReminderSent.objects.filter(user=team["erin"]).exists()


def test_running_again_sends_nothing(team, deadlines) -> None:
    remind()
    mail.outbox.clear()
    assert remind().strip() == "0 reminder email(s) sent."
    assert mail.outbox == []
    # One claim per person and obligation: two obligations for three people.
    assert ReminderSent.objects.count() == 6


def test_the_next_day_brings_only_what_is_new(team, deadlines, time_machine) -> None:
    remind()
    mail.outbox.clear()
    time_machine.move_to(date(2026, 11, 28), tick=False)
    remind()
    # "RRM Alfa soon" fell due on the 27th: it is now overdue, a new reminder.
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "RRM Alfa soon" in message.body
        assert "RRM Alfa late" not in message.body


def test_public_records_with_no_organization_send_nothing(team) -> None:
    file_petition("RRM Fresh 1", filed_on=days_ago(27))
    file_petition("RRM Fresh 2", filed_on=days_ago(34))
    assert remind().strip() == "0 reminder email(s) sent."
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_another_organizations_people_hear_nothing(deadlines, beta, charlie) -> None:
    remind()
    assert "charlie@beta.example" not in [message.to[0] for message in mail.outbox]


def test_a_french_subject_keeps_its_no_break_space(team, deadlines) -> None:
    remind()
    [message] = [m for m in mail.outbox if m.to == ["dana@alfa.example"]]
    assert message.subject == in_language("fr", "Corredor: treaty deadlines to watch")
    assert "\u00a0" in message.subject


def test_an_unrelated_event_does_not_send_the_same_reminders_again(team, deadlines) -> None:
    remind()
    mail.outbox.clear()
    petition = Petition.objects.get(reference="RRM Alfa soon")
    actions.record_event(petition, actor=None, code="meeting_with_government", on=days_ago(1))
    assert remind().strip() == "0 reminder email(s) sent."
