"""Limit and offset for the API's lists. A page holds at most MAX_LIMIT items, so that no
caller, signed in or not, takes a whole register in one answer; the offset is bounded so that
any value a client may send fits in the database's integers: an unbounded offset of 10^20
reached SQLite and PostgreSQL as is, and came back as a server error instead of a 422."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
# Any offset plus any limit stays below the largest 64-bit integer the databases take.
LARGEST = 2**31 - 1


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=LARGEST)


class Serialized:
    """The rows of `queryset` as `serialize` turns them out, one page at a time: the paginator
    counts the query and slices it, so only the rows of the page asked for are read and
    serialized."""

    def __init__(self, queryset: QuerySet, serialize: Callable[[Any], Any]) -> None:
        self.queryset, self.serialize = queryset, serialize

    def __len__(self) -> int:
        return self.queryset.count()

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice) -> list[Any]:
        return [self.serialize(row) for row in self.queryset[page]]
