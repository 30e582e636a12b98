"""The admin in a real browser: Debian's Chromium via Playwright, a page that fails its test on script
errors or CSP refusals, screenshots into test-artifacts/admin/, and the sign-in steps.

Importing this skips the importing test module when Playwright is not installed.
"""
import re

import pytest

from tests.support.admin import ARTIFACTS, PASSWORD

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
@pytest.fixture(scope="module")
def browser():
    import os

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/install-system-deps.sh)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """Collects what would mean a broken page: script errors and CSP violations."""

    def __init__(self, page):
        self.problems = []
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("console", self._console)

    def _console(self, message):
        # "Failed to load resource" is an expected 403/404 we navigate to on purpose; CSP refusals are not.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console: {message.text}")


def watched_page(browser, **context_options):
    """A page in a new browser context, for a fixture to yield from: it fails on what Watch collects."""
    context = browser.new_context(locale="en-US", **context_options)
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watch(page)
    yield page
    context.close()
    assert watch.problems == []


@pytest.fixture
def page(browser):
    yield from watched_page(browser, viewport={"width": 1366, "height": 768})


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, base, username, password=PASSWORD):
    page.goto(base + "/admin/")
    assert "/admin/login" in page.url
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def sign_out(page):
    page.click("header .who button")
    page.wait_for_url(re.compile(r".*/admin/login$"))


def add_user(page, base, username, role):
    page.goto(base + "/admin/users/new")
    page.fill("#f-username", username)
    page.select_option("#f-role", role)
    page.select_option("#f-language", "en")
    page.fill("#f-password", PASSWORD)
    page.fill("#f-password2", PASSWORD)
    page.click("form.edit button[type=submit]")
    page.wait_for_url(base + "/admin/users/")
    assert f"Created the account “{username}”." in page.inner_text("main")
