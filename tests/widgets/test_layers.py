"""The app's figures are drawn in cached layers (hairsim.app.figure.Layers): what a cached render
shows must be what a render from scratch shows, after any sequence of changes."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import hairsim as hs
from hairsim.app.figure import CurvesDisplay
from hairsim.app.world import WorldDisplay



def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


@pytest.fixture(scope="module")
def runs():
    p = hs.presets.aga_moderate()
    u = hs.simulate(p, 2_000, 2, rng=5)
    a = hs.simulate(p, 2_000, 2, stimulation=hs.examples.minoxidil_like(start_day=60), rng=5)
    # b: a small change of a knob, so the axes keep their limits (only the data layer changes)
    b = hs.simulate(p, 2_000, 2, stimulation=hs.examples.minoxidil_like(start_day=60).replace(wake=5.0), rng=5)
    return u, a, b


def test_curves_after_a_history_equal_a_fresh_display(runs):
    u, a, b = runs
    used = CurvesDisplay()
    used.update(a, u)
    used.set_cursor(100)
    used.png()
    used.set_cursor(400)
    used.png()
    used.set_projector(True)
    used.png()
    used.set_projector(False)
    used.png()
    key = used._frame_state()
    used.update(b, u)   # new data, same frame
    assert used._frame_state() == key  # (else this would not test the data layer's cache)
    used.set_cursor(500)
    fresh = CurvesDisplay()
    fresh.update(b, u)
    fresh.set_cursor(500)
    assert np.array_equal(_pixels(used.png()), _pixels(fresh.png()))
    # a change of the frame (limits, legend: healthy has no untreated line) with no reset between
    healthy = hs.simulate("healthy", 2_000, 2, rng=5)
    used.update(healthy)
    assert used._frame_state() != key
    only = CurvesDisplay()
    only.update(healthy)
    only.set_cursor(500)
    assert np.array_equal(_pixels(used.png()), _pixels(only.png()))
    used.update(b, u)
    used.set_cursor(500)
    assert np.array_equal(_pixels(used.png()), _pixels(fresh.png()))
    # and a cursor move changes only the cursor's columns
    before = _pixels(fresh.png())
    fresh.set_cursor(600)
    changed = np.flatnonzero(np.any(_pixels(fresh.png()) != before, axis=(0, 2)))
    assert changed.size and changed.max() - changed.min() < 0.2 * before.shape[1]


def test_curves_layers_show_what_savefig_draws(runs, tmp_path):
    u, a, _ = runs
    d = CurvesDisplay()
    d.update(a, u)
    d.set_cursor(300)
    layered = _pixels(d.png())
    path = tmp_path / "full.png"
    d.savefig(path, dpi=d.fig.dpi)
    full = np.asarray(Image.open(path).convert("RGBA"))
    assert full.shape == layered.shape
    # blitted layers are drawn after the frame (a line may pass over a legend it would pass under):
    # a few pixels differ, not the curves
    assert np.mean(np.any(full != layered, axis=2)) < 0.01
    assert np.array_equal(_pixels(d.png()), layered)  # savefig left the layers as they were
    assert all(x.get_animated() for x in (*d._data_artists, *d.cursor_lines))


def test_world_after_a_history_equals_a_fresh_display(runs):
    _, a, _ = runs
    tr = hs.trace(a, n=225)
    used = WorldDisplay()
    for day in (10, 300, 120):
        used.update_patch(tr, tr.state_at(day), day)
        used.png()
    fresh = WorldDisplay()
    fresh.update_patch(tr, tr.state_at(120), 120)
    assert np.array_equal(_pixels(used.png()), _pixels(fresh.png()))


def test_world_map_cleared_and_redrawn_equals_a_fresh_display(runs):
    """The map axes go off when the scalp run fails (a message instead) and on again."""
    _, a, _ = runs
    tr = hs.trace(a, n=225)
    scalp = hs.scalp.simulate_scalp("aga_moderate", "male_pattern", 2_000, 2, rng=5)
    other = hs.scalp.simulate_scalp("healthy", "male_pattern", 2_000, 2, rng=5)  # another colour range
    used = WorldDisplay()
    used.update_patch(tr, tr.state_at(50), 50)
    for step in (lambda: used.update_map(scalp, 50, "male_pattern"),
                 lambda: used.clear_map("The scalp map could not be drawn."),
                 lambda: used.update_map(other, 50, "male_pattern"),
                 lambda: used.update_map(scalp, 50, "male_pattern")):
        step()
        used.png()
    fresh = WorldDisplay()
    fresh.update_patch(tr, tr.state_at(50), 50)
    fresh.update_map(scalp, 50, "male_pattern")
    assert np.array_equal(_pixels(used.png()), _pixels(fresh.png()))
    used.clear_map("The scalp map could not be drawn.")
    cleared = WorldDisplay()  # the same colour range, rendered for the first time in the final state
    cleared.update_patch(tr, tr.state_at(50), 50)
    cleared.update_map(scalp, 50, "male_pattern")
    cleared.clear_map("The scalp map could not be drawn.")
    assert np.array_equal(_pixels(used.png()), _pixels(cleared.png()))
