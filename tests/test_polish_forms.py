"""Polish that addresses everyone: no second-person forms that assume a man ("poparłeś",
"jesteś zalogowany") or that split the reader in two ("zgłosiłeś/zgłosiłaś",
"wylosowany(-a)"); neutral wording instead ("Twoje poparcie zostało zapisane"). One
spelling per term ("niewybrany"), and no English left in the Polish interface."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("wiec/**/locale/pl/LC_MESSAGES/django.po"))

GENDERED = [
    # Past tense, second person singular: poparłeś, głosowałaś, mógłbyś, zgłosiłabyś.
    re.compile(r"\w+ł[ae]?(?:by)?ś\b", re.IGNORECASE),
    # A participle that describes "you": jesteś zalogowany, zostaniesz wylosowany.
    re.compile(
        r"\b(?:jesteś|zostaniesz|będziesz|byłeś|byłaś|zostałeś|zostałaś)\s+\w+(?:ny|ty|na|ta)\b",
        re.IGNORECASE,
    ),
    # Both genders spelt out: wylosowany(-a), otrzymałeś(-aś), sam/sama.
    re.compile(r"\(-?a[śs]?\)|\bsam/sama\b", re.IGNORECASE),
]
SPELLINGS = {
    # One spelling per term: "niewybrany" (an adjective, written as one word).
    # The adjective only: "nie wybrano" (an impersonal verb) is right as two words.
    re.compile(r"\bnie\s+wybran(?:y|a|e|i|ych|ego|ej|ym|ymi)\b", re.IGNORECASE): "niewybrany",
}


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip())


def entries(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a catalogue, plural forms joined, the header left out."""
    found: list[tuple[str, str]] = []
    msgid, msgstr, current = [], [], None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#~"):
            continue
        if line.startswith(("msgid ", "msgid_plural ")):
            if current == "msgstr":
                found.append(("".join(msgid), "".join(msgstr)))
                msgid, msgstr = [], []
            current = "msgid"
            msgid.append(_unquote(line.split(" ", 1)[1]))
        elif line.startswith("msgstr"):
            current = "msgstr"
            msgstr.append(" " + _unquote(line.split(" ", 1)[1]))
        elif line.startswith('"'):
            (msgid if current == "msgid" else msgstr).append(_unquote(line))
        elif line.startswith("msgctxt"):
            if current == "msgstr":
                found.append(("".join(msgid), "".join(msgstr)))
                msgid, msgstr = [], []
            current = None
    if current == "msgstr":
        found.append(("".join(msgid), "".join(msgstr)))
    return [(i, s.strip()) for i, s in found if i]


def polish_texts() -> list[tuple[str, str]]:
    """Every Polish text of the interface: catalogue entries, and the engines' own
    Polish explanations (wiec/tally has no Django, so it carries both languages)."""
    texts = [
        (f"{path.relative_to(ROOT)}: {msgid!r}", msgstr)
        for path in CATALOGUES
        for msgid, msgstr in entries(path)
    ]
    from wiec.tally import explain

    texts += [
        (f"wiec/tally/explain.py: {key}", pl) for key, (pl, _en) in explain._TEMPLATES.items()
    ]
    return texts


def test_the_catalogues_are_found_and_read():
    assert len(CATALOGUES) >= 4
    assert any(
        msgid == "Main navigation"
        for msgid, _s in entries(ROOT / "wiec/locale/pl/LC_MESSAGES/django.po")
    )


@pytest.mark.parametrize("pattern", GENDERED, ids=["past", "participle", "both-spelt"])
def test_polish_addresses_everyone(pattern):
    gendered = [f"{where} → {text}" for where, text in polish_texts() if pattern.search(text)]
    assert gendered == []


@pytest.mark.parametrize(
    "text",
    [
        "Już poparłeś ten projekt.",
        "Jesteś zalogowany.",
        "Odrzuciłaś zmiany.",
        "Czy mógłbyś",
        "jeśli zostaniesz wylosowany(-a)",
        "Sprawdź sam/sama",
    ],
)
def test_the_patterns_catch_gendered_forms(text):
    assert any(p.search(text) for p in GENDERED)


@pytest.mark.parametrize(
    "text",
    [
        "Twoje poparcie zostało zapisane.",
        "Podnieś maksimum",
        "Zmiany zostały odrzucone.",
        "Wyślemy Ci wiadomość",
        "ten sam panel",
        "Twój głos został zapisany.",
    ],
)
def test_the_patterns_leave_neutral_wording_alone(text):
    assert not any(p.search(text) for p in GENDERED)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [("Nie wybrany: 12 głosów", True), ("projekty nie wybrane", True), ("nie wybrano", False)],
)
def test_the_spelling_pattern(text, wrong):
    assert any(p.search(text) for p in SPELLINGS) is wrong


def test_one_spelling_per_term():
    wrong = [
        f"{where} → {text} (write {right!r})"
        for where, text in polish_texts()
        for pattern, right in SPELLINGS.items()
        if pattern.search(text)
    ]
    assert wrong == []


ENGLISH = re.compile(r"\b(?:the|and|of|is|are|your|you|with|for|not|this|please)\b", re.IGNORECASE)


def test_no_english_left_in_the_polish_interface():
    left = [
        f"{where} → {text}"
        for where, text in polish_texts()
        if ENGLISH.search(re.sub(r"<[^>]+>|%\(\w+\)[sd]|\{\w+\}|https?://\S+", "", text))
    ]
    assert left == []


def test_allauth_strings_the_site_shows_are_worded_for_everyone():
    """Our catalogue comes before allauth's, so its neutral Polish is what people read."""
    from django.utils import translation

    from wiec.accounts.allauth_wording import ALLAUTH_STRINGS

    with translation.override("pl"):
        shown = [translation.gettext(s) for s in ALLAUTH_STRINGS]
    assert "Nie pamiętasz hasła?" in shown
    assert [s for s in shown if any(p.search(s) for p in GENDERED)] == []
