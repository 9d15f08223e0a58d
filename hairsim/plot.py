"""Figures of a run. Every function takes an Axes (or makes one), draws, and returns it.

No function here changes matplotlib's global state (no style sheets, no rcParams): colours come
from the Okabe–Ito palette in :mod:`hairsim.phases`, so figures read the same to colour-blind
viewers, and axes always carry their units.
"""

from __future__ import annotations

import numpy as np

from .phases import PHASE_COLORS, SHED_COLOR, TREATED_COLOR, UNTREATED_COLOR, Phase

__all__ = ["plot_density", "plot_phases", "plot_shedding", "plot_diameter", "plot_overview",
           "time_axis", "shade_stimulation", "moving_average"]


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
        _, ax = plt.subplots(figsize=(8, 4), layout="constrained")
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
            lw=1.8, label=main_label)
    if counterfactual is not None:
        ax.plot(time_axis(counterfactual.days)[0], counterfactual.density, color=UNTREATED_COLOR,
                ls="--", lw=1.3, label="untreated (same seed)")
    if show_total:
        ax.plot(x, result.total_density, color="#56B4E9", ls=":", lw=1.3,
                label="all visible hairs (vellus included)")
    if mean_field is not None:
        ax.plot(time_axis(mean_field.days)[0], mean_field.density, color="#F0E442", lw=1.0,
                label="mean field (expected)")
    shade_stimulation(ax, result, x)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("hair density (hairs/cm²)")
    ax.set_title("Visible non-vellus hairs")
    ax.set_xlim(x[0], x[-1])
    ax.legend(loc="best", fontsize="small", frameon=False)
    return ax


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
    ax.set_title("Phase of the follicles")
    ax.legend(loc="lower left", fontsize="small", ncols=4, frameon=True)
    return ax


def plot_shedding(result, ax=None, smooth_days=7, per_follicles=100_000, counterfactual=None):
    """Club hairs shed per day (scaled to a whole scalp), as a moving average."""
    ax = _axes(ax)
    x, xlabel = time_axis(result.days)

    def smooth(y):
        return moving_average(y, smooth_days)

    ax.plot(x, smooth(result.shed_per_day(per_follicles)), color=SHED_COLOR, lw=1.5,
            label=f"shed ({smooth_days}-day average)")
    if counterfactual is not None:
        ax.plot(time_axis(counterfactual.days)[0], smooth(counterfactual.shed_per_day(per_follicles)),
                color=UNTREATED_COLOR, ls="--", lw=1.1, label="untreated (same seed)")
    shade_stimulation(ax, result, x)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(f"hairs shed per day\n(per {per_follicles:,} follicles)")
    ax.set_ylim(bottom=0)
    ax.set_xlim(x[0], x[-1])
    ax.set_title("Daily shedding")
    ax.legend(loc="best", fontsize="small", frameon=False)
    return ax


def plot_diameter(result, ax=None, counterfactual=None):
    """Mean diameter of the visible hairs (µm) and the vellus share (%)."""
    ax = _axes(ax)
    x, xlabel = time_axis(result.days)
    ax.plot(x, result.mean_diameter, color=PHASE_COLORS[Phase.TELOGEN], lw=1.5, label="mean diameter")
    if counterfactual is not None:
        ax.plot(time_axis(counterfactual.days)[0], counterfactual.mean_diameter, color=UNTREATED_COLOR,
                ls="--", lw=1.1, label="untreated (same seed)")
    ax.axhline(result.params.vellus_threshold_um, color="#999999", lw=0.8, ls=":",
               label=f"vellus threshold ({result.params.vellus_threshold_um:g} µm)")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("mean hair diameter (µm)")
    ax.set_xlim(x[0], x[-1])
    ax.set_title("Hair diameter")
    ax.legend(loc="best", fontsize="small", frameon=False)
    return ax


def plot_overview(result, counterfactual=None, fig=None):
    """Density, phases and shedding in one figure (three stacked panels). Returns the Figure."""
    if fig is None:
        from matplotlib.figure import Figure
        fig = Figure(figsize=(8, 8.5), layout="constrained")
    axes = fig.subplots(3, 1, sharex=True)
    plot_density(result, axes[0], counterfactual=counterfactual)
    plot_phases(result, axes[1])
    plot_shedding(result, axes[2], counterfactual=counterfactual)
    for ax in axes[:-1]:
        ax.set_xlabel("")
    if result.stimulation is not None:
        fig.suptitle("The stimulation is hypothetical: a what-if model, not the effect of any product",
                     fontsize="small", color="#555555")
    return fig
