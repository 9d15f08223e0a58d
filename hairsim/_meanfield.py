"""The mean field of the follicle population: the expected daily series of the non-progressive model.

Halloy et al. (J Theor Biol 2002;214:469) showed that the stochastic follicle automaton converges to
a deterministic mean field as the number of follicles grows. Here that mean field is computed by
renewal theory, without simulating any follicle, and :func:`mean_field` returns the expected fraction
of follicles in each phase, the expected shedding and the expected densities, day by day. Tests and
notebooks use it as the oracle that :func:`hairsim.simulate` must follow in expectation.

Method
------
One follicle is followed in expectation. Time is cut into bins of width ``dt`` (default 0.25 day,
so that integer days fall on bin edges). Five event streams are tracked as expected numbers per bin:
anagen starts ``b``, catagen starts ``c`` (= anagen ends), telogen starts ``tau``, telogen ends
``s`` and kenogen ends ``ke``. With causal convolutions ``*``::

    c   = c0   + qA * b            tau = tau0 + qC * c          s = s0 + qT * tau
    ke  = ke0  + qK * (p s)        b   = (1 - p) s + ke

where ``c0, tau0, s0, ke0`` are the ends of the phase each follicle is in at t = 0 (the equilibrium of
``start_from``: phase i with probability w_i / Σw, residual time of density S_i(x) / m_i), and
``qX[j]`` is the chance that a phase of law X started uniformly inside a bin ends j bins later:
``qX[j] = E[max(0, 1 - |D/dt - j|)] = (g(j-1) - 2 g(j) + g(j+1)) / dt`` with g(x) = E[(D - x)+], the
integrated survival function, known in closed form for a lognormal. Eliminating gives the renewal
(Volterra) equation ``b = b_src + F * b`` with the cycle kernel F = ((1-p)δ + p qK) * qT * qC * qA,
solved for all bins at once with FFTs of exponentially damped sequences (the damping makes the circular
convolution of the FFT equal the causal one up to about 1e-16; see ``_DAMPING``).

Phase occupancies at the instant t = N dt are initial occupancy + Σ_{n<N} (starts - ends), which is
the engine's rule "in phase X on day d if start <= d < end". Probability is conserved exactly and,
because ``qX`` and the residual law are both built from the same g, a population started in the
equilibrium of its own parameters stays exactly flat (to rounding).

Club hairs (exogen). A cycle that ends in kenogen (probability p) sheds its club at the telogen end;
otherwise the next anagen starts at once and the club is held into it for a retention R
(``exogen_mean_days``, ``exogen_cv``; none if the mean is 0), and released then, or at the latest
when the new hair ends its own telogen (the engine's rule: a follicle never holds two old clubs).
The retention does not change the cycle, so the renewal system above is unchanged. A club is held
from an anagen start that follows a telogen end directly ((1 - p) s per bin) for min(R, W), W that
new cycle's anagen + catagen + telogen; R and W are independent, so its survival in bins is
S*[L] = S_R[L] S_W[L] (each the survival of its bin kernel) and its release kernel q* = -ΔS*. Two
streams are added::

    released = p s + q* * ((1 - p) s) + x0          held(N) = H0(N) + Σ_{n<N} ((1 - p) s - q* * ((1 - p) s))

(``shed`` on day d sums ``released`` over the bins of that day: floor(release) = d). ``H0`` are the
clubs held at t = 0, in the equilibrium of ``start_from``: the club of the cycle before the current
one, for the follicles in anagen, catagen or telogen, held from the current anagen start until R0
(start_from's law) is over or the current telogen ends (its phases after 0 with ``params``' laws);
it is computed like the emergence cohorts below, on the stationary stream of anagen starts before 0,
weighted by S_R0 at their age, and ``x0`` = -ΔH0. At equilibrium this is exactly the stream's
continuation, so the held clubs start flat, at (1 - p) E[min(R, W)] / cycle per follicle.

Visible hairs: every hair from min(anagen start + emergence_days, its release) until its release (the
telogen end, or the end of its time held), so visible = A + C + T + held minus the hairs that are
present (their follicle in anagen, catagen or telogen, or holding the club) but whose shaft has not
emerged: the cycles started less than emergence_days ago and not yet released, with the release law
qA * qC * qT * (p δ + (1 - p) q*). A follicle can show its held club and its new hair at once, so
``visible`` can exceed the number of follicles in anagen + catagen + telogen, and even the number of
follicles (a long retention on a short cycle). Cycles started at t >= 0 enter through the
anagen-start stream ``b``. The cycle a follicle is in at t = 0 is, as in the engine, that of the
equilibrium of ``start_from``: the current phase with its length-biased law and, before it, the
anagen (and, for telogen, the catagen) with their ordinary laws, so its shaft emerged, or will
emerge, emergence_days after that anagen start (emergence_days of ``params`` for a follicle in
anagen at t = 0, of ``start_from`` for one in catagen or telogen, as the engine does). That cohort
is computed as a stationary stream of anagen starts before 0, dt / (mean cycle of ``start_from``)
per bin, followed through the same bin kernels as the solver (``start_from``'s laws for phases and
retentions started before 0, ``params``' after); a club held at t = 0 shows only once its own
cycle's shaft has emerged (emergence_days of ``start_from`` after that earlier anagen start). Each
cohort sum Σ_{L>N} w[L] (S_q[L] + Σ_{m<=N} sf[m] q[L - m]) is two correlations and a convolution
(FFT), so the long age weights of the held clubs cost O(K log K).

A population started in the equilibrium of its own parameters therefore keeps flat phase shares,
shedding and visible hairs for any emergence delay, including emergence_days longer than
anagen + catagen + telogen, where a share of cycles shows a hair only while its club is held, or
never (measured over 10 years: phase shares within 1.4e-11 of renewal theory, shedding 1e-12, the
total density varies by at most 9e-12 of itself, retention 200 days CV 1 and 60 days CV 3
included). The level equals ``hs.steady_state`` to rounding (2e-12) when clubs almost never outlast
the next cycle and the emergence delay is shorter than nearly every cycle; otherwise it carries the
O(dt²) bin error of the product S_R S_W and of the emergence cutoff: 5.2e-10 of the density for a
retention of 200 days, CV 1 on the default cycle, 9.0e-8 on anagen 150 days, CV 1 (a quarter at
dt = 0.125), and for anagen 150 days, CV 1, emergence 200 days 9.4e-7 with the default retention,
6.7e-7 without (dt = 0.125: 2.4e-7, 1.7e-7).

Why dt = 0.25 day: the only approximation is that events are spread uniformly inside a bin; it blurs
each phase end by at most one bin (a variance of dt²/6 per phase change), against a catagen standard
deviation of 2.8 days and a telogen one of 31 days by default. The error shrinks like dt². Largest
difference in any phase share, daily shedding or visible hairs per follicle over 3 years, measured
(dt = 1 and dt = 0.125 against dt = 0.25):

- healthy start, anagen shortened to 1 year: 3.6e-7 and 1.8e-8 (with retention 200 days, CV 1: the same);
- telogen effluvium preset: 1.4e-5 and 6.9e-7;
- long emergence transient (anagen 150 d, CV 1, emergence 60 d, from anagen 300 d, emergence 250 d):
  2.6e-6 and 1.3e-7;
- anagen 150 d, CV 1, retention 120 d, CV 1.5, emergence 200 d, stress at day 100.4: 3e-5 and 1.7e-6
  (the stressed cohort's catagen ends; 2e-7 at dt = 1/16).

That is far below the binomial standard error of a 200,000-follicle run (7e-4 for anagen, 2.4e-4
for catagen), and dt = 0.25 computes 10 years of the healthy preset in about 0.1 s (0.3 s with a
stress; up to about 1 s for long retentions on short cycles with a stress).

Telogen effluvium (``stress_day``, ``stress_anagen_fraction`` f): at the stress instant every follicle
in anagen ends its anagen with probability f. The anagen ends after the stress of the cohorts already
in anagen are scaled by (1 - f), and a mass f·A(stress) starts catagen at the stress instant; by
linearity this perturbation is solved as a second renewal problem and added to the first. A
stressed follicle's new telogen end releases the club it holds, if still held (``_club_stress``:
per start before the stress and instant after it, the new course S_cut minus the old one; the old
course of a club that outlives its own anagen is summed with a running table, skipped below 1e-11
of a follicle); its own hair becomes a club at that new telogen end like any other (the shedding
wave comes a little less than E[R] later than without retention). A stressed hair keeps its
emergence date but is released earlier, so the unemerged-but-present hairs get a correction
(``_invisible_stress``, and the held part in ``_club_stress``) for the instants within
emergence_days after the stress; it matters only when emergence_days exceeds catagen + telogen
(before, it was missing: 3e-10 of the visible share for the preset, 0.1 for anagen 150 days,
emergence 200 days and f = 0.6). The one approximation left: for a club held at the stress whose
own cycle straddled t = 0, its emergence is dated with ``params``' laws (it only matters in a
transient with a stress within about one emergence delay of day 0).

Vellus follicles (``vellus_follicle_fraction`` vf) follow the same cycle, so their visible hairs are
the share vf of all: the non-vellus share of visible hairs is (1 - vf) P(d0 >= threshold) +
vf P(dv >= threshold), with d0 = diameter_um and dv = vellus_diameter_um times lognormal(mean 1,
CV diameter_cv), and the mean diameter (1 - vf) diameter_um + vf vellus_diameter_um.

With ``exogen_mean_days = 0`` and no vellus follicles the series are those of the model before
exogen retention, to rounding (1e-15; telogen effluvium: 3e-10 of the visible share, the stress
correction above).

The engine's start (``engine.py``, ``run_chunk``) shows the club held at t = 0 from t = 0, even if
that club's own cycle started less than emergence_days before (its shaft has not emerged). That is
the equilibrium only when the emergence delay is shorter than nearly every cycle; for anagen 150
days, CV 1, emergence 200 days and the default retention the engine starts with 0.030 more visible
hairs per follicle than the equilibrium (0.308): tests/test_meanfield.py,
``test_engine_start_shows_only_emerged_clubs``, an expected failure until the engine start changes.

Per-follicle parameter arrays are allowed: the population is then a mixture of independent groups
with distinct parameter rows, and its mean field is the follicle-weighted mean of theirs.
``years_since_onset`` shifts day 0 as in the engine (the population leaves ``start_from``'s
equilibrium at the onset).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._validation import (Bound, Constraint, Interval, ParamsOrPreset, PhaseChoice, fail,
                          lognormal_mu_sigma, validate_params)

__all__ = ["MeanField", "mean_field"]

_DAYS_PER_YEAR = 365
# FFT length M >= 3 × bins, damping exp(-alpha n) with alpha · M = _DAMPING: circular aliasing is then
# about exp(-_DAMPING) of the solution and rounding is amplified by at most exp(_DAMPING / 3).
_DAMPING = 36.0

_CYCLE_FIELDS = (
    "anagen_mean_days", "anagen_cv", "catagen_mean_days", "catagen_cv", "telogen_mean_days",
    "telogen_cv", "kenogen_mean_days", "kenogen_cv", "p_kenogen", "exogen_mean_days", "exogen_cv",
)
# start_from's fields: its cycle, and its emergence delay (the engine dates the emergence of the hair of
# a follicle that is in catagen or telogen at day 0 with start_from's emergence_days)
_START_FIELDS = _CYCLE_FIELDS + ("emergence_days",)
_SCALAR_FIELDS = _CYCLE_FIELDS + (
    "emergence_days", "diameter_um", "diameter_cv", "vellus_threshold_um", "follicles_per_cm2",
    "aga_susceptible_fraction", "anagen_shortening", "miniaturization", "stress_anagen_fraction",
    "vellus_follicle_fraction", "vellus_diameter_um", "anagen_shortening_per_year",
    "miniaturization_per_year",
)


# ---------------------------------------------------------------------------------------------
# lognormal helpers
# ---------------------------------------------------------------------------------------------
def _norm_sf(z) -> np.ndarray:
    """Upper tail of the standard normal, P(Z > z), to double precision (scipy.special.erfc)."""
    from scipy.special import erfc  # imported when first needed (scipy.special takes ~0.3 s)
    z = np.asarray(z, dtype=float)
    return 0.5 * erfc(z * (1.0 / math.sqrt(2.0)))


def _sigma(cv: float) -> float:
    return lognormal_mu_sigma(1.0, cv)[1]


def _lognormal_sf(x, mean: float, cv: float) -> np.ndarray:
    """P(D > x) for the lognormal duration of the contract (mean ``mean``, CV ``cv``)."""
    x = np.asarray(x, dtype=float)
    if cv == 0:
        return (x < mean).astype(float)
    s = _sigma(cv)
    out = np.ones_like(x)
    pos = x > 0
    out[pos] = _norm_sf((np.log(x[pos] / mean) + 0.5 * s * s) / s)
    return out


def _lognormal_g(x, mean: float, cv: float) -> np.ndarray:
    """Integrated survival g(x) = ∫_x^∞ P(D > u) du = E[(D - x)+] (equals mean - x for x <= 0)."""
    x = np.asarray(x, dtype=float)
    if cv == 0:
        return np.maximum(mean - x, 0.0)
    s = _sigma(cv)
    out = mean - x
    pos = x > 0
    lx = np.log(x[pos] / mean)
    out[pos] = mean * _norm_sf((lx - 0.5 * s * s) / s) - x[pos] * _norm_sf((lx + 0.5 * s * s) / s)
    return np.maximum(out, 0.0)


_KERNELS: dict = {}  # (mean, cv, dt) -> the longest bin kernel computed so far (read-only)


def _bin_kernel(mean: float, cv: float, dt: float, n: int) -> np.ndarray:
    """q[j] = P(a phase started uniformly inside a bin ends j bins later), j = 0..n-1 (read-only:
    kept for the next call with the same law, which the start state and its corrections repeat)."""
    key = (float(mean), float(cv), float(dt))
    q = _KERNELS.get(key)
    if q is None or len(q) < n:
        g = _lognormal_g(np.arange(-1, n + 1) * dt, mean, cv)
        q = np.maximum((g[:-2] - 2.0 * g[1:-1] + g[2:]) / dt, 0.0)
        q.setflags(write=False)
        if len(_KERNELS) > 64:
            _KERNELS.clear()
        _KERNELS[key] = q
    return q[:n]


def _residual_pmf(mean: float, cv: float, dt: float, n: int) -> np.ndarray:
    """P(the equilibrium residual time falls in bin j) = (g(j dt) - g((j+1) dt)) / mean."""
    g = _lognormal_g(np.arange(n + 1) * dt, mean, cv)
    return np.maximum(g[:-1] - g[1:], 0.0) / mean


# ---------------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------------
_MAX_ROWS = 256  # distinct per-follicle parameter rows computed one by one


@dataclass(frozen=True)
class DayFraction(Constraint):
    """A bin width of 1/k day for a whole number k >= 1 (1, 0.5, 0.25, …)."""

    def describe(self) -> str:
        return "1/k day for a whole number k >= 1 (such as 1, 0.5, 0.25)"

    def check(self, name, value, kind="parameter"):
        ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))
        x = float(value) if ok else math.nan
        per_day = round(1.0 / x) if math.isfinite(x) and 0 < x <= 1 else 0
        if not (per_day >= 1 and abs(per_day * x - 1.0) < 1e-9):
            raise self.fail(name, value, kind)
        return 1.0 / per_day

    def invalid_values(self) -> list:
        return [0.3, 0, -0.25, 2, math.nan, math.inf, True, "abc", None]


def _rows(params, start_from):
    """Distinct parameter rows and their follicle counts.

    Per-follicle arrays (hairsim allows them for most fields) make the population a mixture of
    independent sub-populations; its mean field is the follicle-weighted mean of theirs.
    """
    cols = [np.asarray(getattr(params, n), dtype=float) for n in _SCALAR_FIELDS]
    cols += [np.asarray(getattr(start_from, n), dtype=float) for n in _START_FIELDS]
    sizes = {c.size for c in cols if c.ndim > 0}
    if len(sizes) > 1:
        raise ValueError(
            "The per-follicle arrays of 'params' and 'start_from' must all have the same length; "
            f"got lengths {sorted(sizes)}."
        )
    size = sizes.pop() if sizes else 1
    varying = [i for i, c in enumerate(cols) if c.ndim > 0]
    if varying:
        table = np.column_stack([cols[i] for i in varying])
        uniq, counts = np.unique(table, axis=0, return_counts=True)
        rows = np.empty((len(uniq), len(cols)))
        for i, c in enumerate(cols):
            if c.ndim == 0:
                rows[:, i] = c
        rows[:, varying] = uniq
    else:
        rows, counts = np.array([[float(c) for c in cols]]), np.array([1])
    if len(rows) > _MAX_ROWS:
        raise ValueError(
            f"The mean field handles per-follicle parameters with at most {_MAX_ROWS} distinct "
            f"combinations of values; got {len(rows)}."
        )
    k = len(_SCALAR_FIELDS)
    out = []
    for row, count in zip(rows, counts):
        v = dict(zip(_SCALAR_FIELDS, row[:k].tolist()))
        v0 = dict(zip(_START_FIELDS, row[k:].tolist()))
        out.append((v, v0, count / size))
    return out


def _is_progressive(v: dict) -> bool:
    return v["aga_susceptible_fraction"] > 0 and (
        v["anagen_shortening"] < 1 or v["miniaturization"] > 0
        or v["anagen_shortening_per_year"] < 1 or v["miniaturization_per_year"] > 0
    )


# ---------------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------------
class MeanField:
    """Expected daily series of the non-progressive model (see :func:`mean_field`).

    Attributes (float arrays over days 0..n_days): ``days`` (int), ``anagen``, ``catagen``,
    ``telogen``, ``kenogen`` (expected fractions, or counts after :meth:`scaled`; they sum to
    ``n_follicles``), ``shed`` (expected club hairs released with floor(release) == day: at the
    telogen end, or at the end of the club's retention into the next anagen, at the latest when
    that cycle ends its telogen; per follicle or in
    total after :meth:`scaled`), ``visible`` (expected visible hairs, held clubs included, same
    unit; it can exceed the follicles in anagen, catagen and telogen), ``density`` and
    ``total_density`` (expected non-vellus / all visible hairs per cm²), ``mean_diameter`` (µm over
    visible hairs), ``vellus_fraction`` (of visible hairs), ``exposure`` (zeros: no stimulation).
    Also ``params``, ``start_from``, ``years``, ``n_days``, ``n_follicles`` (1.0 for fractions),
    ``area_cm2`` and ``dt`` (the bin width of the computation, days).
    """

    _SERIES = ("anagen", "catagen", "telogen", "kenogen", "shed", "visible")

    def __init__(self, *, days, anagen, catagen, telogen, kenogen, shed, visible, density,
                 total_density, mean_diameter, vellus_fraction, params, start_from, years, dt,
                 n_follicles=1.0):
        self.days = days
        self.anagen = anagen
        self.catagen = catagen
        self.telogen = telogen
        self.kenogen = kenogen
        self.shed = shed
        self.visible = visible
        self.density = density
        self.total_density = total_density
        self.mean_diameter = mean_diameter
        self.vellus_fraction = vellus_fraction
        self.exposure = np.zeros(len(days))
        self.stimulation = None  # the mean field covers the untreated model only
        self.params = params
        self.start_from = start_from
        self.years = years
        self.n_days = int(days[-1])
        self.dt = dt
        self.n_follicles = n_follicles

    @property
    def area_cm2(self) -> float:
        """Scalp area represented, cm² (= n_follicles / follicles_per_cm2)."""
        return self.n_follicles / float(self.params.follicles_per_cm2)

    @validate_params({"n_follicles": Interval(0, math.inf, "neither")}, owner="MeanField.scaled")
    def scaled(self, n_follicles) -> "MeanField":
        """The same mean field for a population of ``n_follicles`` (> 0): expected counts, not
        fractions.

        Phase series, ``shed`` and ``visible`` are multiplied by ``n_follicles``; densities (per cm²),
        diameters and fractions of hairs are unchanged.
        """
        n = n_follicles
        k = n / self.n_follicles
        out = MeanField(
            days=self.days, **{name: getattr(self, name) * k for name in self._SERIES},
            density=self.density, total_density=self.total_density,
            mean_diameter=self.mean_diameter, vellus_fraction=self.vellus_fraction,
            params=self.params, start_from=self.start_from, years=self.years, dt=self.dt,
            n_follicles=n,
        )
        return out

    @validate_params({"per_follicles": Interval(0, math.inf, "neither")}, owner="MeanField.shed_per_day")
    def shed_per_day(self, per_follicles: float = 100_000) -> np.ndarray:
        """Expected shedding per day scaled to ``per_follicles`` (> 0) follicles (like ``Result``)."""
        return self.shed * (per_follicles / self.n_follicles)

    def fractions(self) -> dict:
        """{Phase: expected fraction of follicles} per day (like ``Result.fractions()``)."""
        from .phases import Phase

        return {
            Phase.ANAGEN: self.anagen / self.n_follicles,
            Phase.CATAGEN: self.catagen / self.n_follicles,
            Phase.TELOGEN: self.telogen / self.n_follicles,
            Phase.KENOGEN: self.kenogen / self.n_follicles,
        }

    @validate_params({"phase": PhaseChoice()}, owner="MeanField.fraction")
    def fraction(self, phase) -> np.ndarray:
        """Expected fraction of follicles in ``phase`` (a Phase, its number or name), per day."""
        names = ("anagen", "catagen", "telogen", "kenogen")
        return getattr(self, names[int(phase)]) / self.n_follicles

    @validate_params({"day": Bound(lambda a: Interval(0, a["self"].n_days, integer=True),
                                   static=Interval(0, math.inf, integer=True))}, owner="MeanField.at")
    def at(self, day: int) -> dict:
        """All series at one day (a whole number in [0, n_days]), as a dict."""
        i = day
        keys = ("anagen", "catagen", "telogen", "kenogen", "shed", "visible", "density",
                "total_density", "mean_diameter", "vellus_fraction", "exposure")
        return {"day": i, **{k: float(getattr(self, k)[i]) for k in keys}}

    def __repr__(self):
        return (f"MeanField(years={self.years}, n_days={self.n_days}, "
                f"n_follicles={self.n_follicles:g}, dt={self.dt})")


# ---------------------------------------------------------------------------------------------
# the renewal solver
# ---------------------------------------------------------------------------------------------
class _Solver:
    """Solves the linear renewal system for given sources, with damped FFTs."""

    def __init__(self, v: dict, dt: float, nb: int):
        self.nb = nb
        self.m = _fft_size(3 * nb)
        self.alpha = _DAMPING / self.m
        self.w = np.exp(-self.alpha * np.arange(nb))
        self.p = v["p_kenogen"]
        self.q = {
            ph: _bin_kernel(v[f"{ph}_mean_days"], v[f"{ph}_cv"], dt, nb)
            for ph in ("anagen", "catagen", "telogen", "kenogen")
        }
        self.Q = {ph: self._fwd(q) for ph, q in self.q.items()}
        self.K = (1.0 - self.p) + self.p * self.Q["kenogen"]
        self.F = self.K * self.Q["telogen"] * self.Q["catagen"] * self.Q["anagen"]

    def _fwd(self, x):
        return np.fft.rfft(x[: self.nb] * self.w, self.m)

    def _inv(self, X):
        return np.fft.irfft(X, self.m)[: self.nb] / self.w

    def solve(self, c_src=None, tau_src=None, s_src=None, ke_src=None) -> dict:
        """Streams (expected events per bin) given the sources of each stream."""
        zero = np.zeros(self.m // 2 + 1, dtype=complex)
        C0, T0, S0, KE0 = (zero if x is None else self._fwd(x)
                           for x in (c_src, tau_src, s_src, ke_src))
        Q = self.Q
        s_total = S0 + Q["telogen"] * (T0 + Q["catagen"] * C0)
        B = (KE0 + self.K * s_total) / (1.0 - self.F)
        C = C0 + Q["anagen"] * B
        T = T0 + Q["catagen"] * C
        S = S0 + Q["telogen"] * T
        KE = KE0 + Q["kenogen"] * (self.p * S)
        return {k: self._inv(X) for k, X in (("b", B), ("c", C), ("tau", T), ("s", S), ("ke", KE))}


def _fft_size(n: int) -> int:
    """A fast FFT length >= n for a real transform (scipy.fft.next_fast_len: 2^a 3^b 5^c)."""
    from scipy import fft
    return fft.next_fast_len(n, real=True)


def _occupancy(initial: float, ins, outs) -> np.ndarray:
    """Occupancy at instants N = 0..nb: initial + Σ_{n<N} (ins - outs)."""
    out = np.empty(len(ins) + 1)
    out[0] = initial
    np.cumsum(ins - outs, out=out[1:])
    out[1:] += initial
    return out


@validate_params({"params": ParamsOrPreset(), "years": Interval(0, 200, "right"),
                  "start_from": ParamsOrPreset(none_ok=True), "dt": DayFraction()},
                 owner="hairsim.mean_field")
def mean_field(params, years=10, start_from=None, *, dt: float = 0.25) -> MeanField:
    """Expected daily series of the non-progressive follicle population (renewal theory).

    Parameters
    ----------
    params : hairsim.Params or str
        The cycle (or a preset name) every phase follows after the one a follicle is in at day 0. Must be
        non-progressive (no AGA progression) and have single-number fields; telogen effluvium
        (``stress_day``, ``stress_anagen_fraction``) is included. No stimulation.
    years : float, (0, 200]
        Length of the run; days 0..n_days with n_days = round(years · 365) (at least one day).
    start_from : hairsim.Params, str or None
        The population starts in the equilibrium of this cycle (default: ``params``): phase i
        with probability w_i / Σw (w = anagen, catagen, telogen means, p_kenogen · kenogen mean)
        and the length-biased residual time of that phase; a follicle in catagen or telogen shows
        its hair if its shaft emerged (this cycle's emergence_days after the anagen before it),
        and one in anagen, catagen or telogen may still hold the club of the cycle before (this
        cycle's retention law), shown if that club's shaft had emerged.
    dt : float, 1/k day for a whole number k >= 1, default 0.25
        Bin width of the computation in days.

    Returns
    -------
    MeanField
        Expected fractions (a population of one follicle); ``.scaled(n)`` gives counts.
    """
    start_from = params if start_from is None else start_from
    rows = _rows(params, start_from)
    for v, _, _ in rows:
        if _is_progressive(v):
            raise ValueError(
                "The mean field covers the non-progressive cycle only, so 'params' must have "
                "aga_susceptible_fraction = 0, or anagen_shortening = anagen_shortening_per_year = 1 "
                "and miniaturization = miniaturization_per_year = 0; "
                f"got aga_susceptible_fraction = {v['aga_susceptible_fraction']:g}, "
                f"anagen_shortening = {v['anagen_shortening']:g}, "
                f"anagen_shortening_per_year = {v['anagen_shortening_per_year']:g}, "
                f"miniaturization = {v['miniaturization']:g}, "
                f"miniaturization_per_year = {v['miniaturization_per_year']:g}."
            )
    years_f = float(years)
    if round(years_f * _DAYS_PER_YEAR) < 1:
        raise fail("years", "at least one day (1/365 years)", f"{years_f:g}")
    per_day = round(1.0 / dt)
    n_days = int(round(years_f * _DAYS_PER_YEAR))
    # Like the engine, the population leaves start_from's equilibrium at the AGA onset, which is
    # years_since_onset before day 0 (0 by default): internal time = day + t_on.
    # (per-follicle onsets: the earliest; a non-progressive follicle is stationary wherever it starts)
    t_on = int(np.round(_DAYS_PER_YEAR * np.asarray(params.years_since_onset, dtype=float)).max())
    stress_day = params.stress_day
    thr = float(params.vellus_threshold_um)

    acc = {}
    for v, v0, weight in rows:
        one = _single(v, v0, stress_day, t_on, n_days, per_day)
        # Vellus and terminal follicles share the cycle, so their visible hairs are in proportion
        # to their shares vf and 1 - vf; d0 = (vellus_)diameter_um × lognormal(mean 1, diameter_cv).
        vf, d_cv = v["vellus_follicle_fraction"], v["diameter_cv"]
        share = ((1.0 - vf) * _share_at_least(v["diameter_um"], d_cv, thr)
                 + vf * _share_at_least(v["vellus_diameter_um"], d_cv, thr))
        d_mean = (1.0 - vf) * v["diameter_um"] + vf * v["vellus_diameter_um"]
        one["visible_nonvellus"] = one["visible"] * share
        one["visible_diameter"] = one["visible"] * d_mean
        for k, x in one.items():
            acc[k] = acc.get(k, 0.0) + weight * x

    fpc = float(params.follicles_per_cm2)
    vis = acc["visible"]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_diameter = np.where(vis > 0, acc["visible_diameter"] / vis, np.nan)
        vellus_fraction = np.where(vis > 0, 1.0 - acc["visible_nonvellus"] / vis, np.nan)
    return MeanField(
        days=np.arange(n_days + 1), anagen=acc["anagen"], catagen=acc["catagen"],
        telogen=acc["telogen"], kenogen=acc["kenogen"], shed=acc["shed"], visible=vis,
        density=acc["visible_nonvellus"] * fpc, total_density=vis * fpc,
        mean_diameter=mean_diameter, vellus_fraction=np.clip(vellus_fraction, 0.0, 1.0),
        params=params, start_from=start_from, years=years_f, dt=1.0 / per_day,
    )


def _share_at_least(d_mean: float, d_cv: float, thr: float) -> float:
    """P(d >= thr) for d = d_mean × lognormal(mean 1, CV d_cv)."""
    if d_cv == 0:
        return float(d_mean >= thr)
    return float(_lognormal_sf(np.array([thr]), d_mean, d_cv)[0])


def _single(v: dict, v0: dict, stress_day, t_on: int, n_days: int, per_day: int) -> dict:
    """Daily expected series of one homogeneous population (scalar parameter rows v, v0)."""
    dt_f = 1.0 / per_day
    nb = (t_on + n_days + 1) * per_day  # bins covering [0, t_on + n_days + 1): last day's shedding

    # --- initial state: equilibrium of start_from ---------------------------------------------
    ph4 = ("anagen", "catagen", "telogen", "kenogen")
    w = np.array([v0["anagen_mean_days"], v0["catagen_mean_days"], v0["telogen_mean_days"],
                  v0["p_kenogen"] * v0["kenogen_mean_days"]])
    pi = dict(zip(ph4, w / w.sum()))
    r0 = {ph: _residual_pmf(v0[f"{ph}_mean_days"], v0[f"{ph}_cv"], dt_f, nb) for ph in ph4}

    solver = _Solver(v, dt_f, nb)
    st = solver.solve(c_src=pi["anagen"] * r0["anagen"], tau_src=pi["catagen"] * r0["catagen"],
                      s_src=pi["telogen"] * r0["telogen"], ke_src=pi["kenogen"] * r0["kenogen"])

    # --- telogen effluvium: a second, linear renewal problem added to the first ---------------
    jump_day, jump = None, 0.0
    inv_stress, stress = 0.0, None
    f = v["stress_anagen_fraction"]
    if stress_day is not None and f > 0:
        x_s = (float(stress_day) + t_on) * per_day  # the stress instant, in bins
        n0 = int(math.floor(x_s))  # the bin holding it
        phi = x_s - n0  # its position inside that bin (events are uniform inside a bin)
        if n0 < nb:
            # anagen ends, after the stress, of the follicles in anagen at the stress
            b_before = st["b"].copy()
            b_before[n0] *= phi
            b_before[n0 + 1:] = 0.0
            c_old = pi["anagen"] * r0["anagen"] + np.fft.irfft(
                np.fft.rfft(b_before, 2 * nb) * np.fft.rfft(solver.q["anagen"], 2 * nb), 2 * nb
            )[:nb]
            anagen_at_stress = (pi["anagen"] + np.sum(st["b"][:n0] - st["c"][:n0])
                                + phi * (st["b"][n0] - st["c"][n0]))
            c_src = np.zeros(nb)
            c_src[n0] = -f * (1.0 - phi) * c_old[n0]
            c_src[n0 + 1:] = -f * c_old[n0 + 1:]
            # ... which start catagen exactly at the stress instant
            edges = np.maximum((n0 + np.arange(nb - n0 + 1) - x_s) * dt_f, 0.0)
            sf = _lognormal_sf(edges, v["catagen_mean_days"], v["catagen_cv"])
            tau_src = np.zeros(nb)
            cat_end = np.maximum(sf[:-1] - sf[1:], 0.0)
            tau_src[n0:] = f * anagen_at_stress * cat_end
            d = solver.solve(c_src=c_src, tau_src=tau_src)
            # the stressed hairs are released earlier: fewer still unemerged but present
            inv_stress = _invisible_stress(v, v0, b_before, cat_end, n0, phi, f, dt_f, nb)
            # ... and so are the clubs they hold (at the latest at their new telogen end)
            direct = (1.0 - v["p_kenogen"]) * st["s"][: n0 + 1]
            direct[n0] *= phi
            stress = {"n0": n0, "phi": phi, "f": f, "cat_end": cat_end, "direct": direct}
            st = {k: st[k] + d[k] for k in st}
            jump_day, jump = int(math.ceil(x_s)), f * anagen_at_stress  # instants >= the stress

    b, c, tau, s, ke = st["b"], st["c"], st["tau"], st["s"], st["ke"]
    kappa = v["p_kenogen"] * s
    A = _occupancy(pi["anagen"], b, c)
    C = _occupancy(pi["catagen"], c, tau)
    T = _occupancy(pi["telogen"], tau, s)
    K = _occupancy(pi["kenogen"], kappa, ke)
    if jump_day is not None:  # the stressed follicles are in catagen from the stress instant on
        A[jump_day:] -= jump
        C[jump_day:] += jump

    # --- club hairs: released at the telogen end (kenogen), or held into the next anagen for
    # R, at the latest until that cycle's telogen end --------------------------------------------
    p = v["p_kenogen"]
    release = s.copy()  # no retention: every club is shed at its telogen end
    held = np.zeros(nb + 1)
    if _retains(v):
        direct = (1.0 - p) * s  # anagen starts that hold the club of the cycle before
        out = solver._inv(solver._fwd(direct) * solver._fwd(_effective_retention(v, dt_f, nb)))
        release = p * s + out
        held = _occupancy(0.0, direct, out)
    # ... the clubs held at t = 0 (cycles that ended before 0, start_from's retention)
    held0 = _held_initial(v, v0, dt_f, nb)
    held = held + held0
    release = release + (held0[:-1] - held0[1:])
    # ... and those of the stressed follicles, released at the latest at their new telogen end
    inv_club_stress = 0.0
    if stress is not None:
        d_held, inv_club_stress = _club_stress(v, v0, stress, dt_f, nb)
        held = held + d_held
        release = release - (d_held[1:] - d_held[:-1])

    # --- visible hairs: every hair from min(its anagen start + emergence, release) to release --
    invisible = (_invisible(v, b, dt_f, nb) + _invisible_initial(v, v0, dt_f, nb)
                 + inv_stress + inv_club_stress)
    visible = A + C + T + held - invisible

    # --- sample at integer days ----------------------------------------------------------------
    idx = (t_on + np.arange(n_days + 1)) * per_day
    shed = release[t_on * per_day:].reshape(n_days + 1, per_day).sum(axis=1)
    anagen, catagen, telogen, kenogen = (np.clip(x[idx], 0.0, 1.0) for x in (A, C, T, K))
    shed = np.maximum(shed, 0.0)
    # a follicle can show a held club and its new hair: visible may exceed 1 per follicle
    visible = np.maximum(visible[idx], 0.0)

    return {"anagen": anagen, "catagen": catagen, "telogen": telogen, "kenogen": kenogen,
            "shed": shed, "visible": visible}


def _emergence_weight(e: float, dt: float) -> np.ndarray:
    """w[L] = P(a cycle started uniformly inside a bin has not emerged L bins later), L = 0..ke+1."""
    xe = e / dt
    ke = int(math.floor(xe))
    w = np.ones(ke + 2)
    w[ke + 1] = xe - ke
    return w


def _retains(v: dict) -> bool:
    return v["exogen_mean_days"] > 0 and v["p_kenogen"] < 1


def _conv(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """The first n terms of the causal convolution a * b (by FFT for long arrays)."""
    if min(len(a), len(b)) < 64:
        out = np.convolve(a, b)[:n]
        return np.pad(out, (0, n - len(out)))
    m = _fft_size(len(a) + len(b))
    return np.fft.irfft(np.fft.rfft(a, m) * np.fft.rfft(b, m), m)[:n]


def _act_kernel(v: dict, dt: float, n: int) -> np.ndarray:
    """Bin kernel of anagen + catagen + telogen: from an anagen start to the telogen end."""
    q = {ph: _bin_kernel(v[f"{ph}_mean_days"], v[f"{ph}_cv"], dt, n)
         for ph in ("anagen", "catagen", "telogen")}
    return _conv(_conv(q["anagen"], q["catagen"], n), q["telogen"], n)


def _club_survival(v: dict, dt: float, n: int) -> np.ndarray:
    """S[L] = P(a club held from an anagen start is still held L bins later), L = 0..n-1.

    The club is released after its retention R or at the telogen end of the cycle it was held
    into, whichever comes first (the engine's rule: a follicle never holds two old clubs); R and
    that cycle's anagen + catagen + telogen are independent, so S = S_R · S_ACT, each the survival
    of its bin kernel."""
    if not _retains(v):
        out = np.zeros(n)
        out[0] = 1.0
        return out
    s_r = _survival_bins(_bin_kernel(v["exogen_mean_days"], v["exogen_cv"], dt, n))
    return s_r * _survival_bins(_act_kernel(v, dt, n))


def _effective_retention(v: dict, dt: float, n: int) -> np.ndarray:
    """Bin kernel of min(R, the next anagen + catagen + telogen): from a telogen end (the next anagen
    start) to the release of a held club."""
    sf = _club_survival(v, dt, n + 1)
    return sf[:-1] - sf[1:]


def _release_kernel(v: dict, dt: float, n: int) -> np.ndarray:
    """Bin kernel of the time from a telogen end to the club's release: 0 with probability
    p_kenogen (the club falls, kenogen follows), else the effective retention."""
    p = v["p_kenogen"]
    if not _retains(v):
        q = np.zeros(n)
        q[0] = 1.0
        return q
    q = (1.0 - p) * _effective_retention(v, dt, n)
    q[0] += p
    return q


def _cycle_mean(v: dict) -> float:
    return (v["anagen_mean_days"] + v["catagen_mean_days"] + v["telogen_mean_days"]
            + v["p_kenogen"] * v["kenogen_mean_days"])


_MAX_AGE_BINS = 1 << 20  # ages of held clubs followed from before t = 0 (718 years at dt = 0.25)


def _upper_days(mean: float, cv: float) -> float:
    """A duration exceeded with probability below 1e-17 (8.5 σ above the log-mean)."""
    return mean * math.exp(8.5 * _sigma(cv)) if mean > 0 else 0.0


def _age_bins(m_r, cv_r, m_a, cv_a, shift_days, dt, eps) -> int:
    """Smallest L (bins, at most _MAX_AGE_BINS) with Σ_{L'>L} S_R(L' dt) S_A(L' dt - shift) < eps:
    beyond it a club (retention R) held through a phase A (plus at most ``shift``) is negligible.
    The tail sum is bounded by min(S_R(L) g_A(L - shift), g_R(L) S_A(L - shift)) / dt."""
    def bound(n):
        x = n * dt
        a = max(x - shift_days, 0.0)
        b1 = _lognormal_sf(np.array([x]), m_r, cv_r)[0] * _lognormal_g(np.array([a]), m_a, cv_a)[0]
        b2 = _lognormal_g(np.array([x]), m_r, cv_r)[0] * _lognormal_sf(np.array([a]), m_a, cv_a)[0]
        return min(b1, b2) / dt
    lo, hi = 1, 2
    while bound(hi) >= eps:
        if hi >= _MAX_AGE_BINS:
            return _MAX_AGE_BINS
        lo, hi = hi, 2 * hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if bound(mid) >= eps else (lo, mid)
    return hi


def _held_initial(v, v0, dt, nb) -> np.ndarray:
    """Clubs held at instants 0..nb by the follicles of t = 0: the club of the cycle before the
    current one, held from the current anagen start (start_from's retention R0) until R0 is over or
    the current cycle's telogen ends (v's laws for its phases after t = 0).

    The current cycles are those of a stationary stream of anagen starts before 0, (1 - p0) dt /
    cycle0 of them per bin holding a club; each cohort (in anagen, catagen or telogen at 0) is
    weighted by S_R0 at its age, as _invisible_initial weights by the emergence delay."""
    out = np.zeros(nb + 1)
    if not _retains(v0):
        return out
    cycle0 = _cycle_mean(v0)
    # ages beyond k: a club held that long through the current cycle (anagen of v0's law, then at
    # most the catagen and telogen bounds) adds less than 1e-17 of a follicle
    shift = max(_upper_days(x["catagen_mean_days"], x["catagen_cv"])
                + _upper_days(x["telogen_mean_days"], x["telogen_cv"]) for x in (v, v0))
    k = _age_bins(v0["exogen_mean_days"], v0["exogen_cv"], v0["anagen_mean_days"], v0["anagen_cv"],
                  shift, dt, 1e-17 * cycle0 / dt)
    s_r0 = _survival_bins(_bin_kernel(v0["exogen_mean_days"], v0["exogen_cv"], dt, k + 1))
    held = _current_cycle(v, v0, s_r0, s_r0, dt, until="telogen end")
    n = min(k + 1, nb + 1)
    out[:n] = (1.0 - v0["p_kenogen"]) * (dt / cycle0) * held[:n]
    return out


def _current_cycle(v, v0, w_anagen, w_before, dt, until):
    """Σ over the follicles in anagen, catagen or telogen at t = 0, per anagen start of the stationary
    stream (one per bin), at instants N = 0..k: an age weight w (at N, lag from the current anagen
    start: w_anagen for those in anagen at 0, w_before for those in catagen or telogen) times the
    chance that the cycle has not reached ``until`` (its "telogen end", or the "release" of its
    hair) by N. Phases started before 0 follow v0's laws, those after v's."""
    k = len(w_anagen) - 1
    q0 = {ph: _bin_kernel(v0[f"{ph}_mean_days"], v0[f"{ph}_cv"], dt, k + 1)
          for ph in ("anagen", "catagen", "telogen")}
    q = {ph: _bin_kernel(v[f"{ph}_mean_days"], v[f"{ph}_cv"], dt, k + 1)
         for ph in ("catagen", "telogen")}
    q_x = _release_kernel(v, dt, k + 1) if until == "release" else None
    q_t = q["telogen"] if q_x is None else _conv(q["telogen"], q_x, k + 1)
    sf_ct = _survival_bins(_conv(q["catagen"], q_t, k + 1))
    sf_t = _survival_bins(q_t)
    sf_x = None if q_x is None else _survival_bins(q_x)
    out = np.zeros(k + 1)
    if w_anagen.any():
        out += _cohort(w_anagen, q0["anagen"], sf_ct)
    if w_before.any():
        # in catagen at 0: catagen starts at bin -L; weight = Σ_j qA0[j] w[L + j] (its anagen
        # started j bins earlier); in telogen at 0: its anagen and catagen before it
        w_c = _correlate(w_before, q0["anagen"])
        out += _cohort(w_c, q0["catagen"], sf_t)
        out += _cohort(_correlate(w_c, q0["catagen"]), q0["telogen"], sf_x)
    return out


def _invisible(v, b, dt, nb) -> np.ndarray:
    """Expected hairs, at instants 0..nb, of cycles that started at t >= 0 less than emergence_days
    ago and are not released yet (the follicle is in anagen, catagen or telogen, or holds the club
    in exogen): present, but no shaft above the skin."""
    e = v["emergence_days"]
    out = np.zeros(nb + 1)
    if e <= 0:
        return out
    ew = _emergence_weight(e, dt)
    le = min(len(ew), nb + 1)  # lags 0..le-1 matter
    # started in bin n, still unemerged and not yet released at instant N = n + L
    q_rel = _conv(_act_kernel(v, dt, le), _release_kernel(v, dt, le), le)
    h = ew[:le] * _survival_bins(q_rel)
    h[0] = 0.0
    out += _conv(b, h, nb + 1)
    return out


def _invisible_stress(v, v0, b_before, cat_end, n0, phi, f, dt, nb) -> np.ndarray:
    """The change of the unemerged-but-present hairs, at instants 0..nb, when the stress ends the
    anagen of a share f of the follicles in anagen at the stress instant (bin n0, at phi inside it).

    A stressed hair keeps its emergence date (anagen start + emergence_days) but is released
    earlier: catagen from the stress instant (catagen ends per bin after n0: cat_end), then telogen
    and the club's retention, instead of its own anagen end (bin m >= n0, the share 1 - phi of bin
    n0 being after the stress, as in the solver) and the same phases after it. The anagens that
    span the stress started at t >= 0 (b_before, with v's anagen law) or before 0 (the stationary
    stream dt / cycle0 per bin with start_from's law, and v's emergence delay, as in
    _invisible_initial). Only instants within emergence_days of such a start differ.
    """
    e = v["emergence_days"]
    out = np.zeros(nb + 1)
    if e <= 0 or f <= 0:
        return out
    ew = _emergence_weight(e, dt)
    k1 = len(ew) - 1  # lags 1..k1 between a start and an instant can be unemerged
    big = 2 * k1 + 2
    q_x = _release_kernel(v, dt, big)
    q_t = _bin_kernel(v["telogen_mean_days"], v["telogen_cv"], dt, big)
    q_c = _bin_kernel(v["catagen_mean_days"], v["catagen_cv"], dt, big)
    sf_ctx = _survival_bins(_conv(_conv(q_c, q_t, big), q_x, big))  # from an anagen end
    sf_cut = _survival_bins(_conv(_conv(cat_end[:big], q_t, big), q_x, big))  # from n0
    n_idx = n0 - k1 + 1 + np.arange(k1)   # start bins that can still be unemerged after n0
    N_idx = n0 + 1 + np.arange(k1)        # instants after the stress that can differ
    m_idx = n0 + np.arange(k1)            # anagen-end bins m < N
    lag_nm = m_idx[None, :] - n_idx[:, None]   # 0 .. 2 k1 - 2
    lag_nN = N_idx[None, :] - n_idx[:, None]   # 1 .. 2 k1 - 1
    lag_mN = N_idx[None, :] - m_idx[:, None]   # -k1+1 .. k1
    s_cut = sf_cut[N_idx - n0]
    w_m = np.ones(k1)
    w_m[0] = 1.0 - phi
    # U[m, N] = w_m (S_cut(N) - S_ctx[N - m]) for m < N: the change for an anagen ending in bin m
    U = np.where(lag_mN > 0, w_m[:, None] * (s_cut[None, :] - sf_ctx[np.clip(lag_mN, 0, big - 1)]), 0.0)
    ew_full = np.zeros(big)
    ew_full[: k1 + 1] = ew
    EW = ew_full[lag_nN]
    delta = np.zeros(k1)
    for start_ok, q_a, rho in (
        (n_idx >= 0, _bin_kernel(v["anagen_mean_days"], v["anagen_cv"], dt, big),
         b_before[np.clip(n_idx, 0, len(b_before) - 1)]),
        (n_idx < 0, _bin_kernel(v0["anagen_mean_days"], v0["anagen_cv"], dt, big),
         np.full(k1, dt / _cycle_mean(v0))),
    ):
        if not start_ok.any():
            continue
        inner = q_a[lag_nm] @ U  # anagen ends in bins n0..N-1
        inner += (s_cut[None, :] - 1.0) * _survival_bins(q_a)[lag_nN]  # ends at N or later
        delta += np.sum(np.where(start_ok, rho, 0.0)[:, None] * EW * inner, axis=0)
    keep = N_idx <= nb
    out[N_idx[keep]] = f * delta[keep]
    return out


def _club_stress(v, v0, stress, dt, nb):
    """The change, at instants 0..nb, of the held clubs and of the held clubs not yet emerged, when
    the stress ends the anagen of a share f of the follicles in anagen at the stress instant: a
    stressed follicle releases its club at the latest at its new telogen end (catagen from the
    stress instant, then telogen), instead of its own.

    The clubs concerned are held from anagen starts before the stress: the starts at t >= 0 that
    hold a club (``direct``; v's retention and anagen) and, before 0, the stationary stream of
    start_from. Per start bin n0 - j and instant N = n0 + τ (τ >= 1), with W the club's age weight
    at N (S_R, or S_R times "its own cycle's shaft has not emerged"):

        new = f W[j + τ] P(the anagen ends after the stress) S_cut[τ]
        old = f W[j + τ] (P(it ends at N or later) + Σ_{d=1..τ} P(it ends at N - d) S_CT[d])

    The first two are correlations; the last (a club that outlives its anagen) is summed with a
    running table by age, and skipped when its bound is below 1e-11 of a follicle. The unemerged
    weight dates the club's own cycle with the laws and emergence delay of the population it
    started in (v for starts at t >= 0: exact when that cycle started at t >= 0 too).
    """
    n0, phi, f = stress["n0"], stress["phi"], stress["f"]
    d_held, d_inv = np.zeros(nb + 1), np.zeros(nb + 1)
    if n0 + 1 > nb:
        return d_held, d_inv
    eps = 1e-17
    cycle0 = _cycle_mean(v0)
    pops = []  # (laws, start rate per lag j before the stress bin, emergence delay)
    if _retains(v):
        pops.append((v, stress["direct"][::-1].copy(), v["emergence_days"]))
    if _retains(v0):
        # clubs held from before 0 through an anagen that spans the stress: lags j up to k0
        k0 = _age_bins(v0["exogen_mean_days"], v0["exogen_cv"], v0["anagen_mean_days"],
                       v0["anagen_cv"], 0.0, dt, eps * cycle0 / dt)
        if k0 > n0 + 1:
            rho = np.zeros(k0)
            rho[n0 + 1:] = (1.0 - v0["p_kenogen"]) * dt / cycle0
            pops.append((v0, rho, v0["emergence_days"]))
    for x, rho, e in pops:
        # a club held τ bins past the stress, through an anagen that spanned it: below eps beyond
        t_max = min(nb - n0, _age_bins(x["exogen_mean_days"], x["exogen_cv"], x["anagen_mean_days"],
                                       x["anagen_cv"], 0.0, dt, eps * cycle0 / dt))
        n_age = len(rho) + t_max + 1
        q_t = _bin_kernel(v["telogen_mean_days"], v["telogen_cv"], dt, t_max + 1)
        q_c = _bin_kernel(v["catagen_mean_days"], v["catagen_cv"], dt, t_max + 1)
        s_ct = _survival_bins(_conv(q_c, q_t, t_max + 1))
        cut = np.zeros(t_max + 1)
        m = min(t_max + 1, len(stress["cat_end"]))
        cut[:m] = stress["cat_end"][:m]
        s_cut = _survival_bins(_conv(cut, q_t, t_max + 1))
        q_a = _bin_kernel(x["anagen_mean_days"], x["anagen_cv"], dt, n_age)
        s_a = _survival_bins(q_a)
        s_r = _survival_bins(_bin_kernel(x["exogen_mean_days"], x["exogen_cv"], dt, n_age))
        weights = [(d_held, s_r)]
        if e > 0:
            # its own (previous) cycle, anagen start to telogen end, started j' bins before
            ew = _emergence_weight(e, dt)
            ew = np.pad(ew, (0, max(0, n_age - len(ew))))[:n_age]
            weights.append((d_inv, s_r * _correlate(ew, _act_kernel(x, dt, n_age))))
        after = rho * (s_a[: len(rho)] - phi * q_a[: len(rho)])  # anagen ends after the stress
        for target, w in weights:
            new = s_cut * _correlate(w, after)[: t_max + 1]
            old = _correlate(w * s_a, rho)[: t_max + 1]
            # clubs that outlive their anagen, ended after the stress: bounded by this
            bound = _correlate(w * (1.0 - s_a), rho)[: t_max + 1]
            if f * float(bound.max()) > 1e-11:  # else below the rounding of the series
                old = old + _outlived(rho, w, q_a, s_ct, phi, t_max)
            delta = f * (new - old)
            delta[0] = 0.0
            target[n0: n0 + t_max + 1] += delta
    return d_held, d_inv


def _outlived(rho, w, q_a, s_ct, phi, t_max):
    """out[τ] = Σ_j rho[j] w[j + τ] Σ_{d=1..τ} c_d q_a[j + τ - d] s_ct[d], τ = 0..t_max, with
    c_d = 1 - phi for d = τ (an anagen ending in the stress bin) and 1 otherwise: the clubs still
    held at n0 + τ whose anagen (started j bins before n0) ended after the stress, d bins before.
    Summed by age a = j + τ with the running table run[a] = Σ_{d<τ} q_a[a - d] s_ct[d]."""
    nj = len(rho)
    n_age = nj + t_max + 1
    out = np.zeros(t_max + 1)
    run = np.zeros(n_age)
    for t in range(1, t_max + 1):
        if t > 1:  # add d = t - 1 for every age a >= t - 1
            run[t - 1:] += s_ct[t - 1] * q_a[: n_age - t + 1]
        ages = slice(t, t + nj)
        z = rho * w[ages]
        out[t] = float(np.dot(z, run[ages])) + (1.0 - phi) * s_ct[t] * float(np.dot(z, q_a[:nj]))
    return out


def _survival_bins(q: np.ndarray) -> np.ndarray:
    """S[L] = P(offset >= L) = 1 - Σ_{j<L} q[j] for a bin kernel q."""
    return 1.0 - np.concatenate(([0.0], np.cumsum(q)[:-1]))


def _correlate(w: np.ndarray, q: np.ndarray) -> np.ndarray:
    """out[L] = Σ_j q[j] w[L + j], L = 0..len(w)-1."""
    n = len(w)
    return _conv(w[::-1], q[:n], n)[::-1]


def _cohort(weight: np.ndarray, q: np.ndarray, sf_next) -> np.ndarray:
    """out[N] = Σ_{L>N} weight[L] (S_q[L] + Σ_{m=1}^{N} sf_next[m] q[L-m]), N = 0..K.

    A past stream of phase starts, one per bin, bin -L weighted by weight[L] (L >= 1): the share
    that is still in the phase (law q) at instant N, or has left it in a bin 0..N-1 and is still
    in the phases after it (survival sf_next in bins). The double sum is
    Σ_{m<=N} sf_next[m] c[m] - Σ_{L<=N} weight[L] h[L] with the correlation c[m] = Σ_L weight[L]
    q[L-m] and the convolution h[L] = Σ_{1<=m<=L} sf_next[m] q[L-m]: O(K log K)."""
    k = len(weight) - 1
    q = q[: k + 1]
    sq = _survival_bins(q)
    tail = np.concatenate((np.cumsum((weight * sq)[::-1])[::-1][1:], [0.0]))  # Σ_{L>N}
    if sf_next is None:
        return tail
    sf = np.array(sf_next[: k + 1], dtype=float)
    sf[0] = 0.0
    c = _correlate(weight, q)
    h = _conv(sf, q, k + 1)
    return tail + np.cumsum(sf * c) - np.cumsum(weight * h)


def _invisible_initial(v, v0, dt, nb) -> np.ndarray:
    """Expected hairs, at instants 0..nb, of cycles that started before t = 0, not released yet
    and whose shaft has not emerged: those of the cycle a follicle is in at t = 0 (in its anagen,
    catagen or telogen, then in the phases of that cycle after it and its club's retention), and
    the clubs of the cycle before it, held into the current one.

    As in the engine, the state at t = 0 is the equilibrium of start_from (v0): the follicles in
    anagen, catagen or telogen at t = 0 are those of a stationary stream of anagen starts before 0,
    dt / cycle0 per bin, whose phases that started before 0 follow v0's laws; the phases that start
    at t >= 0 (and the retention of a club whose telogen ends at t >= 0) follow v's. A follicle in
    anagen at t = 0 emerges emergence_days (v) after its anagen start; one in catagen or telogen
    emergence_days (v0) after it, as the engine draws the anagen (and catagen) before its current
    phase with v0's ordinary laws; a held club (its cycle all before 0) emergence_days (v0) after
    that cycle's anagen start. The phase changes are spread inside bins exactly as in the renewal
    solver (the same bin kernels), so a population started in the equilibrium of its own parameters
    keeps a flat number of visible hairs.
    """
    e, e0 = v["emergence_days"], v0["emergence_days"]
    out = np.zeros(nb + 1)
    if e <= 0 and e0 <= 0:
        return out
    ew = _emergence_weight(e, dt) if e > 0 else np.zeros(1)
    ew0 = _emergence_weight(e0, dt) if e0 > 0 else np.zeros(1)
    k = max(len(ew), len(ew0)) - 1  # no weight beyond lag k
    ew = np.pad(ew, (0, k + 1 - len(ew)))
    ew0 = np.pad(ew0, (0, k + 1 - len(ew0)))
    # the current cycle's hair, until its release
    inv = _current_cycle(v, v0, ew, ew0, dt, until="release") + _unemerged_clubs_initial(v, v0, ew0, dt)
    n = min(k + 1, nb + 1)
    out[:n] = inv[:n] * (dt / _cycle_mean(v0))
    return out


def _unemerged_clubs_initial(v, v0, ew0, dt) -> np.ndarray:
    """The clubs held at t = 0 whose shaft has not emerged, at instants 0..k (per anagen start of
    the stationary stream): the club of the cycle before the current one (all of it before 0,
    start_from's laws), held until R0 is over or the current cycle's telogen ends, unemerged while
    less than emergence_days (v0) have passed since that earlier cycle's anagen start."""
    k = len(ew0) - 1
    if not (v0["emergence_days"] > 0 and _retains(v0)):
        return np.zeros(k + 1)
    s_r0 = _survival_bins(_bin_kernel(v0["exogen_mean_days"], v0["exogen_cv"], dt, k + 1))
    w = (1.0 - v0["p_kenogen"]) * s_r0 * _correlate(ew0, _act_kernel(v0, dt, k + 1))
    return _current_cycle(v, v0, w, w, dt, until="telogen end")
