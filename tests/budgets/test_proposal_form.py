"""Issue 16: the proposal form takes as many cost items as needed (without JavaScript
too), shows the total, checks the pool's limits in words, and is not offered at all
outside the submission phase."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.budgets.conftest import ZL
from tests.budgets.test_views import form_data
from wiec.budgets.models import Proposal

pytestmark = pytest.mark.django_db


def create_url() -> str:
    return reverse("budgets:proposal_create", args=["bo-2027"])


def rows(html: str) -> int:
    return len(re.findall(r'name="cost_\d+_item"', html))


def test_a_new_form_has_three_rows_and_adds_one_without_javascript(client, people, pools):
    client.force_login(people["author"])
    assert rows(client.get(create_url()).content.decode()) == 3
    data = form_data(pools["podgorze"], cost_1_item="Montaż", cost_1_amount="2 500,00")
    data.pop("submit")
    data.update(cost_row_count="3", add_row="1")
    html = client.post(create_url(), data).content.decode()
    assert rows(html) == 4
    assert 'value="Ławki nad Wisłą"' in html and 'value="Montaż"' in html
    assert "Razem: <strong>15 000,00 zł</strong>" in html
    assert "Popraw" not in html  # nothing was checked, nothing saved
    assert not Proposal.objects.exists()


def test_a_row_is_removed_and_the_others_move_up(client, people, pools):
    client.force_login(people["author"])
    data = form_data(
        pools["podgorze"],
        cost_1_item="Montaż",
        cost_1_amount="2 500,00",
        cost_2_item="Kosze",
        cost_2_amount="1 000,00",
        cost_row_count="3",
        remove_row="1",
    )
    html = client.post(create_url(), data).content.decode()
    assert rows(html) == 2
    assert 'value="Montaż"' not in html
    assert re.search(r'name="cost_1_item" value="Kosze"', html)


def test_many_cost_items_are_saved(client, people, pools):
    client.force_login(people["author"])
    data = form_data(pools["podgorze"], cost_row_count="7")
    for i in range(7):
        data[f"cost_{i}_item"] = f"Pozycja {i}"
        data[f"cost_{i}_amount"] = "1 000,00"
    assert client.post(create_url(), data).status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.cost_items.count() == 7 and proposal.cost == 7_000 * ZL
    edit = client.get(reverse("budgets:proposal_edit", args=[proposal.pk])).content.decode()
    assert rows(edit) == 8


def test_the_pool_limit_is_checked_with_the_amounts(client, people, pools):
    pool = pools["podgorze"]
    pool.max_project_cost = 10_000 * ZL
    pool.min_project_cost = 1_000 * ZL
    pool.save()
    client.force_login(people["author"])
    html = client.get(create_url()).content.decode()
    assert "projekt kosztuje od 1 000,00 zł do 10 000,00 zł" in html
    html = client.post(create_url(), form_data(pool)).content.decode()
    assert (
        "Koszt, 12 500,00 zł, przekracza limit puli Podgórze dla jednego projektu: "
        "najwyżej 10 000,00 zł." in html
    )
    assert not Proposal.objects.exists()
    html = client.post(create_url(), form_data(pool, cost_0_amount="500")).content.decode()
    assert "jest niższy niż minimum puli Podgórze" in html and "co najmniej 1 000,00 zł" in html
    assert not Proposal.objects.exists()


def test_no_form_after_the_deadline(client, people, pools, edition, make_proposal):
    proposal = make_proposal(people["author"], status="draft")
    ended = timezone.localdate() - datetime.timedelta(days=2)
    edition.phases.filter(type="submission").update(ends_on=ended)
    client.force_login(people["author"])
    for url in (create_url(), reverse("budgets:proposal_edit", args=[proposal.pk])):
        html = client.get(url).content.decode()
        assert "Termin składania projektów" in html and "już minął" in html
        assert 'name="title"' not in html and '<form method="post" enctype' not in html


def test_enter_in_a_field_saves_and_never_removes_a_row(client, people, pools):
    client.force_login(people["author"])
    html = client.get(create_url()).content.decode()
    form = html[html.index('<form method="post" enctype') :]
    first_button = re.search(r"<button [^>]*>", form)[0]
    assert 'name="draft"' in first_button and "remove_row" not in first_button
