"""Figures: labelled axes with units, the shared colour-blind-safe palette, no global style change."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import hairsim as hs
from hairsim import plot


@pytest.fixture(scope="module")
def runs():
    p = hs.presets.aga_moderate()
    s = hs.examples.minoxidil_like(start_day=60)
    return hs.simulate(p, 5_000, 2, rng=1), hs.simulate(p, 5_000, 2, stimulation=s, rng=1)


def test_every_plot_labels_its_axes_with_units_and_leaves_rcparams_alone(runs):
    u, t = runs
    before = dict(matplotlib.rcParams)
    for fn, kwargs in ((plot.plot_density, {"counterfactual": u}), (plot.plot_phases, {}),
                       (plot.plot_shedding, {"counterfactual": u}), (plot.plot_diameter, {"counterfactual": u})):
        fig, ax = plt.subplots()
        out = fn(t, ax=ax, **kwargs)
        assert out is ax
        assert "(" in ax.get_xlabel(), fn.__name__                                # units in brackets
        assert "(" in ax.get_title() and ax.get_ylabel(), fn.__name__             # the title names the unit
        assert ax.get_ylim()[0] == 0 or fn is plot.plot_phases, fn.__name__       # amounts from zero
        plt.close(fig)
    fig = plot.plot_overview(t, counterfactual=u)
    assert len(fig.axes) == 3 and "hypothetical" in fig._suptitle.get_text()
    assert dict(matplotlib.rcParams) == before


def test_density_plot_draws_the_data_and_the_counterfactual_dashed(runs):
    u, t = runs
    ax = plot.plot_density(t, counterfactual=u)
    treated, untreated = ax.lines[0], ax.lines[1]
    assert np.allclose(treated.get_ydata(), t.density)
    assert untreated.get_linestyle() == "--"
    assert treated.get_color() == hs.TREATED_COLOR
    assert any(p.get_label() == "hypothetical stimulation" for p in ax.patches)   # the shaded window
    plt.close(ax.figure)


def test_phase_colours_are_the_okabe_ito_ones(runs):
    ax = plot.plot_phases(runs[0])
    colours = [matplotlib.colors.to_hex(c.get_facecolor()[0]) for c in ax.collections]
    assert [c.upper() for c in colours] == [hs.PHASE_COLORS[ph].upper() for ph in hs.Phase]
    plt.close(ax.figure)


def test_time_axis_switches_to_years_for_long_runs():
    assert plot.time_axis(np.arange(366))[1] == "time (months)"
    assert plot.time_axis(np.arange(3651))[1] == "time (years)"


def test_result_plot_shortcut(runs):
    ax = runs[1].plot()
    assert ax.get_ylabel() == "hair density (hairs/cm²)"
    plt.close(ax.figure)


def test_moving_average_keeps_length_and_handles_short_series():
    y = np.arange(10.0)
    m = plot.moving_average(y, 3)
    assert m.shape == y.shape and np.allclose(m[1:-1], y[1:-1]) and m[0] == 0.5 and m[-1] == 8.5
    short = plot.moving_average(np.array([1.0, 2.0, 3.0]), 7)
    assert np.allclose(short, [1.5, 2.0, 2.5])               # the window is cut to the series
    assert plot.moving_average(np.array([]), 7).size == 0


def test_shedding_plot_of_a_very_short_run():
    r = hs.simulate(hs.Params(), 500, 0.01, rng=1)          # 5 days, shorter than the 7-day window
    ax = plot.plot_shedding(r)
    assert ax.lines[0].get_ydata().shape == r.shed.shape
    plt.close(ax.figure)


def test_projector_style_applies_inside_and_restores_everything_after(runs):
    u, t = runs
    before = dict(matplotlib.rcParams)
    with plot.projector():
        ax = plot.plot_density(t, counterfactual=u)
        inside = dict(matplotlib.rcParams)
    assert dict(matplotlib.rcParams) == before
    assert inside["legend.fontsize"] >= 11 and inside["lines.linewidth"] > before["lines.linewidth"]
    sizes = [text.get_fontsize() for text in ax.get_legend().get_texts()]
    assert sizes and min(sizes) >= 11                                   # fixed when drawn, kept after
    assert ax.lines[0].get_linewidth() > before["lines.linewidth"]
    plt.close(ax.figure)
    with pytest.raises(RuntimeError):
        with plot.projector():
            raise RuntimeError("a failing cell")
    assert dict(matplotlib.rcParams) == before                          # restored after an error too
    ax = plot.plot_density(t)                                           # and outside: the defaults
    assert ax.get_legend().get_texts()[0].get_fontsize() == matplotlib.font_manager.FontProperties(
        size=before["legend.fontsize"]).get_size_in_points()
    plt.close(ax.figure)


def test_no_module_changes_matplotlibs_global_style():
    """Style only through projector()'s rc_context, which restores it; nothing else writes rcParams."""
    import re
    from pathlib import Path

    root = Path(plot.__file__).parent
    pattern = re.compile(r"rcParams\s*\[[^\]]*\]\s*=|rcParams\.update|\bplt\.rc\(|matplotlib\.rc\(|style\.use\(|rcdefaults\(")
    offenders = [f"{path.name}:{i}" for path in sorted(root.rglob("*.py"))
                 for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not offenders, offenders


def test_shedding_is_always_per_100000_follicles(runs):
    u, _ = runs
    ax = plot.plot_shedding(u)
    assert "per 100,000 follicles" in ax.get_title()
    np.testing.assert_allclose(ax.lines[0].get_ydata(), plot.moving_average(u.shed * 100_000 / u.n_follicles, 7))
    plt.close(ax.figure)


def test_overview_title_names_the_run(runs):
    u, _ = runs
    fig = plot.plot_overview(u)
    assert fig._suptitle.get_text() == "aga_moderate, 5,000 follicles, 2 years, seed 1"
    assert fig.axes[0].get_ylim()[0] == 0                                # density from zero
