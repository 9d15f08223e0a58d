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
        Mean diameter of the visible hairs, µm: ``diameter_um`` for the terminal follicles and
        ``vellus_diameter_um`` for the vellus ones, weighted by their shares (every follicle of the
        base cycle shows its hair for the same expected time); with per-follicle diameters, the
        plain mean over follicles.
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


def _short_cycle_correction(mA, cvA, mC, cvC, mT, cvT, em, pK=0.0, mX=0.0, cvX=0.0) -> float:
    """E[(em − (D_A + D_C + D_T + D_X))⁺]: the visible time lost when a hair is shed before its
    shaft would have emerged (negligible for a healthy cycle). D_X is the club's retention after
    telogen (0 when the cycle ends in kenogen, with probability pK; else lognormal(mX, cvX)).

    W = D_C + D_T + D_X is convolved on a fine grid (midpoint rule); for the anagen the closed form
    E[(y − A)⁺] = y·P(A < y) − m_A·P(A′ < y), A′ the length-biased anagen, is used.
    """
    if em <= 0:
        return 0.0
    h = min(0.02, em / 1000.0)
    n = int(math.ceil(em / h))
    x = (np.arange(n) + 0.5) * h
    mc, mt = _grid_mass(mC, cvC, x, h), _grid_mass(mT, cvT, x, h)
    f_w = np.fft.irfft(np.fft.rfft(mc, 2 * n) * np.fft.rfft(mt, 2 * n), 2 * n)[:n]
    # the sum of two cell midpoints lies at (i + 1) h, of three at (i + 1.5) h
    parts = [(1.0 if pK >= 1 or mX <= 0 else pK, f_w, 1.0)]
    if pK < 1 and mX > 0:
        # W + D_X: a mixture of W (kenogen) and W convolved with the retention's law
        mx = _grid_mass(mX, cvX, x, h)
        conv = np.fft.irfft(np.fft.rfft(f_w, 2 * n) * np.fft.rfft(mx, 2 * n), 2 * n)[:n]
        parts.append((1.0 - pK, conv, 1.5))
    total = 0.0
    for weight, f, offset in parts:
        y = em - (np.arange(n) + offset) * h
        keep = y > 0
        y, f = y[keep], f[keep]
        if y.size == 0:
            continue
        if cvA == 0:
            g = np.maximum(y - mA, 0.0)
        else:
            mu, sig = _lognormal_mu_sigma(mA, cvA)
            cdf = 0.5 * _ERFC(-(np.log(y) - mu) / (sig * math.sqrt(2)))
            cdf_b = 0.5 * _ERFC(-(np.log(y) - mu - sig * sig) / (sig * math.sqrt(2)))
            g = y * cdf - mA * cdf_b
        total += weight * float(np.sum(f * g))
    return total


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
             "telogen_cv", "p_kenogen", "kenogen_mean_days", "emergence_days", "diameter_um", "diameter_cv",
             "exogen_mean_days", "exogen_cv", "vellus_follicle_fraction", "vellus_diameter_um")
    size = max((a.size for a in params.array_fields().values()), default=1)
    table = np.column_stack([np.broadcast_to(np.asarray(getattr(params, n), dtype=float), (size,))
                             for n in names])
    rows, counts = np.unique(table, axis=0, return_counts=True)  # regional maps have few distinct rows
    acc = np.zeros(8)
    thr = params.vellus_threshold_um
    for row, count in zip(rows, counts):
        mA, cvA, mC, cvC, mT, cvT, pK, mK_, em, diam, dcv, mX, cvX, vf, dv = row
        mK = pK * mK_
        cycle = mA + mC + mT + mK
        # a hair is visible from emergence until its release: the end of telogen, or the end of
        # its retention into the next anagen (exogen) when the cycle does not end in kenogen
        visible_time = (mA + mC + mT + (1.0 - pK) * mX - em
                        + _short_cycle_correction(mA, cvA, mC, cvC, mT, cvT, em, pK, mX, cvX))
        nv = (1.0 - vf) * _nonvellus_share(diam, dcv, thr) + vf * _nonvellus_share(dv, dcv, thr)
        acc += count * np.array((mA / cycle, mC / cycle, mT / cycle, mK / cycle, 1.0 / cycle,
                                 visible_time / cycle, visible_time / cycle * nv,
                                 (1.0 - vf) * diam + vf * dv))
    acc /= size
    fa, fc, ft, fk, rate, vis, vis_nv, mean_d = acc
    return SteadyState(
        anagen=fa, catagen=fc, telogen=ft, kenogen=fk,
        cycle_days=1.0 / rate, shed_per_day=rate * n_follicles,
        density=vis_nv * params.follicles_per_cm2, total_density=vis * params.follicles_per_cm2,
        mean_diameter=float(mean_d), n_follicles=int(n_follicles),
    )


def mean_field(params: Params, years: float = 10, start_from: Params | None = None, **kwargs):
    """Deterministic (mean-field) daily time course of the non-progressive model.

    The expected value of every series of :func:`hairsim.simulate` for an infinitely large
    population (Halloy et al. 2002). See :mod:`hairsim._meanfield`.
    """
    from ._meanfield import mean_field as _mf
    return _mf(params, years=years, start_from=start_from, **kwargs)
