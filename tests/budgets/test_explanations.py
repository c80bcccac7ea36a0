"""The engine's reason codes and error codes rendered through the catalogue (issues 15, 16).

The engine answers in codes; budgets renders them in the reader's language when a page
or an export is made.  These tests enumerate every code the engine can produce by
reading its source, so a new reason or error without a sentence fails here.
"""

from __future__ import annotations

import ast
import contextlib
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.budgets.test_results import counted  # noqa: F401 (fixture)
from wiec import tally
from wiec.budgets import explanations, results
from wiec.budgets.models import ProjectResult
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db
TALLY = Path(tally.__file__).resolve().parent
#: Words that would give away English in a Polish sentence.
ENGLISH = re.compile(
    r"\b(selected|not|the|its|votes?|cost|left|round|rule|ballots?|pool|project|"
    r"which|would|nobody|money|people|person|points?)\b",
    re.IGNORECASE,
)
#: Every parameter a reason may carry, with a plausible value (money in grosze).
PARAMS = {
    "cost": 123_456_789,
    "left": 100_000_00,
    "reserve": 23_456_789,
    "threshold": 20,
    "other": "7",
    "round": 3,
    "payment": 12_34,
    "money_behind": 5_000_00,
    "max_cost": 80_000_00,
    "more_supporters": 12,
    "prefers_mes": 40,
    "prefers_greedy": 61,
    "rule": "phragmen",
    "vote_type": "cumulative",
    "project": "p1",
    "voter": "v1",
    "utilities": "x",
    "tie_break": "x",
    "budget": -1,
    "money_scale": 0,
    "source": "a",
    "target": "b",
}


def _engine_sources(*, skip_io: bool = False):
    for path in sorted(TALLY.rglob("*.py")):
        if skip_io and "io" in path.relative_to(TALLY).parts:
            continue
        yield ast.parse(path.read_text(encoding="utf-8"))


def engine_reasons() -> set[str]:
    """The reason codes the rules pass to ``result_row`` (5th argument), by reading them."""
    reasons = set()
    for tree in _engine_sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "result_row"
                and len(node.args) >= 5
            ):
                reasons |= {
                    n.value
                    for n in ast.walk(node.args[4])
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                }
    return reasons


def engine_error_codes() -> set[str]:
    """``code=`` of every error raised outside the file reader (the CLI's business)."""
    codes = set()
    for tree in _engine_sources(skip_io=True):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and str(getattr(node.func, "id", "")).endswith("Error"):
                codes |= {
                    k.value.value
                    for k in node.keywords
                    if k.arg == "code" and isinstance(k.value, ast.Constant)
                }
    return codes


def test_the_engine_scan_finds_the_known_codes():
    assert {"selected", "mes-not-selected", "phragmen-selected", "stopped"} <= engine_reasons()
    assert {"unsupported_vote_type", "unknown_rule", "duplicate_voter"} <= engine_error_codes()


@pytest.mark.parametrize("reason", sorted(engine_reasons()))
def test_every_engine_reason_has_a_sentence_in_polish_and_english(reason):
    def render(language):
        with translation.override(language):
            return explanations.explain(
                reason, PARAMS, votes=5, score=12, cost=123_456_789, titles={"7": "Park"}
            )

    polish, english = render("pl"), render("en")
    with translation.override("pl"):
        fallback = explanations.explain("?", {}, votes=0, score=0, cost=0)
    assert polish != fallback
    assert polish != english
    assert not ENGLISH.search(polish), polish
    assert "%(" not in polish and "%(" not in english


def test_explanations_format_money_and_plurals_in_polish():
    with translation.override("pl"):
        text = explanations.explain(
            "did-not-fit", {"left": 100_000_00}, votes=22, score=22, cost=123_456_789
        )
        more = explanations.explain(
            "mes-not-selected",
            {"money_behind": 0, "max_cost": None, "more_supporters": 1},
            votes=1,
            score=1,
            cost=100,
        )
    assert text == (
        "Niewybrany: 22 głosy, ale kosztował 1 234 567,89 zł, a zostało tylko 100 000,00 zł."
    )
    assert "1 głos;" in more and "poparła go jeszcze 1 osoba." in more


def test_a_conflict_names_the_other_project_by_its_title():
    with translation.override("pl"):
        text = explanations.explain(
            "excluded-conflict", {"other": "7"}, votes=1, score=1, cost=1, titles={"7": "Park"}
        )
    assert text == "Wykluczony: nie można go zrealizować razem z wybranym projektem „Park”."


@pytest.mark.parametrize("code", sorted(engine_error_codes()))
def test_every_engine_error_has_a_polish_message(code):
    with translation.override("pl"):
        polish = explanations.error_message(code, PARAMS)
        fallback = explanations.error_message("?", {})
    with translation.override("en"):
        english = explanations.error_message(code, PARAMS)
    assert polish.split("(")[0] != fallback.split("(")[0]
    assert polish != english
    assert not ENGLISH.search(polish), polish


def test_the_phragmen_error_reads_in_polish():
    election = tally.Election(
        budget=100,
        projects=[tally.Project("a", 50)],
        ballots=[tally.Ballot(("a",), (3,))],
        vote_type=tally.VoteType.CUMULATIVE,
    )
    with pytest.raises(tally.RuleError) as info, translation.override("pl"):
        tally.count(election, rule="phragmen")
    with translation.override("pl"):
        text = explanations.tally_error_message(info.value)
    assert text == (
        "Reguła „Phragmén sekwencyjny” nie policzy tych kart: wymaga kart, na których "
        "zaznacza się projekty, a w tej puli głosuje się przez przyznawanie punktów."
    )


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("equalshares", "metoda równych udziałów (MES)"),
        ("greedy-threshold", "zachłanna z progiem"),
        ("phragmen", "Phragmén sekwencyjny"),
    ],
)
def test_rules_have_polish_names_and_descriptions(code, name):
    with translation.override("pl"):
        assert explanations.rule_name(code) == name
        assert not ENGLISH.search(explanations.rule_description(code))
    assert set(explanations.RULES) == set(tally.RULES)


# Pages -------------------------------------------------------------------------------


def _publish(counted):  # noqa: F811
    edition, pools, _projects, run, coordinator = counted
    results.publish_count(actor=coordinator, run=run)
    return edition, pools, run


def test_results_are_stored_as_codes_and_shown_in_polish(client, counted):  # noqa: F811
    edition, pools, run = _publish(counted)
    row = ProjectResult.objects.filter(pool_result__run=run, selected=True).first()
    assert row.reason and not hasattr(row, "explanation_pl")
    page = client.get(reverse("budgets:pool_results", args=[edition.slug, pools["city"].pk]))
    text = page.content.decode()
    assert "Wybrany: " in text and "zł" in text
    assert "Reguła: zachłanna (według liczby głosów)" in text
    assert "Jak działa reguła „zachłanna (według liczby głosów)”" in text
    assert "Selected" not in text
    overview = client.get(reverse("budgets:results", args=[edition.slug])).content.decode()
    assert "zachłanna" in overview and "<td>greedy</td>" not in overview


def test_the_export_explains_in_the_readers_language(client, counted):  # noqa: F811
    edition, _pools, _run = _publish(counted)
    csv = client.get(reverse("budgets:export", args=[edition.slug, "csv"])).content.decode()
    assert "Wybrany: " in csv


def test_what_if_does_not_offer_phragmen_for_points_ballots(client, counted):  # noqa: F811
    edition, pools, _run = _publish(counted)
    url = reverse("budgets:what_if", args=[edition.slug, pools["city"].pk])
    text = client.get(url + "?regula=phragmen").content.decode()
    assert 'value="phragmen"' not in text
    assert "Niedostępna: Reguła „Phragmén sekwencyjny” nie policzy tych kart" in text
    assert "needs approval ballots" not in text
    assert ">metoda równych udziałów (MES)</option>" in text


def test_what_if_shows_an_engine_error_in_polish(client, counted, monkeypatch):  # noqa: F811
    edition, pools, _run = _publish(counted)

    def broken(pool, rule=None):
        raise tally.ElectionError(
            "voter 'x' has more than one ballot", code="duplicate_voter", params={"voter": "x"}
        )

    monkeypatch.setattr(results, "count_pool", broken)
    url = reverse("budgets:what_if", args=[edition.slug, pools["podgorze"].pk])
    text = client.get(url + "?regula=greedy").content.decode()
    assert "Osoba głosująca x ma więcej niż jedną kartę." in text
    assert "more than one ballot" not in text


def test_what_if_explains_money_left_by_equal_shares(client, counted):  # noqa: F811
    edition, pools, _run = _publish(counted)
    url = reverse("budgets:what_if", args=[edition.slug, pools["podgorze"].pk])
    response = client.get(url + "?regula=equalshares")
    text = response.content.decode()
    assert "Dlaczego zostały pieniądze" in text
    assert "Reguła „metoda równych udziałów (MES)” wydaje " in text
    assert "To nie błąd: metoda równych udziałów jest proporcjonalna." in text
    assert "?regula=equalshares/add1" in text
    assert "Porównaj z regułą „metoda równych udziałów z uzupełnieniem (MES + Add1)”" in text


def test_the_pool_form_names_rules_in_polish_and_refuses_phragmen_on_points(
    client, make_role_user, edition
):
    client.force_login(make_role_user(Role.COORDINATOR))
    url = reverse("budgets:pool_create", args=[edition.slug])
    form = client.get(url).content.decode()
    assert ">metoda równych udziałów (MES)</option>" in form
    assert "Reguły liczenia" in form and "Pulę dzieli się na równe udziały" in form
    response = client.post(
        url,
        {
            "kind": "city",
            "name": "Pula punktowa",
            "amount": "300 000",
            "counting_rule": "phragmen",
            "ballot_type": "cumulative",
            "points_budget": "10",
        },
    )
    assert response.status_code == 200
    assert not edition.pools.exists()
    assert "Reguła „Phragmén sekwencyjny” nie policzy tych kart" in response.content.decode()


def test_a_failed_count_says_why_in_polish(client, counted):  # noqa: F811
    edition, _pools, _projects, _run, coordinator = counted
    # The immediate task backend of the tests may pass the engine's error on.
    with contextlib.suppress(tally.RuleError):
        results.start_count(actor=coordinator, edition=edition, rule="phragmen")
    failed = edition.counts.filter(state="failed").get()
    assert failed.error["code"] == "unsupported_vote_type"
    client.force_login(coordinator)
    text = client.get(reverse("budgets:count", args=[edition.slug])).content.decode()
    assert "Reguła „Phragmén sekwencyjny” nie policzy tych kart" in text
    assert "needs approval ballots" not in text
    assert ">Phragmén sekwencyjny</option>" in text
