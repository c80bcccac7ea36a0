"""The demo panel: in the recommendations phase, drawn, with sessions and votes."""

from __future__ import annotations

from django.urls import reverse

from wiec.panels import demo
from wiec.panels.models import CitizensPanel, LotteryStatus, Panelist, RecommendationVote
from wiec.panels.phases import TIMELINE, PanelPhase


def test_demo_panel_is_drawn_and_voting_and_loads_twice(city, client):
    from wiec.accounts import demo as accounts_demo

    accounts_demo.load(city)
    demo.load(city)
    demo.load(city)
    panel = CitizensPanel.objects.get(slug=demo.SLUG)
    assert panel.phase == PanelPhase.RECOMMENDATIONS
    assert panel.lottery.status == LotteryStatus.DONE
    assert panel.respondents.count() == demo.POOL_SIZE
    assert Panelist.objects.filter(panel=panel, kind="member").count() == 24
    assert panel.sessions.count() == 4 and panel.recommendations.count() == 3
    assert RecommendationVote.objects.filter(recommendation__panel=panel).exists()
    assert Panelist.objects.filter(panel=panel, user__email="mieszkanka@demo.wiec.pl").exists()
    # The panelists used their space between sessions; the question was answered.
    assert panel.posts.filter(kind="question").exclude(answer="").exists()
    assert panel.posts.filter(kind="discussion").count() == 2
    for url in (
        "/",
        reverse("panels:list"),
        panel.get_absolute_url(),
        reverse("panels:lottery", args=[panel.slug]),
    ):
        assert client.get(url).status_code == 200


def test_demo_panels_tell_their_story_in_order(city, client):
    """The seed is announced after recruitment and before the draw, the draw before the
    deliberation, the sessions inside it; another panel is recruiting now."""
    from django.utils import timezone

    from wiec.accounts import demo as accounts_demo

    accounts_demo.load(city)
    demo.load(city)
    today = timezone.localdate()
    for panel in CitizensPanel.objects.all():
        assert (
            panel.recruitment_starts
            <= panel.recruitment_ends
            < panel.deliberation_starts
            <= panel.recommendations_start
            <= panel.monitoring_starts
        ), panel.slug
    panel = CitizensPanel.objects.get(slug=demo.SLUG)
    lottery = panel.lottery
    announced = timezone.localtime(lottery.seed_announced_at).date()
    started = timezone.localtime(lottery.started_at).date()
    assert panel.recruitment_ends < announced < started < panel.deliberation_starts
    assert lottery.started_at < lottery.finished_at
    assert started.isoformat() in lottery.seed  # the seed names the day of the public draw
    for respondent in panel.respondents.all():
        consent = timezone.localtime(respondent.consent_at).date()
        assert panel.recruitment_starts <= consent <= panel.recruitment_ends
    sessions = list(panel.sessions.order_by("starts_at"))
    for session in sessions:
        assert timezone.localtime(session.starts_at).date() >= panel.deliberation_starts
    assert timezone.localtime(sessions[-1].starts_at).date() >= today  # the voting session
    assert panel.voting_opens_at <= timezone.now() < panel.voting_closes_at

    recruiting = CitizensPanel.objects.get(slug=demo.RECRUITING)
    assert recruiting.phase == PanelPhase.RECRUITMENT
    assert recruiting.respondents.count() == demo.APPLIED_SO_FAR
    assert not hasattr(recruiting, "lottery") or recruiting.lottery is None
    listing = client.get(reverse("panels:list")).content.decode()
    assert "komunikację miejską" in listing and "klimatu" in listing
    apply = client.get(reverse("panels:apply", args=[recruiting.slug]))
    assert apply.status_code in (200, 302)

    # Another panel has closed recruitment: the seed is out, the public draw is to come.
    selecting = CitizensPanel.objects.get(slug=demo.SELECTING)
    assert selecting.phase == PanelPhase.SELECTION
    assert selecting.lottery.status != LotteryStatus.DONE
    announced = timezone.localtime(selecting.lottery.seed_announced_at).date()
    assert selecting.recruitment_ends < announced <= today
    page = client.get(reverse("panels:lottery", args=[selecting.slug])).content.decode()
    assert selecting.lottery.seed in page
    phases = {p.phase for p in CitizensPanel.objects.all()}
    assert set(TIMELINE) <= phases  # a panel in every phase of the timeline

    # A panel deliberating: drawn before its first session, two held, two to come.
    deliberating = CitizensPanel.objects.get(slug=demo.DELIBERATING)
    assert deliberating.phase == PanelPhase.DELIBERATION
    draw = timezone.localtime(deliberating.lottery.finished_at).date()
    sessions = list(deliberating.sessions.order_by("starts_at"))
    assert draw < timezone.localtime(sessions[0].starts_at).date()
    held = [s for s in sessions if s.starts_at < timezone.now()]
    assert len(held) == 2 and all(s.materials.exists() for s in held)
    assert not deliberating.recommendations.exists()

    # Last year's panel is monitored: results published after its vote, then the city's
    # answers and a recent update on each recommendation.
    monitoring = CitizensPanel.objects.get(slug=demo.MONITORING)
    assert monitoring.phase == PanelPhase.MONITORING
    assert monitoring.voting_closes_at < monitoring.results_published_at < timezone.now()
    for rec in monitoring.recommendations.all():
        assert rec.support_level and rec.responded_at > monitoring.results_published_at
        assert rec.updates.exists()
    page = client.get(monitoring.get_absolute_url()).content.decode()
    assert "Czujniki jakości powietrza" in page
