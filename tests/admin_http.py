"""A staff member on the web admin of a real server (`court-kiosk-server serve`), over HTTP.

The over-the-wire twin of tests/test_admin_support.Staff (which uses Flask's test client): it
signs in like a browser and sends the page's CSRF token with every form. For the reliability
tests that must go through the real admin while the server is under load or being killed.
"""
import re
from pathlib import Path

import requests

from tests.server_fixtures import run_cli

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "a long enough password"


def add_staff(data_dir: Path, name: str, role: str = "admin") -> None:
    """Create a staff account through the real CLI (the password never on a command line)."""
    pw = data_dir / f"{name}-pw.txt"
    pw.write_text(PASSWORD + "\n")
    try:
        assert run_cli(data_dir, "create-user", name, "--role", role, "--language", "en",
                       "--password-file", str(pw)) == 0
    finally:
        pw.unlink()


class HttpStaff:
    def __init__(self, base_url: str, name: str, password: str = PASSWORD, timeout_s: float = 30.0):
        self.base = base_url.rstrip("/")
        self.name, self.password, self.timeout_s = name, password, timeout_s
        self.session = requests.Session()
        self.session.headers["Accept-Language"] = "en"
        self.token = None

    def url(self, path: str) -> str:
        return self.base + path

    def refresh_token(self, path: str = "/admin/login") -> requests.Response:
        page = self.session.get(self.url(path), timeout=self.timeout_s)
        match = CSRF_RE.search(page.text)
        assert match, f"no CSRF token on {path} (HTTP {page.status_code})"
        self.token = match.group(1)
        return page

    def login(self) -> requests.Response:
        self.refresh_token()
        response = self.session.post(self.url("/admin/login"), allow_redirects=False, timeout=self.timeout_s,
                                     data={"username": self.name, "password": self.password, "csrf_token": self.token})
        if response.status_code == 303:
            self.refresh_token("/admin/profile")
        return response

    def get(self, path: str, **kw) -> requests.Response:
        kw.setdefault("timeout", self.timeout_s)
        return self.session.get(self.url(path), **kw)

    def post(self, path: str, data=None, files=None, **kw) -> requests.Response:
        """A form post with the CSRF token; ``files``: field -> (filename, bytes)."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.token)
        kw.setdefault("timeout", self.timeout_s)
        kw.setdefault("allow_redirects", False)
        return self.session.post(self.url(path), data=data, files=files, **kw)
