"""What the consultation pages share: the city, the consultation, the submitted data."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wiec.consultations import selectors
from wiec.consultations.models import Consultation
from wiec.core.charts import bar_chart
from wiec.places.selectors import current_city


def city_or_404():
    """The city this site serves (404 while none is configured)."""
    city = current_city()
    if city is None:
        raise Http404(_("No city is configured yet."))
    return city


def consultation_or_404(slug: str) -> Consultation:
    """The city's consultation at ``slug``, or 404."""
    return get_object_or_404(
        Consultation.objects.select_related("topic", "district", "city"),
        city=city_or_404(),
        slug=slug,
    )


def posted_data(request: HttpRequest) -> Any:
    """The submitted data, also when empty (an empty form is still a submission)."""
    return request.POST if request.method == "POST" else None


def charted(results: list[selectors.QuestionResult]) -> list[tuple[Any, Any]]:
    """Each question's results with its bar chart (none for a question without answers)."""
    return [(r, bar_chart(r.rows, title=r.question.text) if r.rows else None) for r in results]
