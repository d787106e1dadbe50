"""Who sees what. The owning organization's admins and staff see a worker's identity only when
they ask, and each look is logged in an append-only access log that admins read; members and
viewers read the redacted account only; another organization sees nothing unless the worker
allowed sharing, and then only the redacted account; nobody signed out sees anything."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from corredor.accounts.permissions import Perm
from corredor.conftest import join, make_user, signed_in_client
from corredor.lib.crypto import decrypt
from corredor.testimonies import access
from corredor.testimonies.files import CleanFile, strip_image
from corredor.testimonies.models import AccessEntry
from corredor.testimonies.tests.conftest import (
    EMPLOYER,
    WORKER_EMAIL,
    WORKER_NAME,
    WORKER_PHONE,
    give,
    photo,
)

IDENTITY = [WORKER_NAME, "Guadalupe", WORKER_PHONE, WORKER_EMAIL, EMPLOYER, "Valdosta"]


@pytest.fixture
def testimony(alfa):
    image = CleanFile(strip_image(photo(), "image/jpeg"), "image/jpeg", "foto.jpg")
    return give(alfa, "contact", "anonymous_use", files=[image]).testimony


@pytest.fixture
def shared(alfa):
    return give(alfa, "share").testimony


def detail(testimony, reveal: bool = False) -> str:
    return f"/en/testimonies/t/{testimony.pseudonym}/" + ("?reveal=1" if reveal else "")


def file_url(testimony) -> str:
    attachment = testimony.attachments.get()
    return f"/en/testimonies/t/{testimony.pseudonym}/files/{attachment.uuid}/"


def assert_no_identity(page: str) -> None:
    for secret in IDENTITY:
        assert secret not in page, secret


# Admins and staff


@pytest.mark.parametrize("role", ["admin", "staff"])
def test_admins_and_staff_read_the_redacted_account_until_they_ask(testimony, bob_as, role) -> None:
    client = bob_as(role)
    response = client.get(detail(testimony))
    page = response.content.decode()
    assert response.status_code == 200
    assert testimony.pseudonym in page
    assert "[PHONE]" in page
    assert_no_identity(page)
    assert 'href="?reveal=1"' in page
    assert AccessEntry.objects.count() == 0


@pytest.mark.parametrize("role", ["admin", "staff"])
def test_showing_the_identity_is_written_to_the_access_log(testimony, bob_as, bob, role) -> None:
    client = bob_as(role)
    page = client.get(detail(testimony, reveal=True)).content.decode()
    for secret in (WORKER_NAME, WORKER_PHONE, WORKER_EMAIL, EMPLOYER, "Valdosta"):
        assert secret in page
    assert "pasaportes" in page  # the full account

    (entry,) = AccessEntry.objects.all()
    assert (entry.user, entry.testimony, entry.pseudonym, entry.action) == (
        bob,
        testimony,
        testimony.pseudonym,
        "view_identity",
    )
    assert entry.organization == testimony.organization

    client.get(detail(testimony, reveal=True))
    assert AccessEntry.objects.count() == 2  # each look


def test_downloading_an_attachment_is_logged_and_gives_the_cleaned_file(
    testimony, bob_as, bob
) -> None:
    response = bob_as("staff").get(file_url(testimony))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert testimony.pseudonym in disposition and "foto" not in disposition
    with Image.open(io.BytesIO(response.content)) as image:
        assert dict(image.getexif()) == {}
    (entry,) = AccessEntry.objects.all()
    assert (entry.user, entry.action) == (bob, "view_attachment")


def test_an_attachment_of_another_testimony_is_not_found_under_this_one(
    testimony, alfa, alice
) -> None:
    other = give(alfa).testimony
    url = file_url(testimony).replace(testimony.pseudonym, other.pseudonym)
    assert signed_in_client(alice).get(url).status_code == 404


# The access log


def test_the_access_log_is_append_only(testimony, alice) -> None:
    signed_in_client(alice).get(detail(testimony, reveal=True))
    entry = AccessEntry.objects.get()
    entry.action = "edit"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    with pytest.raises(ValueError, match="append-only"):
        AccessEntry.objects.all().delete()
    with pytest.raises(ValueError, match="append-only"):
        AccessEntry.objects.update(action="edit")
    assert AccessEntry.objects.get().action == "view_identity"


def test_admins_read_the_access_log_without_any_personal_data(testimony, alice, bob_as) -> None:
    staff = bob_as("staff")
    staff.get(detail(testimony, reveal=True))
    staff.get(file_url(testimony))

    response = signed_in_client(alice).get("/en/testimonies/centro-alfa/access-log/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(testimony.pseudonym) == 2
    assert "bob@alfa.example" in page  # who looked
    assert "Saw the identity and full account" in page
    assert "Opened an attachment" in page
    assert_no_identity(page)
    assert "pasaportes" not in page


@pytest.mark.parametrize(("role", "status"), [("staff", 403), ("member", 403), ("viewer", 403)])
def test_only_admins_read_the_access_log(bob_as, role, status) -> None:
    assert bob_as(role).get("/en/testimonies/centro-alfa/access-log/").status_code == status


def test_another_organization_does_not_learn_the_access_log_exists(alfa, beta, charlie) -> None:
    response = signed_in_client(charlie).get("/en/testimonies/centro-alfa/access-log/")
    assert response.status_code == 404


def test_the_access_log_shows_only_the_organizations_own_entries(
    testimony, alice, beta, charlie
) -> None:
    theirs = give(beta).testimony
    signed_in_client(charlie).get(detail(theirs, reveal=True))
    page = signed_in_client(alice).get("/en/testimonies/centro-alfa/access-log/").content.decode()
    assert theirs.pseudonym not in page


# Members and viewers


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_members_and_viewers_read_only_the_redacted_account(testimony, bob_as, role) -> None:
    client = bob_as(role)
    for url in (detail(testimony), detail(testimony, reveal=True)):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert_no_identity(page)
        assert "[PHONE]" in page
        assert 'href="?reveal=1"' not in page
        assert "/files/" not in page
    assert AccessEntry.objects.count() == 0


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_members_and_viewers_may_not_open_files_review_redaction_or_take_testimonies(
    testimony, bob_as, role
) -> None:
    client = bob_as(role)
    assert client.get(file_url(testimony)).status_code == 403
    assert client.get(detail(testimony) + "redaction/").status_code == 403
    assert client.post(detail(testimony) + "redaction/", {"redacted": "x"}).status_code == 403
    assert client.get("/en/testimonies/centro-alfa/new/").status_code == 403
    assert AccessEntry.objects.count() == 0
    assert testimony.attachments.count() == 1


@pytest.mark.parametrize("role", ["admin", "staff", "member", "viewer"])
def test_the_list_shows_pseudonyms_and_never_identities(testimony, bob_as, role) -> None:
    page = bob_as(role).get("/en/testimonies/centro-alfa/").content.decode()
    assert testimony.pseudonym in page
    assert_no_identity(page)
    assert "pasaportes" not in page


def test_the_list_costs_the_same_queries_for_many_testimonies(alfa, alice) -> None:
    client = signed_in_client(alice)
    give(alfa, "share")
    client.get("/en/testimonies/centro-alfa/")  # warm up sessions and caches
    with CaptureQueriesContext(connection) as few:
        client.get("/en/testimonies/centro-alfa/")
    for _ in range(5):
        give(alfa, "contact", "anonymous_use")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/testimonies/centro-alfa/")
    assert response.content.decode().count("/en/testimonies/t/T-") == 6
    assert len(many) == len(few)


# What a testimony page costs. Every page behind sign-in reads the session, the user, the
# second-factor device and (in `signed_in`) whether the user must use a second factor; then
# the testimony, its consents and, once, the reader's memberships.
SIGNED_IN = 4
READABLE = 3


@pytest.mark.parametrize(
    ("role", "page", "extra"),
    [
        ("staff", "", 1),  # the evidence already drawn from it
        ("staff", "?reveal=1", 3),  # and the access log entry and the attachments
        ("member", "", 1),
        ("viewer", "?reveal=1", 1),  # asking does not show them the identity: nothing more
        ("staff", "redaction/", 1),  # the access log entry
        ("staff", "files/{file}/", 2),  # the attachment and the access log entry
    ],
)
def test_a_testimony_page_looks_up_the_readers_membership_once(
    testimony, bob_as, django_assert_num_queries, role, page, extra
) -> None:
    client = bob_as(role)
    client.get(detail(testimony))  # the session settles on the first request
    url = detail(testimony) + page.format(file=testimony.attachments.get().uuid)
    with django_assert_num_queries(SIGNED_IN + READABLE + extra):
        assert client.get(url).status_code == 200


def test_a_partner_reads_a_shared_testimony_with_one_membership_lookup(
    shared, beta, charlie, django_assert_num_queries
) -> None:
    client = signed_in_client(charlie)
    client.get(detail(shared))
    with django_assert_num_queries(SIGNED_IN + READABLE):
        assert client.get(detail(shared)).status_code == 200


def test_get_readable_gives_the_readers_role_with_the_testimony(
    testimony, shared, alfa, bob, beta, charlie, django_assert_num_queries
) -> None:
    join(alfa, bob, "member")
    with django_assert_num_queries(READABLE):
        own = access.get_readable(bob, testimony.pseudonym)
        assert own.testimony == testimony and own.role == "member"
        assert own.own is True and own.sees_identity is False and own.may(Perm.EDIT) is True
    with django_assert_num_queries(READABLE):
        partner = access.get_readable(charlie, shared.pseudonym)
        assert partner.role is None and partner.own is False and partner.may(Perm.VIEW) is False


# Other organizations


def test_another_organization_gets_404_on_a_testimony_not_shared(testimony, beta, charlie) -> None:
    client = signed_in_client(charlie)
    assert client.get(detail(testimony)).status_code == 404
    assert client.get(detail(testimony, reveal=True)).status_code == 404
    assert client.get(file_url(testimony)).status_code == 404
    assert client.get(detail(testimony) + "redaction/").status_code == 404
    assert client.get(detail(testimony) + "evidence/").status_code == 404
    assert client.get("/en/testimonies/centro-alfa/").status_code == 404


def test_a_shared_testimony_shows_another_organization_only_the_redacted_account(
    shared, beta, charlie
) -> None:
    client = signed_in_client(charlie)
    response = client.get(detail(shared, reveal=True))
    page = response.content.decode()
    assert response.status_code == 200
    assert "[PHONE]" in page
    assert_no_identity(page)
    assert 'href="?reveal=1"' not in page
    assert AccessEntry.objects.count() == 0

    listed = client.get("/en/testimonies/shared/").content.decode()
    assert shared.pseudonym in listed
    assert_no_identity(listed)


def test_a_shared_testimony_is_still_closed_to_another_organizations_files_and_tools(
    alfa, beta, charlie
) -> None:
    image = CleanFile(strip_image(photo(), "image/jpeg"), "image/jpeg", "foto.jpg")
    shared = give(alfa, "share", files=[image]).testimony
    client = signed_in_client(charlie)
    assert client.get(file_url(shared)).status_code in (403, 404)
    assert client.get(detail(shared) + "redaction/").status_code in (403, 404)
    assert client.get(detail(shared) + "evidence/").status_code in (403, 404)


def test_only_testimonies_shared_by_consent_are_listed_to_partners(
    testimony, shared, beta, charlie
) -> None:
    page = signed_in_client(charlie).get("/en/testimonies/shared/").content.decode()
    assert shared.pseudonym in page
    assert testimony.pseudonym not in page


def test_someone_in_no_organization_sees_no_shared_testimony(shared) -> None:
    loner = make_user("loner@example.org")
    assert signed_in_client(loner).get(detail(shared)).status_code == 404


def test_someone_in_no_organization_is_listed_no_shared_testimony(shared) -> None:
    loner = make_user("loner@example.org")
    page = signed_in_client(loner).get("/en/testimonies/shared/").content.decode()
    assert shared.pseudonym not in page
    assert shared.organization.name not in page


# Signed out


@pytest.mark.parametrize(
    "path",
    [
        "testimonies/centro-alfa/",
        "testimonies/centro-alfa/new/",
        "testimonies/centro-alfa/statistics/",
        "testimonies/centro-alfa/access-log/",
        "testimonies/shared/",
        "testimonies/t/{p}/",
        "testimonies/t/{p}/?reveal=1",
        "testimonies/t/{p}/redaction/",
        "testimonies/t/{p}/evidence/",
        "testimonies/t/{p}/files/{f}/",
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(testimony, path) -> None:
    attachment = testimony.attachments.get()
    url = "/en/" + path.format(p=testimony.pseudonym, f=attachment.uuid)
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/sign-in/?next=")
    assert AccessEntry.objects.count() == 0


def test_staff_must_pass_the_second_factor_before_seeing_an_identity(testimony, alfa, bob) -> None:
    join(alfa, bob, "staff")
    client = signed_in_client(bob, verified=False)
    response = client.get(detail(testimony, reveal=True))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/two-step/")
    assert AccessEntry.objects.count() == 0


def test_the_stored_file_decrypts_to_what_staff_download(testimony, alice) -> None:
    attachment = testimony.attachments.get()
    with attachment.file.open("rb") as handle:
        stored = decrypt(handle.read())
    assert signed_in_client(alice).get(file_url(testimony)).content == stored


def test_the_list_gives_the_intake_link_to_share_with_workers(alfa, alice) -> None:
    page = signed_in_client(alice).get("/es/testimonies/centro-alfa/").content.decode()
    assert "http://testserver/es/testify/centro-alfa/" in page
