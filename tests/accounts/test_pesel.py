import datetime

import pytest

from wiec.accounts.identity import personal_data_key, pesel_key
from wiec.accounts.pesel import has_valid_checksum, make_pesel, read_pesel, with_check_digit


@pytest.mark.parametrize(
    ("pesel", "born", "sex"),
    [
        ("44051401359", datetime.date(1944, 5, 14), "M"),
        ("02070803628", datetime.date(1902, 7, 8), "F"),
    ],
)
def test_reads_birth_date_and_sex(pesel, born, sex):
    info = read_pesel(pesel)
    assert (info.birth_date, info.sex) == (born, sex)


def test_refuses_bad_checksum_and_impossible_date():
    assert not has_valid_checksum("44051401358")
    with pytest.raises(ValueError, match="checksum"):
        read_pesel("44051401358")
    # 31 February 1990 with a correct check digit
    body = "9002311234"
    with pytest.raises(ValueError, match="birth date"):
        read_pesel(with_check_digit(body))


def test_make_pesel_round_trips_across_centuries():
    for born in (
        datetime.date(1899, 12, 31),
        datetime.date(1975, 1, 1),
        datetime.date(2013, 6, 30),
    ):
        for sex in ("F", "M"):
            info = read_pesel(make_pesel(born, 42, sex))
            assert (info.birth_date, info.sex) == (born, sex)


def test_identity_keys_are_keyed_and_normalised(settings):
    key = pesel_key("44051401359")
    assert len(key) == 64 and "44051401359" not in key
    settings.IDENTITY_HMAC_KEY = "another-key"
    assert pesel_key("44051401359") != key
    born = datetime.date(1980, 1, 2)
    assert personal_data_key("Łukasz  Żak", born, "ul. Długa 1, Kraków") == personal_data_key(
        "lukasz zak", born, "UL DŁUGA 1 KRAKÓW"
    )
