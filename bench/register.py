"""Register and accountability benchmark: 10,000 petitions and 100,000 events.

Run with `make bench-register` (PostgreSQL: set DATABASE_URL, e.g.
postgres://postgres@127.0.0.1:5432/corredor_bench; SQLite otherwise). It builds a throwaway
test database, generates petitions across the three mechanisms with 10 events each, stores
their derived fields and obligations the way `refresh_derived` does (in bulk), then requests
the register's first page (plain and with filters) and the accountability page 100 times
each and prints p50, p95, SQL queries and the ratio to the 150 ms target.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corredor.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PETITIONS = int(os.environ.get("BENCH_PETITIONS", "10000"))
EVENTS_PER_PETITION = 10
RUNS = int(os.environ.get("BENCH_RUNS", "100"))
TARGET_P95_MS = 150.0
TODAY = date(2026, 11, 24)

# Plausible event sequences per mechanism (the filing first), padded with supplements.
SEQUENCES = {
    ("naalc", "us-nao", "MX", date(1994, 1, 1), date(2020, 6, 1)): [
        "filed",
        "accepted_for_review",
        "hearing_held",
        "report_issued",
        "consultations_requested",
        "consultations_accepted",
        "ministerial_agreement",
    ],
    ("naalc", "mx-nao", "US", date(1994, 1, 1), date(2020, 6, 1)): ["filed", "report_issued"],
    ("usmca-23.11", "us-otla", "MX", date(2020, 7, 1), date(2026, 10, 1)): [
        "filed",
        "accepted_for_review",
        "review_completed",
    ],
    ("usmca-rrm", "us-ilc", "MX", date(2020, 7, 1), date(2026, 10, 1)): [
        "petition_filed",
        "review_requested",
        "review_agreed",
        "review_completed",
    ],
}


def main() -> None:
    setup_test_environment()
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        generate()
        print(
            f"{connection.vendor}: generated {PETITIONS:,} petitions and "
            f"{PETITIONS * EVENTS_PER_PETITION:,} events in {time.perf_counter() - started:.0f} s"
        )
        settle()
        measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def generate() -> None:
    import time_machine

    from corredor.petitions import actions
    from corredor.petitions.choices import Visibility
    from corredor.petitions.models import Petition, PetitionEvent

    rng = random.Random(1994)  # noqa: S311 (repeatable test data, not security)
    kinds = list(SEQUENCES.items())
    petitions = []
    plans = []
    for number in range(PETITIONS):
        (mechanism, office, against, first, last), sequence = kinds[number % len(kinds)]
        filed = first + timedelta(days=rng.randrange((last - first).days))
        steps = sequence[: rng.randint(1, len(sequence))]
        day = filed
        events = []
        for code in steps:
            events.append((code, day))
            day += timedelta(days=rng.randint(5, 200))
        while len(events) < EVENTS_PER_PETITION:
            events.append(("supplement_filed", filed + timedelta(days=rng.randint(1, 2000))))
        petitions.append(
            Petition(
                reference=f"BENCH {number:05d}",
                slug=f"bench-{number:05d}",
                mechanism=mechanism,
                office=office,
                against_country=against,
                principles=["1", "6"] if mechanism == "naalc" else [],
                principle_keys="|1|6|" if mechanism == "naalc" else "",
                title_en=f"Benchmark petition {number}",
                visibility=Visibility.PUBLIC,
            )
        )
        plans.append(events)
    for petition in petitions:
        petition.search_text = petition.search_document()
    Petition.objects.bulk_create(petitions, batch_size=1000)
    saved = list(Petition.objects.order_by("reference"))
    PetitionEvent.objects.bulk_create(
        (
            PetitionEvent(petition=petition, code=code, date=on)
            for petition, events in zip(saved, plans, strict=True)
            for code, on in events
        ),
        batch_size=5000,
    )
    with time_machine.travel(TODAY, tick=False):
        for petition in saved:
            actions.refresh_derived(petition, TODAY)


def settle() -> None:
    """Measure a database at rest, as in production: statistics up to date, no autovacuum
    catching up with the bulk load, and the generator's garbage collected."""
    import gc

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    gc.collect()
    # As `corredor serve` does in each worker: objects alive at start-up (modules, templates,
    # the rulebook) move out of the collector's way, so full collections stay short.
    gc.freeze()


def measure() -> None:
    import time_machine
    from django.test import Client

    client = Client()
    pages = [
        ("register, first page", "/en/petitions/"),
        (
            "register, filtered",
            "/en/petitions/?agreement=naalc&office=us-nao&principle=6&overdue=on",
        ),
        ("register, text search", "/es/petitions/?q=Benchmark+petition+12"),
        ("accountability", "/en/accountability/"),
    ]
    print(f"{'page':<24}{'p50 ms':>8}{'p95 ms':>8}{'target':>8}{'ratio':>7}{'queries':>9}")
    failed = False
    with time_machine.travel(TODAY, tick=False):
        for name, url in pages:
            client.get(url)
            timings = []
            for _ in range(RUNS):
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    sys.exit(f"{url} answered {response.status_code}")
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            p50 = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[-1]
            ratio = p95 / TARGET_P95_MS
            failed |= ratio > 1
            print(
                f"{name:<24}{p50:>8.1f}{p95:>8.1f}{TARGET_P95_MS:>8.0f}{ratio:>7.2f}{len(queries):>9}"
            )
    if failed:
        print("A page missed its target.")
        sys.exit(1)


if __name__ == "__main__":
    main()
