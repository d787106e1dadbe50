"""Encryption at rest for what workers tell us (Fernet: AES-128-CBC with HMAC-SHA256).

Keys come from settings.TESTIMONY_KEYS, newest first, never from the database: new data is
encrypted with the first key and any listed key decrypts, so keys rotate without downtime
(`corredor rotate-keys`). A database dump alone reveals nothing but ciphertext."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

__all__ = [
    "EncryptedTextField",
    "InvalidToken",
    "decrypt",
    "delete_on_commit",
    "encrypt",
    "read_file",
    "rotate",
    "save_file",
]


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ValueError("TESTIMONY_KEYS is empty: no key to encrypt testimonies with.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.TESTIMONY_KEYS))


def encrypt(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    return fernet().decrypt(token)


def rotate(token: bytes) -> bytes:
    """The same data, encrypted again under the newest key."""
    return fernet().rotate(token)


def save_file(file: FieldFile, name: str, content: bytes) -> None:
    """Store `content` encrypted as the file of `file`'s row (the row itself is not saved).
    `name` is all the storage sees: never a worker's file name."""
    file.save(name, ContentFile(encrypt(content)), save=False)


def read_file(file: FieldFile) -> bytes:
    """The decrypted content of a file stored by `save_file`."""
    with file.open("rb") as handle:
        return decrypt(handle.read())


def delete_on_commit(file: FieldFile) -> None:
    """Delete the file `file` names now from its storage once the transaction commits, so a
    rollback keeps the file its row still points to."""
    name, storage = file.name, file.storage
    transaction.on_commit(lambda: storage.delete(name))


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; empty text stays empty. It cannot be searched or
    filtered in SQL, by design."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        if not value:
            return ""
        return decrypt(value.encode("ascii")).decode("utf-8")

    def get_prep_value(self, value: Any) -> str:
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(str(value).encode("utf-8")).decode("ascii")
