"""What `make run` prints: each municipality at the port the server really listens on."""

import io

from django.core.management import call_command


def test_the_addresses_printed_use_the_port_make_run_serves_on(city):
    out = io.StringIO()
    call_command("demo_logins", "--base", "http://127.0.0.1:8123", stdout=out)
    text = out.getvalue()
    assert f"http://127.0.0.1:8123/g/{city.slug}/" in text
    assert f"http://{city.slug}.localhost:8123/" in text
    assert ":8000" not in text


def test_every_login_lines_up_in_one_column(city):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    logins = [line for line in out.getvalue().splitlines() if "@demo.wiec.pl" in line]
    columns = {len(line) - len(line.split(maxsplit=1)[1]) for line in logins}
    assert len(logins) >= 2
    assert len(columns) == 1, logins
