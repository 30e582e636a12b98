"""The visitor's address and scheme when a proxy on this machine forwards requests.

The shipped nginx site (systemd/nginx-court-kiosk.conf) proxies the admin to
127.0.0.1, so every request would come from 127.0.0.1: one person's failed
sign-ins would then throttle the whole court office, and links made from the
request (kiosk set-up URLs) would say http behind https. nginx appends the
address it saw to X-Forwarded-For and sets X-Forwarded-Proto; those headers are
believed only from a loopback peer, so a client reaching the server directly
(``--host 0.0.0.0``) cannot choose its own address by sending them.
"""
import ipaddress


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class LocalProxyFix:
    """WSGI middleware: take REMOTE_ADDR and the URL scheme from a local proxy's headers."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        peer = _address(environ.get("REMOTE_ADDR", ""))
        if peer is not None and peer.is_loopback:
            # The last entry is the one the local proxy added; earlier ones came from the client.
            forwarded = _address(environ.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1])
            if forwarded is not None:
                environ["REMOTE_ADDR"] = str(forwarded)
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
        return self.app(environ, start_response)
