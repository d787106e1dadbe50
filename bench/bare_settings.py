"""Settings for `bench/signons.py`: Corredor's own, plus one bare view to compare against.

Only the URL configuration differs, so the bare view runs behind the same middleware, in the
same gunicorn workers, with the same database connections as the sign-on views."""

from __future__ import annotations

from corredor.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare"
