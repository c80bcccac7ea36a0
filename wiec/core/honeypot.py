"""An invisible field against bots on the forms anyone may send.

People do not see the field (the stylesheet moves it off the screen, it takes no tab
stop and no autofill); a program that fills every field it finds fills it too, and
the form is refused with a message that a person reading the page without styles
understands. Nothing is saved from a refused form.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _


class HoneypotBoundField(BoundField):
    def css_classes(self, extra_classes=None) -> str:
        """``hp`` on the field's row, also where a form is rendered by ``as_p``."""
        return " ".join(filter(None, [super().css_classes(extra_classes), "hp"]))


class HoneypotField(forms.CharField):
    honeypot = True
    bound_field_class = HoneypotBoundField

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Leave this field empty"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-input"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value:
            raise ValidationError(
                _("This field must stay empty: it is there to stop automated spam."),
                code="honeypot",
            )
        return value


class HoneypotForm(forms.Form):
    """A base for a public form: ``class RequestForm(HoneypotForm, forms.ModelForm)``."""

    website = HoneypotField()

    def clean(self):
        """The field has done its work in validation; the data leave it out."""
        data = super().clean()
        if data is not None:
            data.pop("website", None)
        return data
