"""The one loopback rule, for the control API's guard, redirect URIs and the CLI's warning."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback_host(host: str) -> bool:
    """`localhost`, 127.0.0.0/8, ::1, and IPv4-mapped loopback (`::ffff:127.0.0.1`); brackets allowed."""
    host = host.strip().removeprefix("[").removesuffix("]").lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def is_loopback_uri(uri: str) -> bool:
    try:
        return is_loopback_host(urlsplit(uri).hostname or "")
    except ValueError:
        return False
