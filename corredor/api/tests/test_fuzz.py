"""The whole API, fuzzed from its own OpenAPI schema: whatever a client sends, no route answers
with a server error, and every answer has a status code, content type, headers and body that
the schema documents. Runs in-process against the WSGI application, on the test database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, ClassVar

import pytest
import schemathesis
from cryptography.fernet import Fernet
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from ninja.responses import NinjaJSONEncoder
from schemathesis import AuthContext, Case, HookContext
from schemathesis.checks import CheckFunction, positive_data_acceptance
from schemathesis.schemas import BaseSchema

from corredor.accounts import actions as accounts
from corredor.accounts.models import Organization, User
from corredor.api.api import api
from corredor.petitions.choices import Visibility
from corredor.petitions.tests.conftest import file_petition, pilots_petition
from corredor.signons.forms import HONEYPOT
from corredor.signons.tests.conftest import TODAY, make_letter
from corredor.testimonies.tests.conftest import give


def _served_schema() -> BaseSchema:
    """The document /api/v1/openapi.json serves, bound to the WSGI application.

    Built in-process rather than through `schemathesis.pytest.from_fixture`, whose lazy loader
    breaks on pytest 9.2 (it writes `Function._nodeid`, which pytest no longer has)."""
    document = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


schema = _served_schema()


class Known:
    """What `world` made for the test at hand: Alice's token, and the path parameters of real
    records, so that the fuzzer reaches past 404 (a public letter open for signing, a closed
    one, an internal one; a public and an internal petition; a testimony)."""

    token = ""
    path_parameters: ClassVar[dict[str, list[str]]] = {}


@schema.auth(refresh_interval=None)
class AlicesToken:
    """Alice's token on every request but those that leave it out on purpose (schemathesis
    also asks a token route without one and expects a 401)."""

    def get(self, case: Case, context: AuthContext) -> str:
        return Known.token

    def set(self, case: Case, data: str, context: AuthContext) -> None:
        case.headers["Authorization"] = f"Bearer {data}"


@schema.hook
def flatmap_path_parameters(
    context: HookContext, path_parameters: dict[str, Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """The generated parameters, or one swapped for a real record's."""
    real = [
        {**path_parameters, name: value}
        for name in path_parameters or {}
        for value in Known.path_parameters.get(name, [])
    ]
    return st.sampled_from([path_parameters, *real])


@schema.hook
def filter_body(context: HookContext, body: Any) -> bool:
    """People leave the honeypot empty. Whatever fills it is answered 202 and dropped, valid
    or not, so that a bot learns nothing (corredor/signons tests that)."""
    return not (isinstance(body, dict) and body.get(HONEYPOT))


@pytest.fixture
def _connection_kept_open() -> Iterator[None]:
    """As Django's test client does, keep a request from closing the database connection at
    its end: the WSGI application would close the test's own, in the middle of its
    transaction (PostgreSQL; SQLite's in-memory database is never closed)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def world(
    settings: Any,
    time_machine: Any,
    alfa: Organization,
    alice: User,
    _connection_kept_open: None,
) -> None:
    """Something behind every route, and a token of Alice, admin of Centro Alfa."""
    time_machine.move_to("2026-11-24 15:00:00+00:00", tick=False)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # the client's Host
    settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]
    # Every generated signature counts against the limit; the limit is not what is tested here.
    settings.SIGNON_RATE_LIMIT = 1_000_000
    letters = [
        make_letter(alfa),
        make_letter(
            alfa,
            slug="closed-letter",
            opens_on=TODAY - timedelta(days=60),
            closes_on=TODAY - timedelta(days=30),
        ),
        make_letter(alfa, slug="internal-letter", visibility=Visibility.INTERNAL),
    ]
    petitions = [
        pilots_petition(principles=["1"]),
        file_petition("RRM Fresh 1", filed_on=TODAY - timedelta(days=27)),
        file_petition(
            "RRM Alfa 1",
            filed_on=date(2026, 10, 31),
            organization=alfa,
            actor=alice,
            visibility=Visibility.INTERNAL,
        ),
    ]
    testimony = give(alfa, "contact").testimony
    _token, Known.token = accounts.create_api_token(alice, "fuzz")
    Known.path_parameters = {
        "slug": [letter.slug for letter in letters],
        "reference": [p.reference for p in petitions] + [petitions[0].slug],
        "pseudonym": [testimony.pseudonym],
    }


# Checks left out, each for one operation and why; everything else is checked everywhere.
EXCLUDED: dict[str, list[CheckFunction]] = {
    # A body that fits the schema may still be refused with a documented 422: whether the
    # letter takes organizations, individuals or both, and Django's rules for a web address
    # or a name of only spaces, are more than JSON Schema can say.
    "POST /api/v1/letters/{slug}/signatures": [positive_data_acceptance],
}


@schema.parametrize()
@hypothesis_settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    # `world` is made once per operation and shared by its examples, on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_every_route_answers_as_its_schema_says(case: Case, world: None) -> None:
    case.call_and_validate(excluded_checks=EXCLUDED.get(case.operation.label, []))
