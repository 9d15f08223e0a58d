"""Fixtures for the browser tests: Voilà serving the explorer, and headless Debian Chromium.

In CI (the ``CI`` environment variable set) a missing Playwright or Chromium is a failure with a clear
message, never a skip; on a developer machine without them the tests are skipped with the reason.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "00_explorer.ipynb"
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
    """Start Voilà on a free loopback port serving notebooks/00_explorer.ipynb; yield its URL."""
    assert NOTEBOOK.exists(), f"{NOTEBOOK} is missing (python scripts/make_notebooks.py)"
    port = _free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # the notebook sets %matplotlib widget itself
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(ROOT)) if p)
    cmd = [
        sys.executable, "-m", "voila", str(NOTEBOOK), "--no-browser",
        "--Voila.ip=127.0.0.1", f"--port={port}", "--Voila.port_retries=0",
        "--show_tracebacks=True",
    ]
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
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


@pytest.fixture
def page(browser):
    """A fresh page; the test fails if the page raises any JavaScript error (``pageerror``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1300})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.page_errors = errors
    yield pg
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"
