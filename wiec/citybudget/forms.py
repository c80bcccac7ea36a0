from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUARTERS = [
    (0, _("The adopted plan")),
    (1, _("Execution after the 1st quarter")),
    (2, _("Execution after the 2nd quarter")),
    (3, _("Execution after the 3rd quarter")),
    (4, _("Execution for the whole year")),
]


class UploadForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1999, max_value=2200)
    quarter = forms.TypedChoiceField(label=_("What the file holds"), choices=QUARTERS, coerce=int)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: dzial;rozdzial;paragraf;nazwa;dzielnica;plan;wykonanie;bo, amounts in "
            "złoty (1 234,56), UTF-8, fields separated by semicolons."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
