"""Fuzzing the panel pool import: all rows or none, every refusal names the problem."""

from __future__ import annotations

import os

from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiec.panels import services
from wiec.panels.models import Respondent

EXAMPLES = int(os.environ.get("WIEC_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
HEADER = "full_name,email,phone,household,sex,age,education\n"
VALUES = ["Jan", "Anna Nowak", "male", "kobieta", "30-44", "65+", "higher", "", '"', ",", "\x00"]


@FUZZ
@given(st.lists(st.lists(st.sampled_from(VALUES) | st.text(max_size=8), max_size=8), max_size=5))
def test_any_pool_file_imports_whole_or_not_at_all(make_panel, organiser, rows):
    panel = make_panel("recruitment")
    text = HEADER + "".join(",".join(row) + "\n" for row in rows)
    before = Respondent.objects.filter(panel=panel).count()
    try:
        added = services.import_respondents(actor=organiser, panel=panel, text=text)
    except services.ImportRejected as error:
        assert error.messages and all(error.messages)
        assert Respondent.objects.filter(panel=panel).count() == before
    else:
        assert Respondent.objects.filter(panel=panel).count() == before + added


FIELD = st.sampled_from(["", "x", "Anna Nowak", "a@b", "a@example.org", "600 100 200", '"', "\x00"])


@FUZZ
@given(
    code=st.just("<a real letter>") | FIELD | st.text(max_size=25),
    full_name=FIELD | st.text(max_size=160),
    email=FIELD | st.text(max_size=30),
    phone=FIELD | st.text(max_size=45),
    household=FIELD | st.text(max_size=30),
    sex=st.sampled_from(["", "male", "female", "other", "x"]),
    age=st.sampled_from(["", "16-29", "65+", "999"]),
    education=st.sampled_from(["", "basic", "higher", "?"]),
    consent=st.sampled_from(["", "on"]),
    website=st.sampled_from(["", "http://spam.example"]),
)
def test_the_public_application_form_takes_anything_without_an_error_page(
    client,
    make_panel,
    organiser,
    code,
    full_name,
    email,
    phone,
    household,
    sex,
    age,
    education,
    consent,
    website,
):
    """Anyone holding a letter may post the application: whatever they type is stored
    whole or refused with a named problem on the page, never a server error."""
    from django.urls import reverse

    from wiec.panels.models import CitizensPanel

    panel = CitizensPanel.objects.filter(uses_invitations=True).first() or make_panel(
        "recruitment", uses_invitations=True
    )
    cache.clear()  # the per-address limit on applications is not what this test is about
    if code == "<a real letter>":
        code = services.generate_invitation_codes(actor=organiser, panel=panel, count=1)[0]
    before = Respondent.objects.filter(panel=panel).count()
    data = {
        "code": code,
        "full_name": full_name,
        "email": email,
        "phone": phone,
        "household": household,
        "feature_sex": sex,
        "feature_age": age,
        "feature_education": education,
        "consent": consent,
        "website": website,
    }
    response = client.post(reverse("panels:apply", args=[panel.slug]), data)
    cache.clear()  # nor may it leave later tests without applications
    after = Respondent.objects.filter(panel=panel).count()
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert after == before + 1
    else:
        assert after == before
    if response.status_code == 200:
        page = response.content.decode()
        assert 'role="alert"' in page or "errorlist" in page


def test_the_fuzzed_form_can_store_an_application(client, make_panel, organiser):
    """The fuzzing above reaches the stored path too: a real letter with good answers."""
    from django.urls import reverse

    cache.clear()
    panel = make_panel("recruitment", uses_invitations=True)
    code = services.generate_invitation_codes(actor=organiser, panel=panel, count=1)[0]
    data = {
        "code": code,
        "full_name": "Anna Nowak",
        "phone": "600 100 200",
        "feature_sex": "female",
        "feature_age": "65+",
        "feature_education": "higher",
        "consent": "on",
    }
    response = client.post(reverse("panels:apply", args=[panel.slug]), data)
    assert response.status_code == 302
    assert Respondent.objects.filter(panel=panel).count() == 1
