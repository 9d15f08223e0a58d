"""Fixtures for the browser tests: Voilà serving the explorer, and headless Debian Chromium.

In CI (the ``CI`` environment variable set) a missing Playwright or Chromium is a failure with a clear
message, never a skip; on a developer machine without them the tests are skipped with the reason.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("HAIRSIM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VOILA_START_TIMEOUT = 90  # seconds


def _unavailable(reason):
    """Fail in CI, skip elsewhere: the browser test must never skip silently in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"Browser test cannot run in CI: {reason}. Install it (see .ci/run).",
                    pytrace=False)
    pytest.skip(reason)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def sync_api():
    """The ``playwright.sync_api`` module (fails in CI / skips elsewhere if missing)."""
    try:
        import playwright.sync_api as api
    except ImportError as exc:
        _unavailable(f"the Python package playwright is not installed ({exc})")
    try:
        import voila  # noqa: F401
    except ImportError as exc:
        _unavailable(f"voila is not installed ({exc})")
    if not CHROMIUM.exists():
        _unavailable(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    return api


@pytest.fixture(scope="session")
def voila_url(sync_api, tmp_path_factory):
    """Start the classroom server (``python -m hairsim.app.serve``'s Voilà command, the
    ``hairsim`` template, idle culling) on a free loopback port; yield its URL."""
    from hairsim.app.serve import HERE, NOTEBOOK, voila_command, voila_env

    assert NOTEBOOK.exists(), f"{NOTEBOOK} is missing"
    port = _free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    env = voila_env()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(ROOT)) if p)
    cmd = voila_command(port, tracebacks=True)
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, cwd=HERE, env=env, stdout=fh, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + VOILA_START_TIMEOUT
        try:
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"voila exited with code {proc.returncode}:\n{log.read_text()}")
                try:
                    urllib.request.urlopen(url, timeout=2).close()
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        pytest.fail(f"voila did not answer within {VOILA_START_TIMEOUT} s:\n"
                                    f"{log.read_text()}")
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


@pytest.fixture(scope="session")
def browser(sync_api):
    """A headless Debian Chromium driven by Playwright (never ``playwright install``)."""
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def page(browser):
    """One page (one kernel) for the whole session, resized per test; it records JavaScript
    errors (``pageerror``), widget views that failed to render, and every request's URL."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    pg = context.new_page()
    pg.page_errors = []
    pg.requests = []
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))
    pg.on("console", lambda m: m.type == "error" and "Could not create a view" in m.text
          and pg.page_errors.append(m.text))
    pg.on("request", lambda req: pg.requests.append(req.url))
    yield pg
    context.close()


@pytest.fixture
def no_page_errors(page):
    """Fail the test if the page raised a JavaScript error while it ran."""
    before = len(page.page_errors)
    yield
    new = page.page_errors[before:]
    assert new == [], f"JavaScript errors on the page: {new}"
