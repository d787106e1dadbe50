"""Content that people write in three languages, stored as FIELD_en, FIELD_es, FIELD_fr."""

from __future__ import annotations

from django.utils.translation import get_language


class Localized:
    """`title`, `summary`… in the active language, falling back to English."""

    def localized(self, field: str) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_en")

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def summary(self) -> str:
        return self.localized("summary")
