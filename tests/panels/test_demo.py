"""The demo panel: in the recommendations phase, drawn, with sessions and votes."""

from __future__ import annotations

from django.urls import reverse

from wiec.panels import demo
from wiec.panels.models import CitizensPanel, LotteryStatus, Panelist, Vote
from wiec.panels.phases import Phase


def test_demo_panel_is_drawn_and_voting_and_loads_twice(city, client):
    from wiec.accounts import demo as accounts_demo

    accounts_demo.load(city)
    demo.load(city)
    demo.load(city)
    panel = CitizensPanel.objects.get(slug=demo.SLUG)
    assert panel.phase == Phase.RECOMMENDATIONS
    assert panel.lottery.status == LotteryStatus.DONE
    assert panel.respondents.count() == demo.POOL_SIZE
    assert Panelist.objects.filter(panel=panel, kind="member").count() == 24
    assert panel.sessions.count() == 4 and panel.recommendations.count() == 3
    assert Vote.objects.filter(recommendation__panel=panel).exists()
    assert Panelist.objects.filter(panel=panel, user__email="mieszkanka@demo.wiec.pl").exists()
    for url in (
        "/",
        reverse("panels:list"),
        panel.get_absolute_url(),
        reverse("panels:lottery", args=[panel.slug]),
    ):
        assert client.get(url).status_code == 200
