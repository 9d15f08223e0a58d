"""The world view in hairsim.plot: plot_patch, PatchDisplay (with synthetic states) and animate."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

import hairsim as hs
from hairsim.phases import PHASE_COLORS, Phase
from hairsim.plot_world import PatchDisplay


def _state(k=9):
    return {
        "phase": np.array([0, 0, 1, 2, 3, 0, 0, 2, 0], dtype=np.int8)[:k],
        "hair_visible": np.array([1, 1, 1, 1, 0, 0, 1, 1, 1], dtype=bool)[:k],
        "hair_diameter_um": np.array([70, 20, 60, 65, np.nan, np.nan, 80, 40, 25.0])[:k],
        "club_visible": np.array([0, 0, 0, 0, 0, 0, 1, 0, 0], dtype=bool)[:k],
        "club_diameter_um": np.array([np.nan] * 6 + [75.0, np.nan, np.nan])[:k],
        "shed_today": np.array([0, 0, 0, 0, 1, 0, 0, 0, 0], dtype=bool)[:k],
    }


def test_patch_draws_each_follicle_as_its_hair():
    ax = Figure().subplots()
    d = PatchDisplay(ax, 9, area_cm2=0.04, vellus_threshold_um=30)
    d.update(_state(), day=10)
    assert len(d.hairs.get_segments()) == 7          # visible hairs
    assert len(d.clubs.get_segments()) == 1          # the held club beside a new hair
    widths = d.hairs.get_linewidths()
    assert widths[0] > widths[1]                     # 70 µm thicker than a 20 µm vellus hair
    colors = d.hairs.get_colors()
    from matplotlib.colors import to_rgba
    assert tuple(colors[2]) == to_rgba(PHASE_COLORS[Phase.CATAGEN])
    assert len(d.sheds.get_offsets()) == 1
    # counted as a trial: visible non-vellus hairs, the held club included
    assert d.count == {"hairs": 8, "nonvellus": 6, "per_cm2": 150.0, "follicles": 9}
    assert "150 hairs/cm² counted" in d.title.get_text()    # 6 hairs in 0.04 cm²
    with pytest.raises(ValueError, match="must hold 9 follicles"):
        d.update(_state(4))


def test_plot_patch_follows_the_run():
    r = hs.simulate("aga_moderate", 2_000, 2, rng=3)
    ax = hs.plot.plot_patch(r, 300)
    tr = hs.trace(r, n=225)
    assert ax.patch_display.count == tr.count_at(300)
    assert "mm" in ax.get_xlabel()
    with pytest.raises(ValueError, match=r"'day' parameter must be a whole number in \[0, 730\]"):
        hs.plot.plot_patch(r, 731)


def test_animate_writes_a_gif_with_its_frames(tmp_path):
    from PIL import Image

    r = hs.simulate("healthy", 1_000, 1, rng=1)
    sc = hs.scalp.simulate_scalp(hs.presets.aga_mild(), "female_pattern", n_follicles=1_200, years=1,
                                 rng=1)
    anim = hs.plot.animate(r, tmp_path / "a.gif", frames=5, scalp=sc)
    assert list(anim.frame_days) == [0, 91, 182, 274, 365]
    with Image.open(tmp_path / "a.gif") as im:
        assert im.n_frames == 5
    with pytest.raises(ValueError, match="must be a file path ending in .gif or .mp4"):
        hs.plot.animate(r, tmp_path / "a.avi")
    with pytest.raises(ValueError, match=r"'frames' parameter must be None or a whole number in \[2, 2000\]"):
        hs.plot.animate(r, frames=1)


def test_animate_refuses_a_shorter_scalp_run_before_writing(tmp_path):
    r = hs.simulate("healthy", 500, 2, rng=1)                       # 730 days
    sc = hs.scalp.simulate_scalp(hs.presets.aga_mild(), "female_pattern", n_follicles=1_200, years=1,
                                 rng=1)                             # 365 days
    with pytest.raises(ValueError) as info:
        hs.plot.animate(r, tmp_path / "a.gif", frames=5, scalp=sc)
    assert str(info.value) == ("The 'scalp' parameter must be a hairsim.scalp.ScalpResult covering at "
                               "least the result's 730 days; got a ScalpResult of 365 days.")
    assert list(tmp_path.iterdir()) == []                           # no file, not even half of one
    with pytest.raises(ValueError, match="'scalp' parameter"):      # also without a file
        hs.plot.animate(r, frames=5, scalp=sc)
    from PIL import Image

    half = hs.simulate("healthy", 500, 0.5, rng=1)                  # a longer scalp run is fine
    anim = hs.plot.animate(half, tmp_path / "b.gif", frames=3, scalp=sc)
    assert list(anim.frame_days) == [0, 91, 182]
    with Image.open(tmp_path / "b.gif") as im:
        assert im.n_frames == 3


def test_mp4_needs_ffmpeg(tmp_path, monkeypatch):
    import hairsim.plot_world as pw

    r = hs.simulate("healthy", 500, 1, rng=1)
    monkeypatch.setattr(pw.shutil, "which", lambda name: None)
    with pytest.raises(ValueError, match="needs ffmpeg, which is not installed here"):
        hs.plot.animate(r, tmp_path / "a.mp4")
