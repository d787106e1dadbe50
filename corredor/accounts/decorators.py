from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from corredor.accounts.permissions import requires_second_factor

View = Callable[..., HttpResponse]


def second_factor_url(request: HttpRequest, next_url: str) -> str:
    """Where a signed-in admin or staff user proves their second factor (or sets one up)."""
    from django_otp import user_has_device

    name = (
        "accounts:two_factor_verify"
        if user_has_device(request.user)
        else "accounts:two_factor_setup"
    )
    return reverse(name) + "?" + urlencode({"next": next_url})


def signed_in(view: View) -> View:
    """Require a signed-in user, and a verified second factor for admins and staff.

    Every page behind sign-in uses this, so no admin or staff page opens before the
    second factor does.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if requires_second_factor(request.user) and not request.user.is_verified():
            return HttpResponseRedirect(second_factor_url(request, request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper
