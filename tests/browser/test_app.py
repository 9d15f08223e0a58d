"""The explorer in a real browser: Voilà serves notebooks/00_explorer.ipynb, Chromium drives it.

Moves a slider with the keyboard and a dropdown, waits for the ipympl canvas to change, fails on any
page error, saves ``docs/app.png`` (shown in the README) and records the slider-to-redraw latency at
100,000 follicles in ``benchmarks/results/app_latency.json`` (recorded, never asserted).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "app.png"
LATENCY_JSON = ROOT / "benchmarks" / "results" / "app_latency.json"
CANVAS = ".jupyter-matplotlib-canvas-div canvas"
TIMEOUT_MS = 60_000
N_PRESSES = 5

pytestmark = pytest.mark.browser

_CANVAS_CHANGED = """([sel, old]) => {
    const c = document.querySelector(sel);
    return c !== null && c.width > 0 && c.toDataURL() !== old;
}"""


def _canvas_url(page):
    return page.evaluate(f"() => document.querySelector('{CANVAS}').toDataURL()")


def _wait_canvas_change(page, old):
    page.wait_for_function(_CANVAS_CHANGED, arg=[CANVAS, old], timeout=TIMEOUT_MS, polling="raf")


def _slider(page, label):
    return page.locator(".widget-slider", has_text=label).first


def _wait_ready(page):
    """Wait until the app is rendered and the first plot has been drawn and has settled."""
    page.locator(CANVAS).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    page.locator(".hairsim-explorer").wait_for(state="visible", timeout=TIMEOUT_MS)
    page.get_by_text("Follicles in anagen").first.wait_for(timeout=TIMEOUT_MS)
    blank = page.evaluate(
        """(sel) => { const c = document.querySelector(sel);
                      const b = document.createElement('canvas');
                      b.width = c.width; b.height = c.height; return b.toDataURL(); }""",
        CANVAS,
    )
    _wait_canvas_change(page, blank)
    # Let any second draw (ipympl may redraw once after the first layout) land.
    previous, stable_since = _canvas_url(page), time.monotonic()
    while time.monotonic() - stable_since < 1.0:
        page.wait_for_timeout(200)
        current = _canvas_url(page)
        if current != previous:
            previous, stable_since = current, time.monotonic()


def test_explorer_in_voila(page, voila_url, browser, sync_api):
    page.goto(voila_url, timeout=TIMEOUT_MS)
    _wait_ready(page)
    assert page.get_by_text("The stimulation is hypothetical").first.is_visible()
    readouts = page.locator(".hairsim-explorer table").first
    readout_text = readouts.inner_text()

    # 1. A slider, moved with the keyboard: each press re-simulates 100,000 follicles and redraws.
    anagen = _slider(page, "Mean anagen (years)")
    handle = anagen.locator(".noUi-handle")
    readout = anagen.locator(".widget-readout")
    value_before = float(readout.inner_text())
    latencies = []
    for _ in range(N_PRESSES):
        old = _canvas_url(page)
        handle.focus()
        t0 = time.perf_counter()
        page.keyboard.press("ArrowLeft")
        _wait_canvas_change(page, old)
        latencies.append(time.perf_counter() - t0)
        page.wait_for_timeout(300)  # let the redraw settle before the next press
    value_after = float(readout.inner_text())
    assert value_after == pytest.approx(value_before - N_PRESSES * 0.05, abs=0.006)
    assert readouts.inner_text() != readout_text, "the readouts did not follow the slider"

    # 2. The preset dropdown: the sliders take the preset's values and the plot changes.
    old, anagen_text = _canvas_url(page), readout.inner_text()
    preset = page.locator(".widget-dropdown", has_text="Preset").locator("select")
    preset.select_option(label="Severe androgenetic alopecia")
    _wait_canvas_change(page, old)
    sync_api.expect(readout).not_to_have_text(anagen_text, timeout=TIMEOUT_MS)
    page.get_by_text("Severe androgenetic alopecia, 10 years").first.wait_for(timeout=TIMEOUT_MS)
    old = _canvas_url(page)
    preset.select_option(label="Moderate androgenetic alopecia")   # back, for the screenshot
    _wait_canvas_change(page, old)

    # 3. Turn the hypothetical stimulation on (second tab), for a screenshot that shows it all.
    page.locator(".lm-TabBar-tab", has_text="Stimulation").first.click()
    old = _canvas_url(page)
    page.locator(".widget-checkbox", has_text="Hypothetical stimulation on").locator(
        "input").check()
    _wait_canvas_change(page, old)
    page.get_by_text("Untreated (same seed)").first.wait_for(timeout=TIMEOUT_MS)

    # 4. Play animates the time cursor (no re-simulation); then put the cursor at month 30.
    cursor = _slider(page, "Time (month)").locator(".widget-readout")
    start_text = cursor.inner_text()
    play_buttons = page.locator(".widget-play button")
    play_buttons.first.click()
    sync_api.expect(cursor).not_to_have_text(start_text, timeout=TIMEOUT_MS)
    play_buttons.first.click()                       # pause
    cursor.fill("30")
    cursor.press("Enter")
    page.get_by_text("month 30 (year 2.5)").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(800)

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.locator(".hairsim-explorer").screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000

    LATENCY_JSON.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "what": "browser: keyboard press on the 'Mean anagen' slider until the ipympl canvas changed "
                "(Voilà + headless Chromium; one simulation of 100,000 follicles x 10 years + redraw)",
        "n_follicles": 100_000,
        "years": 10,
        "samples_ms": [round(1000 * t, 1) for t in latencies],
        "median_ms": round(1000 * statistics.median(latencies), 1),
        "target_ms": 300,
        "chromium": browser.version,
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
                   f"python {platform.python_version()}",
        "load_average_1min": round(os.getloadavg()[0], 2),
        "recorded": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    LATENCY_JSON.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
