"""Polish alphabetical order, the same on SQLite and PostgreSQL.

Python compares code points, so "Łąka" comes after "Zieleń" (Ł is U+0141); a
database orders by its collation, and SQLite has no Polish one.  People expect the
Polish alphabet (PN-ISO/IEC 14651 as ICU's "pl" applies it): a ą b c ć d e ę f g h
i j k l ł m n ń o ó p q r s ś t u v w x y z ź ż, letters before case, spaces
before letters, digits before both, punctuation ignored unless everything else ties.

:func:`polish_key` gives a key for ``sorted``; lists a person reads (proposals,
projects on a ballot) sort with it in Python.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db import models

ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_RANK = {letter: 100 + i for i, letter in enumerate(ALPHABET)}
# q, v and x are not Polish letters but Polish words borrow them.
_RANK.update({"q": _RANK["p"] + 0.5, "v": _RANK["u"] + 0.5, "x": _RANK["w"] + 0.5})
SPACE = 1
DIGIT = 10


def _primary(char: str) -> float | None:
    """A character's place in the order; None for one ignored (punctuation)."""
    if char in _RANK:
        return _RANK[char]
    if char.isspace():
        return SPACE
    if char.isdecimal():
        return DIGIT + unicodedata.decimal(char)
    base = unicodedata.normalize("NFKD", char)[:1]
    if base in _RANK:  # é, ü, č: the letter without its mark (not Polish marks)
        return _RANK[base]
    if char.isalnum():
        return 1000 + ord(char)  # other scripts after the Latin alphabet
    return None


def polish_key(text: str) -> tuple:
    """A key that sorts ``text`` in Polish alphabetical order.

    Compared first by letters (``ł`` after ``l``, ``ż`` last), then, when two texts
    have the same letters, lower case before upper case, then by the raw text so
    that the order is total.
    """
    text = unicodedata.normalize("NFC", text or "")
    folded = text.casefold()
    primary: list[float] = []
    for char in folded:
        rank = _primary(char)
        if rank is None or (rank == SPACE and primary[-1:] == [SPACE]):
            continue
        primary.append(rank)
    while primary and primary[-1] == SPACE:
        primary.pop()
    while primary and primary[0] == SPACE:
        primary.pop(0)
    case = tuple(char.isupper() for char in text if char.isalpha())
    return (tuple(primary), case, text)


_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"
#: Three base-36 characters a letter; a rank past them (rare scripts) shares the last.
_KEY_WIDTH, _KEY_MAX = 3, 36**3 - 1


def polish_sort_key(text: str) -> str:
    """:func:`polish_key`'s letters as a string a database column can order by.

    Each character's place becomes three characters 0–9 and a–z, so the string sorts
    the same byte by byte and under any locale's collation (no letters of one case
    only, no punctuation to be ignored): an index on it reads a list in Polish order.
    Texts with the same letters tie (the caller breaks the tie, by id).
    """
    out = []
    for rank in polish_key(text)[0]:
        n = min(int(rank * 2), _KEY_MAX)
        out.append(_DIGITS36[n // 1296] + _DIGITS36[n // 36 % 36] + _DIGITS36[n % 36])
    return "".join(out)


class PolishSortKeyField(models.CharField):
    """A column holding :func:`polish_sort_key` of another field (``source``), set on
    every save and bulk insert, so that ordering by it follows the Polish alphabet."""

    def __init__(self, *args: Any, source: str = "title", **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = polish_sort_key(getattr(model_instance, self.source) or "")[: self.max_length]
        setattr(model_instance, self.attname, value)
        return value
