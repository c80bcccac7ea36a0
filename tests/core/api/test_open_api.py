"""Every endpoint of the API on the demo municipality: nothing personal comes out, and
schemathesis finds no server error and no answer that breaks the published schema."""

from __future__ import annotations

import itertools
import json
import re

import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PESEL_SHAPED = re.compile(r"(?<![\d.])\d{11}(?![\d.])")


def _schema() -> dict:
    from wiec.core.api.site import get_api

    return json.loads(json.dumps(get_api().get_openapi_schema(path_prefix="/api/v1"), default=str))


def _values(demo) -> dict[str, list]:
    """Real values of every path parameter, so the walk reaches every row's page."""
    from wiec.budgets.models import Edition, Implementation, Proposal
    from wiec.citybudget.models import Report
    from wiec.consultations.models import Consultation
    from wiec.panels.models import CitizensPanel

    return {
        "slug": [
            *Edition.objects.filter(city=demo).values_list("slug", flat=True),
            *Consultation.objects.filter(city=demo).values_list("slug", flat=True),
            *CitizensPanel.objects.filter(city=demo).values_list("slug", flat=True),
        ],
        "proposal_id": list(Proposal.objects.values_list("pk", flat=True)),
        "implementation_id": list(Implementation.objects.values_list("pk", flat=True)),
        "year": sorted(set(Report.objects.filter(city=demo).values_list("year", flat=True))),
    }


def _urls(demo) -> list[str]:
    values = _values(demo)
    urls = []
    for path in _schema()["paths"]:
        names = re.findall(r"{(\w+)}", path)
        for combination in itertools.product(*(values[n] for n in names)):
            url = path
            for name, value in zip(names, combination, strict=True):
                url = url.replace("{" + name + "}", str(value))
            urls.append(url)
    return urls


def _people(demo) -> set[str]:
    """Names of people who published none of them through the API (residents, officials,
    applicants to panels, authors of paper remarks)."""
    from wiec.accounts.models import User
    from wiec.consultations.models import Consultation, Remark
    from wiec.panels.models import Respondent

    names = {u.display_name for u in User.objects.all()}
    names |= set(Respondent.objects.values_list("full_name", flat=True))
    names |= set(Remark.objects.values_list("author_name", flat=True))
    # The office publishes its coordinator's name on the consultation's card.
    names -= set(Consultation.objects.values_list("coordinator_name", flat=True))
    return {n.strip() for n in names if n and len(n.strip()) > 3 and " " in n.strip()}


def _text(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxml"):
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(response.content), read_only=True)
        cells = [c for s in book.worksheets for row in s.iter_rows(values_only=True) for c in row]
        return "\n".join(str(c) for c in cells if c is not None)
    return response.content.decode("utf-8-sig")


def _strings(response) -> str:
    """Every string value of a JSON answer (keys and numbers left out)."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(response.content))
    return "\n".join(found)


def test_no_endpoint_gives_out_personal_data(demo, client, db):
    people = _people(demo)
    assert people, "the demo has named people to look for"
    seen = 0
    for url in _urls(demo):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        seen += 1
        text = _text(response)
        words = _strings(response) if "json" in response["Content-Type"] else text
        assert not EMAIL.search(text), (url, EMAIL.search(text).group())
        # In text, not in amounts: 11 digits of grosze are a sum of money.
        assert not PESEL_SHAPED.search(words), (url, PESEL_SHAPED.search(words).group())
        for name in people:
            assert name not in text, (url, name)
    assert seen > 250  # every public proposal, every edition, consultation and panel


def test_the_walk_would_see_an_address_or_a_name(demo, client, db):
    """The checks above can fail: a remark carrying an address and a name is caught."""
    from wiec.consultations.models import Remark

    remark = Remark.objects.filter(hidden=False, consultation__city=demo).first()
    remark.text = "Proszę o kontakt: jan.kowalski@example.org, PESEL 44051401359"
    remark.save(update_fields=["text"])
    slug = remark.consultation.slug
    response = client.get(f"/api/v1/consultations/{slug}/remarks?page_size=200")
    text = _strings(response)
    assert EMAIL.search(text) and PESEL_SHAPED.search(text)


def test_the_api_keeps_its_schema(demo, db, settings):
    """schemathesis generates requests for every operation from the schema; no answer is
    a server error, and every documented answer matches its schema and content type."""
    from django.core.wsgi import get_wsgi_application

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    # Called straight through WSGI, each request's end would close the test's database
    # connection (and its transaction) on PostgreSQL; Django's test client avoids the
    # same by disconnecting this handler, so do the same while schemathesis calls.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _check_every_operation(get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _check_every_operation(app) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.call_and_validate(
                checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
            )

        check()
