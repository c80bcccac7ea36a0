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
