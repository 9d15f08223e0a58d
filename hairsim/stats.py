"""Statistics for virtual trials, from SciPy: Welch's t-test, the one-sample t-test, Student's t.

Everything here is a thin layer over :mod:`scipy.stats` (``ttest_ind(equal_var=False)`` with its
confidence interval, ``ttest_1samp``, ``t``), returning plain dicts of floats for the trial
tables. The tests' answers are SciPy's; ``tests/test_trial.py`` keeps one Welch result checked
against a hand-computed value. :func:`welch_t_many` tests many trials at once along an axis (the
power curve).
"""

from __future__ import annotations

import math
import warnings

import numpy as np

__all__ = ["t_cdf", "t_ppf", "welch_t", "welch_t_many", "one_sample_t"]


def _scipy_stats():
    import scipy.stats  # imported when first needed (about a second, 70 MB)
    return scipy.stats


class _quiet(warnings.catch_warnings):
    """Silence SciPy's 'precision loss … nearly identical' warning: a sample with no spread gives
    a NaN (or infinite) t, which the tables show as such."""

    def __enter__(self):
        out = super().__enter__()
        warnings.filterwarnings("ignore", message="Precision loss occurred", category=RuntimeWarning)
        warnings.filterwarnings("ignore", message="invalid value encountered", category=RuntimeWarning)
        warnings.filterwarnings("ignore", message="divide by zero", category=RuntimeWarning)
        return out


def t_cdf(t: float, df: float) -> float:
    """CDF of Student's t distribution with ``df`` (> 0) degrees of freedom (scipy.stats.t)."""
    return float(_scipy_stats().t.cdf(t, df))


def t_ppf(q: float, df: float) -> float:
    """Quantile (inverse CDF) of Student's t distribution (scipy.stats.t)."""
    return float(_scipy_stats().t.ppf(q, df))


_NAN2 = dict(diff=math.nan, se=math.nan, t=math.nan, df=math.nan, ci_low=math.nan,
             ci_high=math.nan, p=math.nan)


def welch_t(x, y, alpha: float = 0.05) -> dict:
    """Welch's two-sample t-test of mean(x) − mean(y), with a (1 − alpha) confidence interval.

    ``scipy.stats.ttest_ind(x, y, equal_var=False)`` and its ``confidence_interval``.

    Parameters
    ----------
    x, y : array_like
        The two samples (e.g. change from baseline in a treated and in the control arm).
    alpha : float, (0, 1)
        1 − confidence level (0.05: a 95 % interval).

    Returns
    -------
    dict
        ``diff`` (mean(x) − mean(y)), ``se``, ``t``, ``df`` (Welch–Satterthwaite), ``ci_low``,
        ``ci_high``, ``p`` (two-sided). NaN where a sample has fewer than 2 values (``diff``
        is still given when both have one), and t, p NaN when neither sample varies.
    """
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if x.size < 2 or y.size < 2:
        out = dict(_NAN2)
        if x.size and y.size:
            out["diff"] = float(x.mean() - y.mean())
        return out
    with _quiet():
        res = _scipy_stats().ttest_ind(x, y, equal_var=False)
        ci = res.confidence_interval(1.0 - alpha)
    return dict(diff=float(x.mean() - y.mean()),
                se=math.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size),
                t=float(res.statistic), df=float(res.df), ci_low=float(ci.low), ci_high=float(ci.high),
                p=float(res.pvalue))


def welch_t_many(x, y, axis: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """Welch's test of many pairs of samples at once along ``axis`` (e.g. every replicate trial
    and endpoint of a power curve): returns (mean(x) − mean(y), two-sided p), arrays."""
    with _quiet():
        res = _scipy_stats().ttest_ind(x, y, axis=axis, equal_var=False)
    return np.mean(x, axis=axis) - np.mean(y, axis=axis), np.asarray(res.pvalue, dtype=float)


def one_sample_t(x, alpha: float = 0.05, mu: float = 0.0) -> dict:
    """One-sample t-test of mean(x) against ``mu`` (the uncontrolled before/after reading):
    ``scipy.stats.ttest_1samp`` and its ``confidence_interval``.

    Returns
    -------
    dict
        ``mean``, ``se``, ``t``, ``df``, ``ci_low``, ``ci_high``, ``p`` (two-sided).
    """
    x = np.asarray(x, dtype=float).ravel()
    n = x.size
    if n < 2:
        m = float(x.mean()) if n else math.nan
        return dict(mean=m, se=math.nan, t=math.nan, df=math.nan, ci_low=math.nan,
                    ci_high=math.nan, p=math.nan)
    with _quiet():
        res = _scipy_stats().ttest_1samp(x, mu)
        ci = res.confidence_interval(1.0 - alpha)
    return dict(mean=float(x.mean()), se=float(x.std(ddof=1)) / math.sqrt(n), t=float(res.statistic),
                df=float(res.df), ci_low=float(ci.low), ci_high=float(ci.high), p=float(res.pvalue))
