"""What the fuzz tests of the signed-in forms share: what people might type, and what
an answer to it must look like (stored whole, or refused with the problem named)."""

from __future__ import annotations

import html
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("WIEC_FUZZ_EXAMPLES", "15"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

#: A script that must never reach a page unescaped.
SCRIPT = "<script>alert('wiec')</script>"

PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ request.user }}{% csrf_token %}",
    "%(n)s %s {0}",
    "\x00",
    "Park\x00 nad Wisłą",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eevil.exe\u202c",
    "🎉👩‍👩‍👧 🇵🇱",
    "١٢٣٤٥",
    "\u200b",
    " \t\r\n ",
    "Zażółć\r\ngęślą jaźń",
    "ą" * 4000,
    "x" * 20000,
    "\x07\x1b[31m\x7f",
    "\ufeff\ufffe",
]

#: Any text: the payloads, anything Unicode holds (surrogates cannot be sent as UTF-8),
#: and a payload with text around it.
TEXT = (
    st.sampled_from(PAYLOADS)
    | st.text()
    | st.builds(
        lambda a, b, c: a + b + c,
        st.text(max_size=8),
        st.sampled_from(PAYLOADS),
        st.text(max_size=8),
    )
)

#: What people type where a number is asked for: digits of other scripts, full-width
#: ones, Polish commas, exponents, words.
NUMBERS = st.sampled_from(
    [
        "",
        "50.0614",
        "19.9372",
        "50,0614",
        "٥٠٫٠٦",
        "５０.０６",
        "५०.०६",
        "1e308",
        "-1e400",
        "nan",
        "inf",
        "-0",
        "12 500,00",
        "１２ ５００,００",
        "12\u00a0500 zł",
        "99999999999999999999999999999",
        "0x1F",
        "\x00",
    ]
) | st.text(max_size=12)


def assert_refused_by_name(response, form_name: str = "form") -> None:
    """A refusal: the form again, every problem on the page in words."""
    assert response.status_code in (200, 400), response.status_code
    form = response.context[form_name]
    assert form.errors, "the form came back without saying what is wrong"
    page = response.content.decode()
    assert 'role="alert"' in page
    for messages in form.errors.values():
        for message in messages:
            assert message.strip()
            assert html.escape(message) in page or message in page, message


def post_outside_limits(client, url: str, data: dict | None = None, **extra):
    """Post a form with the rate limits' counters emptied before and after: a limit on
    comments or proposals is not what a fuzz test is about, and hundreds of examples
    from one person would otherwise meet it."""
    from django.core.cache import cache

    cache.clear()
    try:
        return client.post(url, data, **extra)
    finally:
        cache.clear()


def assert_escaped(page: str) -> None:
    """No payload reaches the page as markup."""
    assert SCRIPT not in page
    assert "<img src=x" not in page


def some_of(fields: dict, max_size: int = 3):
    """Up to ``max_size`` of the fields, each drawn from its strategy: laid over a form
    that would be stored, so that both answers, stored and refused, are reached."""
    return st.sets(st.sampled_from(sorted(fields)), max_size=max_size).flatmap(
        lambda names: st.fixed_dictionaries({n: fields[n] for n in names})
    )
