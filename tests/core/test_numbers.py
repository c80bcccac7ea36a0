"""Whole numbers typed by people: ASCII digits only, bounded, refused with a message."""

from __future__ import annotations

import pytest
from django.core.exceptions import BadRequest, ValidationError
from django.test import RequestFactory

from wiec.core.numbers import (
    BIGINT_MAX,
    WholeNumberField,
    ids_or_400,
    page_number,
    parse_whole,
    whole_or_400,
)

NOT_ASCII = ["²", "٣", "१२", "１２", "1 2", "", "-", "+1", "1e3", "9" * 5000, "0x1F"]


@pytest.mark.parametrize("text", NOT_ASCII)
def test_only_ascii_digits_are_numbers(text):
    with pytest.raises(ValidationError):
        parse_whole(text)
    with pytest.raises(BadRequest):
        whole_or_400(text)


def test_bounds_are_messages_not_overflows():
    assert parse_whole(" 42 ") == 42
    assert parse_whole(str(BIGINT_MAX)) == BIGINT_MAX
    with pytest.raises(ValidationError) as info:
        parse_whole(str(BIGINT_MAX + 1))
    assert info.value.code == "too_large"
    with pytest.raises(ValidationError) as info:
        parse_whole("5", minimum=10)
    assert info.value.code == "too_small"


def test_ids_and_pages():
    assert ids_or_400(["1", "22"]) == [1, 22]
    with pytest.raises(BadRequest):
        ids_or_400(["1", "²"])
    factory = RequestFactory()
    assert page_number(factory.get("/", {"page": "3"})) == 3
    assert page_number(factory.get("/", {"page": "٣"})) == 1
    assert page_number(factory.get("/", {"page": "9" * 5000})) == 1


@pytest.mark.parametrize("text", ["²", "٣", "9" * 30])
def test_the_form_field_says_what_is_wrong(text):
    field = WholeNumberField(label="x")
    with pytest.raises(ValidationError) as info:
        field.clean(text)
    assert info.value.messages


def test_every_number_field_of_every_form_takes_only_ascii_digits(db):
    """A scan of the apps' forms: no plain ``IntegerField`` or ``DecimalField`` is left."""
    import importlib
    import inspect

    from django import forms

    from wiec.core.numbers import (
        AsciiDecimalField,
        AsciiFloatField,
        IdChoiceField,
        IdMultipleChoiceField,
    )

    plain = []
    for app in ["accounts", "budgets", "consultations", "panels", "accessibility"]:
        module = importlib.import_module(f"wiec.{app}.forms")
        for name, cls in vars(module).items():
            if not (inspect.isclass(cls) and issubclass(cls, forms.BaseForm)):
                continue
            for field_name, field in cls.base_fields.items():
                if isinstance(field, forms.ModelMultipleChoiceField):
                    ok = isinstance(field, IdMultipleChoiceField) or bool(field.to_field_name)
                elif isinstance(field, forms.ModelChoiceField):
                    ok = isinstance(field, IdChoiceField) or bool(field.to_field_name)
                elif isinstance(field, forms.FloatField):
                    ok = isinstance(field, AsciiFloatField)
                elif isinstance(field, forms.DecimalField):
                    ok = isinstance(field, AsciiDecimalField)
                elif isinstance(field, forms.IntegerField):
                    ok = isinstance(field, WholeNumberField)
                else:
                    ok = True
                if not ok:
                    plain.append(f"{app}.{name}.{field_name}")
    assert plain == []


@pytest.mark.parametrize("value", ["٣", "²", "9" * 30, "3.0"])
def test_a_choice_of_a_row_takes_only_ascii_ids(city, value):
    from wiec.core.numbers import IdChoiceField, IdMultipleChoiceField
    from wiec.places.models import District

    district = District.objects.order_by("pk").first()
    single = IdChoiceField(queryset=District.objects.all())
    many = IdMultipleChoiceField(queryset=District.objects.all())
    assert single.clean(str(district.pk)) == district
    assert list(many.clean([str(district.pk)])) == [district]
    with pytest.raises(ValidationError):
        single.clean(value)
    with pytest.raises(ValidationError):
        many.clean([str(district.pk), value])
