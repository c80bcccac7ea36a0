"""The address of the person behind a request, as the city's proxies saw it.

Wiec runs behind nginx (README, "Deployment"): without help every request comes from
nginx's one address, and a limit per address would count the whole city as one
person. ``WIEC_TRUSTED_PROXIES`` says how many proxies in front of Wiec are the
city's own; each of them appends the address it was reached from to
``X-Forwarded-For``. The client is the rightmost address that no trusted proxy wrote:
anything to its left came from the client itself and may be forged. A proxy that
sends the client's address in a header of its own (``X-Real-IP``) is named by
``WIEC_CLIENT_IP_HEADER`` instead.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _clean(value: str | None) -> str | None:
    """``"[2001:db8::1]"``, ``" 192.0.2.1 "`` → the address in its canonical spelling."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:5678"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address: from the trusted header, from the trusted end of
    ``X-Forwarded-For``, or the connection's own address (``REMOTE_ADDR``)."""
    remote = _clean(request.META.get("REMOTE_ADDR")) or "0.0.0.0"
    header = getattr(settings, "WIEC_CLIENT_IP_HEADER", "")
    trusted = getattr(settings, "WIEC_TRUSTED_PROXIES", 0)
    if not trusted:
        return remote
    if header and header.lower() != "x-forwarded-for":
        return _clean(request.headers.get(header)) or remote
    hops = [h for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
    if not hops:
        return remote
    # The chain as the last trusted proxy saw it: the hops, then its own peer.
    # ``trusted`` proxies wrote the last ``trusted`` entries of ``hops``.
    position = max(len(hops) - trusted, 0)
    return _clean(hops[position]) or remote
