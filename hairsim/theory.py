"""Renewal theory: the steady state of the hair cycle, the oracle the tests and notebooks use.

At steady state the share of follicles in phase *i* is mean_i / Σ mean_j whatever the shape of
the duration distributions, and N follicles shed N / (mean cycle length) club hairs a day
(renewal–reward theorem; Halloy et al. 2002 for the follicular automaton's mean field).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._meanfield import _lognormal_g, _norm_sf, _upper_days
from ._meanfield import _lognormal_sf as _sf_of_x
from ._meanfield import mean_field  # the public mean_field (validated there)
from ._validation import Interval, ParamsOrPreset, lognormal_mu_sigma, validate_params
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


def _grid_mass(mean, cv, x, h):
    """Probability mass of a lognormal(mean, cv) in the cells of width h centred on x."""
    if cv == 0:
        m = np.zeros_like(x)
        i = int(mean // h)
        if i < m.size:
            m[i] = 1.0
        return m
    mu, sig = lognormal_mu_sigma(mean, cv)
    return np.exp(-(np.log(x) - mu) ** 2 / (2 * sig * sig)) / (x * sig * math.sqrt(2 * math.pi)) * h


def _lognormal_sf(mean, cv, x):
    """P(D > x) for a lognormal(mean, cv) duration (a step for cv = 0)."""
    return _sf_of_x(x, mean, cv)


def _lognormal_excess(mean, cv, x):
    """g(x) = E[(D − x)⁺] for a lognormal(mean, cv) duration (mean − x for x ≤ 0)."""
    return _lognormal_g(x, mean, cv)


def _phase_sum_masses(laws, h, n):
    """Masses of the sum of lognormal durations ``laws`` [(mean, cv), …] on a grid of width h:
    (masses[i] at position (i + k/2)·h + shift, i < n), k the number of random durations (cell
    midpoints summed), shift the sum of the durations with CV 0."""
    x = (np.arange(n) + 0.5) * h
    f = None
    k, shift = 0, 0.0
    for mean, cv in laws:
        if cv == 0:
            shift += mean
            continue
        m = _grid_mass(mean, cv, x, h)
        size = 1 << (2 * n - 1).bit_length()  # a power of two: a fast FFT
        f = m if f is None else np.fft.irfft(np.fft.rfft(f, size) * np.fft.rfft(m, size), size)[:n]
        k += 1
    if f is None:
        f = np.zeros(n)
        f[0] = 1.0
        return f, np.arange(n) * h + shift
    return f, (np.arange(n) + 0.5 * k) * h + shift


def _held_time(mA, cvA, mC, cvC, mT, cvT, mX, cvX) -> float:
    """E[min(R, W)]: the mean time a club is held into the next cycle, released after its retention
    R (lognormal(mX, cvX)) or at the latest when that cycle's telogen ends (W = D_A + D_C + D_T).

    E[min(R, W)] = E[R] − E[g_R(W)], g_R(w) = E[(R − w)⁺] in closed form, W's law on a midpoint grid
    (fine enough for the midpoint rule to be exact to rounding for these smooth densities)."""
    if mX <= 0:
        return 0.0
    laws = ((mA, cvA), (mC, cvC), (mT, cvT))

    upper = _upper_days  # P(D > upper) < 1e-17: at most 8.5 σ above the log-mean
    # W's mass matters only where g_R(W) does, and only below the sum of the phases' bounds; with
    # heavy tails, up to where P(W > w) g_R(w) < 1e-18 mX (P(W > w) <= P(A > w - the C, T bounds))
    w_max = min(upper(mX, cvX), sum(upper(mean, cv) for mean, cv in laws))
    shift = upper(mC, cvC) + upper(mT, cvT)
    lo = shift
    while lo < w_max and (_lognormal_sf(mA, cvA, np.array([lo - shift]))[0]
                          * _lognormal_excess(mX, cvX, np.array([lo]))[0] >= 1e-18 * mX):
        lo *= 2.0
    w_max = min(w_max, max(lo, shift))
    # cells much narrower than each density near its mode (σ·mode), so the midpoint rule is exact
    # to rounding for these smooth densities
    widths = []
    for mean, cv in laws:
        if cv > 0:
            s2 = lognormal_mu_sigma(1.0, cv)[1] ** 2
            widths.append(mean * math.exp(-1.5 * s2) * math.sqrt(s2))
    h = max(min([8.0] + widths) / 8.0, w_max / 2 ** 21)
    n = int(math.ceil(w_max / h))
    f, w = _phase_sum_masses(laws, h, n)
    return float(mX - np.sum(f * _lognormal_excess(mX, cvX, w)))


def _short_cycle_correction(mA, cvA, mC, cvC, mT, cvT, em, pK=0.0, mX=0.0, cvX=0.0) -> float:
    """E[(em − (D_A + D_C + D_T + D_X))⁺]: the visible time lost when a hair is shed before its
    shaft would have emerged (negligible for a healthy cycle). D_X is the club's time held after
    telogen: 0 when the cycle ends in kenogen (probability pK), else min(R, W′), R lognormal(mX, cvX)
    and W′ the next cycle's anagen + catagen + telogen (a club is released at the latest then).

    W = D_C + D_T (+ D_X) is convolved on a fine grid (midpoint rule; D_X's cell masses from its
    survival S_R·S_W′ at the cell edges); for the anagen the closed form
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
        # W + D_X: a mixture of W (kenogen) and W convolved with the held time's law; P(W′ > u)
        # at the edges u = i h from the catagen + telogen masses and the anagen's survival
        edges = np.arange(n + 1) * h
        s_w = _survival_of_sum(f_w, mA, cvA, h, n)
        s_x = _lognormal_sf(mX, cvX, edges) * s_w
        mx = s_x[:-1] - s_x[1:]
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
            mu, sig = lognormal_mu_sigma(mA, cvA)
            cdf = _norm_sf(-(np.log(y) - mu) / sig)              # P(A < y)
            cdf_b = _norm_sf(-(np.log(y) - mu - sig * sig) / sig)  # P(A' < y), A' length-biased
            g = y * cdf - mA * cdf_b
        total += weight * float(np.sum(f * g))
    return total


def _survival_of_sum(f_w, mA, cvA, h, n):
    """P(A + W > i h), i = 0..n, for W with masses f_w at (j + 1) h and A lognormal(mA, cvA):
    the mass of W beyond the grid, plus Σ_j f_w[j] P(A > (i − j − 1) h) (a convolution)."""
    s_a = _lognormal_sf(mA, cvA, (np.arange(-n - 1, n + 1)) * h)  # index k ↔ (k − n − 1) h
    # out[i] = Σ_j f_w[j] s_a[(i - j - 1) + n + 1] = Σ_j f_w[j] s_a[i - j + n]
    size = 1 << (4 * n + 3).bit_length()  # a power of two: a fast FFT
    full = np.fft.irfft(np.fft.rfft(f_w, size) * np.fft.rfft(s_a, size), size)
    return 1.0 - f_w.sum() + full[n: 2 * n + 1]


def _nonvellus_share(diameter_um, diameter_cv, threshold):
    """P(d0 ≥ threshold) for d0 = diameter_um · lognormal(mean 1, CV diameter_cv)."""
    if diameter_cv == 0:
        return 1.0 if diameter_um >= threshold else 0.0
    mu, sigma = lognormal_mu_sigma(diameter_um, diameter_cv)
    return 0.5 * math.erfc((math.log(threshold) - mu) / (math.sqrt(2) * sigma))


@validate_params({"params": ParamsOrPreset(), "n_follicles": Interval(1, math.inf, integer=True)},
                 owner="hairsim.steady_state")
def steady_state(params: Params, n_follicles: int = 100_000) -> SteadyState:
    """Steady state of the population's base cycle, from renewal theory.

    Parameters
    ----------
    params : Params or str
        The population (or a preset name). Its base cycle is used (``anagen_mean_days`` etc.); the
        AGA progression is not (a progressing population has no steady state). Per-follicle arrays
        are averaged over follicles.
    n_follicles : int, [1, inf), default 100,000
        Scales ``shed_per_day`` (100,000 follicles ≈ a whole scalp).

    Returns
    -------
    SteadyState
    """
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
        # its retention into the next anagen (exogen) when the cycle does not end in kenogen, at
        # the latest when that next cycle ends its telogen
        visible_time = (mA + mC + mT + (1.0 - pK) * _held_time(mA, cvA, mC, cvC, mT, cvT, mX, cvX) - em
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
