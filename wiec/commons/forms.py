"""The forms every tool that collects signatures shares: one signature copied from a
paper list, and the office's verdict on one signature."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wiec.core.numbers import WholeNumberField


class PaperSignatureForm(forms.Form):
    sheet = WholeNumberField(label=_("Sheet number"), min_value=1, max_value=100_000)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    street_address = forms.CharField(label=_("Street and number"), max_length=200)
    town = forms.CharField(label=_("Town"), max_length=100)
    pesel = forms.CharField(label=_("PESEL"), max_length=20, required=False)


class CheckForm(forms.Form):
    valid = forms.TypedChoiceField(
        label=_("Verdict"),
        choices=[("1", _("valid")), ("0", _("invalid"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Why invalid"), max_length=300, required=False)


class CheckedPaperSignatureForm(PaperSignatureForm, CheckForm):
    """One signature from a paper list, entered and checked by the office at once."""

    sheet = None  # the list being entered is the sheet
    field_order = ["full_name", "street_address", "town", "pesel", "valid", "reason"]

    def __init__(self, *args, ask_pesel: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not ask_pesel:  # the city's identity rule does not ask: no PESEL is taken
            del self.fields["pesel"]
