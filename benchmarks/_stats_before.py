"""hairsim's statistics as they were before SciPy (commit b080961), kept only so that
``bench_power.py`` can time the power curve before and after in one run. Not used by the library.

Small, dependency-free statistics for virtual trials: Student's t distribution and Welch's test.

Only numpy and the standard library are used (no SciPy). The t distribution's CDF is computed from
the regularized incomplete beta function, evaluated by its continued fraction (modified Lentz
method, as in Press et al., *Numerical Recipes*, §6.4):

    P(T ≤ t) = 1 − ½·I_x(ν/2, ½)  for t ≥ 0, with x = ν / (ν + t²),

and the quantile by bisection on the CDF. Welch's t-test (unequal variances) uses the
Welch–Satterthwaite degrees of freedom.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["betainc", "t_cdf", "t_ppf", "welch_t", "one_sample_t"]

_EPS = 1e-15
_TINY = 1e-300
_MAX_ITER = 20_000
_NORMAL_DF = 1e10  # beyond this many degrees of freedom, use the normal distribution (relative error < 1e-7 for |t| < 10)


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = _TINY if abs(d) < _TINY else d
    d = 1.0 / d
    h = d
    for m in range(1, _MAX_ITER + 1):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = _TINY if abs(d) < _TINY else d
        c = 1.0 + aa / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = _TINY if abs(d) < _TINY else d
        c = 1.0 + aa / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            return h
    raise RuntimeError(f"The incomplete beta continued fraction did not converge (a={a}, b={b}, x={x}).")


def _stirling_correction(z: float) -> float:
    """ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π] for large z (asymptotic series)."""
    z2 = z * z
    return (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / (1260.0 * z2)) / z2) / z


def _log_beta_inv(a: float, b: float) -> float:
    """ln Γ(a+b) − ln Γ(a) − ln Γ(b), without cancellation when one argument is large."""
    small, big = (a, b) if a <= b else (b, a)
    if big < 1e4:
        return math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    # ln Γ(big+small) − ln Γ(big) by Stirling, written so that no large terms cancel.
    ratio = (small * math.log(big) + (big + small - 0.5) * math.log1p(small / big) - small
             + _stirling_correction(big + small) - _stirling_correction(big))
    return ratio - math.lgamma(small)


def betainc(a: float, b: float, x: float) -> float:
    """Regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1."""
    if not (a > 0 and b > 0):
        raise ValueError(f"The 'a' and 'b' parameters must be floats in (0, inf); got a={a}, b={b}.")
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"The 'x' parameter must be a float in [0, 1]; got {x}.")
    return _betainc(float(a), float(b), float(x), 1.0 - float(x))


def _betainc(a: float, b: float, x: float, y: float) -> float:
    """I_x(a, b) given both x and y = 1 − x (each computed accurately by the caller)."""
    if x <= 0.0:
        return 0.0
    if y <= 0.0:
        return 1.0
    log_x = math.log1p(-y) if y < 0.5 else math.log(x)
    log_y = math.log1p(-x) if x < 0.5 else math.log(y)
    log_front = _log_beta_inv(a, b) + a * log_x + b * log_y
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, y) / b


def _normal_cdf(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def t_cdf(t: float, df: float) -> float:
    """CDF of Student's t distribution with ``df`` (> 0, not necessarily whole) degrees of freedom."""
    t, df = float(t), float(df)
    if not df > 0:
        raise ValueError(f"The 'df' parameter must be a float in (0, inf]; got {df}.")
    if math.isnan(t):
        return math.nan
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    if df >= _NORMAL_DF:
        return _normal_cdf(t)
    if t == 0.0:
        return 0.5
    # I_x(df/2, 1/2) with x = df/(df+t²); for |t| small relative to df use the complement form,
    # I_{1-x}(1/2, df/2) with 1-x = t²/(df+t²), to keep precision.
    x = df / (df + t * t)
    y = t * t / (df + t * t)
    tail = 0.5 * _betainc(df / 2.0, 0.5, x, y)
    return 1.0 - tail if t > 0 else tail


def t_ppf(q: float, df: float) -> float:
    """Quantile (inverse CDF) of Student's t distribution, by bisection on :func:`t_cdf`."""
    q, df = float(q), float(df)
    if not 0.0 < q < 1.0:
        raise ValueError(f"The 'q' parameter must be a float in (0, 1); got {q}.")
    if q == 0.5:
        return 0.0
    if q < 0.5:
        return -t_ppf(1.0 - q, df)
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < q:
        lo, hi = hi, hi * 2.0
        if hi > 1e300:  # pragma: no cover - only for absurd df
            return math.inf
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if t_cdf(mid, df) < q:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-12 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


def _two_sided_p(t: float, df: float) -> float:
    if math.isnan(t) or math.isnan(df):
        return math.nan
    if math.isinf(t):
        return 0.0
    return min(1.0, 2.0 * t_cdf(-abs(t), df))


def welch_t(x, y, alpha: float = 0.05) -> dict:
    """Welch's two-sample t-test of mean(x) − mean(y), with a (1 − alpha) confidence interval.

    Parameters
    ----------
    x, y : array_like
        The two samples (e.g. change from baseline in a treated and in the control arm).
    alpha : float
        1 − confidence level (0.05: a 95 % interval).

    Returns
    -------
    dict
        ``diff`` (mean(x) − mean(y)), ``se``, ``t``, ``df`` (Welch–Satterthwaite), ``ci_low``,
        ``ci_high``, ``p`` (two-sided). NaN where a sample has fewer than 2 values.
    """
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    nx, ny = x.size, y.size
    nan = dict(diff=math.nan, se=math.nan, t=math.nan, df=math.nan, ci_low=math.nan,
               ci_high=math.nan, p=math.nan)
    if nx < 2 or ny < 2:
        if nx and ny:
            nan["diff"] = float(x.mean() - y.mean())
        return nan
    vx, vy = float(x.var(ddof=1)) / nx, float(y.var(ddof=1)) / ny
    diff = float(x.mean() - y.mean())
    se = math.sqrt(vx + vy)
    if se == 0.0:
        p = 1.0 if diff == 0.0 else 0.0
        return dict(diff=diff, se=0.0, t=math.copysign(math.inf, diff) if diff else 0.0,
                    df=float(nx + ny - 2), ci_low=diff, ci_high=diff, p=p)
    df = float((vx + vy) ** 2 / (vx ** 2 / (nx - 1) + vy ** 2 / (ny - 1)))
    t = diff / se
    half = t_ppf(1.0 - alpha / 2.0, df) * se
    return dict(diff=diff, se=se, t=t, df=df, ci_low=diff - half, ci_high=diff + half,
                p=_two_sided_p(t, df))


def one_sample_t(x, alpha: float = 0.05, mu: float = 0.0) -> dict:
    """One-sample t-test of mean(x) against ``mu`` (the uncontrolled before/after reading).

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
    m = float(x.mean())
    se = float(x.std(ddof=1)) / math.sqrt(n)
    df = float(n - 1)
    if se == 0.0:
        d = m - mu
        return dict(mean=m, se=0.0, t=math.copysign(math.inf, d) if d else 0.0, df=df,
                    ci_low=m, ci_high=m, p=1.0 if d == 0 else 0.0)
    t = (m - mu) / se
    half = t_ppf(1.0 - alpha / 2.0, df) * se
    return dict(mean=m, se=se, t=t, df=df, ci_low=m - half, ci_high=m + half,
                p=_two_sided_p(t, df))
