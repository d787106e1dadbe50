"""Limit and offset for the API's lists, bounded so that any value a client may send fits in
the database's integers: an unbounded offset of 10^20 reached SQLite and PostgreSQL as is,
and came back as a server error instead of a 422."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination

# Any offset plus any limit stays below the largest 64-bit integer the databases take.
LARGEST = 2**31 - 1


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=LARGEST)
        offset: int = Field(0, ge=0, le=LARGEST)
