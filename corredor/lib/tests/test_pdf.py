"""PDFs never fetch a URL: a remote picture is skipped, never requested."""

from __future__ import annotations

from typing import Any
from unittest import mock

from pypdf import PdfReader

from corredor.lib.pdf import data_only_fetcher, render_pdf


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


def test_a_pdf_skips_a_remote_picture_and_embeds_a_data_one(settings: Any, tmp_path: Any) -> None:
    import base64
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(picture, format="PNG")
    inline = "data:image/png;base64," + base64.b64encode(picture.getvalue()).decode()
    (tmp_path / "page.html").write_text(
        f'<p>Hi</p><img src="http://127.0.0.1:9/x.png"><img src="{inline}">', encoding="utf-8"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with mock.patch("urllib.request.HTTPHandler.http_open") as http:
        pdf = render_pdf("page.html", {})
    http.assert_not_called()
    images = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert len(images) == 1  # the inline picture, not the remote one
