"""Forms for the profile and the declaration of residence."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.pl.forms import PLPESELField, PLPostalCodeField

from wiec.accounts.models import IdentityPolicy, Sex, User
from wiec.accounts.pesel import clean_pesel, read_pesel
from wiec.accounts.services import PESEL_DIGITS, Declaration
from wiec.core.normalise import KeyInputError
from wiec.core.numbers import IdChoiceField, WholeNumberField
from wiec.core.participation import notification_kind_groups
from wiec.places.models import District

POSTAL_CODE_DIGITS = _("Type the postal code as 00-000, with the digits 0–9.")


class PeselField(PLPESELField):
    """localflavor's PESEL field, but only the ASCII digits 0-9 are digits.

    Its ``\\d`` would take full-width or Arabic-Indic digits, and each spelling
    would make another identity key; they are refused with a message saying what
    to type, and spaces between digits are removed.
    """

    default_error_messages = {
        # localflavor's Polish catalogue lacks this one: it was shown in English.
        "birthdate": _("This PESEL holds no real date of birth: check its first six digits."),
    }

    def clean(self, value):
        if value not in self.empty_values:
            try:
                value = clean_pesel(str(value))
            except KeyInputError as error:
                if error.code == "not_ascii_digits":
                    raise forms.ValidationError(PESEL_DIGITS, code="pesel_digits") from error
        return super().clean(value)


class PostalCodeField(PLPostalCodeField):
    """localflavor's postal code field with ASCII digits only (its ``\\d`` takes any)."""

    def clean(self, value):
        value = super().clean(value)
        if value and not value.isascii():
            raise forms.ValidationError(POSTAL_CODE_DIGITS, code="postal_code_digits")
        return value


class ProfileForm(forms.ModelForm):
    """Name, district, language, and how e-mail notifications arrive, kind by kind.

    One checkbox per kind of notification every tool registered
    (:func:`wiec.core.participation.notification_kind_groups`); ``cleaned_data`` then
    carries ``email_kinds``, the person's choice for every kind listed.
    """

    KIND_PREFIX = "email_kind_"

    class Meta:
        model = User
        fields = ["display_name", "district", "language", "email_delivery"]
        widgets = {"email_delivery": forms.RadioSelect}

    def __init__(self, *args, city=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(city=city)
        self.fields["email_delivery"].label = _("When to e-mail you")
        self.kind_names: list[tuple[Any, list[str]]] = []
        for label, kinds in notification_kind_groups():
            names = []
            for kind in kinds:
                name = f"{self.KIND_PREFIX}{kind.key}"
                self.fields[name] = forms.BooleanField(
                    label=kind.label,
                    help_text=kind.description,
                    required=False,
                    label_suffix="",
                    initial=self.instance.wants_kind(kind.key),
                )
                names.append(name)
            self.kind_names.append((label, names))

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields if name != "email_delivery"]

    def kind_groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(label, [self[name] for name in names]) for label, names in self.kind_names]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kinds = dict(self.instance.email_kinds or {})
        for name in list(cleaned):
            if name.startswith(self.KIND_PREFIX):
                kinds[name.removeprefix(self.KIND_PREFIX)] = bool(cleaned.pop(name))
        cleaned["email_kinds"] = kinds
        return cleaned


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class ResidencyForm(forms.Form):
    """A declaration of residence whose fields follow the city's identity policy."""

    full_name = forms.CharField(label=_("First name and surname"), max_length=150)
    street_address = forms.CharField(label=_("Street and number"), max_length=200)
    postal_code = PostalCodeField(label=_("Postal code"), help_text=_("For example 31-004."))
    town = forms.CharField(label=_("Town"), max_length=100)
    district = IdChoiceField(
        label=_("District"), queryset=District.objects.none(), empty_label=_("— choose —")
    )
    pesel = PeselField(label=_("PESEL"), required=False)
    no_pesel = forms.BooleanField(
        label=_("I have no PESEL number"),
        required=False,
        help_text=_("Give your date of birth and sex instead."),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        help_text=_("Format: YYYY-MM-DD, for example 1980-05-17."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    birth_year = WholeNumberField(
        label=_("Year of birth (optional, for statistics)"),
        required=False,
        min_value=1900,
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", _("— prefer not to say —")), *Sex.choices]
    )
    is_child = forms.BooleanField(label="", required=False)
    guardian_name = forms.CharField(
        label=_("Parent or legal guardian's first name and surname"),
        required=False,
        max_length=150,
    )
    confirm = forms.BooleanField(label="", required=True)

    def __init__(self, *args, policy: IdentityPolicy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy
        city = policy.city
        self.fields["district"].queryset = District.objects.filter(city=city)
        self.fields["town"].initial = city.name
        self.fields["confirm"].label = _(
            "I declare that the person named above lives in %(city)s at the address given."
        ) % {"city": city.name}
        self.fields["confirm"].error_messages["required"] = _(
            "Tick the declaration to confirm that the data are true."
        )
        self.fields["is_child"].label = _(
            "The person is under %(age)s: I am their parent or legal guardian and declare for them."
        ) % {"age": policy.guardian_below_age}
        if not policy.ask_pesel:
            del self.fields["pesel"]
            del self.fields["no_pesel"]
        if policy.collects_identity:
            del self.fields["birth_year"]
        else:
            del self.fields["birth_date"]
        if policy.ask_birth_date and not policy.ask_pesel:
            self.fields["birth_date"].required = True
            self.fields["sex"].required = True

    def clean_birth_date(self) -> datetime.date | None:
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return value

    def clean_birth_year(self) -> int | None:
        value = self.cleaned_data.get("birth_year")
        if value and value > timezone.localdate().year:
            raise forms.ValidationError(_("The year of birth cannot be in the future."))
        return value

    def clean(self) -> dict:
        data = super().clean()
        birth_date = self._clean_identity(data)
        today = timezone.localdate()
        under_age = (
            birth_date is not None and age_on(birth_date, today) < self.policy.guardian_below_age
        )
        if under_age and not data.get("is_child"):
            self.add_error(
                "is_child",
                _("The person is under %(age)s: a parent or guardian must declare for them.")
                % {"age": self.policy.guardian_below_age},
            )
        if (under_age or data.get("is_child")) and not data.get("guardian_name", "").strip():
            self.add_error(
                "guardian_name", _("Give the name of the parent or guardian who declares.")
            )
        return data

    def _clean_identity(self, data: dict) -> datetime.date | None:
        """Check the PESEL, or the date of birth and sex that replace it."""
        if not self.policy.ask_pesel:
            return data.get("birth_date")
        pesel = data.get("pesel")
        if pesel:
            if data.get("no_pesel"):
                self.add_error("no_pesel", _("Either give a PESEL or tick that you have none."))
            return read_pesel(pesel).birth_date
        if "pesel" in self.errors:
            return None
        if not data.get("no_pesel"):
            self.add_error("pesel", _("Give your PESEL, or tick that you have none."))
            return None
        if not data.get("birth_date"):
            self.add_error("birth_date", _("Without a PESEL, give your date of birth."))
        if not data.get("sex"):
            self.add_error("sex", _("Without a PESEL, give your sex."))
        return data.get("birth_date")

    def to_declaration(self) -> Declaration:
        data = self.cleaned_data
        return Declaration(
            full_name=data["full_name"].strip(),
            street_address=data["street_address"].strip(),
            postal_code=data["postal_code"],
            town=data["town"].strip(),
            district=data["district"],
            pesel=data.get("pesel") or "",
            birth_date=data.get("birth_date"),
            birth_year=data.get("birth_year"),
            sex=data.get("sex") or "",
            guardian_name=data.get("guardian_name", "").strip() if data.get("is_child") else "",
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=80,
        help_text=_("So that you know where you use it, for example: my map of proposals."),
    )
