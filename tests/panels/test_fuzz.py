"""Fuzzing the panel pool import: all rows or none, every refusal names the problem."""

from __future__ import annotations

import os

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
