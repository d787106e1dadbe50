"""PDFs never fetch a URL: a remote picture is skipped, never requested."""

from __future__ import annotations

from typing import Any
from unittest import mock

from corredor.lib.pdf import data_only_fetcher


def test_the_fetcher_refuses_every_url_but_data() -> None:
    fetcher = data_only_fetcher()
    with mock.patch("urllib.request.OpenerDirector.open") as opened:
        for url in ("http://127.0.0.1:8000/admin/", "file:///etc/passwd", "https://example.org/"):
            try:
                fetcher.fetch(url)
            except ValueError as refused:
                assert "disallowed protocol" in str(refused)
            else:  # pragma: no cover
                raise AssertionError(url)
        opened.assert_not_called()


def test_a_remote_picture_in_a_pdf_is_skipped(settings: Any, tmp_path: Any) -> None:
    from weasyprint import HTML

    with mock.patch("urllib.request.OpenerDirector.open") as opened:
        pdf = HTML(
            string='<p>Hi</p><img src="http://127.0.0.1:9/x.png">', url_fetcher=data_only_fetcher()
        ).write_pdf()
    assert pdf.startswith(b"%PDF")
    opened.assert_not_called()
