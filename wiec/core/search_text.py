"""How search reads Polish: folded letters and a light stemmer, the same for texts and queries.

PostgreSQL ships no Polish stemmer (its ``polish`` ispell dictionary is a separate
download a city's database rarely has), and SQLite none at all, so words are reduced
here, in Python, before they reach either database: both then compare the same stems,
and results do not depend on the database's extensions.

- **Folding**: Unicode NFKC, lower case, Polish diacritics removed (``ł`` → ``l``,
  ``ż`` → ``z``...), so "lawka" finds "ławka" and "ŁAWKA".
- **Stemming**: the longest of the common inflectional endings is cut off while at
  least three letters remain ("ławka", "ławki", "ławkę" → "lawk"; "parkach" → "park").
  Queries then match stems as prefixes ("park" finds "parkowy"). Alternations inside the
  stem (ławka/ławek, ręka/ręce) are not undone: a light stemmer's known limit, chosen
  over a dictionary we could not ship.
"""

from __future__ import annotations

import re
import unicodedata

_EXTRA_FOLDS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss"})
_WORD = re.compile(r"[a-z0-9]+")
MIN_STEM = 3

# Folded endings of Polish nouns, adjectives and verbs, longest first.
_ENDINGS = sorted(
    {
        "owaniami",
        "owaniach",
        "owaniem",
        "owania",
        "owanie",
        "owaniu",
        "aniami",
        "eniami",
        "aniach",
        "eniach",
        "aniem",
        "eniem",
        "ania",
        "enia",
        "anie",
        "enie",
        "aniu",
        "eniu",
        "iami",
        "ami",
        "iach",
        "ach",
        "iom",
        "om",
        "owie",
        "owi",
        "ow",
        "iow",
        "iego",
        "ego",
        "iemu",
        "emu",
        "ymi",
        "imi",
        "ych",
        "ich",
        "ej",
        "iej",
        "ym",
        "im",
        "iem",
        "em",
        "ie",
        "ia",
        "ii",
        "iu",
        "io",
        "a",
        "e",
        "i",
        "o",
        "u",
        "y",
    },
    key=len,
    reverse=True,
)


def fold(text: str) -> str:
    """Lower case without diacritics, compatibility forms unified (NFKC)."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """The word without its inflectional ending (``word`` already folded)."""
    if len(word) <= MIN_STEM or word.isdigit():
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def stems(text: str) -> list[str]:
    """Every word of ``text`` folded and stemmed, in order."""
    return [stem(word) for word in _WORD.findall(fold(text))]


def indexed(text: str) -> str:
    """The stems of ``text`` as stored: space-separated, with a space at each end."""
    words = stems(text)
    return f" {' '.join(words)} " if words else ""


def query_stems(query: str, limit: int = 8) -> list[str]:
    """The distinct stems of a query, in order, at most ``limit`` of them."""
    return list(dict.fromkeys(stems(query)))[:limit]
