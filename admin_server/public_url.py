"""The public base URL that QR codes point to: is it well formed, and can a visitor's phone open it?

A phone on the mobile network cannot reach a loopback, private (RFC 1918, fc00::/7) or link-local
address, so a kiosk QR code made from one opens nothing. Host names are trusted: only `localhost`
is known to be local.
"""
import ipaddress
from urllib.parse import urlsplit


def is_well_formed(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def phones_cannot_open(url: str) -> bool:
    """True when `url` names this machine or a private/link-local network, which phones cannot reach."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified
