"""What "the same" means for anything that becomes an identity or uniqueness key.

A key (an HMAC of a PESEL, of a name with a birth date and an address, an e-mail
address that must be unique, a hash of a printed code) is only as strong as the
text it is computed from: if two spellings a person would read as the same give two
keys, one person gets two accounts, two ballots, two applications.  So every key is
computed from the text this module returns, and from nothing else.

The rules, from the strictest to the loosest:

* ``ascii_digits``: where the law means digits (PESEL, art. 15 of the Act of 24
  September 2010 on the population register), only the ASCII digits 0-9 are digits.
  Spaces are stripped; anything else (full-width ``１``, Arabic-Indic ``١``,
  Devanagari ``१``, superscript ``¹``...) is *refused*, never converted: the person
  is told to type digits 0-9, and no second spelling of a number can ever exist.
* ``text``: Unicode NFKC (full-width and compatibility forms become plain ones),
  invisible format characters (zero-width spaces, soft hyphens, direction marks)
  removed, case folded, runs of whitespace collapsed to one space, ends stripped.
* ``person_text``, for names and addresses: ``text``, then also
  - diacritics dropped, the Polish ones included (``ł`` → ``l``), whether typed
    composed (``ó``) or decomposed (``o`` + combining acute);
  - Cyrillic and Greek letters drawn like Latin ones read as Latin (``А``
    Cyrillic = ``A`` Latin), after case folding so that case cannot matter: people
    read them as the same letter, and a name is never keyed twice by mixing them;
  - decimal digits of any script read as 0-9 (``Długa ٥`` = ``Długa 5``): an
    address is free text, not a number the law defines;
  - every run of characters that are neither letters nor digits (punctuation,
    dashes, dots, quotes) becomes one space.
  So ``DŁUGA  5``, ``Długa 5`` and ``dluga 5`` are the same, as are ``ul. Długa 5``
  and ``ul Długa 5``; but ``ul. Długa 5`` and ``Długa 5`` stay different (a word
  more is another text), and so do ``Długa 5`` and ``Długa 5a``.  Letters of other
  scripts are kept, never dropped, so two different Ukrainian names stay different.
* ``email``: ``text`` rules for the whole address (NFKC, format characters out,
  spaces stripped), the mailbox name in lower case (every provider a Polish
  resident uses treats it so; allauth does too), the domain as DNS reads it
  (IDNA: ``ＤＥＭＯ.pl`` and ``demo.PL`` are ``demo.pl``; ``xn--d-uga0v4h.pl``
  and ``ŁÓDŹ.pl`` are ``łódź.pl``).
* ``code``: printed codes (receipts, invitations, seat claims) in NFKC, upper
  case, keeping only ASCII letters and digits: ``k7qm 2xpa``, ``K7QM-2XPA`` and
  ``Ｋ７ＱＭ－２ＸＰＡ`` look up the same code.

The module imports no Django: errors carry a ``code`` for the caller to translate.
"""

from __future__ import annotations

import re
import unicodedata

ASCII_DIGITS = frozenset("0123456789")
_SPACES = re.compile(r"\s+")
# Cyrillic and Greek letters drawn like a Latin one, and Latin letters with a stroke
# (which do not decompose into a base letter and a mark), after case folding, so
# that the mapping cannot depend on case; a small letter reads as its capital does
# (Greek ν as N, like Ν).
_LOOKALIKES = str.maketrans(
    dict(
        zip(
            "авекмнорстухѕіјԁһԛԝαβεζηικμνορτυχłđøıɨ",
            "abekmhopctyxsijdhqwabezhikmnoptyxldoii",
            strict=True,
        )
    )
)


class KeyInputError(ValueError):
    """Input that cannot become a key; ``code`` says why, for the caller to translate."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _nfkc(value: str) -> str:
    value = unicodedata.normalize("NFKC", value)
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf")


def ascii_digits(value: str, *, length: int | None = None) -> str:
    """The ASCII digits of ``value`` with whitespace removed; refuse anything else.

    Raises ``KeyInputError`` with code ``not_ascii_digits`` when a character other
    than 0-9 (or whitespace) is present, ``length`` when there are not ``length``.
    """
    digits = _SPACES.sub("", value)
    if any(ch not in ASCII_DIGITS for ch in digits):
        raise KeyInputError("not_ascii_digits", "only the digits 0-9 are allowed")
    if length is not None and len(digits) != length:
        raise KeyInputError("length", f"exactly {length} digits are needed")
    return digits


def text(value: str) -> str:
    """NFKC, no invisible format characters, case folded, whitespace collapsed."""
    return _SPACES.sub(" ", _nfkc(value).casefold()).strip()


def _without_marks(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def person_text(value: str) -> str:
    """A name or an address as a person reads it (see the module's docstring)."""
    letters = _without_marks(_nfkc(value).casefold()).translate(_LOOKALIKES)
    kept: list[str] = []
    for ch in letters:
        category = unicodedata.category(ch)
        if category == "Nd":
            kept.append(str(unicodedata.decimal(ch)))
        elif category[0] in "LN":
            kept.append(ch)
        else:
            kept.append(" ")
    return _SPACES.sub(" ", "".join(kept)).strip()


def email(value: str) -> str:
    """An e-mail address as the mail system delivers it (see the module's docstring).

    Malformed input is returned normalised as far as possible; validating it is
    the form's job.
    """
    address = _SPACES.sub("", _nfkc(value))
    local, at, domain = address.rpartition("@")
    if not at:
        return _lower(address)
    # In lower case first: Python's codec reads ``XN--`` (capitals) as no ACE prefix,
    # and an address must read the same however often it is normalised.
    domain = _lower(domain)
    try:
        domain = domain.encode("idna").decode("ascii").encode("ascii").decode("idna")
    except UnicodeError:
        domain = _nfkc(domain.casefold())
    return f"{_lower(local)}@{_lower(domain)}"


def _lower(value: str) -> str:
    """Lower case that stays lower case and NFKC when done again."""
    return _SPACES.sub("", _nfkc(value.lower()))


def code(value: str) -> str:
    """A printed code: NFKC, upper case, ASCII letters and digits only."""
    return "".join(ch for ch in _nfkc(value).upper() if ch.isascii() and ch.isalnum())
