"""Whole numbers that come from people: ASCII digits only, within what the database holds.

``str.isdigit()`` is true for ``"²"`` (which ``int()`` refuses) and ``int()`` and ``\\d``
accept other scripts' digits (``"٣"``) and 5,000-digit strings (which ``int()`` refuses,
and which no database column holds). Every number read from a request goes through here:
forms use :class:`WholeNumberField`, views use :func:`whole_or_400` for parameters a
page sends itself and :func:`page_number` for pagination.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The largest value of a ``BigIntegerField`` (a signed 64-bit integer).
BIGINT_MAX = 2**63 - 1
#: The largest value of an ``IntegerField`` or ``AutoField`` primary key.
INT_MAX = 2**31 - 1

_WHOLE = re.compile(r"-?[0-9]{1,19}", re.ASCII)


def parse_whole(
    text: object, *, minimum: int | None = None, maximum: int | None = BIGINT_MAX
) -> int:
    """``" 12 "`` → ``12``; anything but ASCII digits, or out of bounds, → ``ValidationError``."""
    cleaned = str(text).strip()
    if not _WHOLE.fullmatch(cleaned):
        raise ValidationError(
            _("Enter a whole number using the digits 0–9."), code="not_a_whole_number"
        )
    value = int(cleaned)
    if minimum is not None and value < minimum:
        raise ValidationError(
            _("Enter a number of at least %(limit)s."),
            code="too_small",
            params={"limit": minimum},
        )
    if maximum is not None and value > maximum:
        raise ValidationError(
            _("Enter a number of at most %(limit)s."),
            code="too_large",
            params={"limit": maximum},
        )
    return value


def whole_or_none(text: object, *, maximum: int = BIGINT_MAX) -> int | None:
    """A non-negative whole number, or ``None`` for anything else (lenient parameters)."""
    try:
        return parse_whole(text, minimum=0, maximum=maximum)
    except ValidationError:
        return None


def whole_or_400(text: object, *, maximum: int = BIGINT_MAX) -> int:
    """A non-negative whole number a page sent itself; anything else is a bad request."""
    value = whole_or_none(text, maximum=maximum)
    if value is None:
        raise BadRequest("not a whole number")
    return value


def ids_or_400(values: Iterable[object]) -> list[int]:
    """Row ids posted by a form (checkboxes); one that is not an id is a bad request."""
    return [whole_or_400(value) for value in values]


def page_number(request, name: str = "page") -> int:
    """The page asked for in ``?page=``; the first page when it is not a whole number."""
    return whole_or_none(request.GET.get(name, ""), maximum=INT_MAX) or 1


class WholeNumberField(forms.IntegerField):
    """An ``IntegerField`` that takes only ASCII digits and, by default, at most ``BIGINT_MAX``."""

    default_error_messages = {"invalid": _("Enter a whole number using the digits 0–9.")}

    def __init__(self, *, max_value: int | None = BIGINT_MAX, **kwargs) -> None:
        super().__init__(max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if not _WHOLE.fullmatch(str(value).strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(str(value).strip())


class AsciiDecimalField(forms.DecimalField):
    """A ``DecimalField`` that takes only ASCII digits (a comma or a dot before decimals)."""

    _DECIMAL = re.compile(r"-?[0-9]{1,19}([.,][0-9]{1,6})?", re.ASCII)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not self._DECIMAL.fullmatch(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text.replace(",", "."))


def _is_id(value: object) -> bool:
    return isinstance(value, models.Model) or bool(_WHOLE.fullmatch(str(value).strip()))


class IdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose ids are ASCII digits only (``"٣"`` is not row 3)."""

    def to_python(self, value):
        if value not in self.empty_values and self.to_field_name is None and not _is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` whose ids are ASCII digits only."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for one in value:
                if not _is_id(one):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": one},
                    )
        return super()._check_values(value)


class DateTimeField(forms.DateTimeField):
    """A date and time typed by a person, in the years a calendar of the municipality
    needs: "0001-01-01T00:30" in Warsaw falls before year 1 in UTC, where it was stored,
    and was an ``OverflowError`` (an error page), not a message."""

    first_year, last_year = 1900, 2100

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and not self.first_year <= result.year <= self.last_year:
            raise ValidationError(
                _("Enter a date between the years %(first)s and %(last)s."),
                code="year_out_of_range",
                params={"first": self.first_year, "last": self.last_year},
            )
        return result


def formfield_for(db_field, **kwargs):
    """``ModelForm`` ``formfield_callback``: whole-number columns get a :class:`WholeNumberField`
    bounded by what the column holds, date-and-time columns a :class:`DateTimeField` of
    sensible years, relations fields that take ASCII ids only; other columns their usual
    form field."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateTimeField)
    if isinstance(db_field, models.IntegerField) and not isinstance(db_field, models.AutoField):
        maximum = BIGINT_MAX if isinstance(db_field, models.BigIntegerField) else INT_MAX
        if isinstance(db_field, models.SmallIntegerField):
            maximum = 32767
        kwargs.setdefault("max_value", maximum)
        return db_field.formfield(form_class=WholeNumberField, **kwargs)
    if isinstance(db_field, models.ForeignKey) and "choices_form_class" not in kwargs:
        kwargs.setdefault("form_class", IdChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
    return db_field.formfield(**kwargs)


class AsciiFloatField(forms.FloatField):
    """A ``FloatField`` (coordinates) that takes only ASCII digits; no exponents, no ``inf``."""

    _FLOAT = re.compile(r"-?[0-9]{1,19}([.,][0-9]{1,17})?", re.ASCII)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, float | int) and not isinstance(value, bool):
            return super().to_python(value)
        text = str(value).strip()
        if not self._FLOAT.fullmatch(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text.replace(",", "."))
