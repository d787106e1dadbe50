from __future__ import annotations

import re

from django.conf import settings
from django.core import mail
from django.urls import reverse

from corredor.accounts.models import User


def test_the_reset_email_is_in_the_account_holders_language(client, charlie) -> None:
    response = client.post("/en/account/reset/", {"email": charlie.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "/fr/account/reset/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db) -> None:
    response = client.post("/en/account/reset/", {"email": "nobody@nowhere.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_the_link_sets_a_new_password(client, bob) -> None:
    client.post("/en/account/reset/", {"email": bob.email})
    url = re.search(r"http://\S+", mail.outbox[-1].body).group(0).removeprefix(settings.SITE_URL)
    form_page = client.get(url, follow=True)
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-secret-42", "new_password2": "brand-new-secret-42"},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=bob.pk).check_password("brand-new-secret-42")
