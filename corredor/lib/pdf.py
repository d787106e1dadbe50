"""PDF rendering with WeasyPrint, from a template and a stylesheet of our own.

The stylesheet is read from the static files on disk and no URL is ever fetched: a PDF never
makes the server call itself or any third party (the fetcher refuses every URL)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string


class NoFetching(ValueError):
    pass


def refuse_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise NoFetching(f"PDF rendering does not fetch {url}")


def stylesheet(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    with open(found, encoding="utf-8") as handle:
        return handle.read()


def render_pdf(
    template: str, context: dict[str, Any], request: HttpRequest | None = None,
    css: str = "corredor/print.css",
) -> bytes:  # fmt: skip
    from weasyprint import CSS, HTML  # imported here: loading pango is slow at start-up

    html = render_to_string(template, context, request=request)
    document = HTML(string=html, url_fetcher=refuse_fetch)
    return document.write_pdf(stylesheets=[CSS(string=stylesheet(css), url_fetcher=refuse_fetch)])
