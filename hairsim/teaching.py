"""Small helpers for the teaching notebooks: one follicle's timeline, comparisons, tables.

Everything here is a thin layer over :func:`hairsim.simulate`, :func:`hairsim.steady_state` and a
:class:`hairsim.Result`, so that the notebooks stay prose, questions and a few calls. Plots take an
optional ``ax``, return the Axes and never change global matplotlib style.

Examples
--------
>>> import hairsim as hs
>>> from hairsim import teaching
>>> ax = teaching.plot_follicle_timeline(hs.presets.healthy(), n_follicles=3, years=10, rng=1)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from ._random import resolve_seed
from ._frames import to_frame
from ._validation import (AnyOf, AxesOrNone, Bound, Constraint, Flag, InstanceOf, Interval, Mapping, Options,
                          ParamsOrPreset, ResultLike, Seed, Sequence, Text, fail, validate_params)
from .params import Stimulation
from .plot import _lw

__all__ = [
    "follicle_phases",
    "plot_follicle_timeline",
    "phase_table",
    "anagen_fluctuations",
    "plot_population_sizes",
    "plot_series",
    "percent_change",
    "change_table",
    "difference_table",
    "max_possible_gain",
    "plot_exposure",
    "with_duration_spread",
    "plot_synchrony",
    "smooth",
    "peak_day",
]

#: Okabe–Ito vermillion, the shedding colour of the contract (hs.PHASE_COLORS holds the phases).
SHED_COLOR = "#D55E00"  # same as hs.SHED_COLOR
#: Okabe–Ito colours for comparing several runs (none of them a phase colour).
RUN_COLORS = ("#000000", "#56B4E9", "#CC79A7", "#E69F00", "#0072B2", "#009E73", "#D55E00")
#: Measured scalp-hair growth rate, mm/day (science.md §2, [R]).
GROWTH_MM_PER_DAY = (0.3, 0.44)

_PHASE_NAMES = ("anagen", "catagen", "telogen", "kenogen")


# --------------------------------------------------------------------------------------------
# small utilities
# --------------------------------------------------------------------------------------------
def _hs():
    import hairsim  # imported lazily: hairsim/__init__ need not know about this module

    return hairsim


def _need_ax(ax):
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
    return ax


def _seeds(rng, n):
    """``n`` independent child seeds of ``rng``'s root (:func:`hairsim._random.resolve_seed`):
    for an int seed s, child i is ``SeedSequence(s).spawn(n)[i]``."""
    root = resolve_seed(rng)
    return [root.child(i) for i in range(n)]


#: The daily series of a Result a helper can read.
SERIES = ("density", "total_density", "mean_diameter", "vellus_fraction", "shed", "anagen", "catagen",
          "telogen", "kenogen", "visible", "visible_nonvellus", "diameter_sum", "exposure")
_FIELD = Options(SERIES)
_RESULT = ResultLike()
_RESULTS = Mapping(Text(), ResultLike(), min_size=1, what="a non-empty dict of label → hairsim.Result")
_PARAMS = ParamsOrPreset()
_YEARS = Interval(0, 200, "right")
_SIZES = Sequence(Interval(1, 100_000_000, integer=True), what="numbers of follicles, whole numbers in "
                                                            "[1, 100,000,000]")
_DAYS_WINDOW = Interval(1, 100_000, integer=True)


def _n_days(result) -> int:
    days = np.asarray(result.days)
    return int(days[-1] - days[0])


def _within_run(per: float, integer: bool = False, name: str = "result"):
    """A Bound: a time within the run of the argument ``name``, in units of ``per`` days."""
    def make(a):
        hi = _n_days(a[name]) / per
        return Interval(0, hi, integer=integer)
    return Bound(make, static=Interval(0, math.inf, integer=integer))


def _time(result):
    """x values and axis label, with the same rule as hairsim.plot (months up to 3 years)."""
    from hairsim.plot import time_axis

    return time_axis(np.asarray(result.days, dtype=float))


def _series(result, field):
    try:
        return np.asarray(getattr(result, field), dtype=float)
    except AttributeError:
        raise fail("field", "a daily series of this result", repr(field)) from None


_SERIES_VALUES = Sequence(Interval(-math.inf, math.inf), allow_nan=True, text="a 1-D array of daily values")


@validate_params({"x": _SERIES_VALUES, "days": _DAYS_WINDOW}, owner="teaching.smooth")
def smooth(x, days=7):
    """Centred moving average of a daily series.

    Parameters
    ----------
    x : array_like
        Daily values.
    days : int, [1, 100,000], default 7
        Window length in days (1 returns a copy). Near the ends the window is shortened, so the
        output has the same length as ``x`` and no edge dip.

    Returns
    -------
    numpy.ndarray
        Smoothed values, float.
    """
    from .plot import moving_average
    return moving_average(x, days)


# --------------------------------------------------------------------------------------------
# one follicle
# --------------------------------------------------------------------------------------------
@validate_params({"result": ResultLike(("days", "n_follicles", "anagen"))}, owner="teaching.follicle_phases")
def follicle_phases(result):
    """The phase of a single follicle on each day of a one-follicle run.

    Parameters
    ----------
    result : hairsim.Result
        A run made with ``n_follicles=1``.

    Returns
    -------
    numpy.ndarray of int
        ``Phase`` value (0 anagen, 1 catagen, 2 telogen, 3 kenogen) for each day.
    """
    if result.n_follicles != 1:
        raise fail("result", "a run with n_follicles=1", f"n_follicles={result.n_follicles}")
    counts = np.vstack([np.asarray(getattr(result, name)) for name in _PHASE_NAMES])
    return np.argmax(counts, axis=0)


@validate_params({"params": _PARAMS, "n_follicles": Interval(1, 20, integer=True), "years": _YEARS,
                  "rng": Seed(), "ax": AxesOrNone()}, owner="teaching.plot_follicle_timeline")
def plot_follicle_timeline(params, n_follicles=3, years=10, rng=None, ax=None):
    """Draw the lives of a few follicles: coloured phases, hair visibility and shedding events.

    Each follicle is simulated on its own (``hairsim.simulate`` with one follicle), starting at
    the population's steady state, so the first bar is usually a phase already under way.

    Parameters
    ----------
    params : hairsim.Params or str
        The cycle to simulate (e.g. ``hs.presets.healthy()``, or ``"healthy"``).
    n_follicles : int, [1, 20], default 3
        Number of follicles (rows).
    years : float, (0, 200], default 10
        Length of each run.
    rng : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Seed; the same seed draws the same follicles.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made if None.

    Returns
    -------
    matplotlib.axes.Axes
    """
    hs = _hs()
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 1.6 + 0.8 * n_follicles), layout="constrained")
    phases = list(hs.Phase)
    shed_label, hair_label = "club hair shed", "hair visible above the skin (a gap: no hair)"
    for row, seed in enumerate(_seeds(rng, n_follicles)):
        r = hs.simulate(params, n_follicles=1, years=years, rng=seed)
        track = follicle_phases(r)
        t, xlabel = _time(r)
        step = t[1] - t[0]
        y = n_follicles - 1 - row
        # runs of equal phase -> bars
        change = np.flatnonzero(np.diff(track)) + 1
        starts = np.r_[0, change]
        ends = np.r_[change, track.size]
        for a, b in zip(starts, ends):
            ph = phases[track[a]]
            t_end = t[b] if b < t.size else t[-1] + step
            ax.broken_barh([(t[a], t_end - t[a])], (y - 0.3, 0.45),
                           facecolors=hs.PHASE_COLORS[ph])
        visible = np.asarray(r.total_density) > 0
        vis_t = np.where(visible, y + 0.27, np.nan)
        ax.plot(t, vis_t, color="black", lw=_lw(1.0), solid_capstyle="butt", label=hair_label)
        # the shed marker sits above the hair line, its tip on the day of the shed, so that the
        # gap after it (no hair until the new one emerges) stays visible
        shed_days = np.flatnonzero(np.asarray(r.shed) > 0)
        ax.plot(t[shed_days], np.full(shed_days.size, y + 0.47), "v", color=SHED_COLOR,
                markersize=9, label=shed_label)
        shed_label = hair_label = None  # legend entries once
    handles, labels = ax.get_legend_handles_labels()
    handles += [Patch(facecolor=hs.PHASE_COLORS[ph]) for ph in phases]
    labels += [ph.name.lower() for ph in phases]
    ax.set_yticks(range(n_follicles))
    ax.set_yticklabels([f"follicle {n_follicles - i}" for i in range(n_follicles)])
    ax.set_xlabel(xlabel)
    ax.set_ylim(-0.6, n_follicles - 0.35)
    ax.set_title(f"The lives of single follicles (phase on each day; time in {xlabel.split('(')[-1]}")
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False,
              ncols=3)
    return ax


# --------------------------------------------------------------------------------------------
# populations and theory
# --------------------------------------------------------------------------------------------
@validate_params({"result": _RESULT, "theory": InstanceOf((lambda: _hs().SteadyState,), "a hairsim.SteadyState",
                                                         none_ok=True), "as_frame": Flag()},
                 owner="teaching.phase_table")
def phase_table(result, theory=None, as_frame=False):
    """Time-averaged phase fractions and shedding of a run beside renewal theory.

    Parameters
    ----------
    result : hairsim.Result
        A run (ideally of a non-progressive cycle, so that a steady state exists).
    theory : hairsim.SteadyState, optional
        Default: ``hs.steady_state(result.params, n_follicles=result.n_follicles)``.
    as_frame : bool, default False
        Return a pandas DataFrame (rows: the phases' %, hairs shed per day, mean cycle; columns
        ``simulation``, ``renewal_theory``) instead of text.

    Returns
    -------
    str or pandas.DataFrame
        A small table, ready to ``print``.
    """
    hs = _hs()
    if theory is None:
        theory = hs.steady_state(result.params, n_follicles=result.n_follicles)
    n = result.n_follicles
    rows = [(f"{name} (% of follicles)", 100 * np.mean(np.asarray(getattr(result, name), dtype=float)) / n,
             100 * getattr(theory, name)) for name in _PHASE_NAMES]
    rows.append(("hairs shed per day", float(np.mean(np.asarray(result.shed, dtype=float)[1:])),
                 theory.shed_per_day))
    rows.append(("mean cycle (days)", math.nan, theory.cycle_days))
    if as_frame:
        return to_frame(rows, columns=["quantity", "simulation", "renewal_theory"], index="quantity")
    lines = [f"{'':<26}{'simulation':>12}{'renewal theory':>16}"]
    for label, sim, th in rows[:4]:
        lines.append(f"{label:<26}{sim:>12.2f}{th:>16.2f}")
    lines.append(f"{rows[4][0]:<26}{rows[4][1]:>12.1f}{rows[4][2]:>16.1f}")
    lines.append(f"{rows[5][0]:<26}{'':>12}{rows[5][2]:>16.0f}")
    return "\n".join(lines)


@validate_params({"params": _PARAMS, "sizes": _SIZES, "years": _YEARS, "rng": Seed(), "as_frame": Flag()},
                 owner="teaching.anagen_fluctuations")
def anagen_fluctuations(params, sizes=(225, 2_250, 22_500), years=5, rng=None, as_frame=False):
    """How much the anagen share wobbles from day to day, by population size.

    Parameters
    ----------
    params : hairsim.Params
        A non-progressive cycle.
    sizes : sequence of int, each in [1, 100,000,000]
        Numbers of follicles (225 follicles are about 1 cm² of scalp).
    years : float, (0, 200]
        Length of each run.
    rng : seed
        Each size gets its own child seed.
    as_frame : bool, default False
        Return the rows as a pandas DataFrame.

    Returns
    -------
    list of dict or pandas.DataFrame
        ``n_follicles``, ``sd_simulated`` (SD of the daily anagen share, percentage points) and
        ``sd_binomial`` (sqrt(f(1-f)/N) with f from renewal theory, percentage points).
    """
    hs = _hs()
    f = hs.steady_state(params).anagen
    rows = []
    for n, seed in zip(sizes.tolist(), _seeds(rng, len(sizes))):
        r = hs.simulate(params, n_follicles=n, years=years, rng=seed)
        share = np.asarray(r.anagen, dtype=float) / n
        rows.append({"n_follicles": n, "sd_simulated": 100 * share.std(),
                     "sd_binomial": 100 * np.sqrt(f * (1 - f) / n)})
    if as_frame:
        return to_frame(rows)
    return rows


@validate_params({"params": _PARAMS, "sizes": _SIZES, "years": _YEARS, "rng": Seed(), "ax": AxesOrNone()},
                 owner="teaching.plot_population_sizes")
def plot_population_sizes(params, sizes=(225, 2_250, 22_500), years=5, rng=None, ax=None):
    """Anagen share over time for several population sizes, against renewal theory.

    Parameters
    ----------
    params : hairsim.Params
        A non-progressive cycle.
    sizes : sequence of int
        Numbers of follicles, one line each.
    years : float
        Length of each run.
    rng : seed
        Each size gets its own child seed (the same children as :func:`anagen_fluctuations`).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    hs = _hs()
    ax = _need_ax(ax)
    for i, (n, seed) in enumerate(zip(np.asarray(sizes).tolist(), _seeds(rng, len(sizes)))):
        r = hs.simulate(params, n_follicles=n, years=years, rng=seed)
        t, xlabel = _time(r)
        ax.plot(t, 100 * np.asarray(r.anagen, dtype=float) / n, lw=_lw(0.5),
                color=RUN_COLORS[(i + 1) % len(RUN_COLORS)],
                label=f"{n:,} follicles (≈ {n / params.follicles_per_cm2:,.0f} cm²)")
    ax.axhline(100 * hs.steady_state(params).anagen, color="black", ls="--", lw=_lw(0.8),
               label="renewal theory")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("follicles in anagen (%)")
    ax.set_title("Share of follicles in anagen (% of follicles)")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2)
    return ax


#: Per field of a Result: (title naming the unit, y-axis label, factor to the unit shown).
#: Shedding is shown per 100,000 follicles and shares in %, as everywhere in hairsim.
_SERIES = {
    "density": ("Hair density (non-vellus hairs/cm²)", "hairs/cm²", 1.0),
    "total_density": ("All visible hairs, vellus included (hairs/cm²)", "hairs/cm²", 1.0),
    "mean_diameter": ("Mean diameter of the visible hairs (µm)", "diameter (µm)", 1.0),
    "vellus_fraction": ("Vellus hairs (% of visible hairs)", "vellus share (%)", 100.0),
    "shed": ("Shedding (hairs per day per 100,000 follicles)", "hairs shed per day", None),
    "exposure": ("Exposure E(t) of the hypothetical stimulation (0 to 1)", "exposure E(t)", 1.0),
}


@validate_params({"results": _RESULTS, "field": _FIELD, "ax": AxesOrNone(), "ylabel": Text(none_ok=True),
                  "relative": Flag(), "smooth_days": Interval(1, 100_000, integer=True, none_ok=True),
                  "title": Text(none_ok=True)}, owner="teaching.plot_series")
def plot_series(results, field="density", ax=None, ylabel=None, relative=False, smooth_days=None,
                title=None):
    """Plot one daily series of several runs on shared axes.

    Parameters
    ----------
    results : dict of str -> hairsim.Result
        Label -> run. With several runs the first is the reference (healthy, untreated): it is
        drawn black and dashed, on top of the others.
    field : str, default "density"
        Any daily series of a Result: ``density``, ``total_density``, ``mean_diameter``,
        ``vellus_fraction``, ``shed``, ``anagen``...
    ax : matplotlib.axes.Axes, optional
    ylabel : str, optional
        Default: a label with units chosen from ``field``.
    relative : bool, default False
        Plot the % change from day 0 instead of the values.
    smooth_days : int, optional
        Moving-average window, days; default 28 for ``shed`` (daily counts are noisy) and none for the
        other series.
    title : str, optional
        Default: a title naming the quantity and its unit.

    Amounts (densities, shedding, diameters, shares) are drawn on an axis that starts at zero, so
    that a 5 % change looks like 5 %. Shedding is shown per 100,000 follicles (about a whole scalp)
    and the vellus share in %, as everywhere in hairsim.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _need_ax(ax)
    default_title, default_ylabel, factor = _SERIES.get(field, (f"{field} (follicles)", f"{field} (follicles)", 1.0))
    if smooth_days is None:
        smooth_days = 28 if field == "shed" else 1
    for i, (label, r) in enumerate(results.items()):
        y = _series(r, field)
        if field == "shed":
            y = y * (100_000 / r.n_follicles)
        else:
            y = y * factor
        if relative:
            y = 100 * (y / y[0] - 1)
        if smooth_days > 1:
            y = smooth(y, smooth_days)
        t, xlabel = _time(r)
        # the first run is the reference (healthy, untreated): black dashed, drawn on top
        style = {"ls": "--", "zorder": 3} if i == 0 and len(results) > 1 else {}
        ax.plot(t, y, color=RUN_COLORS[i % len(RUN_COLORS)], lw=_lw(0.9), label=label, **style)
    if relative:
        default_title = f"Change since day 0 (%): {default_title.split(' (')[0].lower()}"
        default_ylabel = "change since day 0 (%)"
    if field == "shed" and smooth_days > 1:
        default_title = f"Shedding, {smooth_days}-day average\n(hairs per day per 100,000 follicles)"
    ax.set_title(default_title if title is None else title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(default_ylabel if ylabel is None else ylabel)
    if relative:
        ax.axhline(0, color="grey", lw=_lw(0.4))
    else:
        from .plot import from_zero

        from_zero(ax)
    ax.legend(frameon=False, loc="best")
    return ax


def _years_within(a):
    end = Interval(0, _n_days(a["result"]) / 365, none_ok=True)
    return AnyOf((end, Sequence(end)))


@validate_params({"result": _RESULT, "field": _FIELD,
                  "years": Bound(_years_within, static=AnyOf((_YEARS, Sequence(_YEARS))))},
                 owner="teaching.percent_change")
def percent_change(result, field="density", years=None):
    """Percentage change of a daily series from day 0.

    Parameters
    ----------
    result : hairsim.Result
    field : str, default "density"
    years : float or sequence of float, each in [0, the run's length in years], optional
        Times (years since day 0) to read; default: the end of the run.

    Returns
    -------
    float or numpy.ndarray
        ``100 * (x(t) / x(0) - 1)``.
    """
    y = _series(result, field)
    if y[0] == 0:
        raise fail("field", "a series that is not 0 on day 0 (a percentage change of 0 is undefined)",
                   repr(field))
    if years is None:
        return float(100 * (y[-1] / y[0] - 1))
    scalar = np.ndim(years) == 0
    idx = [int(round(365 * float(t))) for t in np.atleast_1d(years)]
    out = 100 * (y[idx] / y[0] - 1)
    return float(out[0]) if scalar else out


@validate_params({"results": _RESULTS, "field": _FIELD, "years": Sequence(_YEARS), "as_frame": Flag()},
                 owner="teaching.change_table")
def change_table(results, field="density", years=(1, 2, 4, 6, 8, 10), as_frame=False):
    """A table of percentage change from day 0 at chosen years, one row per run.

    Parameters
    ----------
    results : dict of str -> hairsim.Result
    field : str, default "density"
        One of :data:`SERIES`.
    years : sequence of float, each in (0, 200]
        Years to show; those beyond a run's end are left blank (NaN in a DataFrame).
    as_frame : bool, default False
        Return a pandas DataFrame (a row per run, a column per year) instead of text.

    Returns
    -------
    str or pandas.DataFrame
    """
    years = [float(t) for t in years]
    table = {}
    for label, r in results.items():
        end = _n_days(r) / 365
        table[label] = [percent_change(r, field, t) if t <= end + 1e-9 else math.nan for t in years]
    if as_frame:
        return to_frame(list(table.values()), columns=[f"year {t:g}" for t in years], index=list(table),
                        index_name="run")
    head = f"{'':<22}" + "".join(f"{f'year {t:g}':>10}" for t in years)
    lines = [f"% change in {field} since day 0", head]
    for label, vals in table.items():
        cells = [f"{'':>10}" if math.isnan(v) else f"{v:>+10.1f}" for v in vals]
        lines.append(f"{label:<22}" + "".join(cells))
    return "\n".join(lines)


def _weeks_within(a):
    end = _n_days(a["treated"]) / 7
    return Sequence(Interval(0, end), what=f"weeks in [0, {end:g}] (within the runs)")


@validate_params({"treated": _RESULT, "untreated": _RESULT,
                  "weeks": Bound(_weeks_within, static=Sequence(Interval(0, math.inf))),
                  "field": _FIELD, "as_frame": Flag()}, owner="teaching.difference_table")
def difference_table(treated, untreated, weeks, field="density", as_frame=False):
    """Treated minus untreated at chosen weeks (same seed, so the difference is the mechanism).

    Parameters
    ----------
    treated, untreated : hairsim.Result
        Two runs of the same length.
    weeks : sequence of float, each within the runs
        Weeks since day 0.
    field : str, default "density"
        One of :data:`SERIES`.
    as_frame : bool, default False
        Return a pandas DataFrame (a row per week) instead of text.

    Returns
    -------
    str or pandas.DataFrame
    """
    a, b = _series(treated, field), _series(untreated, field)
    if a.shape != b.shape:
        raise fail("untreated", f"a run of the same length as 'treated' ({a.size} days)", f"{b.size} days")
    rows = []
    for w in weeks.tolist():
        i = int(round(7 * w))
        pct = 100 * (a[i] / b[i] - 1) if b[i] else float("nan")
        rows.append((w, i, b[i], a[i], a[i] - b[i], pct))
    if as_frame:
        return to_frame(rows, columns=["week", "day", "untreated", "treated", "difference", "difference_pct"],
                        index="week")
    lines = [f"{'week':>6}{'day':>7}{'untreated':>12}{'treated':>12}{'difference':>12}{'(%)':>9}"]
    for w, i, u, t, d, pct in rows:
        lines.append(f"{w:>6g}{i:>7d}{u:>12.1f}{t:>12.1f}{d:>+12.1f}{pct:>+9.1f}")
    return f"{field}\n" + "\n".join(lines)


# --------------------------------------------------------------------------------------------
# the "+70 % in 6 weeks" arithmetic
# --------------------------------------------------------------------------------------------
@validate_params({"result": _RESULT, "day": _within_run(1, integer=True),
                  "weeks": Interval(0, math.inf, "neither"),
                  "growth_mm_per_day": Sequence(Interval(0, 10), min_size=2, max_size=2,
                                                text="a pair (low, high) of growth rates in mm/day, in [0, 10]")},
                 owner="teaching.max_possible_gain")
def max_possible_gain(result, day=0, weeks=6, growth_mm_per_day=GROWTH_MM_PER_DAY):
    """The largest density gain the hair cycle allows within ``weeks``, from a run's own numbers.

    The bound is deliberately generous. On ``day``, imagine every follicle that is *not* in
    anagen (catagen, telogen, kenogen) switched at that instant into a new anagen making a full
    terminal hair, and pretend none of them was counted before. The gain can also never exceed
    the follicles that carry no counted hair (one hair per follicle); the smaller bound is used. Follicles already in anagen
    cannot add a new hair within a few weeks: no knob ends a growing phase early, and a new hair
    would need catagen, then ``emergence_days`` before it shows. A new hair is visible only
    ``emergence_days`` after its anagen starts, so if ``weeks`` is shorter than that, the gain is 0.

    Parameters
    ----------
    result : hairsim.Result
        A run; its phase counts and density on ``day`` are used.
    day : int, [0, the run's last day], default 0
        The day the imaginary switch happens.
    weeks : float, > 0, default 6
        Time allowed for the gain.
    growth_mm_per_day : (float, float), each in [0, 10] mm/day, default (0.3, 0.44)
        Range of hair growth rates (science.md §2) for the length of the new hairs.

    Returns
    -------
    dict
        ``counted_hairs`` (non-vellus visible hairs per cm² on ``day``), ``not_in_anagen``
        (follicles per cm² in catagen, telogen or kenogen), ``max_gain_per_cm2`` and
        ``max_gain_percent`` (the smaller of the two bounds), ``visible_days`` (days a new hair can be above the skin by then),
        ``max_length_mm`` ((low, high) length of such a hair), and ``all_follicles_percent``:
        the gain if *every* follicle carried a counted hair, a bound that holds at any time.
    """
    i = day
    area = float(result.area_cm2)
    resting = sum(float(np.asarray(getattr(result, name))[i]) for name in _PHASE_NAMES[1:]) / area
    counted = float(np.asarray(result.density)[i])
    follicles = result.n_follicles / area
    emergence = float(np.mean(result.params.emergence_days))
    visible_days = max(0.0, 7 * weeks - emergence)
    gain = min(resting, max(0.0, follicles - counted)) if visible_days > 0 else 0.0
    lo, hi = (float(g) for g in growth_mm_per_day)
    return {
        "counted_hairs": counted,
        "not_in_anagen": resting,
        "max_gain_per_cm2": gain,
        "max_gain_percent": 100 * gain / counted if counted > 0 else float("inf"),
        "visible_days": visible_days,
        "max_length_mm": (lo * visible_days, hi * visible_days),
        "all_follicles_percent": 100 * (follicles / counted - 1) if counted > 0 else float("inf"),
    }


# --------------------------------------------------------------------------------------------
# stimulation and synchrony
# --------------------------------------------------------------------------------------------
@validate_params({"stimulations": Mapping(Text(), InstanceOf((Stimulation,), "a hairsim.Stimulation"), min_size=1,
                                         what="a non-empty dict of label → hairsim.Stimulation"),
                  "n_days": Interval(1, 73_000, integer=True), "ax": AxesOrNone()}, owner="teaching.plot_exposure")
def plot_exposure(stimulations, n_days, ax=None):
    """Plot the exposure E(t) of one or more (hypothetical) stimulation schedules.

    Parameters
    ----------
    stimulations : dict of str -> hairsim.Stimulation
    n_days : int, [1, 73,000]
        Number of days to draw.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _need_ax(ax)
    for i, (label, s) in enumerate(stimulations.items()):
        e = np.asarray(s.exposure(n_days), dtype=float)
        ax.plot(np.arange(e.size) / 7, e, color=RUN_COLORS[(i + 2) % len(RUN_COLORS)], lw=_lw(1.0),
                label=label)
    ax.set_xlabel("time (weeks)")
    ax.set_ylabel("exposure E(t)")
    ax.set_ylim(-0.02, 1.25)
    ax.set_title("Exposure E(t) of a hypothetical stimulation (0 = none, 1 = full)")
    ax.legend(frameon=False, loc="upper right", ncols=2)
    return ax


@validate_params({"params": _PARAMS, "cv": Interval(0, 3)}, owner="teaching.with_duration_spread")
def with_duration_spread(params, cv):
    """The same cycle with every phase's duration CV set to ``cv``.

    Parameters
    ----------
    params : hairsim.Params or str
    cv : float, [0, 3]
        New coefficient of variation for anagen, catagen, telogen and kenogen (0 = every
        follicle's phases last exactly the mean).

    Returns
    -------
    hairsim.Params
    """
    return params.replace(anagen_cv=cv, catagen_cv=cv, telogen_cv=cv, kenogen_cv=cv)


@dataclass(frozen=True)
class _AxesList(Constraint):
    """None, or one matplotlib Axes per item (``n`` of them; any number when ``n`` is None)."""

    n: int | None = None

    def describe(self) -> str:
        many = "matplotlib Axes" if self.n is None else f"{self.n} matplotlib Axes (one per CV)"
        return f"None or a sequence of {many}"

    def check(self, name, value, kind="parameter"):
        from matplotlib.axes import Axes
        if value is None:
            return None
        if isinstance(value, (list, tuple, np.ndarray)):
            axes = np.asarray(value, dtype=object).ravel()
            if all(isinstance(a, Axes) for a in axes) and (self.n is None or axes.size == self.n):
                return axes
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        return [3, "abc", True, [1, 2]]


@validate_params({"params": _PARAMS, "cvs": Sequence(Interval(0, 3)),
                  "n_follicles": Interval(1, 100_000_000, integer=True), "years": _YEARS, "rng": Seed(),
                  "smooth_days": _DAYS_WINDOW,
                  "axes": Bound(lambda a: _AxesList(len(a["cvs"])), static=_AxesList())},
                 owner="teaching.plot_synchrony")
def plot_synchrony(params, cvs=(0.05, 0.2, 0.45), n_follicles=20_000, years=10, rng=None,
                   smooth_days=14, axes=None):
    """Daily shedding for several duration spreads, all with the same seed, one panel each.

    Parameters
    ----------
    params : hairsim.Params or str
        Usually a cycle with a synchronizing event, e.g. ``hs.presets.telogen_effluvium()``.
    cvs : sequence of float, each in [0, 3]
        Duration CVs to compare (see :func:`with_duration_spread`).
    n_follicles : int, [1, 100,000,000]
    years : float, (0, 200]
    rng : seed
        Used for every run (common random numbers).
    smooth_days : int, [1, 100,000], default 14
        Moving-average window.
    axes : sequence of matplotlib.axes.Axes, optional
        One Axes per CV; default a new figure with the panels stacked, sharing both axes (the
        shedding axis starts at zero).

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One panel per CV: shedding in hairs per day per 100,000 follicles.
    """
    hs = _hs()
    cvs = list(cvs)
    if axes is None:
        _, axes = plt.subplots(len(cvs), 1, figsize=(10, 1.2 + 2.0 * len(cvs)), sharex=True,
                               sharey=True, squeeze=False, layout="constrained")
        axes = axes[:, 0]
    axes = np.asarray(axes, dtype=object).ravel()
    stress = getattr(params, "stress_day", None)
    top = 0.0
    for i, (cv, ax) in enumerate(zip(cvs, axes)):
        r = hs.simulate(with_duration_spread(params, cv), n_follicles=n_follicles, years=years, rng=rng)
        per_100k = smooth(np.asarray(r.shed, dtype=float), smooth_days) * 100_000 / n_follicles
        t, xlabel = _time(r)
        ax.plot(t[1:], per_100k[1:], color=RUN_COLORS[(i + 1) % len(RUN_COLORS)], lw=_lw(0.8),
                label=f"duration CV = {cv:g}")
        top = max(top, float(per_100k[1:].max()))
        if stress is not None:
            ax.axvline(stress * (t[-1] / r.days[-1]), color="grey", ls=":", lw=_lw(0.6),
                       label="the stress")
        ax.set_ylabel("hairs/day")
        ax.legend(frameon=False, loc="upper right", ncols=2)
    axes[0].set_ylim(0, 1.15 * top)
    axes[-1].set_xlabel(xlabel)
    axes[0].set_title(f"Shedding (hairs per day per 100,000 follicles, {smooth_days}-day average)")
    return axes


@validate_params({"result": _RESULT, "after_day": _within_run(1), "smooth_days": _DAYS_WINDOW,
                  "field": _FIELD}, owner="teaching.peak_day")
def peak_day(result, after_day=0, smooth_days=7, field="shed"):
    """The day a (smoothed) daily series peaks, at or after ``after_day``.

    Parameters
    ----------
    result : hairsim.Result
    after_day : float, [0, the run's last day], default 0
        Rounded to a whole day.
    smooth_days : int, [1, 100,000], default 7
    field : str, default "shed"
        One of :data:`SERIES`.

    Returns
    -------
    int
        The day number of the maximum.
    """
    i0 = int(round(after_day))
    y = smooth(_series(result, field), smooth_days)
    return int(np.asarray(result.days)[i0 + int(np.argmax(y[i0:]))])
