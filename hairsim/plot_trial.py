"""Figures for virtual trials: per-arm trajectories, endpoint distributions, power curves.

Every function takes ``ax=None`` (a new figure is made if None), returns the Axes and never changes
global matplotlib style; font sizes and line widths follow matplotlib's settings, so
:func:`hairsim.plot.projector` enlarges them. Colours are Okabe–Ito (colour-blind safe): the control arm is dark grey, the
first treated arm is the "treated" reddish purple of ``hs.PHASE_COLORS``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["plot_trajectories", "plot_endpoints", "plot_power", "arm_colors"]

_CONTROL = "#555555"
_TREATED = ["#CC79A7", "#D55E00", "#0072B2", "#009E73", "#E69F00", "#56B4E9", "#F0E442"]


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=(9, 5), layout="constrained")
    return ax


def arm_colors(trial) -> dict:
    """Arm name → colour: grey for the control arm, Okabe–Ito colours for the others."""
    out, k = {}, 0
    for arm in trial.arms:
        if arm == trial.control:
            out[arm] = _CONTROL
        else:
            out[arm] = _TREATED[k % len(_TREATED)]
            k += 1
    return out


def plot_trajectories(trial, ax=None, band="sd", show_people=0, true=False):
    """Mean change from baseline per arm at each visit, with its spread.

    Parameters
    ----------
    trial : TrialResult
    ax : matplotlib Axes, optional
    band : {"sd", "ci", None}
        Shaded band: ± 1 SD of the participants (the spread) or the 95 % CI of the mean.
    show_people : int
        Also draw this many individual participants per arm as thin lines.
    true : bool
        Plot the simulated scalps' own change (no placebo response, no counting error) instead of
        what the trial counted.
    """
    from .stats import t_ppf

    ax = _axes(ax)
    colors = arm_colors(trial)
    weeks = trial.weeks
    for arm in trial.arms:
        data = trial.true_density[arm] if true else trial.observed[arm]
        ch = data - data[:, [0]]
        mean = ch.mean(axis=0)
        n = ch.shape[0]
        sd = ch.std(axis=0, ddof=1) if n > 1 else np.zeros_like(mean)
        c = colors[arm]
        for person in ch[:show_people]:
            ax.plot(weeks, person, color=c, lw=0.5, alpha=0.35)
        label = f"{arm} (n = {n})"
        ax.plot(weeks, mean, "o-", color=c, label=label)
        if band == "sd":
            ax.fill_between(weeks, mean - sd, mean + sd, color=c, alpha=0.15, lw=0)
        elif band == "ci" and n > 1:
            half = t_ppf(1 - trial.alpha / 2, n - 1) * sd / np.sqrt(n)
            ax.fill_between(weeks, mean - half, mean + half, color=c, alpha=0.2, lw=0)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xlabel("weeks since baseline")
    what = "true change" if true else "change"
    ax.set_ylabel(f"{what} in non-vellus hairs/cm²")
    shade = {"sd": "band: ± 1 SD of participants", "ci": "band: 95 % CI of the mean"}.get(band, "")
    ax.set_title(f"Change in non-vellus hairs/cm², per arm\n(hypothetical stimulation{'; ' + shade if shade else ''})",
                 fontsize="medium")
    ax.legend(frameon=False, loc="upper left")
    return ax


def plot_endpoints(trial, ax=None, week=None, seed=0):
    """Every participant's change at ``week`` (default: the last visit), one column per arm, with
    the arm's mean and 95 % CI of the mean."""
    from .stats import one_sample_t

    ax = _axes(ax)
    colors = arm_colors(trial)
    jitter = np.random.default_rng(seed)
    w = trial.weeks[trial._visit(week)]
    for k, arm in enumerate(trial.arms):
        ch = trial.change(arm, w)
        x = k + jitter.uniform(-0.18, 0.18, ch.size)
        import matplotlib

        size = (0.6 * float(matplotlib.rcParams["lines.markersize"])) ** 2   # larger under projector()
        ax.scatter(x, ch, s=size, color=colors[arm], alpha=0.6, lw=0)
        ci = one_sample_t(ch, alpha=trial.alpha)
        ax.errorbar([k + 0.32], [ci["mean"]],
                    yerr=[[ci["mean"] - ci["ci_low"]], [ci["ci_high"] - ci["mean"]]],
                    fmt="o", color="black", capsize=4, ms=5)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(range(len(trial.arms)))
    ax.set_xticklabels([f"{a}\n(n = {trial.change(a, w).size})" for a in trial.arms])
    ax.set_xlim(-0.6, len(trial.arms) - 0.4)
    ax.set_ylabel(f"change in non-vellus hairs/cm² at week {w:g}")
    ax.set_title("Change at week {:g} (hairs/cm²)\neach dot a participant; black: mean and 95 % CI".format(w),
                 fontsize="medium")
    return ax


def plot_power(curve, ax=None, target=0.8):
    """Power (share of trials with p < alpha) against participants per arm, one line per trial
    length, with ± 1 binomial SE bars and the conventional 80 % target."""
    ax = _axes(ax)
    for i, w in enumerate(curve.weeks):
        c = _TREATED[i % len(_TREATED)]
        ax.errorbar(curve.n_per_arm, 100 * curve.power[i], yerr=100 * curve.se[i], fmt="o-",
                    color=c, capsize=3, label=f"endpoint week {w:g}")
    if target is not None:
        ax.axhline(100 * target, color="black", lw=1.2, ls="--", label=f"{100 * target:g} % power (the usual target)")
    ax.axhline(100 * curve.alpha, color=_CONTROL, lw=1.2, ls=":",
               label=f"{100 * curve.alpha:g} %: found by chance when there is no effect")
    from matplotlib.ticker import NullLocator

    ax.set_xscale("log")
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticks(curve.n_per_arm)
    ax.set_xticklabels([str(int(n)) for n in curve.n_per_arm])
    ax.set_xlabel("participants per arm")
    ax.set_ylabel(f"power, % of trials with p < {curve.alpha:g}")
    ax.set_ylim(0, 100)
    ax.set_title(f"Power (% of trials finding the effect)\n'{curve.arm}' vs '{curve.control}', "
                 f"{curve.n_trials} simulated trials per point", fontsize="medium")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2)
    return ax
