"""Screenshots of the demo for the docs: `make screenshots`.

Starts the demo city on a free port with a fresh SQLite database in a temporary
directory, signs in where a page needs it, and writes viewport-only PNGs (1280 px and
390 px wide) to docs/screenshots/. The PNGs are reduced to 256 colours so they stay
small enough to keep in the repository.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESIDENT = "mieszkanka@demo.wiec.pl"
OFFICIAL = "urzednik@demo.wiec.pl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict[str, str], *args: str, **kwargs) -> subprocess.Popen | None:
    command = [sys.executable, "manage.py", *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, cwd=ROOT, env=env, **kwargs)
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return None


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The demo did not start at {url}.")


def pages(env: dict[str, str]) -> tuple[str, list[tuple[str, str, str | None]]]:
    """The demo password, and (file name, path, who is signed in) for every screenshot."""
    script = (
        "from wiec.budgets.models import Edition, Implementation;"
        "from wiec.budgets.demo import KRAKOW_VOTING;"
        "v = Edition.objects.get(slug=KRAKOW_VOTING);"
        "p = v.proposals.order_by('pk').first();"
        "i = Implementation.objects.order_by('pk').first();"
        "from wiec.accounts.demo import DEMO_PASSWORD;"
        "print(DEMO_PASSWORD, v.slug, p.pk, i.pk if i else 0)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    password, voting, proposal, implementation = out[-4:]
    finished = "bo-krakow-2019"
    shots = [
        ("proposal", f"/bo/projekt/{proposal}/", None),
        ("ballot", f"/bo/{voting}/glosuj/", RESIDENT),
        ("results", f"/bo/{finished}/wyniki/", None),
        ("statistics", f"/bo/{finished}/statystyki/", None),
        ("implementation", "/bo/realizacja/", None),
        ("search", "/szukaj/?q=park", None),
        ("map", "/mapa/", None),
        ("calendar", "/kalendarz/", None),
        ("my-activity", "/moja-aktywnosc/", RESIDENT),
        ("office-inbox", "/biuro/", OFFICIAL),
    ]
    if implementation != "0":
        shots.insert(5, ("implementation-detail", f"/bo/realizacja/{implementation}/", None))
    return password, shots


def log_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/konto/login/")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(password)
    page.get_by_role("main").get_by_role("button", name=re.compile(r"^Zaloguj")).click()
    page.wait_for_load_state()


def shrink(path: Path) -> None:
    """256 colours are plenty for a page of text; the file becomes a fraction."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def shoot(base: str, password: str, shots: list[tuple[str, str, str | None]]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS
        )
        for who in sorted({w for _n, _p, w in shots}, key=str):
            for size, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                if who:
                    log_in(page, base, who, password)
                for name, path, signed_in in shots:
                    if signed_in != who:
                        continue
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = OUT / f"{name}-{size}.png"
                    page.screenshot(path=target)  # the viewport only, not the full page
                    shrink(target)
                    written.append(target)
                context.close()
        browser.close()
    return written


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wiec-screenshots-") as tmp:
        env = {
            **os.environ,
            "WIEC_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "WIEC_MEDIA_ROOT": f"{tmp}/media",
            "PYTHONPATH": str(ROOT),
        }
        print("Migrating a fresh SQLite database and loading the demo city…", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = manage(
            env,
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            background=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(base + "/")
            written = shoot(base, *pages(env))
        finally:
            server.terminate()
            server.wait(timeout=10)
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
