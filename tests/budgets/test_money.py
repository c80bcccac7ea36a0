import pytest
from django.core.exceptions import ValidationError

from wiec.budgets.money import format_pln, parse_pln


def test_format_pln():
    assert format_pln(125_000_000) == "1 250 000,00 zł"
    assert format_pln(5) == "0,05 zł"
    assert format_pln(-1050) == "-10,50 zł"


@pytest.mark.parametrize(
    "text, grosze",
    [("1 250,50", 125050), ("1250.5", 125050), ("12 500 zł", 1250000), ("0", 0), ("-3", -300)],
)
def test_parse_pln(text, grosze):
    assert parse_pln(text) == grosze


def test_parse_pln_refuses_words():
    with pytest.raises(ValidationError):
        parse_pln("dużo")


@pytest.mark.parametrize("text", ["١٢", "１２", "²"])
def test_parse_pln_takes_only_ascii_digits(text):
    with pytest.raises(ValidationError):
        parse_pln(text)


@pytest.mark.parametrize("text", ["9" * 18, "9" * 40, "-" + "9" * 18, "92233720368547758,08"])
def test_parse_pln_refuses_amounts_no_column_holds(text):
    with pytest.raises(ValidationError) as info:
        parse_pln(text)
    assert info.value.code in {"amount_too_large", "invalid_amount"}


def test_parse_pln_takes_the_largest_amount_a_column_holds():
    assert parse_pln("92233720368547758,07") == 2**63 - 1
