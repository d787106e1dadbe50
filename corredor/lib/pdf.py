"""PDF rendering with WeasyPrint, from a template and a stylesheet of our own.

The stylesheet is read from the static files on disk and no URL is ever fetched: a PDF never
makes the server call itself or any third party. Only `data:` URIs (pictures embedded in the
HTML itself, as filing packages do) are read; every other URL is refused, logged by
WeasyPrint and skipped."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string


def stylesheet(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    with open(found, encoding="utf-8") as handle:
        return handle.read()


def data_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that reads `data:` URIs and refuses every other URL."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))


def render_document(html: str, stylesheets: Iterable[str]) -> Any:
    """WeasyPrint's layout of `html` with `stylesheets` (CSS text, not paths), fetching
    nothing but `data:` URIs: its pages, for callers that need them, and `write_pdf()`."""
    from weasyprint import CSS, HTML  # imported here: loading pango is slow at start-up

    fetcher = data_only_fetcher()
    return HTML(string=html, url_fetcher=fetcher).render(
        stylesheets=[CSS(string=css, url_fetcher=fetcher) for css in stylesheets]
    )


def render_pdf(
    template: str, context: dict[str, Any], request: HttpRequest | None = None,
    css: str = "corredor/print.css",
) -> bytes:  # fmt: skip
    html = render_to_string(template, context, request=request)
    return render_document(html, [stylesheet(css)]).write_pdf()
