from __future__ import annotations

from datetime import date

from django import template

from corredor.petitions.presenters import precise_date as _precise_date

register = template.Library()


@register.filter
def precise_date(day: date | None, precision: str = "day") -> str:
    return _precise_date(day, precision) if day else ""
