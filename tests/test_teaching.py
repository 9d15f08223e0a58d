"""Tests of hairsim.teaching, the helpers behind the teaching notebooks."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import hairsim as hs
from hairsim import teaching


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def fake_result(n_days=730, **series):
    """A stand-in for hs.Result with only the attributes a helper reads."""
    days = np.arange(n_days + 1)
    base = dict(days=days, n_follicles=1000, area_cm2=1000 / 225,
                params=SimpleNamespace(emergence_days=28))
    base.update(series)
    return SimpleNamespace(**base)


# ------------------------------------------------------------------------------ smooth, peaks
def test_smooth_keeps_constants_including_the_edges():
    assert np.allclose(teaching.smooth(np.full(50, 3.0), 7), 3.0)


def test_smooth_spreads_a_spike_evenly():
    out = teaching.smooth([0, 0, 3, 0, 0], 3)
    assert np.allclose(out, [0, 1, 1, 1, 0])


def test_smooth_window_one_is_a_copy():
    x = np.array([1.0, 5.0, 2.0])
    out = teaching.smooth(x, 1)
    assert np.array_equal(out, x) and out is not x


def test_smooth_rejects_bad_window():
    with pytest.raises(ValueError, match=r"The 'days' parameter must be a whole number in \[1, 100,000\]; got 0\."):
        teaching.smooth([1, 2, 3], 0)


def test_peak_day_finds_the_bump_after_the_start():
    shed = np.zeros(731)
    shed[5] = 100  # before after_day: ignored
    shed[200:207] = 10
    r = fake_result(shed=shed)
    assert teaching.peak_day(r, after_day=30, smooth_days=7) == 203


def test_unknown_field_is_a_clear_error():
    r = fake_result(density=np.ones(731))
    with pytest.raises(ValueError, match=r"The 'field' parameter must be one of 'density', .*; got 'densty' \(a str\)\. Did you mean 'density'\?"):
        teaching.percent_change(r, "densty")


# ------------------------------------------------------------------------------ changes, tables
def test_percent_change_exact_on_a_linear_series():
    density = 200 - 0.1 * np.arange(731)  # 200 -> 127 over 730 days
    r = fake_result(density=density)
    assert teaching.percent_change(r) == pytest.approx(100 * (127 / 200 - 1))
    out = teaching.percent_change(r, "density", [1, 2])
    assert np.allclose(out, [100 * ((200 - 36.5) / 200 - 1), 100 * (127 / 200 - 1)])
    assert teaching.percent_change(r, "density", 1) == pytest.approx(-18.25)


def test_percent_change_outside_the_run_is_an_error():
    r = fake_result(density=np.ones(731))
    with pytest.raises(ValueError, match=r"The 'years' parameter must be None or a float in \[0, 2\]; got 3\."):
        teaching.percent_change(r, "density", 3)


def test_change_table_leaves_years_past_the_end_blank():
    r = fake_result(density=200 - 0.1 * np.arange(731))
    table = teaching.change_table({"run": r}, years=(1, 2, 4))
    row = table.splitlines()[-1]
    assert "-18.2" in row and "-36.5" in row
    assert row.rstrip() == row[: len("run".ljust(22)) + 20].rstrip()  # year 4 column empty


def test_difference_table_values():
    a = fake_result(density=np.full(731, 110.0))
    b = fake_result(density=np.full(731, 100.0))
    line = teaching.difference_table(a, b, weeks=[4]).splitlines()[-1].split()
    assert line == ["4", "28", "100.0", "110.0", "+10.0", "+10.0"]


def test_difference_table_needs_equal_lengths():
    with pytest.raises(ValueError, match="same length"):
        teaching.difference_table(fake_result(density=np.ones(731)),
                                  fake_result(n_days=10, density=np.ones(11)), weeks=[1])


# ------------------------------------------------------------------------------ 6-week ceiling
def test_max_possible_gain_arithmetic():
    n = 731
    r = fake_result(anagen=np.full(n, 900), catagen=np.full(n, 10), telogen=np.full(n, 80),
                    kenogen=np.full(n, 10), density=np.full(n, 180.0))
    out = teaching.max_possible_gain(r, day=0, weeks=6)
    assert out["not_in_anagen"] == pytest.approx(100 / (1000 / 225))  # 22.5 per cm²
    assert out["max_gain_percent"] == pytest.approx(100 * 22.5 / 180)
    assert out["visible_days"] == 14
    assert out["max_length_mm"] == pytest.approx((14 * 0.3, 14 * 0.44))
    assert out["all_follicles_percent"] == pytest.approx(100 * (225 / 180 - 1))


def test_max_possible_gain_never_exceeds_one_hair_per_follicle():
    n = 731
    r = fake_result(anagen=np.full(n, 700), catagen=np.full(n, 10), telogen=np.full(n, 190),
                    kenogen=np.full(n, 100), density=np.full(n, 200.0))
    out = teaching.max_possible_gain(r, weeks=6)
    assert out["not_in_anagen"] == pytest.approx(300 / (1000 / 225))  # 67.5 per cm² resting ...
    assert out["max_gain_per_cm2"] == pytest.approx(25.0)             # ... but only 25 without a hair
    assert out["max_gain_percent"] == pytest.approx(out["all_follicles_percent"])


def test_max_possible_gain_is_zero_before_emergence():
    n = 731
    r = fake_result(anagen=np.full(n, 900), catagen=np.full(n, 10), telogen=np.full(n, 80),
                    kenogen=np.full(n, 10), density=np.full(n, 180.0))
    out = teaching.max_possible_gain(r, weeks=4)  # 28 days = emergence_days
    assert out["max_gain_per_cm2"] == 0 and out["max_length_mm"] == (0, 0)


def test_max_possible_gain_rejects_bad_weeks():
    r = fake_result(density=np.ones(731))
    with pytest.raises(ValueError, match=r"The 'weeks' parameter must be a float > 0; got -1\."):
        teaching.max_possible_gain(r, weeks=-1)


def test_max_possible_gain_bounds_the_strongest_knobs():
    p = hs.presets.aga_moderate()
    untreated = hs.simulate(p, n_follicles=20_000, years=0.25, rng=4)
    extreme = hs.simulate(p, n_follicles=20_000, years=0.25, rng=4,
                          stimulation=hs.Stimulation(start_day=0, wake=50, extend=50, thicken=1))
    ceiling = teaching.max_possible_gain(untreated, day=0, weeks=6)
    gain = 100 * (extreme.density[42] / untreated.density[42] - 1)
    assert gain <= ceiling["max_gain_percent"]


# ------------------------------------------------------------------------------ with the engine
def test_follicle_phases_of_a_single_follicle():
    r = hs.simulate(hs.presets.healthy(), n_follicles=1, years=10, rng=3)
    track = teaching.follicle_phases(r)
    counts = np.vstack([r.anagen, r.catagen, r.telogen, r.kenogen])
    assert track.shape == r.days.shape
    assert np.array_equal(counts[track, np.arange(track.size)], np.ones(track.size))
    # a 10-year life must contain at least one full cycle: anagen, catagen and telogen all occur
    assert {0, 1, 2} <= set(np.unique(track))


def test_follicle_phases_needs_one_follicle():
    r = hs.simulate(hs.presets.healthy(), n_follicles=2, years=1, rng=3)
    with pytest.raises(ValueError, match="n_follicles=1; got n_follicles=2"):
        teaching.follicle_phases(r)


def test_timeline_plot_is_labelled_reproducible_and_leaves_style_alone():
    before = dict(matplotlib.rcParams)
    ax1 = teaching.plot_follicle_timeline(hs.presets.healthy(), n_follicles=3, years=5, rng=7)
    ax2 = teaching.plot_follicle_timeline(hs.presets.healthy(), n_follicles=3, years=5, rng=7)
    assert dict(matplotlib.rcParams) == before
    assert "years" in ax1.get_xlabel()
    assert len(ax1.get_yticks()) == 3
    bars1 = [c.get_paths()[0].vertices.tolist() for c in ax1.collections]
    bars2 = [c.get_paths()[0].vertices.tolist() for c in ax2.collections]
    assert bars1 == bars2 and len(bars1) >= 3
    colors = {tuple(np.round(c.get_facecolor()[0], 3)) for c in ax1.collections}
    anagen = tuple(np.round(matplotlib.colors.to_rgba(hs.PHASE_COLORS[hs.Phase.ANAGEN]), 3))
    assert anagen in colors


def test_timeline_rejects_too_many_rows():
    with pytest.raises(ValueError, match=r"The 'n_follicles' parameter must be a whole number in \[1, 20\]; got 21\."):
        teaching.plot_follicle_timeline(hs.presets.healthy(), n_follicles=21)


def test_phase_table_matches_theory_and_simulation():
    p = hs.presets.healthy()
    r = hs.simulate(p, n_follicles=20_000, years=3, rng=1)
    table = teaching.phase_table(r)
    th = hs.steady_state(p, n_follicles=20_000)
    anagen_row = next(line for line in table.splitlines() if line.startswith("anagen"))
    sim, theory = map(float, anagen_row.split()[-2:])
    assert theory == pytest.approx(100 * th.anagen, abs=0.006)
    assert sim == pytest.approx(100 * r.anagen.mean() / 20_000, abs=0.006)
    assert "hairs shed per day" in table


def test_anagen_fluctuations_shrink_with_population_size():
    rows = teaching.anagen_fluctuations(hs.presets.healthy(), sizes=(225, 22_500), years=3, rng=5)
    f = hs.steady_state(hs.presets.healthy()).anagen
    assert rows[0]["sd_binomial"] == pytest.approx(100 * np.sqrt(f * (1 - f) / 225))
    # binomial theory: 10x the SD for 100x fewer follicles; ask for a 3x gap, far from chance
    assert rows[0]["sd_simulated"] > 3 * rows[1]["sd_simulated"]


def test_population_plot_has_one_line_per_size_and_theory():
    ax = teaching.plot_population_sizes(hs.presets.healthy(), sizes=(225, 2_250), years=1, rng=1)
    assert len(ax.get_lines()) == 3
    assert "anagen" in ax.get_ylabel() and ax.get_xlabel() == "time (months)"  # 1-year run


def test_plot_series_relative_starts_at_zero():
    runs = {name: hs.simulate(hs.presets.get(name), n_follicles=2_000, years=2, rng=1)
            for name in ("healthy", "aga_moderate")}
    ax = teaching.plot_series(runs, "density", relative=True)
    lines = [line for line in ax.get_lines() if line.get_label() in runs]
    assert len(lines) == 2
    assert all(line.get_ydata()[0] == 0 for line in lines)
    assert "%" in ax.get_ylabel()


def test_with_duration_spread_sets_every_cv():
    p = teaching.with_duration_spread(hs.presets.healthy(), 0.05)
    assert (p.anagen_cv, p.catagen_cv, p.telogen_cv, p.kenogen_cv) == (0.05,) * 4
    assert p.anagen_mean_days == hs.presets.healthy().anagen_mean_days


def test_synchrony_low_spread_keeps_echoes():
    te = hs.presets.telogen_effluvium(stress_day=30)
    axes = teaching.plot_synchrony(te, cvs=(0.05, 0.45), n_follicles=20_000, years=6, rng=6)
    assert len(axes) == 2 and axes[0].get_ylim()[0] == 0      # one panel per CV, from zero
    low, high = (np.asarray(ax.get_lines()[0].get_ydata()) for ax in axes)
    late = slice(2 * 365, None)  # after the first wave: the low-CV cohort still comes back in step
    assert low[late].max() > 1.5 * high[late].max()


def test_exposure_plot_draws_each_schedule():
    s = hs.Stimulation(start_day=7, stop_day=70, wake=1)
    ax = teaching.plot_exposure({"daily": s}, n_days=140)
    y = ax.get_lines()[0].get_ydata()
    assert np.array_equal(y, s.exposure(140)) and y[0] == 0 and y.max() > 0.5
    assert "weeks" in ax.get_xlabel()
