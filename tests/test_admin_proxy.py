"""Behind the shipped nginx site, sign-in throttling and links see the visitor, not 127.0.0.1."""
import http.client
from urllib.parse import urlencode

import pytest

from admin_server import create_app
from tests.support.staff import CSRF_RE, PASSWORD, add_staff
from admin_server.testing import Nginx
from admin_server.testing import run_cli, start_server

WRONG = 3  # failed sign-ins a client address may make (COURT_KIOSK_LOGIN_IP_MAX_FAILURES)


class Browser:
    """A browser on its own loopback address (127.0.0.x: all of 127/8 is this machine)."""

    def __init__(self, port, source):
        self.port, self.source, self.cookie = port, source, ""

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10, source_address=(self.source, 0))
        headers = dict(headers or {}, Cookie=self.cookie)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        conn.close()
        return response.status, text

    def sign_in(self, username, password="wrong password"):
        _, page = self.request("GET", "/admin/login")
        token = CSRF_RE.search(page).group(1)
        status, _ = self.request("POST", "/admin/login", urlencode(
            {"username": username, "password": password, "csrf_token": token}))
        return status


@pytest.fixture
def behind_nginx(tmp_path, monkeypatch):
    data = tmp_path / "data"
    assert run_cli(data, "init") == 0
    add_staff(data, "clerk")
    monkeypatch.setenv("COURT_KIOSK_LOGIN_IP_MAX_FAILURES", str(WRONG))
    server = start_server(data)
    nginx = Nginx(tmp_path / "nginx", tmp_path / "export", upstream_port=int(server.url.rsplit(":", 1)[1]))
    (tmp_path / "export").mkdir()
    try:
        yield nginx.start()
    finally:
        nginx.stop()
        server.stop()


def test_one_address_throttled_through_nginx_leaves_the_others_alone(behind_nginx):
    mistyper = Browser(behind_nginx.port, "127.0.0.2")
    answers = [mistyper.sign_in("nobody") for _ in range(WRONG + 1)]
    assert answers == [401] * (WRONG - 1) + [429, 429], "the address that failed is throttled"
    colleague = Browser(behind_nginx.port, "127.0.0.3")
    assert colleague.sign_in("clerk", PASSWORD) == 303, "another computer in the office can still sign in"


@pytest.fixture
def echo_app(tmp_path):
    """The real app with one extra route that shows what the app was told about the request."""
    data = tmp_path / "data"
    assert run_cli(data, "init") == 0
    app = create_app({"DATA_DIR": str(data), "TESTING": True})
    from flask import request

    app.add_url_rule("/_echo", "echo", lambda: f"{request.remote_addr} {request.scheme}")
    return app


@pytest.mark.parametrize("peer, headers, seen", [
    ("127.0.0.1", {"X-Forwarded-For": "10.1.2.3", "X-Forwarded-Proto": "https"}, "10.1.2.3 https"),
    ("127.0.0.1", {"X-Forwarded-For": "6.6.6.6, 10.1.2.3"}, "10.1.2.3 http"),  # the client's own entry is not believed
    ("::1", {"X-Forwarded-For": "10.1.2.3"}, "10.1.2.3 http"),
    ("10.9.9.9", {"X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "https"}, "10.9.9.9 http"),  # not a local proxy
    ("127.0.0.1", {"X-Forwarded-For": "not an address", "X-Forwarded-Proto": "gopher"}, "127.0.0.1 http"),
    ("127.0.0.1", {}, "127.0.0.1 http"),
])
def test_forwarded_headers_are_believed_only_from_a_local_proxy(echo_app, peer, headers, seen):
    client = echo_app.test_client()
    response = client.get("/_echo", headers=headers, environ_base={"REMOTE_ADDR": peer})
    assert response.get_data(as_text=True) == seen
