"""Two spellings a person reads as the same give the same key (wiec.core.normalise).

Property-based: hypothesis takes a PESEL, a name, an address, a date, an e-mail
address or a code, writes it the way people and keyboards do (case, extra
whitespace, full-width forms, decomposed diacritics, invisible characters,
compatibility letters) and checks that the key does not change, or, for a PESEL
typed in other than ASCII digits, that it is refused.
"""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from wiec.accounts import identity
from wiec.accounts.pesel import make_pesel
from wiec.core import normalise

PROPERTY = settings(max_examples=150, deadline=None)
POLISH_LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"
SPACES = [" ", "  ", "\t", "\u00a0", "\u3000", " \u2009"]
INVISIBLE = ["\u200b", "\u00ad", "\u200d", "\u2060", "\ufeff"]
# Compatibility forms NFKC reads as the plain letter.
COMPATIBLE = {"s": ["ſ"], "k": ["\u212a"], "fi": ["ﬁ"]}


def full_width(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


@st.composite
def respelled(draw, text: str, *, spaces: bool = True) -> str:
    """``text`` as someone might type it: same to a reader, other code points."""
    out = []
    for ch in text:
        if ch == " " and spaces:
            out.append(draw(st.sampled_from(SPACES)))
            continue
        form = draw(st.sampled_from(["same", "upper", "lower", "full", "nfd", "compat"]))
        if form == "upper":
            ch = ch.upper()
        elif form == "lower":
            ch = ch.lower()
        elif form == "full":
            ch = "".join(full_width(c) for c in ch)
        elif form == "nfd":
            ch = unicodedata.normalize("NFD", ch)
        elif form == "compat" and ch.lower() in COMPATIBLE:
            ch = draw(st.sampled_from(COMPATIBLE[ch.lower()]))
        out.append(ch)
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    result = "".join(out)
    if spaces:
        result = draw(st.sampled_from(["", " ", "\t"])) + result + draw(st.sampled_from(["", " "]))
    return result


words = st.text(alphabet=POLISH_LETTERS, min_size=1, max_size=12)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)
addresses = st.tuples(
    st.sampled_from(["ul. ", "al. ", "os. ", ""]), names, st.integers(1, 300)
).map(lambda t: f"{t[0]}{t[1]} {t[2]}")
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31))


@PROPERTY
@given(data=st.data(), name=names, address=addresses, born=dates)
def test_a_name_and_address_typed_differently_give_the_same_key(data, name, address, born):
    same_name = data.draw(respelled(name))
    same_address = data.draw(respelled(address))
    assert normalise.person_text(same_name) == normalise.person_text(name)
    assert identity.personal_data_key(same_name, born, same_address) == (
        identity.personal_data_key(name, born, address)
    )


@PROPERTY
@given(data=st.data(), born=dates, serial=st.integers(0, 999), sex=st.sampled_from("FM"))
def test_a_pesel_is_one_key_or_refused(data, born, serial, sex):
    pesel = make_pesel(born, serial, sex)
    key = identity.pesel_key(pesel)
    spaced = "".join(ch + data.draw(st.sampled_from(["", "", " "])) for ch in pesel)
    assert identity.pesel_key(f" {spaced} ") == key
    other_zero = data.draw(st.sampled_from(["０", "٠", "۰", "०", "০", "๐", "𝟎", "᠐"]))
    position = data.draw(st.integers(0, 10))
    typed = pesel[:position] + chr(ord(other_zero) + int(pesel[position])) + pesel[position + 1 :]
    with pytest.raises(ValueError):
        identity.pesel_key(typed)


@PROPERTY
@given(data=st.data(), born=dates)
def test_a_date_is_the_same_date_or_refused(data, born):
    text = data.draw(respelled(born.isoformat(), spaces=False))
    try:
        parsed = forms.DateField().clean(f" {text} ")
    except forms.ValidationError:
        return
    assert parsed == born


local_parts = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=1, max_size=16)
domains = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10),
    min_size=1,
    max_size=3,
).map(lambda labels: ".".join([*labels, "pl"]))


@PROPERTY
@given(data=st.data(), local=local_parts, domain=domains)
def test_an_email_address_typed_differently_is_the_same_address(data, local, domain):
    address = f"{local}@{domain}"
    typed = data.draw(respelled(address, spaces=False))
    assert normalise.email(typed) == normalise.email(address) == address


@PROPERTY
@given(
    data=st.data(), code=st.text(alphabet="ACDEFGHJKLMNPQRTUVWXY34679", min_size=10, max_size=10)
)
def test_a_printed_code_typed_differently_is_the_same_code(data, code):
    typed = data.draw(respelled(f"{code[:5]}-{code[5:]}"))
    assert normalise.code(typed) == code


def test_what_stays_different():
    read = normalise.person_text
    assert read("DŁUGA  5") == read("Długa 5") == read("dluga 5")
    assert read("ul. Długa 5") != read("Długa 5")
    assert read("Długa 5") != read("Długa 5a")
    assert read("Олена") != read("Олег")
    with pytest.raises(normalise.KeyInputError) as refused:
        normalise.ascii_digits("１２３")
    assert refused.value.code == "not_ascii_digits"


def test_an_internationalised_domain_has_one_spelling():
    assert normalise.email("Ala@xn--d-uga0v4h.pl") == normalise.email("ala@ŁÓDŹ.pl")
    assert normalise.email("ala@ŁÓDŹ.pl") == "ala@łódź.pl"
    # Capitals in the ACE prefix: read as the same domain, not left for a second pass.
    assert normalise.email("ALA@ŁÓDŹ.XN--VHQUV") == normalise.email("ala@łódź.企业")


@PROPERTY
@given(
    st.text()
    | st.emails().map(str.upper)
    | st.builds(lambda a, b: f"{a}@{b}", st.text(max_size=6), st.text(max_size=12))
)
def test_an_address_normalised_again_stays_the_same(address):
    """The form normalises the address and the account normalises it again on saving:
    were the two to differ, an address checked as free would be stored as a taken one."""
    once = normalise.email(address)
    assert normalise.email(once) == once
