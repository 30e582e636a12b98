"""A staff member on the web admin: signs in like a browser and sends the page's CSRF token with every form.

``Staff(app)`` goes through Flask's test client (fast, in this process); ``Staff.over_http(url, name)``
goes to a real server (`court-kiosk-server serve`) over HTTP, for the tests that must use the real
admin while the server is under load or being killed. The same sign-in and form logic serves both.
Below: reading a page's forms and messages like a browser, and uploads sent slowly.
"""
import io
import re
import time
from pathlib import Path

import requests

from admin_server.testing import run_cli

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


def page_text(response) -> str:
    """The body of a Flask test response or a requests response."""
    return response.get_data(as_text=True) if hasattr(response, "get_data") else response.text


class Staff:
    """Signs in and posts forms with the CSRF token, through Flask's test client or (over_http) a real server."""

    def __init__(self, app=None, *, base_url: str | None = None, name: str = "boss", password: str = PASSWORD,
                 timeout_s: float = 30.0):
        self.app = app
        self.name, self.password, self.timeout_s = name, password, timeout_s
        self.token = None
        if base_url is None:
            self.client = app.test_client()
            self.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # the sign-in page's language
            self.session = None
        else:
            self.base = base_url.rstrip("/")
            self.client = None
            self.session = requests.Session()
            self.session.headers["Accept-Language"] = "en"

    @classmethod
    def over_http(cls, base_url: str, name: str, password: str = PASSWORD, timeout_s: float = 30.0) -> "Staff":
        return cls(base_url=base_url, name=name, password=password, timeout_s=timeout_s)

    def url(self, path: str) -> str:
        return self.base + path

    def refresh_token(self, url="/admin/login"):
        page = self.get(url)
        match = CSRF_RE.search(page_text(page))
        assert match, f"no CSRF token on {url} (HTTP {page.status_code})"
        self.token = match.group(1)
        return page

    def login(self, username=None, password=None):
        self.refresh_token()
        response = self.post("/admin/login", {"username": self.name if username is None else username,
                                              "password": self.password if password is None else password})
        if response.status_code == 303:
            self.refresh_token("/admin/profile")
        return response

    def get(self, url, **kw):
        if self.session is None:
            return self.client.get(url, **kw)
        kw.setdefault("timeout", self.timeout_s)
        return self.session.get(self.url(url), **kw)

    def post(self, url, data=None, files=None, *, csrf=True, **kw):
        """A form post with the CSRF token; ``files``: field -> (filename, bytes)."""
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.token)
        if self.session is None:
            if files:
                data.update({field: (io.BytesIO(content), name) for field, (name, content) in files.items()})
                kw.setdefault("content_type", "multipart/form-data")
            return self.client.post(url, data=data, **kw)
        kw.setdefault("timeout", self.timeout_s)
        kw.setdefault("allow_redirects", False)
        return self.session.post(self.url(url), data=data, files=files, **kw)

    def upload(self, url, data, files: dict, **kw):
        """files: field -> (bytes, filename)."""
        data = dict(data, csrf_token=self.token)
        return self.post(url, data, {field: (name, content) for field, (content, name) in files.items()}, **kw)


# --- reading pages like a browser (added for the load + editing soak) ----------

import html as _html  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

FLASH_RE = re.compile(r'<(p|div) class="flash (ok|error)[^"]*"[^>]*>(.*?)</\1>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")


class _Forms(HTMLParser):
    """The POST forms of a page with the pairs a browser would send for them (no button pressed, no files)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._option, self._textarea = [], None, None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"attrs": a, "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind, name = (a.get("type") or "text").lower(), a.get("name")
            if not name or "disabled" in a or kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"].append((name, a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select":
            self._select = {"name": a.get("name"), "disabled": "disabled" in a, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, "disabled" in a, ""]
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"name": a.get("name"), "disabled": "disabled" in a, "text": ""}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data
        elif self._option is not None:
            self._option[3] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self._option = None
        elif tag == "textarea" and self._textarea is not None:
            t, self._textarea = self._textarea, None
            text = t["text"][1:] if t["text"].startswith("\n") else t["text"]  # as browsers do
            if t["name"] and not t["disabled"] and self._form is not None:
                self._form["fields"].append((t["name"], text))
        elif tag == "select" and self._select is not None:
            s, self._select = self._select, None
            options = s["options"]
            chosen = next((o for o in options if o[1]), None) or next((o for o in options if not o[2]), None)
            if s["name"] and not s["disabled"] and chosen is not None and self._form is not None:
                self._form["fields"].append((s["name"], chosen[0] if chosen[0] is not None else chosen[3].strip()))
        elif tag == "form":
            self._form = None


def page_forms(page_html: str) -> list[dict]:
    """Every form of a page: {"attrs": {...}, "fields": [(name, value), ...]} as a browser would submit it."""
    parser = _Forms()
    parser.feed(page_html)
    return parser.forms


def edit_form(page_html: str) -> list[tuple[str, str]]:
    """The pairs of a page's content form (`<form class="edit">`: the one with the Save button)."""
    forms = [f for f in page_forms(page_html) if "edit" in (f["attrs"].get("class") or "").split()]
    assert forms, "no edit form on the page"
    return list(forms[0]["fields"])


def with_values(pairs, **changes) -> list[tuple[str, str]]:
    """`pairs` with the named fields set (names with a dot, like text.en, are passed as text__en)."""
    changes = {k.replace("__", "."): v for k, v in changes.items()}
    out = [(k, v) for k, v in pairs if k not in changes]
    return out + [(k, v) for k, v in changes.items()]


def flashes(page_html: str) -> list[tuple[str, str]]:
    """The (category, sentence) messages a page shows: "ok" or "error"."""
    return [(m.group(2), " ".join(_html.unescape(TAG_RE.sub(" ", m.group(3))).split()))
            for m in FLASH_RE.finditer(page_html)]


def follow(staff: Staff, response: requests.Response) -> requests.Response:
    """GET the page a 303 answer leads to, as a browser does."""
    from urllib.parse import urljoin

    assert response.status_code in (301, 302, 303), response.status_code
    return staff.session.get(urljoin(response.url, response.headers["Location"]), allow_redirects=False,
                             timeout=staff.timeout_s)


class PacedBody:
    """A multipart form body sent in chunks with a pause after each, like a slow uplink.

    requests sends it with its Content-Length (it has a len()), not chunked. ``sent`` counts the
    bytes handed to the socket and ``done`` turns true once the last chunk has been sent; a test
    in another thread reads both to know whether the request is still on the wire.
    """

    def __init__(self, data: dict, files: dict, chunk_size: int = 64 * 1024, pause_s: float = 0.0):
        from urllib3 import encode_multipart_formdata

        fields = list(data.items()) + [(field, (name, content)) for field, (name, content) in files.items()]
        self.body, self.content_type = encode_multipart_formdata(fields)
        self.chunk_size, self.pause_s = chunk_size, pause_s
        self.sent, self.done = 0, False

    def __len__(self) -> int:
        return len(self.body)

    def __iter__(self):
        for start in range(0, len(self.body), self.chunk_size):
            if start and self.pause_s:
                time.sleep(self.pause_s)
            chunk = self.body[start:start + self.chunk_size]
            yield chunk
            self.sent += len(chunk)
        self.done = True


def post_paced(staff: Staff, path: str, data=None, files=None, *, chunk_size: int = 64 * 1024,
               pause_s: float = 0.0, body: PacedBody | None = None, **kw) -> requests.Response:
    """Like ``staff.post`` with ``files`` (field -> (filename, bytes)), but the body goes out as a
    PacedBody; pass ``body`` (made with the CSRF token in ``data``) to watch its progress."""
    if body is None:
        data = dict(data or {})
        data.setdefault("csrf_token", staff.token)
        body = PacedBody(data, files or {}, chunk_size, pause_s)
    kw.setdefault("timeout", staff.timeout_s)
    kw.setdefault("allow_redirects", False)
    headers = {"Content-Type": body.content_type, **kw.pop("headers", {})}
    return staff.session.post(staff.url(path), data=body, headers=headers, **kw)
