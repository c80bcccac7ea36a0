"""The lottery: seed first, leximin in a task, the public record, the CLI re-run."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.panels.conftest import census_quotas, generate_pool
from wiec.core.models import AuditEvent
from wiec.panels import services
from wiec.panels.models import (
    Lottery,
    LotteryStatus,
    Panelist,
    PanelistKind,
    Respondent,
    anonymous_id,
)

ROOT = Path(__file__).resolve().parents[2]


def test_draw_is_refused_without_an_announced_seed(make_panel, organiser):
    panel = make_panel("selection")
    generate_pool(panel, 30)
    census_quotas(panel)
    with pytest.raises(ValidationError) as info:
        services.start_draw(actor=organiser, panel=panel)
    assert info.value.code == "no_seed"
    assert not Panelist.objects.filter(panel=panel).exists()


def test_seed_is_announced_once_and_before_the_draw(drawn_panel, organiser):
    lottery = drawn_panel.lottery
    assert lottery.status == LotteryStatus.DONE
    assert lottery.seed_announced_at < lottery.started_at
    with pytest.raises(ValidationError):
        services.announce_seed(actor=organiser, panel=drawn_panel, seed="other")
    actions = list(
        AuditEvent.objects.filter(action__startswith="panels.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions.index("panels.seed_announced") < actions.index("panels.drawn")


def test_draw_meets_quotas_and_seats_panel_and_reserves(drawn_panel):
    lottery = drawn_panel.lottery
    members = Panelist.objects.filter(panel=drawn_panel, kind=PanelistKind.MEMBER)
    reserves = Panelist.objects.filter(panel=drawn_panel, kind=PanelistKind.RESERVE)
    assert members.count() == 8 and reserves.count() == 3
    assert abs(sum(lottery.probabilities) - 8) < 1e-6
    for value in drawn_panel.features.get(key="sex").values.all():
        seated = sum(1 for m in members if m.respondent.answers["sex"] == value.key)
        assert value.quota_min <= seated <= value.quota_max
    assert sorted(r.reserve_position for r in reserves) == [1, 2, 3]
    assert lottery.progress == 1.0


def test_lottery_page_matches_the_cli_on_the_exported_inputs(client, drawn_panel, tmp_path):
    lottery = drawn_panel.lottery
    page = client.get(reverse("panels:lottery", args=[drawn_panel.slug])).content.decode()
    for name in ("categories", "respondents"):
        response = client.get(reverse(f"panels:{name}_csv", args=[drawn_panel.slug]))
        assert response.status_code == 200
        (tmp_path / f"{name}.csv").write_bytes(response.content)
    assert lottery.seed in page and lottery.inputs_hash in page
    command = ["--categories", str(tmp_path / "categories.csv")]
    command += ["--respondents", str(tmp_path / "respondents.csv")]
    command += ["--panel-size", "8", "--seed", lottery.seed, "--json"]
    if lottery.household_column:
        command += ["--household-column", lottery.household_column]
    run = subprocess.run(
        [sys.executable, "-m", "wiec.sortition", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    cli = json.loads(run.stdout)
    # The page's table: anonymous id, probability in percent (4 decimals, Polish comma).
    shown = re.findall(r'<th scope="row">R(\d{4})</th><td>([\d,\.]+)%</td><td>([^<]*)</td>', page)
    assert len(shown) == 40
    for (row, percent, _result), p in zip(shown, cli["probabilities"], strict=True):
        assert abs(float(percent.replace(",", ".")) - 100 * p) < 6e-5, row
    on_panel = [int(row) for row, _p, result in shown if result == "w panelu"]
    assert on_panel == sorted(cli["panel"])
    assert [f"R{r:04d}" for r in sorted(cli["panel"])] == re.findall(
        r"R\d{4}", page.split('data-testid="panel-ids">')[1].split("</p>")[0]
    )
    assert "python -m wiec.sortition" in page and "--seed 12345" in page


def test_lottery_record_verifies_with_the_engine(drawn_panel):
    from wiec.panels.adapters import build_inputs
    from wiec.sortition import Distribution, Draw, verify_draw

    lottery = drawn_panel.lottery
    inputs = build_inputs(drawn_panel)
    assert inputs.respondents_csv == lottery.respondents_csv
    record = dict(lottery.record)
    record["distribution"] = Distribution.from_dict(record["distribution"])
    for key in ("panel", "reserves", "panel_ids", "reserve_ids"):
        record[key] = tuple(record[key])
    assert verify_draw(Draw(**record), inputs.pool(), inputs.quotas())


def test_infeasible_quotas_are_explained_and_nobody_is_drawn(client, make_panel, organiser):
    panel = make_panel("selection")
    generate_pool(panel, 30)
    census_quotas(panel)
    female = panel.features.get(key="sex").values.get(key="female")
    female.quota_min, female.quota_max = 8, 8  # all 8 seats women...
    female.save()
    male = panel.features.get(key="sex").values.get(key="male")
    male.quota_min, male.quota_max = 2, 8  # ...and at least 2 men
    male.save()
    services.announce_seed(actor=organiser, panel=panel, seed="999")
    lottery = services.start_draw(actor=organiser, panel=panel)
    assert lottery.status == LotteryStatus.FAILED
    assert lottery.error["code"] == "infeasible_quotas"
    assert not Panelist.objects.filter(panel=panel).exists()
    page = client.get(reverse("panels:lottery", args=[panel.slug])).content.decode()
    assert "Nie da się" in page or "Żaden panel" in page
    assert "Płeć: kobieta" in page
    assert "Obniż minimum" in page or "Podnieś maksimum" in page


def test_after_a_failed_draw_the_quotas_can_be_fixed_and_redrawn(make_panel, organiser):
    panel = make_panel("selection")
    generate_pool(panel, 30)
    census_quotas(panel)
    values = panel.features.get(key="sex").values
    values.filter(key="female").update(quota_min=8, quota_max=8)
    values.filter(key="male").update(quota_min=2, quota_max=8)
    services.announce_seed(actor=organiser, panel=panel, seed="999")
    assert services.start_draw(actor=organiser, panel=panel).status == LotteryStatus.FAILED
    census_quotas(panel)
    assert services.start_draw(actor=organiser, panel=panel).status == LotteryStatus.DONE
    assert Lottery.objects.get(panel=panel).seed == "999"


def test_draw_is_refused_during_recruitment(make_panel, organiser):
    panel = make_panel("recruitment")
    generate_pool(panel, 30)
    census_quotas(panel)
    services.announce_seed(actor=organiser, panel=panel, seed="1")
    with pytest.raises(ValidationError):
        services.start_draw(actor=organiser, panel=panel)
    assert Lottery.objects.get(panel=panel).status == LotteryStatus.ANNOUNCED


def test_progress_page_polls_with_htmx_and_has_a_reload_link(client, make_panel, organiser):
    panel = make_panel("selection")
    services.announce_seed(actor=organiser, panel=panel, seed="5")
    Lottery.objects.filter(panel=panel).update(status=LotteryStatus.RUNNING, progress=0.4)
    page = client.get(reverse("panels:progress", args=[panel.slug])).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="40"' in page
    assert f'href="{reverse("panels:progress", args=[panel.slug])}"' in page
    fragment = client.get(reverse("panels:progress", args=[panel.slug]), HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b"draw-progress" in fragment.content


def test_the_published_respondents_say_nothing_about_who_is_on_the_panel(client, drawn_panel):
    """respondents.csv: quota answers only, grouped by answers, rows not linked to the
    ids under which panelists appear on the site; the page says what and why."""
    lottery = drawn_panel.lottery
    text = client.get(reverse("panels:respondents_csv", args=[drawn_panel.slug])).content.decode()
    table = list(csv.reader(io.StringIO(text)))
    header, body = table[0], table[1:]
    categories = [c for c in header if c != lottery.household_column]
    answers = [tuple(row[header.index(c)] for c in categories) for row in body]
    assert answers == sorted(answers)
    for respondent in Respondent.objects.filter(panel=drawn_panel):
        assert respondent.full_name not in text
        assert not respondent.email or respondent.email not in text
    row_labels = {anonymous_id(row) for row in range(len(body))}
    seats = list(Panelist.objects.filter(panel=drawn_panel).values_list("anonymous_id", flat=True))
    assert seats and not set(seats) & row_labels
    assert all(re.fullmatch(r"P\d{2}", seat) for seat in seats)
    page = client.get(reverse("panels:lottery", args=[drawn_panel.slug])).content.decode()
    assert "Co publikujemy i dlaczego" in page
    assert "nie są powiązane z numerami" in page


def test_progress_shows_stage_minimum_and_gap_and_a_cancel_button(client, make_panel, organiser):
    panel = make_panel("selection")
    services.announce_seed(actor=organiser, panel=panel, seed="5")
    Lottery.objects.filter(panel=panel).update(
        status=LotteryStatus.RUNNING,
        progress=0.5,
        progress_stage="decomposition",
        progress_minimum=0.0392,
        progress_gap=0.25,
    )
    client.force_login(organiser)
    page = client.get(reverse("panels:progress", args=[panel.slug])).content.decode()
    assert "3,92%" in page or "3.92%" in page
    assert "0,2500" in page or "0.2500" in page
    assert reverse("panels:cancel_draw", args=[panel.slug]) in page
    client.logout()
    page = client.get(reverse("panels:progress", args=[panel.slug])).content.decode()
    assert reverse("panels:cancel_draw", args=[panel.slug]) not in page


def test_a_draw_cancelled_while_running_stores_nothing_and_can_rerun(
    client, make_panel, organiser, monkeypatch
):
    panel = make_panel("selection")
    generate_pool(panel, 30)
    census_quotas(panel)
    services.announce_seed(actor=organiser, panel=panel, seed="777")
    reports = []
    writer = services.lottery._progress_writer

    def cancelling_writer(lottery):
        write = writer(lottery)

        def progress(report):
            reports.append(report)
            write(report)
            if len(reports) == 2:  # the organiser presses the button mid-run
                client.force_login(organiser)
                client.post(reverse("panels:cancel_draw", args=[panel.slug]))

        return progress

    monkeypatch.setattr(services.lottery, "_progress_writer", cancelling_writer)
    monkeypatch.setattr(services.lottery, "CANCEL_POLL_SECONDS", 0.0)
    lottery = services.start_draw(actor=organiser, panel=panel)
    assert lottery.status == LotteryStatus.CANCELLED
    assert reports[-1].stage != "done"  # the engine stopped before the end
    assert not Panelist.objects.filter(panel=panel).exists()
    assert AuditEvent.objects.filter(action="panels.draw_cancelled").exists()
    page = client.get(reverse("panels:progress", args=[panel.slug])).content.decode()
    assert "draw-progress" in page
    monkeypatch.setattr(services.lottery, "_progress_writer", writer)
    lottery = services.start_draw(actor=organiser, panel=panel)
    assert lottery.status == LotteryStatus.DONE and lottery.seed == "777"
    assert Panelist.objects.filter(panel=panel, kind=PanelistKind.MEMBER).count() == 8


def test_only_a_running_draw_can_be_cancelled(client, make_panel, organiser):
    panel = make_panel("selection")
    services.announce_seed(actor=organiser, panel=panel, seed="5")
    with pytest.raises(ValidationError) as info:
        services.cancel_draw(actor=organiser, panel=panel)
    assert info.value.code == "idle"
    assert Lottery.objects.get(panel=panel).status == LotteryStatus.ANNOUNCED


def test_recount_draws_a_finished_lottery_again_from_its_seed(drawn_panel):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    lottery = drawn_panel.lottery
    out = io.StringIO()
    call_command("recount_results", stdout=out)
    text = out.getvalue()
    assert f"panels: {drawn_panel.slug} (lottery): OK" in text
    assert f"seed 12345, inputs {lottery.inputs_hash}, 40 applicants" in text
    assert "panel " + " ".join(anonymous_id(r) for r in lottery.panel_rows) in text
    assert "seats drawn 8, reserves drawn 3" in text
    # Another seed over the same record: the lottery no longer draws that panel.
    record = dict(lottery.record, seed="54321")
    Lottery.objects.filter(pk=lottery.pk).update(record=record, seed="54321")
    with pytest.raises(CommandError):
        call_command("recount_results", stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "drawn again from the seed and files, the panel differs" in err.getvalue()
