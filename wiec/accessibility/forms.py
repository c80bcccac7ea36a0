from django import forms
from django.utils.translation import gettext_lazy as _

from wiec.accessibility.models import (
    AccessibilityRequest,
    AccessibilityRequestStatus,
    AccessibilityStatement,
)
from wiec.core.honeypot import HoneypotForm


class AccessibilityRequestForm(HoneypotForm, forms.ModelForm):
    class Meta:
        model = AccessibilityRequest
        fields = ["requester_name", "email", "phone", "page_url", "description", "preferred_form"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(
                _("Give an e-mail address or a phone number so that we can answer you.")
            )
        return data


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (AccessibilityRequestStatus.ANSWERED, _("answered: content made accessible")),
            (AccessibilityRequestStatus.REFUSED, _("refused, alternative access offered")),
            (AccessibilityRequestStatus.EXTENDED, _("extend the deadline")),
        ],
    )
    response = forms.CharField(label=_("Response"), widget=forms.Textarea(attrs={"rows": 4}))
    new_deadline = forms.DateField(
        label=_("New deadline (only when extending)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class StatementForm(forms.ModelForm):
    website_url = forms.URLField(label=_("website address"), assume_scheme="https")

    class Meta:
        model = AccessibilityStatement
        fields = [
            "entity_name",
            "website_url",
            "published_on",
            "updated_on",
            "status",
            "non_accessible_content",
            "prepared_on",
            "assessment_method",
            "contact_person",
            "contact_email",
            "contact_phone",
            "procedure",
            "architecture",
            "mobile_apps",
            "keyboard_shortcuts",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ["published_on", "updated_on", "prepared_on"]
        }
