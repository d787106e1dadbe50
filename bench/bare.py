"""URLs for `bench/signons.py`: Corredor's, plus /bench/bare/, a view that does nothing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from corredor.urls import handler500
from corredor.urls import urlpatterns as corredor_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *corredor_urlpatterns]
