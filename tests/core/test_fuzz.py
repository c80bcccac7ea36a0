"""Fuzzing the table reader and the public forms: any input is read or refused with a
named problem, never an exception. ``make fuzz`` runs them with many more examples."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiec.core.tables import decode_upload, read_rows

EXAMPLES = int(os.environ.get("WIEC_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
CELL = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_are_a_table_or_a_message_naming_the_row(raw):
    try:
        header, rows = read_rows(decode_upload(raw))
        rows = list(rows)
    except ValidationError as error:
        assert error.code and error.messages
    else:
        assert all(set(row) == set(header) for _n, row in rows)


@FUZZ
@given(
    st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=6),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1250"]),
)
def test_a_table_as_excel_saves_it_reads_back(table, delimiter, encoding):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(table)
    try:
        raw = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return  # Windows-1250 cannot hold every letter; Excel would not save it either
    try:
        _header, rows = read_rows(decode_upload(raw))
        list(rows)
    except ValidationError as error:
        assert error.code and error.messages


TEXT = st.text(max_size=60)


@FUZZ
@given(name=TEXT, email=TEXT, phone=TEXT, page=TEXT, description=TEXT, website=TEXT)
def test_the_accessibility_request_form_validates_anything(
    db, name, email, phone, page, description, website
):
    from wiec.accessibility.forms import AccessibilityRequestForm

    form = AccessibilityRequestForm(
        {
            "requester_name": name,
            "email": email,
            "phone": phone,
            "page_url": page,
            "description": description,
            "website": website,
        }
    )
    if not form.is_valid():
        assert all(message for messages in form.errors.values() for message in messages)
    else:
        assert not website.strip()
        assert "website" not in form.cleaned_data
