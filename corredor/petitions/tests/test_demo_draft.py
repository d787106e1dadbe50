"""The demonstration draft: loaded once, with an out-of-date translation to show."""

from __future__ import annotations

import pytest

from corredor.accounts.models import Organization, User
from corredor.petitions import drafting, versions
from corredor.petitions.demo import load_demo_draft
from corredor.signons.tests.conftest import make_letter

pytestmark = pytest.mark.django_db


def test_the_demo_draft_is_loaded_once_and_shows_a_translation_to_update(
    alice: User, alfa: Organization
) -> None:
    make_letter(alfa)
    draft = load_demo_draft(alfa, alice)
    assert draft is not None
    assert load_demo_draft(alfa, alice) is None
    state = versions.translation_state(drafting.texts_of(draft), "facts", "en", "es")
    assert state == versions.NEEDS_UPDATE
    assert draft.exhibits.get().letter is not None
    assert draft.comments.count() == 1
