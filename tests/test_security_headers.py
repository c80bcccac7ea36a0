"""Security headers and the deployment check, as a city's production settings give them."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WIEC_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="wiec.settings",
        WIEC_SECRET_KEY=secrets.token_urlsafe(50),
        WIEC_IDENTITY_HMAC_KEY=secrets.token_urlsafe(32),
        WIEC_BALLOT_HMAC_KEY=secrets.token_urlsafe(32),
        WIEC_ALLOWED_HOSTS="bo.example.pl",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_carry_a_strict_policy_and_the_other_headers(client, city):
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert '"includeIndicatorStyles":false' in response.content.decode()


def test_uploads_keep_their_own_sandboxing_policy(client, city):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("test/plik.pdf", ContentFile(b"%PDF-1.4\n"))
    response = client.get(f"/media/{name}")
    assert "sandbox" in response["Content-Security-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=|\sstyle\s*=|\shx-on[:-]", re.I)
TEMPLATE_TAG = re.compile(r"{%.*?%}", re.S)


def test_no_template_has_inline_script_style_or_handlers():
    """The policy refuses them, so a page with one would silently break."""
    found = []
    for template in (ROOT / "wiec").rglob("templates/**/*.html"):
        # a template tag's arguments ({% blocktranslate with online=... %}) are not HTML
        text = TEMPLATE_TAG.sub("", template.read_text(encoding="utf-8"))
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER):
            found += [f"{template.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not found
