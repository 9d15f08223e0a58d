"""Figures of a run. Every function takes an Axes (or makes one), draws, and returns it.

No function here changes matplotlib's global state: colours come from the Okabe–Ito palette in
:mod:`hairsim.phases`, so figures read the same to colour-blind viewers, and every title names
the unit of what is plotted. Font sizes and line widths follow matplotlib's settings, so that
:func:`projector` (larger fonts, thicker lines, for a class) can change them for the figures made
inside it, and only for those.

Units are the same in every notebook, in the app and on the command line (:data:`UNITS`):
hair density in hairs per cm², shedding in hairs per day per 100,000 follicles (about one whole
scalp), shares of follicles and of hairs in %, diameters in µm.
"""

from __future__ import annotations

import contextlib

import numpy as np

from ._validation import AxesOrNone, Flag, InstanceOf, Interval, ResultLike, Text, validate_params
from .phases import PHASE_COLORS, SHED_COLOR, TREATED_COLOR, UNTREATED_COLOR, Phase

__all__ = ["plot_density", "plot_phases", "plot_shedding", "plot_diameter", "plot_overview",
           "time_axis", "shade_stimulation", "moving_average", "projector", "PROJECTOR_RC",
           "UNITS", "SHED_PER_FOLLICLES", "describe_run", "from_zero", "plot_patch", "animate"]

#: Shedding is always shown per this many follicles (about one whole scalp).
SHED_PER_FOLLICLES = 100_000

#: One unit per quantity, everywhere (notebooks, app, command line).
UNITS = {
    "density": "hairs/cm²",
    "total_density": "hairs/cm²",
    "shed": "hairs per day per 100,000 follicles",
    "phase": "% of follicles",
    "vellus_fraction": "% of visible hairs",
    "mean_diameter": "µm",
    "exposure": "0 to 1",
}

#: The settings :func:`projector` applies: readable from the back of a classroom.
PROJECTOR_RC = {
    "font.size": 15,
    "axes.titlesize": 16,
    "axes.labelsize": 15,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 13,
    "legend.title_fontsize": 13,
    "figure.titlesize": 16,
    "lines.linewidth": 2.6,
    "lines.markersize": 8,
    "axes.linewidth": 1.2,
    "xtick.major.width": 1.2,
    "ytick.major.width": 1.2,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}


@contextlib.contextmanager
def projector():
    """Make the figures drawn inside this block readable on a classroom projector.

    Larger fonts (legends 13 pt, titles 16 pt), thicker lines; colours are unchanged. Only the
    figures made inside the ``with`` block are affected: matplotlib's settings are put back as
    they were when the block ends, even after an error.

    Examples
    --------
    >>> import hairsim as hs
    >>> r = hs.simulate(hs.presets.healthy(), n_follicles=2_000, years=1, rng=1)
    >>> with hs.plot.projector():
    ...     ax = hs.plot.plot_density(r)
    >>> ax.get_legend().get_texts()[0].get_fontsize()
    13.0
    """
    import matplotlib

    with matplotlib.rc_context(PROJECTOR_RC):
        yield


def _lw(scale=1.0):
    """A line width relative to the current ``lines.linewidth`` (thicker under :func:`projector`)."""
    import matplotlib

    return scale * float(matplotlib.rcParams["lines.linewidth"])


def from_zero(ax, headroom=0.08):
    """Start the y axis at zero and leave a little room above the highest line.

    For amounts that are compared (densities, shedding, diameters, shares): on an axis from zero a
    5 % change looks like 5 %.
    """
    top = 0.0
    for line in ax.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float)
        if y.size and np.isfinite(y).any():
            top = max(top, float(np.nanmax(y)))
    ax.set_ylim(0, top * (1 + headroom) if top > 0 else 1)
    return ax


def describe_run(result) -> str:
    """A short description of a run for a figure's title: preset, follicles, years and seed."""
    from . import presets

    name = None
    for candidate in presets.names():
        try:
            if presets.get(candidate) == result.params:
                name = candidate
                break
        except (ValueError, TypeError):   # per-follicle arrays do not compare to a preset
            continue
    parts = [name or "custom settings", f"{result.n_follicles:,} follicles",
             f"{result.years:g} years"]
    if result.seed is not None:
        parts.append(f"seed {result.seed}")
    return ", ".join(parts)


def moving_average(y, days: int = 7) -> np.ndarray:
    """Centred moving average of a daily series, the same length as ``y``.

    Near the ends the window holds only the days that exist (no edge dip); a window longer than
    the series is cut to its length; an even window is centred half a day late.
    """
    y = np.asarray(y, dtype=float)
    n = y.size
    k = min(int(days), n)
    if n == 0 or k <= 1:
        return y.copy()
    lo = np.clip(np.arange(n) - (k - 1) // 2, 0, n)
    hi = np.clip(np.arange(n) - (k - 1) // 2 + k, 0, n)
    c = np.concatenate(([0.0], np.cumsum(y)))
    return (c[hi] - c[lo]) / (hi - lo)


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
    return ax


def time_axis(days: np.ndarray):
    """x values and label for a run: months for runs up to 3 years, years otherwise."""
    days = np.asarray(days)
    if days[-1] <= 3 * 365:
        return days / (365 / 12), "time (months)"
    return days / 365, "time (years)"


def shade_stimulation(ax, result, x=None, label="hypothetical stimulation"):
    """Shade the days with exposure ≥ 0.5 (the stimulation window), if any."""
    if result.stimulation is None:
        return ax
    x = time_axis(result.days)[0] if x is None else x
    on = result.exposure >= 0.5
    if not on.any():
        return ax
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    for i, (a, b) in enumerate(zip(edges[::2], edges[1::2])):
        ax.axvspan(x[a], x[min(b, len(x) - 1)], color=TREATED_COLOR, alpha=0.12, lw=0,
                   label=label if i == 0 else None)
    return ax


# a run's result (a Result, or a mean field, which has the same daily series)
_RUN = ResultLike(("days", "density", "params"), "a hairsim.Result")


def _run_or_none():
    return ResultLike(_RUN.attrs, _RUN.text, none_ok=True)


def _figure_type():
    from matplotlib.figure import Figure
    return Figure


@validate_params({"result": _RUN, "ax": AxesOrNone(), "counterfactual": _run_or_none(), "show_total": Flag(),
                  "label": Text(none_ok=True), "mean_field": _run_or_none()}, owner="hairsim.plot.plot_density")
def plot_density(result, ax=None, counterfactual=None, show_total=False, label=None, mean_field=None):
    """Non-vellus hair density over time.

    Parameters
    ----------
    result : Result
    ax : matplotlib Axes, optional
    counterfactual : Result, optional
        The same population without the stimulation (same seed): drawn dashed.
    show_total : bool
        Also draw the total visible density (vellus included), dotted.
    label : str, optional
        Legend label of the main line.
    mean_field : object with ``days`` and ``density``, optional
        The deterministic mean-field curve, drawn thin.

    Returns
    -------
    matplotlib Axes
    """
    ax = _axes(ax)
    x, xlabel = time_axis(result.days)
    treated = result.stimulation is not None
    main_label = label or ("with hypothetical stimulation" if treated else "non-vellus density")
    ax.plot(x, result.density, color=TREATED_COLOR if treated else PHASE_COLORS[Phase.ANAGEN],
            lw=_lw(1.2), label=main_label)
    if counterfactual is not None:
        ax.plot(time_axis(counterfactual.days)[0], counterfactual.density, color=UNTREATED_COLOR,
                ls="--", lw=_lw(0.9), label="untreated (same seed)")
    if show_total:
        ax.plot(x, result.total_density, color="#56B4E9", ls=":", lw=_lw(0.9),
                label="all visible hairs (vellus included)")
    if mean_field is not None:
        ax.plot(time_axis(mean_field.days)[0], mean_field.density, color="#F0E442", lw=_lw(0.7),
                label="mean field (expected)")
    shade_stimulation(ax, result, x)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("hair density (hairs/cm²)")
    ax.set_title("Hair density (non-vellus hairs/cm²)")
    ax.set_xlim(x[0], x[-1])
    from_zero(ax)   # an amount: from zero, so a 5 % change looks like 5 %
    ax.legend(loc="best", frameon=False)
    return ax


@validate_params({"result": _RUN, "ax": AxesOrNone()}, owner="hairsim.plot.plot_phases")
def plot_phases(result, ax=None):
    """Share of follicles in each phase over time, stacked (anagen at the bottom)."""
    ax = _axes(ax)
    x, xlabel = time_axis(result.days)
    fr = result.fractions()
    ax.stackplot(x, *[100 * fr[ph] for ph in Phase], colors=[PHASE_COLORS[ph] for ph in Phase],
                 labels=[ph.label for ph in Phase], alpha=0.9)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("follicles (%)")
    ax.set_ylim(0, 100)
    ax.set_xlim(x[0], x[-1])
    ax.set_title("Phase of the follicles (% of follicles)")
    ax.legend(loc="lower left", ncols=4, frameon=True, framealpha=0.9)
    return ax


@validate_params({"result": _RUN, "ax": AxesOrNone(), "smooth_days": Interval(1, 3650, integer=True),
                  "counterfactual": _run_or_none(), "show_daily": Flag()}, owner="hairsim.plot.plot_shedding")
def plot_shedding(result, ax=None, smooth_days=7, counterfactual=None, show_daily=False):
    """Club hairs shed per day per 100,000 follicles (about a whole scalp), as a moving average.

    Parameters
    ----------
    result : Result
    ax : matplotlib Axes, optional
    smooth_days : int, default 7
        Window of the moving average (1: the daily values).
    counterfactual : Result, optional
        The same population without the stimulation (same seed): drawn dashed.
    show_daily : bool, default False
        Also draw each day's own count, thin and pale, so the day-to-day spread shows.

    Returns
    -------
    matplotlib Axes
    """
    ax = _axes(ax)
    x, xlabel = time_axis(result.days)

    def smooth(y):
        return moving_average(y, smooth_days)

    daily = result.shed_per_day(SHED_PER_FOLLICLES)
    if show_daily:
        ax.plot(x[1:], daily[1:], color=SHED_COLOR, lw=_lw(0.35), alpha=0.45, label="each day")
    label = "shed" if smooth_days <= 1 else f"{smooth_days}-day average"
    ax.plot(x, smooth(daily), color=SHED_COLOR if not show_daily else "#7A3300", lw=_lw(1.0),
            label=label)
    if counterfactual is not None:
        ax.plot(time_axis(counterfactual.days)[0], smooth(counterfactual.shed_per_day(SHED_PER_FOLLICLES)),
                color=UNTREATED_COLOR, ls="--", lw=_lw(0.8), label="untreated (same seed)")
    shade_stimulation(ax, result, x)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("hairs shed per day")
    from_zero(ax)
    ax.set_xlim(x[0], x[-1])
    ax.set_title(f"Shedding ({UNITS['shed']})")
    ax.legend(loc="best", frameon=False)
    return ax


@validate_params({"result": _RUN, "ax": AxesOrNone(), "counterfactual": _run_or_none()},
                 owner="hairsim.plot.plot_diameter")
def plot_diameter(result, ax=None, counterfactual=None):
    """Mean diameter of the visible hairs (µm) and the vellus share (%)."""
    ax = _axes(ax)
    x, xlabel = time_axis(result.days)
    ax.plot(x, result.mean_diameter, color=PHASE_COLORS[Phase.TELOGEN], lw=_lw(1.0), label="mean diameter")
    if counterfactual is not None:
        ax.plot(time_axis(counterfactual.days)[0], counterfactual.mean_diameter, color=UNTREATED_COLOR,
                ls="--", lw=_lw(0.8), label="untreated (same seed)")
    ax.axhline(result.params.vellus_threshold_um, color="#999999", lw=_lw(0.6), ls=":",
               label=f"vellus threshold ({result.params.vellus_threshold_um:g} µm)")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("mean hair diameter (µm)")
    ax.set_xlim(x[0], x[-1])
    from_zero(ax)
    ax.set_title("Mean diameter of the visible hairs (µm)")
    ax.legend(loc="best", frameon=False)
    return ax


@validate_params({"result": _RUN, "counterfactual": _run_or_none(),
                  "fig": InstanceOf((_figure_type,), "a matplotlib Figure", none_ok=True),
                  "title": Text(none_ok=True)}, owner="hairsim.plot.plot_overview")
def plot_overview(result, counterfactual=None, fig=None, title=None):
    """Density, phases and shedding in one figure (three stacked panels). Returns the Figure.

    Parameters
    ----------
    result : Result
    counterfactual : Result, optional
        The same population without the stimulation (same seed): drawn dashed.
    fig : matplotlib Figure, optional
        Where to draw; default a new Figure (not registered with pyplot).
    title : str, optional
        The figure's title; default :func:`describe_run` (preset, follicles, years, seed). With a
        stimulation, a line saying that it is hypothetical is added under it.
    """
    if fig is None:
        from matplotlib.figure import Figure
        fig = Figure(figsize=(9, 10), layout="constrained")
    axes = fig.subplots(3, 1, sharex=True)
    plot_density(result, axes[0], counterfactual=counterfactual)
    plot_phases(result, axes[1])
    plot_shedding(result, axes[2], counterfactual=counterfactual)
    for ax in axes[:-1]:
        ax.set_xlabel("")
    text = describe_run(result) if title is None else str(title)
    if result.stimulation is not None:
        text += "\nThe stimulation is hypothetical: a what-if model, not the effect of any product"
    fig.suptitle(text)
    return fig

# The world view (the follicles themselves) lives in plot_world.py; hs.plot re-exports it.
from .plot_world import animate, plot_patch  # noqa: E402,F401
