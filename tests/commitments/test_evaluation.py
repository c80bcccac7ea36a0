"""The standard questionnaire after every process, and its results per process and tool."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from wiec.commitments import evaluation
from wiec.commitments.models import ProcessEvaluation, ProcessEvaluationInvitation
from wiec.core.models import Notification

pytestmark = pytest.mark.django_db

ANSWERS = {"information_clear": 4, "felt_heard": 5, "know_outcome": 3, "take_part_again": 5}


def test_a_finished_panel_invites_its_panelists_once_and_they_answer(client, city, recommendation):
    panel = recommendation.panel
    member = panel.panelists.get().user
    call_command("invite_to_process_evaluation")
    call_command("invite_to_process_evaluation")
    assert ProcessEvaluationInvitation.objects.filter(user=member).count() == 1
    note = Notification.objects.get(recipient=member)
    assert note.url == f"/zobowiazania/ewaluacja/panels/{panel.pk}/"
    client.force_login(member)
    page = client.get(note.url).content.decode()
    assert "Materiały ekspertów pomogły mi podjąć decyzję." in page
    data = {**ANSWERS, "materials_helped": 2, "comment": "Dobrze."}
    assert client.post(note.url, data).status_code == 302
    saved = ProcessEvaluation.objects.get()
    assert saved.know_outcome == 3 and saved.extra == {"materials_helped": 2}
    response = client.post(note.url, data)
    assert response.status_code == 400 and "już" in response.content.decode()
    html = client.get("/zobowiazania/ewaluacja/").content.decode()
    assert panel.topic in html and "3,0" in html


def test_only_participants_evaluate_and_every_answer_is_on_the_scale(
    city, recommendation, make_resident
):
    process = evaluation.find(city, "panels", str(recommendation.panel_id))
    with pytest.raises(ValidationError):
        evaluation.submit(actor=make_resident(), city=city, process=process, answers=ANSWERS)
    member = recommendation.panel.panelists.get().user
    with pytest.raises(ValidationError):
        evaluation.submit(
            actor=member,
            city=city,
            process=process,
            answers={**ANSWERS, "felt_heard": 9, "materials_helped": 1},
        )
    assert not ProcessEvaluation.objects.exists()


def test_consultation_evaluations_count_in_the_results_without_a_second_survey(
    city, promise, make_resident
):
    from wiec.consultations.models import Evaluation

    Evaluation.objects.create(
        consultation=promise, user=make_resident(), information_clear=2, felt_heard=4
    )
    rows = evaluation.results(city, timezone.localdate().year)
    row = next(r for r in rows if r.title == "Plan rowerowy")
    assert row.averages == {
        "information_clear": 2,
        "felt_heard": 4,
        "know_outcome": None,
        "take_part_again": None,
    }
    assert [t.responses for t in evaluation.by_tool(rows)] == [1]
