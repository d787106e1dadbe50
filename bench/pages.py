"""Page benchmark: server time and weight of the foundation's pages.

Run with `make bench`. It builds a throwaway SQLite database (or uses DATABASE_URL's server
with a fresh test database), creates an organization with 50 members, renders each page
200 times through Django's full request stack in one process, and prints p50 and p95 server
times, SQL queries per request, and page weight (HTML bytes, gzip bytes) against the targets.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corredor.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RUNS = 200
TARGET_P95_MS = 150.0
TARGET_GZIP_BYTES = 14_000  # one TCP initial window, so the page arrives in one round trip


def main() -> None:
    setup_test_environment()
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from corredor.accounts import actions
    from corredor.accounts.models import Membership, User

    admin = User.objects.create_user("admin@bench.example", "x" * 12, full_name="Admin")
    org = actions.create_organization(
        admin, slug="bench", name="Bench Center", country="US", kind="union"
    )
    for i in range(50):
        user = User.objects.create_user(f"m{i}@bench.example", None, full_name=f"Member {i}")
        Membership.objects.create(user=user, organization=org, role="member")
    device = TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)

    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(admin)
    session = signed_in.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    pages = [
        ("home (es)", anonymous, "/es/"),
        ("about (fr)", anonymous, "/fr/about/"),
        ("sign-in (en)", anonymous, "/en/account/sign-in/"),
        ("organization, 51 members", signed_in, "/en/organizations/bench/"),
        ("account", signed_in, "/en/account/"),
    ]
    print(
        f"{'page':<28}{'p50 ms':>8}{'p95 ms':>8}{'target':>8}{'queries':>9}"
        f"{'HTML B':>9}{'gzip B':>8}{'ratio':>7}"
    )
    failed = False
    for name, client, url in pages:
        client.get(url)  # warm caches and template loading
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url).content
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        zipped = len(gzip.compress(body))
        ratio = p95 / TARGET_P95_MS
        failed |= ratio > 1 or zipped > TARGET_GZIP_BYTES
        print(
            f"{name:<28}{p50:>8.1f}{p95:>8.1f}{TARGET_P95_MS:>8.0f}{len(queries):>9}"
            f"{len(body):>9}{zipped:>8}{ratio:>7.2f}"
        )
    print(
        f"\nratio = p95 / {TARGET_P95_MS:.0f} ms target; pages must also stay under "
        f"{TARGET_GZIP_BYTES} bytes gzipped."
    )
    if failed:
        print("A page missed its target.")
        sys.exit(1)


if __name__ == "__main__":
    main()
