"""Who gets what from every page of the network: the one table that
``tests/network/test_permission_matrix.py`` checks against the running pages and that
docs/permissions.md shows (between its ``network-matrix`` markers).

Regenerate the documentation's table after changing this one:
``.venv/bin/python -m tests.network.permission_table``.

Each row: the URL name, the state of its object ("" when it has none), the method, and
the answer per role, in the order of :data:`ROLES`:

- ``200`` the page; ``400`` a refused link; ``403`` forbidden; ``404`` not found;
- ``login`` a redirect to the login page (an anonymous visitor where an account is
  needed); ``done`` a redirect elsewhere (a POST that did what it was asked).
"""

from __future__ import annotations

import re
from pathlib import Path

ROLES = (
    "anonymous",
    "resident",
    "member",
    "official_a",
    "official_b",
    "editor",
    "administrator",
)
ROLE_HEADINGS = (
    "anonymous",
    "resident",
    "network member",
    "official of A",
    "official of B",
    "network editor",
    "network administrator",
)

PUBLIC = ("200",) * 7
ACCOUNT = ("login",) + ("200",) * 6
EDITORS = ("login", "403", "403", "403", "403", "200", "200")
ADMINS = ("login", "403", "403", "403", "403", "403", "200")
NOBODY = ("login", "403", "403", "403", "403", "403", "403")
# A draft, submitted or returned practice: its author (the member) and the editors.
AUTHOR_AND_EDITORS = ("login", "403", "200", "403", "403", "200", "200")
# An advice request of municipality A: A's team and the foundation (editors).
ADVICE_PARTIES = ("login", "403", "403", "200", "403", "200", "200")

TABLE: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("home", "", "GET", PUBLIC),
    ("geojson", "", "GET", PUBLIC),
    ("profile", "", "GET", PUBLIC),
    ("practices", "", "GET", PUBLIC),
    ("practice_create", "", "GET", ("login", "403", "200", "403", "403", "200", "200")),
    ("review_queue", "", "GET", EDITORS),
    ("practice", "draft", "GET", AUTHOR_AND_EDITORS),
    ("practice", "submitted", "GET", AUTHOR_AND_EDITORS),
    ("practice", "returned", "GET", AUTHOR_AND_EDITORS),
    ("practice", "published", "GET", PUBLIC),
    ("practice_edit", "draft", "GET", AUTHOR_AND_EDITORS),
    ("practice_edit", "submitted", "GET", EDITORS),
    ("practice_edit", "returned", "GET", AUTHOR_AND_EDITORS),
    ("practice_edit", "published", "GET", NOBODY),
    ("practice_submit", "draft", "POST", ("login", "403", "done", "403", "403", "403", "403")),
    ("practice_submit", "submitted", "POST", NOBODY),
    ("practice_submit", "returned", "POST", ("login", "403", "done", "403", "403", "403", "403")),
    ("practice_submit", "published", "POST", NOBODY),
    ("practice_review", "draft", "POST", NOBODY),
    ("practice_review", "submitted", "POST", ("login", "403", "403", "403", "403", "done", "done")),
    ("practice_review", "returned", "POST", NOBODY),
    ("practice_review", "published", "POST", NOBODY),
    ("members", "", "GET", PUBLIC),
    ("join", "", "GET", ACCOUNT),
    ("withdraw", "", "POST", ("login",) + ("done",) * 6),
    ("events", "", "GET", PUBLIC),
    ("events_ics", "", "GET", PUBLIC),
    ("event_create", "", "GET", EDITORS),
    ("event", "open", "GET", PUBLIC),
    ("event", "full", "GET", PUBLIC),
    ("event", "cancelled", "GET", PUBLIC),
    ("event_register", "open", "POST", ("login",) + ("done",) * 6),
    ("event_register", "full", "POST", ("login",) + ("done",) * 6),
    ("event_register", "cancelled", "POST", ("login",) + ("done",) * 6),
    ("event_edit", "open", "GET", EDITORS),
    ("event_edit", "full", "GET", EDITORS),
    ("event_edit", "cancelled", "GET", NOBODY),
    ("event_cancel", "open", "GET", EDITORS),
    ("event_cancel", "full", "GET", EDITORS),
    ("event_cancel", "cancelled", "GET", NOBODY),
    ("event_registrations", "open", "GET", EDITORS),
    ("event_registrations", "full", "GET", EDITORS),
    ("event_registrations", "cancelled", "GET", EDITORS),
    ("event_registrations_csv", "open", "GET", EDITORS),
    ("event_registrations_csv", "full", "GET", EDITORS),
    ("event_registrations_csv", "cancelled", "GET", EDITORS),
    ("advice_list", "", "GET", ACCOUNT),
    ("advice_create", "", "GET", ("login", "403", "403", "200", "403", "403", "403")),
    ("advice", "open", "GET", ADVICE_PARTIES),
    ("advice", "answered", "GET", ADVICE_PARTIES),
    ("advice_close", "open", "POST", ("login", "403", "403", "done", "403", "done", "done")),
    ("advice_close", "answered", "POST", ("login", "403", "403", "done", "403", "done", "done")),
    ("newsletter", "", "GET", PUBLIC),
    ("newsletter_confirm", "", "GET", ("400",) * 7),
    ("newsletter_unsubscribe", "", "GET", ("400",) * 7),
    ("editorial", "", "GET", EDITORS),
    ("compose", "", "GET", EDITORS),
    ("issue_progress", "draft", "GET", EDITORS),
    ("issue_progress", "sent", "GET", EDITORS),
    ("compose_edit", "draft", "GET", EDITORS),
    ("compose_edit", "sent", "GET", NOBODY),
    ("issue", "draft", "GET", ("404", "404", "404", "404", "404", "200", "200")),
    ("issue", "sent", "GET", PUBLIC),
    ("assessments", "", "GET", PUBLIC),
    ("assessment_answer", "", "GET", ("login", "403", "403", "200", "403", "403", "200")),
    ("assessment", "", "GET", PUBLIC),
    ("questionnaire", "", "GET", EDITORS),
    ("area_create", "", "GET", EDITORS),
    ("area_edit", "", "GET", EDITORS),
    ("theme_create", "", "GET", EDITORS),
    ("theme_edit", "", "GET", EDITORS),
    ("ranking", "", "GET", PUBLIC),
    ("ranking_publish", "", "POST", (*ADMINS[:6], "done")),
    ("ranking_jury", "", "GET", ADMINS),
]

SHOWN = {"login": "→ login", "done": "302", "200": "200", "400": "400", "403": "403", "404": "404"}
START, END = "<!-- network-matrix:start -->", "<!-- network-matrix:end -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def render() -> str:
    """The table as Markdown, as docs/permissions.md shows it."""
    lines = [
        "| page (URL name) | state | method | " + " | ".join(ROLE_HEADINGS) + " |",
        "|---|---|---|" + "---|" * len(ROLES),
    ]
    for name, state, method, answers in TABLE:
        cells = " | ".join(SHOWN[a] for a in answers)
        lines.append(f"| `network:{name}` | {state or '–'} | {method} | {cells} |")
    return "\n".join(lines)


def documented() -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(re.escape(START) + r"\n(.*?)\n" + re.escape(END), text, re.S)
    return found.group(1) if found else ""


def write() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{render()}\n{END}"
    if START in text:
        text = re.sub(
            re.escape(START) + r".*?" + re.escape(END), lambda _m: block, text, flags=re.S
        )
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
