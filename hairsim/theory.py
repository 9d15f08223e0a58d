"""Renewal theory: the steady state of the hair cycle, the oracle the tests and notebooks use.

At steady state the share of follicles in phase *i* is mean_i / Σ mean_j whatever the shape of
the duration distributions, and N follicles shed N / (mean cycle length) club hairs a day
(renewal–reward theorem; Halloy et al. 2002 for the follicular automaton's mean field).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .params import Params

__all__ = ["steady_state", "SteadyState", "mean_field"]


@dataclass(frozen=True)
class SteadyState:
    """Expected steady state of a population with a given (non-progressive) cycle.

    Attributes
    ----------
    anagen, catagen, telogen, kenogen : float
        Share of follicles in each phase.
    cycle_days : float
        Mean length of one hair cycle, days. With per-follicle parameters, the harmonic mean over
        follicles: n_follicles / cycle_days is the population's shedding rate.
    shed_per_day : float
        Club hairs shed per day by ``n_follicles`` follicles.
    density, total_density : float
        Visible non-vellus / all visible hairs per cm².
    mean_diameter : float
        Mean terminal diameter, µm (``diameter_um``; every visible hair of the base cycle has its
        follicle's terminal diameter, whose mean is ``diameter_um``; with per-follicle diameters,
        their plain mean, not weighted by visible time).
    n_follicles : int
    """

    anagen: float
    catagen: float
    telogen: float
    kenogen: float
    cycle_days: float
    shed_per_day: float
    density: float
    total_density: float
    mean_diameter: float
    n_follicles: int

    def fractions(self) -> dict:
        from .phases import Phase
        return {Phase.ANAGEN: self.anagen, Phase.CATAGEN: self.catagen,
                Phase.TELOGEN: self.telogen, Phase.KENOGEN: self.kenogen}

    def __str__(self):
        return (f"anagen {self.anagen:.1%}, catagen {self.catagen:.1%}, telogen {self.telogen:.1%}, "
                f"kenogen {self.kenogen:.1%}; cycle {self.cycle_days:.0f} days; "
                f"{self.shed_per_day:.1f} hairs shed a day per {self.n_follicles:,} follicles; "
                f"density {self.density:.1f} hairs/cm²")


_ERFC = np.vectorize(math.erfc, otypes=[float])


def _lognormal_mu_sigma(mean, cv):
    s2 = math.log1p(cv * cv)
    return math.log(mean) - 0.5 * s2, math.sqrt(s2)


def _grid_mass(mean, cv, x, h):
    """Probability mass of a lognormal(mean, cv) in the cells of width h centred on x."""
    if cv == 0:
        m = np.zeros_like(x)
        i = int(mean // h)
        if i < m.size:
            m[i] = 1.0
        return m
    mu, sig = _lognormal_mu_sigma(mean, cv)
    return np.exp(-(np.log(x) - mu) ** 2 / (2 * sig * sig)) / (x * sig * math.sqrt(2 * math.pi)) * h


def _short_cycle_correction(mA, cvA, mC, cvC, mT, cvT, em) -> float:
    """E[(em − (D_A + D_C + D_T))⁺]: the visible time lost when a hair is shed before its shaft
    would have emerged (negligible for a healthy cycle).

    W = D_C + D_T is convolved on a fine grid (midpoint rule); for the anagen the closed form
    E[(y − A)⁺] = y·P(A < y) − m_A·P(A′ < y), A′ the length-biased anagen, is used.
    """
    if em <= 0:
        return 0.0
    h = min(0.02, em / 1000.0)
    n = int(math.ceil(em / h))
    x = (np.arange(n) + 0.5) * h
    mc, mt = _grid_mass(mC, cvC, x, h), _grid_mass(mT, cvT, x, h)
    f_w = np.fft.irfft(np.fft.rfft(mc, 2 * n) * np.fft.rfft(mt, 2 * n), 2 * n)[:n]
    y = em - (np.arange(n) + 1.0) * h
    keep = y > 0
    y, f_w = y[keep], f_w[keep]
    if y.size == 0:
        return 0.0
    if cvA == 0:
        g = np.maximum(y - mA, 0.0)
    else:
        mu, sig = _lognormal_mu_sigma(mA, cvA)
        cdf = 0.5 * _ERFC(-(np.log(y) - mu) / (sig * math.sqrt(2)))
        cdf_b = 0.5 * _ERFC(-(np.log(y) - mu - sig * sig) / (sig * math.sqrt(2)))
        g = y * cdf - mA * cdf_b
    return float(np.sum(f_w * g))


def _nonvellus_share(diameter_um, diameter_cv, threshold):
    """P(d0 ≥ threshold) for d0 = diameter_um · lognormal(mean 1, CV diameter_cv)."""
    if diameter_cv == 0:
        return 1.0 if diameter_um >= threshold else 0.0
    s2 = math.log1p(diameter_cv ** 2)
    mu = math.log(diameter_um) - 0.5 * s2
    return 0.5 * math.erfc((math.log(threshold) - mu) / math.sqrt(2 * s2))


def steady_state(params: Params, n_follicles: int = 100_000) -> SteadyState:
    """Steady state of the population's base cycle, from renewal theory.

    Parameters
    ----------
    params : Params
        The population. Its base cycle is used (``anagen_mean_days`` etc.); the AGA progression is
        not (a progressing population has no steady state). Per-follicle arrays are averaged over
        follicles.
    n_follicles : int, default 100,000
        Scales ``shed_per_day`` (100,000 follicles ≈ a whole scalp).

    Returns
    -------
    SteadyState
    """
    if not isinstance(params, Params):
        raise TypeError(f"The 'params' parameter must be a hairsim.Params; got {type(params).__name__}.")
    if isinstance(n_follicles, bool) or not isinstance(n_follicles, (int, np.integer)) or n_follicles < 1:
        raise ValueError(f"The 'n_follicles' parameter must be a whole number ≥ 1; got {n_follicles!r}.")
    names = ("anagen_mean_days", "anagen_cv", "catagen_mean_days", "catagen_cv", "telogen_mean_days",
             "telogen_cv", "p_kenogen", "kenogen_mean_days", "emergence_days", "diameter_um", "diameter_cv")
    size = max((a.size for a in params.array_fields().values()), default=1)
    table = np.column_stack([np.broadcast_to(np.asarray(getattr(params, n), dtype=float), (size,))
                             for n in names])
    rows, counts = np.unique(table, axis=0, return_counts=True)  # regional maps have few distinct rows
    acc = np.zeros(7)
    for row, count in zip(rows, counts):
        mA, cvA, mC, cvC, mT, cvT, pK, mK_, em, diam, dcv = row
        mK = pK * mK_
        cycle = mA + mC + mT + mK
        visible_time = mA + mC + mT - em + _short_cycle_correction(mA, cvA, mC, cvC, mT, cvT, em)
        nv = _nonvellus_share(diam, dcv, params.vellus_threshold_um)
        acc += count * np.array((mA / cycle, mC / cycle, mT / cycle, mK / cycle, 1.0 / cycle,
                                 visible_time / cycle, visible_time / cycle * nv))
    acc /= size
    fa, fc, ft, fk, rate, vis, vis_nv = acc
    return SteadyState(
        anagen=fa, catagen=fc, telogen=ft, kenogen=fk,
        cycle_days=1.0 / rate, shed_per_day=rate * n_follicles,
        density=vis_nv * params.follicles_per_cm2, total_density=vis * params.follicles_per_cm2,
        mean_diameter=float(np.mean(params.diameter_um)), n_follicles=int(n_follicles),
    )


def mean_field(params: Params, years: float = 10, start_from: Params | None = None, **kwargs):
    """Deterministic (mean-field) daily time course of the non-progressive model.

    The expected value of every series of :func:`hairsim.simulate` for an infinitely large
    population (Halloy et al. 2002). See :mod:`hairsim._meanfield`.
    """
    from ._meanfield import mean_field as _mf
    return _mf(params, years=years, start_from=start_from, **kwargs)
