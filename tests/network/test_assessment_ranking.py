"""The self-assessment (radar, change, median, recommendations) and the ranking (live
until published, frozen after, sources shown, missing tools not faked)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wiec.network import services
from wiec.network.indicators import INDICATORS, indicator
from wiec.network.models import RankingRow, Theme

YEAR = timezone.localdate().year


def _levels(level):
    return {t.pk: level for t in Theme.objects.all()}


def test_the_default_questionnaire_has_three_areas_and_eight_themes(db):
    from wiec.network.models import Area, Level

    assert Area.objects.count() == 3
    assert Theme.objects.count() == 8
    assert Level.objects.count() == 40
    assert all(t.name_en and t.question_en and t.recommendation_en for t in Theme.objects.all())


def test_a_team_answers_and_sees_change_median_and_recommendations(
    client, city, wieliczka, official, make_user
):
    services.answer_assessment(
        actor=official, city=city, year=YEAR - 1, team="Zespół", levels=_levels(1)
    )
    services.answer_assessment(
        actor=official, city=city, year=YEAR, team="Zespół", levels=_levels(2)
    )
    admin = make_user(is_superuser=True)
    services.answer_assessment(actor=admin, city=wieliczka, year=YEAR, team="T", levels=_levels(4))
    response = client.get(reverse("network:assessment", args=[city.slug, YEAR]))
    page = response.content.decode()
    assert "<svg" in page and 'role="img"' in page
    rows = response.context["rows"]
    assert all(r.change == 1 and r.median == 3 for r in rows)
    assert len(response.context["low"]) == 8
    assert Theme.objects.first().recommendation_pl in page


def test_every_theme_must_be_answered(official, city):
    levels = _levels(3)
    levels.popitem()
    with pytest.raises(ValidationError):
        services.answer_assessment(actor=official, city=city, year=YEAR, team="Z", levels=levels)


def test_someone_outside_the_team_cannot_answer(make_user, city):
    with pytest.raises(PermissionDenied):
        services.answer_assessment(
            actor=make_user(), city=city, year=YEAR, team="Z", levels=_levels(3)
        )


def test_local_initiatives_are_listed_as_not_yet_available():
    initiatives = indicator("local_initiatives")
    assert not initiatives.available and initiatives.compute is None
    assert {i.key for i in INDICATORS if i.available} >= {
        "budget_turnout", "consultation_reports", "answer_days", "panel_responses",
        "statement_completeness", "self_assessment",
    }  # fmt: skip


def test_the_ranking_page_shows_each_indicators_source(client, city, official):
    services.answer_assessment(actor=official, city=city, year=YEAR, team="Z", levels=_levels(5))
    page = client.get(reverse("network:ranking")).content.decode()
    assert "network_assessmentanswer" in page  # the SQL of the self-assessment
    assert "budgets_ballot" in page
    standing = client.get(reverse("network:ranking")).context["rows"][0][0]
    assert standing.city == city and standing.values["self_assessment"] == 100.0


def test_publishing_freezes_the_year(client, city, official, make_user):
    admin = make_user(is_superuser=True)
    services.answer_assessment(actor=official, city=city, year=YEAR, team="Z", levels=_levels(3))
    with pytest.raises(PermissionDenied):
        services.publish_ranking(actor=official, year=YEAR)
    services.publish_ranking(actor=admin, year=YEAR)
    frozen = RankingRow.objects.get(city=city, indicator="self_assessment").value
    services.answer_assessment(actor=official, city=city, year=YEAR, team="Z", levels=_levels(5))
    response = client.get(reverse("network:ranking"), {"rok": YEAR})
    assert response.context["frozen"]
    assert response.context["rows"][0][0].values["self_assessment"] == frozen == 50.0
    with pytest.raises(ValidationError):
        services.publish_ranking(actor=admin, year=YEAR)


def test_a_jury_score_counts_with_its_weight(client, city, make_user):
    admin = make_user(is_superuser=True)
    services.set_jury(actor=admin, year=YEAR, weight=100, scores={city: 80})
    standing = client.get(reverse("network:ranking")).context["rows"][0][0]
    assert standing.total == 80.0
