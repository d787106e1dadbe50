"""The public pages: three languages, a switcher that keeps your place, safe headers."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.urls import path
from django.utils import translation

from corredor import urls as corredor_urls

LANGUAGES = ["en", "es", "fr"]


def test_a_first_visit_picks_the_language_from_the_browser(client, db) -> None:
    response = client.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_a_browser_asking_for_mexican_spanish_gets_spanish(client, db) -> None:
    response = client.get("/", headers={"Accept-Language": "es-MX"})
    assert response["Location"] == "/es/"


def test_an_unsupported_language_falls_back_to_english(client, db) -> None:
    response = client.get("/", headers={"Accept-Language": "de-DE"})
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_is_served_in_each_language(client, db, language: str) -> None:
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        heading = translation.gettext("Labor rights across the trade corridor")
    assert heading in html


def test_the_language_switcher_keeps_you_on_the_same_page(client, db) -> None:
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/en/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/es/about/"
    assert client.cookies["django_language"].value == "es"


def test_every_page_offers_every_language(client, db) -> None:
    html = client.get("/en/about/").content.decode()
    for code in LANGUAGES:
        assert f'name="language" value="{code}"' in html
    assert '<input type="hidden" name="next" value="/en/about/">' in html


def test_pages_have_a_skip_link_and_landmarks(client, db) -> None:
    html = client.get("/en/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<nav " in html
    assert "<footer" in html


def test_the_content_security_policy_forbids_inline_code_and_other_hosts(client, db) -> None:
    policy = client.get("/en/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_request_nothing_from_another_host(client, db) -> None:
    for url in ["/en/", "/es/about/", "/fr/account/sign-in/", "/en/account/reset/"]:
        html = client.get(url).content.decode()
        # Links may point elsewhere; what the browser loads by itself may not.
        fetched = re.findall(r'src="(?:https?:)?//[^"]*"|<link[^>]+href="(?:https?:)?//', html)
        assert fetched == [], url
        assert "style=" not in html, url
        assert "<script>" not in html, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_404_page_is_translated(client, db, language: str) -> None:
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    with translation.override(language):
        assert translation.gettext("Page not found") in response.content.decode()


def _boom(request):
    raise RuntimeError("alice@alfa.example must never be shown")


urlpatterns = [*corredor_urls.urlpatterns, path("boom/", _boom)]
handler500 = corredor_urls.handler500


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_500_page_is_translated_and_leaks_nothing(db, language: str) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", headers={"Accept-Language": language})
    assert response.status_code == 500
    html = response.content.decode()
    with translation.override(language):
        assert translation.gettext("Something went wrong") in html
    assert "alice@" not in html
    assert "Traceback" not in html


def test_the_about_page_explains_the_mechanisms(client, db) -> None:
    html = client.get("/en/about/").content.decode()
    assert "North American Agreement on Labor Cooperation" in html
    assert "Rapid Response Labor Mechanism" in html


def test_the_footer_links_to_the_source_code_when_the_operator_set_it(client, db, settings) -> None:
    settings.SOURCE_CODE_URL = "https://code.example/corredor"
    assert 'href="https://code.example/corredor"' in client.get("/en/").content.decode()
    settings.SOURCE_CODE_URL = ""
    assert "/en/about/#free-software" in client.get("/en/").content.decode()
