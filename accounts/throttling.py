"""Login throttling (django-axes) behind a reverse proxy.

The client's address is REMOTE_ADDR unless that is one of settings.TRUSTED_PROXIES (addresses or
networks, e.g. "10.0.0.0/8"): only then is X-Forwarded-For read, from the right, skipping the trusted
proxies, so a client cannot choose its address by sending the header itself. Lockouts are keyed by the
username and address together (AXES_LOCKOUT_PARAMETERS), so failures from one address never lock a
known user out from elsewhere.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.shortcuts import render


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the client (settings.AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _trusted(_address(remote), networks):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # garbage in the header: the last proxy we trust is all we know
            return remote
        if not _trusted(address, networks):
            return str(address)
    return str(_address(hops[0])) if hops else remote


def locked_out(request, credentials=None, *args, **kwargs):
    """The page after too many failed sign-ins (settings.AXES_LOCKOUT_CALLABLE), status 429."""
    return render(request, "accounts/locked_out.html", status=429)
