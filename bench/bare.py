"""URLs for `bench/signons.py`: Corredor's, plus two views to compare signing against:
/bench/bare/ does nothing; /bench/write/ stores one row, the least any view must do that
keeps what it acknowledges."""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from corredor.lib.models import RateAttempt
from corredor.urls import handler500
from corredor.urls import urlpatterns as corredor_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def write(request: HttpRequest) -> HttpResponse:
    """One INSERT, committed (autocommit) before the answer: a rate-limit attempt in a scope
    of its own, so that signing's limit is untouched."""
    RateAttempt.objects.create(scope="bench-write", key=os.urandom(16).hex())
    return HttpResponse("stored", content_type="text/plain", status=201)


urlpatterns = [path("bench/bare/", bare), path("bench/write/", write), *corredor_urlpatterns]
