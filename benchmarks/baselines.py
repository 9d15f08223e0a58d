"""The plain ways of writing hairsim's model, for side-by-side timings and correctness checks.

Each function runs the *same* model as :func:`hairsim.simulate` (the rules of issue 7, written out
in ``docs/model.md``; ``hairsim/engine.py`` is the reference), written the way one would write it
without an event-driven engine:

``day_stepped_numpy``
    One array operation per day over all follicles. State arrays per course (phase, remaining
    intrinsic duration, cycle number, the current hair); each day the remaining durations drop by
    the day's clock speed, the follicles at <= 0 change phase and draw their next durations.
``python_day_loop``
    A plain Python loop, day by day and follicle by follicle: the same algorithm as
    ``day_stepped_numpy``, one follicle at a time.
``python_event_loop``
    A plain Python loop, event-driven per follicle: each follicle is followed cycle by cycle in
    continuous time (the engine's semantics exactly, no day rounding), one follicle at a time, and
    its intervals are added to difference arrays.
``mesa_day_stepped``
    Mesa 3: one ``mesa.Agent`` per follicle, ``model.agents.shuffle_do("step")`` once a day, the
    same per-day rule as ``python_day_loop``.

All take ``(params, n_follicles, years, stimulation=None, seed=0, *, start_from=None)`` and return
a :class:`BaselineResult` with the daily series of :class:`hairsim.Result` that the benchmark
compares (phase counts, ``shed``, ``visible``, ``visible_nonvellus``, ``diameter_sum``,
``density``, ``total_density``, ``mean_diameter``).

The model they implement
------------------------
* Follicles: a vellus follicle with probability ``vellus_follicle_fraction`` (diameter
  ``vellus_diameter_um`` × LN(1, ``diameter_cv``), never AGA-susceptible), else terminal
  (``diameter_um`` × LN(1, ``diameter_cv``)), AGA-susceptible with ``aga_susceptible_fraction``,
  with its own onset spread uniformly over ``aga_onset_spread_years`` after the population's.
* A cycle: anagen, catagen, telogen; then either the club hair is shed and the follicle rests
  empty in kenogen (probability p_K), or the next anagen starts at once and the club hair is
  *held* into it for a retention R ~ LN(``exogen_mean_days``, ``exogen_cv``) and shed then, so a
  follicle can show two hairs; a held club is shed at the latest when the hair beside it ends its
  own telogen (a follicle never holds two old clubs; the start state's club likewise). A cycle's
  hair is visible from its anagen start + emergence until its release.
* AGA, per susceptible follicle, at each anagen start s: y years since its own onset and n
  anagens since it: anagen mean A0·sy^y·sc^n, diameter d0·(1 − my)^y·(1 − mc)^n (with their
  floors), and p_K, the kenogen mean interpolated by the miniaturization level.
* The start: the stationary state of ``start_from`` (phase, length-biased current phase, the
  previous anagen/catagen for the emergence of a resting hair, the previous cycle's club hair if
  it is still held), at the earliest AGA onset, ``years_since_onset`` before day 0. (Before its own
  onset a follicle is in its stationary base cycle, so ``python_event_loop``, like hs.simulate,
  starts each follicle in that state at its own onset, or on day 0 if the AGA cannot change it
  by then: the same law with fewer cycles to follow. The day-stepped versions step every
  follicle from the earliest onset.)
* Telogen effluvium: an anagen spanning the stress instant ends there with probability
  ``stress_anagen_fraction`` (one uniform per cycle).
* The hypothetical stimulation, for responders only: from the cycle running when it starts, anagen
  runs on the extend clock (speed 1/(1 + extend·E)), telogen and kenogen on the wake clock (speed
  1 + wake·E); a hair that starts growing while it acts regains thicken·E of its lost diameter.
  Each responder *keeps* its treated course (probability ``persistence``) or *releases* at its
  release time F = t_last + half_life·(−log2 U) and falls back onto its own untreated course
  (the rules in ``docs/model.md``: a treated anagen held by an untreated anagen runs on to that
  anagen's end; otherwise the follicle withdraws into catagen, rests holding its club for a natural
  telogen, and restarts with the untreated anagen current or next). The hair of the cycle it
  releases in keeps its own emergence (for a follicle that releases in the cycle it started the
  run in, the start state's; hs.simulate differs there for now, see
  ``tests/test_baselines.py::test_release_in_the_first_cycle_matches_simulate``).

So every baseline follows **two courses** per responder, the untreated one and the treated one,
driven by the same intrinsic random numbers for the same cycle number (a follicle's k-th anagen
has the same intrinsic duration draw in both), and splices them as the model says. A
non-responder has only its untreated course.

Random numbers
--------------
The baselines use their own random numbers, so they agree with ``hairsim.simulate``
statistically, not number for number. Within a baseline, every draw is tied to (follicle, cycle),
so, like hs.simulate, a treated and an untreated run with the same seed share their random numbers
follicle by follicle: they are identical until the stimulation starts, and a releasing responder
is identical to its untreated self again after it has rejoined its course (the tests use this).
The three day-stepped versions take their draws from one counter-based hash of (seed, stream,
follicle, cycle) (SplitMix64; a vectorized copy for numpy), so with the same seed they give the same
result, day for day (up to the last bit of ``exp``/``log``, which numpy and ``math`` may round
differently: a phase end would have to fall within ~1e-13 day of a day boundary to differ).
``python_event_loop`` draws from one ``random.Random`` per follicle, each cycle's numbers in turn.

Discretization (the day-stepped versions)
-----------------------------------------
Day stepping is the continuous model with every phase *starting on a day boundary*:

* a phase that starts at a boundary with intrinsic duration D ends at the first boundary its clock
  reaches D: ceil(D) days at speed 1, on average about half a day more than D. Over a cycle of
  three or four phases that is 1.5–2 days, so the day-stepped versions shed slightly less and have
  a few percent (relative) more follicles in catagen than the continuous-time engine.
  :func:`rounded_mean` gives E[ceil(D)], which the tests use to predict this bias. The phases
  running at the start are not biased (a remaining duration R from the start day ends on day
  ceil(R) both ways).
* the club's retention R is not rounded, but it runs from a rounded anagen start, so a held club
  is visible on ceil(R) days (E[ceil R] ≈ R + 1/2): the visible hairs are biased up by about half a
  day of a club per cycle (``rounded_mean(exogen_mean_days, exogen_cv)`` predicts it). A club is
  shed on the day its retention runs out, floor(s + R), or on the boundary day the next hair's
  telogen ends if that comes first; a club that falls before the next anagen (kenogen) is shed
  on the boundary day telogen ends.
* a stimulation's release time F acts at the first boundary at or after F; a stress at the first
  boundary at or after ``stress_day``; ``thicken`` uses the mean exposure of the day an anagen
  starts (as the engine does); a withdrawal catagen (F in an anagen that the untreated course is
  not in) is a phase like any other (ceil of its draw).

``python_event_loop`` works in continuous time and has none of these biases.

Not supported (these are benchmarks): per-follicle parameter arrays (including
``years_since_onset`` and ``responders`` arrays) and ``groups``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "BaselineResult",
    "day_stepped_numpy",
    "python_day_loop",
    "python_event_loop",
    "mesa_day_stepped",
    "rounded_mean",
    "BASELINES",
]

ANAGEN, CATAGEN, TELOGEN, KENOGEN = 0, 1, 2, 3
DEAD = 4  # an array slot of a course nobody follows any more (numpy version)
INF = math.inf
MODE_U, MODE_T, MODE_FB = 0, 1, 2  # what a follicle shows: untreated course, treated, falling back


# ------------------------------------------------------------------------------------------------
# Result
# ------------------------------------------------------------------------------------------------
@dataclass
class BaselineResult:
    """Daily series of a baseline run, day 0 .. n_days (inclusive), like :class:`hairsim.Result`."""

    method: str
    n_follicles: int
    years: float
    area_cm2: float
    days: np.ndarray
    anagen: np.ndarray
    catagen: np.ndarray
    telogen: np.ndarray
    kenogen: np.ndarray
    shed: np.ndarray
    visible: np.ndarray
    visible_nonvellus: np.ndarray
    diameter_sum: np.ndarray
    density: np.ndarray
    total_density: np.ndarray
    mean_diameter: np.ndarray
    n_phase_changes: int = 0
    notes: dict = field(default_factory=dict)

    def fraction(self, phase: int) -> np.ndarray:
        """Fraction of follicles in ``phase`` (0 anagen, 1 catagen, 2 telogen, 3 kenogen), per day."""
        series = (self.anagen, self.catagen, self.telogen, self.kenogen)[int(phase)]
        return series / self.n_follicles


def _make_result(method, spec, counts, shed, total, nonvellus, dsum, n_changes, notes=None):
    counts = np.asarray(counts, dtype=np.int64).reshape(spec.n_days + 1, 4)
    total = np.asarray(total, dtype=np.int64)
    nonvellus = np.asarray(nonvellus, dtype=np.int64)
    dsum = np.asarray(dsum, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_d = np.where(total > 0, dsum / np.maximum(total, 1), np.nan)
    return BaselineResult(
        method=method,
        n_follicles=spec.n,
        years=spec.years,
        area_cm2=spec.area,
        days=np.arange(spec.n_days + 1),
        anagen=counts[:, 0].copy(),
        catagen=counts[:, 1].copy(),
        telogen=counts[:, 2].copy(),
        kenogen=counts[:, 3].copy(),
        shed=np.asarray(shed, dtype=np.int64),
        visible=total,
        visible_nonvellus=nonvellus,
        diameter_sum=dsum,
        density=nonvellus / spec.area,
        total_density=total / spec.area,
        mean_diameter=mean_d,
        n_phase_changes=int(n_changes),
        notes=dict(notes or {}, releases=dict(spec.cases)),
    )


# ------------------------------------------------------------------------------------------------
# Lognormal laws
# ------------------------------------------------------------------------------------------------
def _lognormal(mean: float, cv: float) -> tuple[float, float]:
    """(mu, sigma) of the lognormal with this mean and coefficient of variation."""
    s2 = math.log1p(cv * cv)
    return math.log(mean) - s2 / 2.0, math.sqrt(s2)


def _law(mean: float, cv: float) -> tuple[float, float, float]:
    """(mean, sigma, sigma²/2): a draw is mean·exp(sigma·z − sigma²/2) for a standard normal z."""
    s2 = math.log1p(cv * cv)
    return float(mean), math.sqrt(s2), 0.5 * s2


def rounded_mean(mean: float, cv: float) -> float:
    """E[ceil(D)] for D lognormal(mean, cv): the mean length, in whole days, of a phase of
    intrinsic mean ``mean`` when it is stepped day by day from a day boundary at clock speed 1.

    E[ceil(D)] = sum over j >= 0 of P(D > j); summed exactly up to J = 10**6 days, beyond which the
    fractional part of D is taken as uniform (E[(D - J)+] + P(D > J) / 2).
    """
    if cv == 0:
        return float(math.ceil(mean))
    mu, sigma = _lognormal(mean, cv)
    J = int(min(1e6, math.ceil(math.exp(mu + 10 * sigma)) + 2))
    erfc = np.frompyfunc(math.erfc, 1, 1)

    def surv(x):  # P(D > x) for x > 0
        return 0.5 * erfc((np.log(x) - mu) / (sigma * math.sqrt(2))).astype(float)

    j = np.arange(1, J, dtype=float)
    total = 1.0 + float(surv(j).sum())  # j = 0 term is 1
    # tail beyond J
    pJ = float(surv(np.array([float(J)]))[0])
    if pJ > 0:
        z = (mu + sigma * sigma - math.log(J)) / sigma
        e_plus = mean * 0.5 * math.erfc(-z / math.sqrt(2)) - J * pJ
        total += e_plus + 0.5 * pJ
    return total


# ------------------------------------------------------------------------------------------------
# Random numbers tied to (seed, stream, follicle, cycle)
# ------------------------------------------------------------------------------------------------
# per follicle (cycle 0)
(_VELLUS, _D0, _SUS, _SPREAD, _RESP, _KEEP, _REL, _PHASE, _POS, _LEN, _PREV_A, _PREV_C, _CLUB,
 _CLUB_KEN,
 # per cycle
 _ZA, _ZC, _ZT, _ZK, _UKEN, _USTR, _ZX) = range(21)
_N_STREAMS = 21
_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_M1, _M2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
_SEED_MUL = 0xD1B54A32D192ED03
_TWO_PI = 2.0 * math.pi


def _mix(x: int) -> int:
    """SplitMix64's finaliser on a Python int (64 bits)."""
    x ^= x >> 30
    x = (x * _M1) & _MASK
    x ^= x >> 27
    x = (x * _M2) & _MASK
    return x ^ (x >> 31)


def _stream_keys(seed) -> list:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"The 'seed' parameter must be a whole number >= 0; got {seed!r}.")
    return [_mix((int(seed) * _SEED_MUL + (s + 1) * _GOLDEN) & _MASK) for s in range(_N_STREAMS)]


class _KeyedPy:
    """Uniforms and normals as pure functions of (stream, follicle, cycle), in plain Python."""

    def __init__(self, seed):
        self.keys = _stream_keys(seed)

    def bits(self, stream: int, f: int, k: int) -> int:
        return _mix((((f << 24) | k) * _GOLDEN + self.keys[stream]) & _MASK)

    def u(self, stream: int, f: int, k: int = 0) -> float:
        """A uniform in (0, 1) (53 bits)."""
        return ((self.bits(stream, f, k) >> 11) + 0.5) * 2.0**-53

    def z(self, stream: int, f: int, k: int = 0) -> float:
        """A standard normal (Box–Muller on two 32-bit uniforms)."""
        x = self.bits(stream, f, k)
        u1 = ((x >> 32) + 0.5) * 2.0**-32
        u2 = ((x & 0xFFFFFFFF) + 0.5) * 2.0**-32
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(_TWO_PI * u2)


class _KeyedNp:
    """The same numbers as :class:`_KeyedPy`, for arrays of follicles and cycles."""

    _G, _M1, _M2 = np.uint64(_GOLDEN), np.uint64(_M1), np.uint64(_M2)
    _S11, _S24, _S27, _S30, _S31, _S32 = (np.uint64(v) for v in (11, 24, 27, 30, 31, 32))
    _LOW = np.uint64(0xFFFFFFFF)

    def __init__(self, seed):
        self.keys = [np.uint64(k) for k in _stream_keys(seed)]

    def bits(self, stream, f, k):
        x = np.asarray(f).astype(np.uint64)
        x <<= self._S24
        x |= np.asarray(k).astype(np.uint64)
        x *= self._G
        x += self.keys[stream]
        x ^= x >> self._S30
        x *= self._M1
        x ^= x >> self._S27
        x *= self._M2
        x ^= x >> self._S31
        return x

    def u(self, stream, f, k=0):
        x = self.bits(stream, f, k)
        x >>= self._S11
        return (x.astype(np.float64) + 0.5) * 2.0**-53

    def z(self, stream, f, k=0):
        x = self.bits(stream, f, k)
        u1 = ((x >> self._S32).astype(np.float64) + 0.5) * 2.0**-32
        u2 = ((x & self._LOW).astype(np.float64) + 0.5) * 2.0**-32
        return np.sqrt(-2.0 * np.log(u1)) * np.cos(_TWO_PI * u2)


# ------------------------------------------------------------------------------------------------
# The model's scalars, shared by every baseline
# ------------------------------------------------------------------------------------------------
def _scalar(obj, name):
    v = getattr(obj, name)
    if isinstance(v, np.ndarray):
        raise ValueError(
            f"The '{name}' parameter must be a scalar for the benchmark baselines; got an array "
            f"of {v.size} values."
        )
    return v


class _Spec:
    """Everything the baselines need, as plain Python floats and per-day lists. Times are output
    days: day 0 is the first day of the run; the run starts at t0 = −round(365·years_since_onset)."""

    def __init__(self, params, n_follicles, years, stimulation, start_from=None):
        if isinstance(n_follicles, bool) or not isinstance(n_follicles, (int, np.integer)) \
                or n_follicles < 1:
            raise ValueError(f"The 'n_follicles' parameter must be a whole number >= 1; got {n_follicles!r}.")
        if not isinstance(years, (int, float, np.integer, np.floating)) or not 0 < float(years) <= 200:
            raise ValueError(f"The 'years' parameter must be a float in (0, 200]; got {years!r}.")
        n = int(n_follicles)
        g = lambda name: float(_scalar(params, name))  # noqa: E731
        self.n, self.years = n, float(years)
        self.n_days = int(round(365.0 * self.years))
        self.t0 = -int(round(365.0 * g("years_since_onset")))
        self.area = n / g("follicles_per_cm2")
        # the cycle
        self.A, self.sA, self.hA = _law(g("anagen_mean_days"), g("anagen_cv"))
        self.lawC = _law(g("catagen_mean_days"), g("catagen_cv"))
        self.lawT = _law(g("telogen_mean_days"), g("telogen_cv"))
        self.mK, self.sK, self.hK = _law(g("kenogen_mean_days"), g("kenogen_cv"))
        self.lawX = _law(g("exogen_mean_days"), g("exogen_cv"))
        self.pK = g("p_kenogen")
        self.em = g("emergence_days")
        # follicles and hairs
        self.D = g("diameter_um")
        self.vd = g("vellus_diameter_um")
        self.lawD = _law(1.0, g("diameter_cv"))
        self.vf = g("vellus_follicle_fraction")
        self.thr = g("vellus_threshold_um")
        # AGA
        self.f_sus = g("aga_susceptible_fraction")
        self.lsy = math.log(g("anagen_shortening_per_year"))
        self.lsc = math.log(g("anagen_shortening"))
        self.lmy = math.log1p(-g("miniaturization_per_year"))
        self.lmc = math.log1p(-g("miniaturization"))
        self.a_min = min(self.A, g("anagen_min_days"))  # the floor of the shortened anagen mean
        self.spread = 365.0 * g("aga_onset_spread_years")
        self.pKm = self.pK if params.p_kenogen_miniaturized is None else g("p_kenogen_miniaturized")
        self.mKm = self.mK if params.kenogen_miniaturized_days is None else g("kenogen_miniaturized_days")
        # telogen effluvium
        sd = params.stress_day
        self.stress_frac = g("stress_anagen_fraction")
        self.stress_day = None if sd is None or self.stress_frac == 0 else float(sd)
        self.b_stress = None if self.stress_day is None else math.ceil(self.stress_day)
        # the stationary state the run starts in
        sf = params if start_from is None else start_from
        h = lambda name: float(_scalar(sf, name))  # noqa: E731
        self.init_laws = [_law(h("anagen_mean_days"), h("anagen_cv")),
                          _law(h("catagen_mean_days"), h("catagen_cv")),
                          _law(h("telogen_mean_days"), h("telogen_cv")),
                          _law(h("kenogen_mean_days"), h("kenogen_cv"))]
        w = [h("anagen_mean_days"), h("catagen_mean_days"), h("telogen_mean_days"),
             h("p_kenogen") * h("kenogen_mean_days")]
        self.init_cum = [w[0], w[0] + w[1], w[0] + w[1] + w[2], w[0] + w[1] + w[2] + w[3]]
        self.s_em = h("emergence_days")
        self.s_pK = h("p_kenogen")
        self.s_lawX = _law(h("exogen_mean_days"), h("exogen_cv"))
        # the hypothetical stimulation on the daily grid (the mean of E over each day), for days
        # 0 .. n_days + 1 (enough for everything recorded; before day 0 nothing is exposed)
        self.G = self.n_days + 2
        st = stimulation
        self.active = (st is not None and (st.wake > 0 or st.extend > 0 or st.thicken > 0)
                       and float(_scalar(st, "responders")) > 0)
        E = np.asarray(st.exposure(self.G), dtype=float) if st is not None else np.zeros(self.G)
        self.E = E
        self.E_list = E.tolist()
        if self.active:
            self.resp_frac = float(st.responders)
            self.wake, self.extend, self.thicken = float(st.wake), float(st.extend), float(st.thicken)
            self.persist = float(st.persistence)
            self.s0 = float(st.start_day)
            self.t_last = float(st.last_dose_time)
            self.effect_end = float(st.effect_end_time)
            self.half_life = float(st.half_life_days)
            speedA = 1.0 / (1.0 + self.extend * E)  # anagen clock, per day
            speedW = 1.0 + self.wake * E  # telogen/kenogen clock, per day
        else:
            self.resp_frac = self.wake = self.extend = self.thicken = 0.0
            self.persist = 1.0
            self.s0 = self.t_last = self.effect_end = INF
            self.half_life = 1.0
            speedA = speedW = np.ones(self.G)
        self.speedA, self.speedW = speedA, speedW
        self.speedA_list, self.speedW_list = speedA.tolist(), speedW.tolist()
        # the treated course of a responder is the untreated one until the exposure starts: it
        # is copied from it after the last boundary before the start (ceil(s0) − 1), so that an
        # anagen starting at s0 itself is already treated (thickened)
        self.b_copy = max(math.ceil(self.s0) - 1, self.t0) if self.active else None
        # how the releasers fell back (``BaselineResult.notes["releases"]``): the phase of the
        # treated course at F (hybrid: an anagen held by an untreated anagen), whether the
        # untreated anagen was already current when the follicle was ready (J = ready), and how
        # many dropped their club before it (kenogen until J)
        self.cases = dict.fromkeys(_CASES, 0)

    # -- per follicle ----------------------------------------------------------------------------
    def follicle(self, u_vel, z_d0, u_sus, u_spread, u_resp, u_keep, u_rel):
        """(d0, susceptible, own onset, responder, keeper, release time F) from the follicle's
        uniforms and normal."""
        vellus = u_vel < self.vf
        m, s, h = self.lawD
        d0 = (self.vd if vellus else self.D) * (m * math.exp(s * z_d0 - h))
        sus = (u_sus < self.f_sus) and not vellus
        own = self.t0 + u_spread * self.spread
        resp = self.active and u_resp < self.resp_frac
        if math.isfinite(self.t_last):
            F = self.t_last + self.half_life * -math.log2(u_rel)
            keep = resp and u_keep < self.persist
        else:  # never stopped: every responder keeps its treated course
            F, keep = INF, resp
        return d0, sus, own, resp, keep, F

    def start(self, u_ph, u_pos, z_len, z_pa, z_pc, z_club, u_pken, at=None):
        """The stationary state at time ``at`` (default t0): (phase, elapsed, remaining, visible-from
        of the current hair (absolute; inf in kenogen), release time of the previous cycle's club
        or None)."""
        t0 = self.t0 if at is None else at
        x = u_ph * self.init_cum[3]
        p0 = int(x >= self.init_cum[0]) + int(x >= self.init_cum[1]) + int(x >= self.init_cum[2])
        m, s, h = self.init_laws[p0]
        L = m * math.exp(s * z_len + h)  # length-biased
        el = u_pos * L
        mA, sA, hA = self.init_laws[0]
        mC, sC, hC = self.init_laws[1]
        prev_a = mA * math.exp(sA * z_pa - hA)
        prev_c = mC * math.exp(sC * z_pc - hC) if p0 == TELOGEN else 0.0
        if p0 == ANAGEN:
            vis = t0 - el + self.em
        elif p0 == KENOGEN:
            vis = INF
        else:
            vis = t0 + (-el - prev_c - prev_a + self.s_em)
        since = el if p0 == ANAGEN else (prev_a + el if p0 == CATAGEN else prev_a + prev_c + el)
        mX, sX, hX = self.s_lawX
        club_end = mX * math.exp(sX * z_club - hX) - since
        club = (t0 + club_end) if (p0 < KENOGEN and u_pken >= self.s_pK and club_end > 0) else None
        return p0, el, L - el, vis, club

    def laws(self, s, naga, d0, sus, own):
        """Cycle laws at an anagen start s: (anagens since the own onset, anagen mean, the hair's
        diameter, miniaturization level)."""
        if not sus:
            return naga, self.A, d0, 0.0
        if s >= own:
            naga += 1
        y = max(s - own, 0.0) * (1.0 / 365.0)
        mean_a = max(self.A * math.exp(y * self.lsy + naga * self.lsc), self.a_min)
        diam = max(d0 * math.exp(y * self.lmy + naga * self.lmc), min(d0, self.vd))
        span = d0 - self.vd
        lev = min(max((d0 - diam) / span, 0.0), 1.0) if span > 0 else 0.0
        return naga, mean_a, diam, lev

    def thickened(self, diam, d0, s):
        """A treated hair that starts growing at s while the stimulation acts."""
        if self.thicken > 0 and self.s0 <= s < self.effect_end:
            e = self.E_list[int(math.floor(s))] if s < self.G else 0.0
            return diam + self.thicken * e * (d0 - diam)
        return diam


_CASES = ("hybrid", "withdrawal", "catagen", "telogen", "kenogen", "rejoined_at_ready",
          "rejoined_later", "club_shed_before_rejoining")


def _draw(law, z):
    m, s, h = law
    return m * math.exp(s * z - h)


# ------------------------------------------------------------------------------------------------
# (a) day-stepped numpy
# ------------------------------------------------------------------------------------------------
class _NpCourse:
    """One course (untreated or treated) of the follicles ``f``, stepped day by day: phase,
    remaining intrinsic duration, cycle number, anagens since the own onset, miniaturization level
    and the current hair (visible from, diameter). A slot nobody follows any more is DEAD."""

    def __init__(self, sp, kd, fol, f, ph, rem, k, naga, lev, hv, hd, treated):
        self.sp, self.kd, self.fol = sp, kd, fol
        self.f, self.ph, self.rem, self.k, self.naga = f, ph, rem, k, naga
        self.lev, self.hv, self.hd = lev, hv, hd
        self.treated = treated
        self.changes = 0

    def copy(self, pos, treated):
        c = _NpCourse(self.sp, self.kd, self.fol, self.f[pos], self.ph[pos], self.rem[pos],
                      self.k[pos], self.naga[pos], self.lev[pos], self.hv[pos], self.hd[pos], treated)
        return c

    def kill(self, pos):
        self.ph[pos] = DEAD
        self.rem[pos] = INF

    def compact(self):
        keep = np.flatnonzero(self.ph != DEAD)
        for name in ("f", "ph", "rem", "k", "naga", "lev", "hv", "hd"):
            setattr(self, name, getattr(self, name)[keep])

    def advance(self, d):
        """Run the clocks over day d."""
        sp = self.sp
        if self.treated and 0 <= d < sp.G and sp.E_list[d] > 0:
            sa, sw = sp.speedA_list[d], sp.speedW_list[d]
            self.rem -= np.array([sa, 1.0, sw, sw, 1.0])[self.ph]
        else:
            self.rem -= 1.0

    def start_anagen(self, pos, b):
        sp, kd, fol = self.sp, self.kd, self.fol
        self.k[pos] += 1
        f = self.f[pos]
        d0 = fol["d0"][f]
        mean_a = np.full(pos.size, sp.A)
        diam = d0.copy()
        lev = np.zeros(pos.size)
        sus = fol["sus"][f]
        if sus.any():
            own = fol["own"][f]
            naga = self.naga[pos] + (sus & (b >= own))
            self.naga[pos] = naga
            y = np.maximum(b - own, 0.0) * (1.0 / 365.0)
            ma = np.maximum(sp.A * np.exp(y * sp.lsy + naga * sp.lsc), sp.a_min)
            dd = np.maximum(d0 * np.exp(y * sp.lmy + naga * sp.lmc), np.minimum(d0, sp.vd))
            span = d0 - sp.vd
            with np.errstate(invalid="ignore", divide="ignore"):
                lv = np.where(span > 0, np.clip((d0 - dd) / np.where(span > 0, span, 1.0), 0.0, 1.0), 0.0)
            mean_a = np.where(sus, ma, mean_a)
            diam = np.where(sus, dd, diam)
            lev = np.where(sus, lv, lev)
        if self.treated and sp.thicken > 0 and sp.s0 <= b < sp.effect_end:
            diam = diam + sp.thicken * sp.E_list[b] * (d0 - diam)
        self.rem[pos] = mean_a * np.exp(sp.sA * kd.z(_ZA, f, self.k[pos]) - sp.hA)
        self.ph[pos] = ANAGEN
        self.hv[pos] = b + sp.em
        self.hd[pos] = diam
        self.lev[pos] = lev

    def transitions(self, b):
        """The phase changes at boundary b. Returns the positions that changed and the clubs
        that telogen ends made: (positions, visible from, release, diameter)."""
        done = np.flatnonzero(self.rem <= 0)
        if not done.size:
            return done, None
        sp, kd = self.sp, self.kd
        self.changes += done.size
        ph = self.ph[done]
        i = done[ph == ANAGEN]
        if i.size:
            self.ph[i] = CATAGEN
            self.rem[i] = _draw_np(sp.lawC, kd.z(_ZC, self.f[i], self.k[i]))
        i = done[ph == CATAGEN]
        if i.size:
            self.ph[i] = TELOGEN
            self.rem[i] = _draw_np(sp.lawT, kd.z(_ZT, self.f[i], self.k[i]))
        clubs = None
        i = done[ph == TELOGEN]
        if i.size:
            f, k, lev = self.f[i], self.k[i], self.lev[i]
            ken = kd.u(_UKEN, f, k) < sp.pK + (sp.pKm - sp.pK) * lev
            rel = np.where(ken, float(b), b + _draw_np(sp.lawX, kd.z(_ZX, f, k)))
            clubs = (i, self.hv[i].copy(), rel, self.hd[i].copy())
            ik = i[ken]
            if ik.size:
                mk = sp.mK + (sp.mKm - sp.mK) * lev[ken]
                self.ph[ik] = KENOGEN
                self.rem[ik] = mk * np.exp(sp.sK * kd.z(_ZK, self.f[ik], self.k[ik]) - sp.hK)
                self.hv[ik] = INF
            ia = i[~ken]
            if ia.size:
                self.start_anagen(ia, b)
        i = done[ph == KENOGEN]
        if i.size:
            self.start_anagen(i, b)
        return done, clubs

    def stress(self):
        """Telogen effluvium at this boundary: anagens end with probability stress_anagen_fraction."""
        sp, kd = self.sp, self.kd
        i = np.flatnonzero(self.ph == ANAGEN)
        i = i[kd.u(_USTR, self.f[i], self.k[i]) < sp.stress_frac]
        if i.size:
            self.ph[i] = CATAGEN
            self.rem[i] = _draw_np(sp.lawC, kd.z(_ZC, self.f[i], self.k[i]))
            self.changes += i.size
        return i


def _draw_np(law, z):
    m, s, h = law
    return m * np.exp(s * z - h)


def day_stepped_numpy(params, n_follicles=100_000, years=10, stimulation=None, seed=0, *,
                      start_from=None):
    """The model stepped one day at a time with numpy arrays over all follicles.

    Each day: record what the follicles show (phase counts, visible and non-vellus hairs, their
    diameters, held clubs), run every course's clocks over the day, and move the follicles at
    <= 0 to their next phase. Responders get a second (treated) course at the stimulation's start;
    releasers fall back from it onto their untreated course at their release time.
    """
    sp = _Spec(params, n_follicles, years, stimulation, start_from)
    kd = _KeyedNp(seed)
    n, nd, t0 = sp.n, sp.n_days, sp.t0
    fid = np.arange(n, dtype=np.uint64)

    # ---- per follicle
    vellus = kd.u(_VELLUS, fid) < sp.vf
    m, s, h = sp.lawD
    d0 = np.where(vellus, sp.vd, sp.D) * (m * np.exp(s * kd.z(_D0, fid) - h))
    sus = (kd.u(_SUS, fid) < sp.f_sus) & ~vellus
    own = t0 + kd.u(_SPREAD, fid) * sp.spread
    resp = (kd.u(_RESP, fid) < sp.resp_frac) if sp.active else np.zeros(n, dtype=bool)
    if math.isfinite(sp.t_last):
        F = sp.t_last + sp.half_life * -np.log2(kd.u(_REL, fid))
        keep = resp & (kd.u(_KEEP, fid) < sp.persist)
    else:
        F = np.full(n, INF)
        keep = resp.copy()
    fol = {"d0": d0, "sus": sus, "own": own}

    # ---- the stationary start at t0
    x = kd.u(_PHASE, fid) * sp.init_cum[3]
    p0 = ((x >= sp.init_cum[0]).astype(np.int8) + (x >= sp.init_cum[1])
          + (x >= sp.init_cum[2])).astype(np.int8)
    means = np.array([lw[0] for lw in sp.init_laws])[p0]
    sig = np.array([lw[1] for lw in sp.init_laws])[p0]
    half = np.array([lw[2] for lw in sp.init_laws])[p0]
    L = means * np.exp(sig * kd.z(_LEN, fid) + half)
    el = kd.u(_POS, fid) * L
    prev_a = _draw_np(sp.init_laws[0], kd.z(_PREV_A, fid))
    prev_c = np.where(p0 == TELOGEN, _draw_np(sp.init_laws[1], kd.z(_PREV_C, fid)), 0.0)
    hv = np.where(p0 == ANAGEN, t0 - el + sp.em, t0 + (-el - prev_c - prev_a + sp.s_em))
    hv[p0 == KENOGEN] = INF
    since = np.where(p0 == ANAGEN, el, np.where(p0 == CATAGEN, prev_a + el, prev_a + prev_c + el))
    club_end = _draw_np(sp.s_lawX, kd.z(_CLUB, fid)) - since
    held = (p0 < KENOGEN) & (kd.u(_CLUB_KEN, fid) >= sp.s_pK) & (club_end > 0)

    U = _NpCourse(sp, kd, fol, np.arange(n), p0.copy(), L - el, np.zeros(n, dtype=np.int64),
                  np.zeros(n, dtype=np.int64), np.zeros(n), hv, d0.copy(), treated=False)
    T = None
    tpos = np.full(n, -1, dtype=np.intp)  # a follicle's slot in T
    mode = np.full(n, MODE_U, dtype=np.int8)
    # what each follicle shows: its phase and current hair, and the club it holds (visible from,
    # released at, diameter; a follicle holds one at most: an old club is released at the latest
    # when the hair beside it ends its telogen)
    disp_ph, disp_hv, disp_hd = U.ph.copy(), U.hv.copy(), U.hd.copy()
    disp_thick = disp_hd >= sp.thr
    cl_vis = np.where(held, -INF, INF)
    cl_rel = np.where(held, t0 + club_end, -INF)
    cl_day = np.floor(cl_rel)  # the day it falls
    cl_d = d0.copy()
    cl_thick = cl_d >= sp.thr
    # falling back (releasers between their release and rejoining their untreated course)
    fb_idx = np.zeros(0, dtype=np.intp)
    fb_ph = np.zeros(n, dtype=np.int8)
    fb_rem, fb_tel, fb_ret = np.zeros(n), np.zeros(n), np.zeros(n)
    fb_fast = np.zeros(n, dtype=bool)
    fb_hv, fb_hd = np.zeros(n), np.zeros(n)
    releases = {}
    if sp.active and math.isfinite(sp.t_last):
        rel_f = np.flatnonzero(resp & ~keep & (F <= nd))
        if rel_f.size:
            b_rel = np.ceil(F[rel_f]).astype(np.int64)
            order = np.argsort(b_rel, kind="stable")
            b_sorted, f_sorted = b_rel[order], rel_f[order]
            cuts = np.flatnonzero(np.diff(b_sorted)) + 1
            for bb, ff in zip(b_sorted[np.r_[0, cuts]], np.split(f_sorted, cuts)):
                releases[int(bb)] = ff
    n_extra = 0

    def show(f, ph, hv_, hd_):
        disp_ph[f], disp_hv[f], disp_hd[f] = ph, hv_, hd_
        disp_thick[f] = disp_hd[f] >= sp.thr

    def new_clubs(f, vis, rel, dd, b):
        """The hairs of follicles f end their telogen at b: the club each still holds is
        released now, and the hair becomes the held club (or falls now, rel = b)."""
        if f.size:
            old = cl_rel[f] >= b
            if 0 <= b <= nd:
                shed[b] += np.count_nonzero(old)
            cl_vis[f], cl_rel[f], cl_d[f] = vis, rel, dd
            cl_day[f], cl_thick[f] = np.floor(rel), dd >= sp.thr

    def after(b):
        """Everything at boundary b after the courses' own phase changes."""
        nonlocal T, fb_idx, n_extra
        if sp.b_stress is not None and b == sp.b_stress:
            i = U.stress()
            j = i[mode[U.f[i]] == MODE_U]
            show(U.f[j], U.ph[j], U.hv[j], U.hd[j])
            if T is not None:
                i = T.stress()
                show(T.f[i], T.ph[i], T.hv[i], T.hd[i])
        if sp.b_copy is not None and b == sp.b_copy:
            r = np.flatnonzero(resp)
            T = U.copy(r, treated=True)
            tpos[r] = np.arange(r.size)
            mode[r] = MODE_T
            U.kill(r[keep[r]])  # keepers never need their untreated course again
        g = releases.get(b)
        if g is not None:
            tp = tpos[g]
            tph, uph = T.ph[tp], U.ph[g]
            # held in anagen by an untreated anagen: it runs on as that anagen, with its own
            # emergence (the hair shows the untreated diameter from now on)
            hyb = (tph == ANAGEN) & (uph == ANAGEN)
            cases = sp.cases
            cases["hybrid"] += int(np.count_nonzero(hyb))
            for name, ph_ in (("withdrawal", ANAGEN), ("catagen", CATAGEN), ("telogen", TELOGEN),
                              ("kenogen", KENOGEN)):
                cases[name] += int(np.count_nonzero(~hyb & (tph == ph_)))
            h_ = g[hyb]
            U.hv[h_] = T.hv[tp[hyb]]
            mode[h_] = MODE_U
            show(h_, U.ph[h_], U.hv[h_], U.hd[h_])
            o, to = g[~hyb], tp[~hyb]
            if o.size:
                r_ = T.k[to]
                fo = o.astype(np.uint64)
                tph_o = T.ph[to]
                fb_hv[o], fb_hd[o] = T.hv[to], T.hd[to]
                fb_ret[o] = _draw_np(sp.lawX, kd.z(_ZX, fo, r_))
                fb_tel[o] = _draw_np(sp.lawT, kd.z(_ZT, fo, r_))
                fb_fast[o] = tph_o == TELOGEN  # the rest of a treated telogen, on its clock
                fb_ph[o] = np.where(tph_o == ANAGEN, CATAGEN, tph_o)
                wd = tph_o == ANAGEN  # withdrawal: a catagen from now
                fb_rem[o] = np.where(wd, _draw_np(sp.lawC, kd.z(_ZC, fo, r_)), T.rem[to])
                fb_rem[o[tph_o == KENOGEN]] = INF
                fb_hv[o[tph_o == KENOGEN]] = INF
                mode[o] = MODE_FB
                show(o, fb_ph[o], fb_hv[o], fb_hd[o])
                fb_idx = np.concatenate((fb_idx, o))
            T.kill(tp)
            if np.count_nonzero(T.ph != DEAD) < T.ph.size // 2:
                T.compact()
                tpos[:] = -1
                tpos[T.f] = np.arange(T.f.size)
        if fb_idx.size:
            i = fb_idx
            ph = fb_ph[i]
            u_ana = U.ph[i] == ANAGEN
            cat_end = (ph == CATAGEN) & (fb_rem[i] <= 0)
            waiting = (ph == TELOGEN) | (ph == KENOGEN)
            # J: the untreated anagen is current when the follicle is ready, or starts now
            rejoin = (cat_end | waiting) & u_ana
            ready_now = np.isin(i, releases.get(b, ())) & ~(ph == CATAGEN)
            sp.cases["rejoined_at_ready"] += int(np.count_nonzero(rejoin & (cat_end | ready_now)))
            sp.cases["rejoined_later"] += int(np.count_nonzero(rejoin & ~(cat_end | ready_now)))
            held_ = rejoin & (ph != KENOGEN)  # the club is held into that anagen
            jh = i[held_]
            new_clubs(jh, fb_hv[jh], b + fb_ret[jh], fb_hd[jh], b)
            j = i[rejoin]
            U.hv[j] = b + sp.em
            mode[j] = MODE_U
            show(j, U.ph[j], U.hv[j], U.hd[j])
            # ready, the untreated course resting: a natural telogen holding the club
            t1 = i[cat_end & ~u_ana]
            fb_ph[t1] = TELOGEN
            fb_rem[t1] = fb_tel[t1]
            fb_fast[t1] = False
            # the telogen is over before that anagen: the club falls, the follicle is empty
            s1 = i[(ph == TELOGEN) & ~u_ana & (fb_rem[i] <= 0)]
            sp.cases["club_shed_before_rejoining"] += int(s1.size)
            new_clubs(s1, fb_hv[s1], np.full(s1.size, float(b)), fb_hd[s1], b)
            fb_ph[s1] = KENOGEN
            fb_rem[s1] = INF
            fb_hv[s1] = INF
            ch = np.concatenate((t1, s1))
            show(ch, fb_ph[ch], fb_hv[ch], fb_hd[ch])
            n_extra += j.size + t1.size + s1.size
            fb_idx = i[~rejoin]

    def course_changes(c, b, shown_only):
        done, clubs = c.transitions(b)
        if done.size:
            if shown_only:
                done = done[mode[c.f[done]] == MODE_U]
            show(c.f[done], c.ph[done], c.hv[done], c.hd[done])
        if clubs is not None:
            pos, vis, rel, dd = clubs
            f = c.f[pos]
            if shown_only:
                ok = mode[f] == MODE_U
                f, vis, rel, dd = f[ok], vis[ok], rel[ok], dd[ok]
            new_clubs(f, vis, rel, dd, b)

    # ---- output
    counts = np.zeros((nd + 1, 4), dtype=np.int64)
    shed = np.zeros(nd + 1, dtype=np.int64)
    total = np.zeros(nd + 1, dtype=np.int64)
    nonv = np.zeros(nd + 1, dtype=np.int64)
    dsum = np.zeros(nd + 1)

    after(t0)
    for d in range(t0, nd + 1):
        if d >= 0:
            c0_, c1_, c2_ = (np.count_nonzero(disp_ph == ph) for ph in (ANAGEN, CATAGEN, TELOGEN))
            counts[d] = (c0_, c1_, c2_, n - c0_ - c1_ - c2_)
            vis = disp_hv <= d
            cv = (cl_vis <= d) & (cl_rel > d)
            total[d] = np.count_nonzero(vis) + np.count_nonzero(cv)
            nonv[d] = np.count_nonzero(vis & disp_thick) + np.count_nonzero(cv & cl_thick)
            dsum[d] = disp_hd[vis].sum() + cl_d[cv].sum()
        if d == nd:
            break
        # clubs released during day d
        if d >= 0:
            shed[d] += np.count_nonzero(cl_day == d)
        # the clocks over day d
        U.advance(d)
        if T is not None:
            T.advance(d)
        if fb_idx.size:
            i = fb_idx
            ph = fb_ph[i]
            sw = sp.speedW_list[d] if 0 <= d < sp.G else 1.0
            fb_rem[i] -= np.where(ph == CATAGEN, 1.0,
                                  np.where(ph == TELOGEN, np.where(fb_fast[i], sw, 1.0), 0.0))
        # the phase changes at the boundary d + 1
        b = d + 1
        course_changes(U, b, shown_only=True)
        if T is not None:
            course_changes(T, b, shown_only=False)
        after(b)

    changes = U.changes + (T.changes if T is not None else 0) + n_extra
    return _make_result("numpy day-stepped", sp, counts, shed, total, nonv, dsum, changes)


# ------------------------------------------------------------------------------------------------
# (b1) plain Python, day by day and follicle by follicle (also the per-agent rule of Mesa)
# ------------------------------------------------------------------------------------------------
class _Course:
    """One course of one follicle (see :class:`_NpCourse`)."""

    __slots__ = ("ph", "rem", "k", "naga", "lev", "hv", "hd")

    def copy(self):
        c = _Course()
        c.ph, c.rem, c.k, c.naga, c.lev, c.hv, c.hd = (self.ph, self.rem, self.k, self.naga,
                                                        self.lev, self.hv, self.hd)
        return c


class _Fallback:
    """A releaser between its release and the untreated anagen it rejoins: its phase (catagen,
    telogen or kenogen), the remaining time, whether that telogen runs on the wake clock, the
    whole telogen to rest after a catagen, the club's retention, the hair it holds."""

    __slots__ = ("ph", "rem", "fast", "tel", "ret", "hv", "hd")


class _Follicle:
    """One follicle for the per-follicle day-stepped versions (Python loop and Mesa)."""

    __slots__ = ("fid", "d0", "sus", "own", "resp", "keep", "b_rel", "U", "T", "fb", "show", "clubs")


def _py_follicle(sp, kd, i: int) -> _Follicle:
    fl = _Follicle()
    fl.fid = i
    fl.d0, fl.sus, fl.own, fl.resp, fl.keep, F = sp.follicle(
        kd.u(_VELLUS, i), kd.z(_D0, i), kd.u(_SUS, i), kd.u(_SPREAD, i), kd.u(_RESP, i),
        kd.u(_KEEP, i), kd.u(_REL, i))
    fl.b_rel = math.ceil(F) if (fl.resp and not fl.keep and F <= sp.n_days) else None
    p0, _, remain, vis, club = sp.start(kd.u(_PHASE, i), kd.u(_POS, i), kd.z(_LEN, i),
                                         kd.z(_PREV_A, i), kd.z(_PREV_C, i), kd.z(_CLUB, i),
                                         kd.u(_CLUB_KEN, i))
    c = _Course()
    c.ph, c.rem, c.k, c.naga, c.lev, c.hv, c.hd = p0, remain, 0, 0, 0.0, vis, fl.d0
    fl.U, fl.T, fl.fb, fl.show = c, None, None, c
    fl.clubs = [] if club is None else [(-INF, club, fl.d0)]
    return fl


def _py_start_anagen(sp, kd, fl, c, b, treated):
    c.k += 1
    c.naga, mean_a, diam, c.lev = sp.laws(b, c.naga, fl.d0, fl.sus, fl.own)
    if treated:
        diam = sp.thickened(diam, fl.d0, b)
    c.ph = ANAGEN
    c.rem = mean_a * math.exp(sp.sA * kd.z(_ZA, fl.fid, c.k) - sp.hA)
    c.hv = b + sp.em
    c.hd = diam


def _py_transition(sp, kd, fl, c, b, treated):
    """The phase of course c is over at boundary b. Returns the club (visible from, release,
    diameter) when a telogen ends, else None."""
    ph = c.ph
    if ph == ANAGEN:
        c.ph = CATAGEN
        c.rem = _draw(sp.lawC, kd.z(_ZC, fl.fid, c.k))
        return None
    if ph == CATAGEN:
        c.ph = TELOGEN
        c.rem = _draw(sp.lawT, kd.z(_ZT, fl.fid, c.k))
        return None
    if ph == TELOGEN:
        if kd.u(_UKEN, fl.fid, c.k) < sp.pK + (sp.pKm - sp.pK) * c.lev:
            club = (c.hv, float(b), c.hd)  # shed now; the follicle rests empty
            mk = sp.mK + (sp.mKm - sp.mK) * c.lev
            c.ph = KENOGEN
            c.rem = mk * math.exp(sp.sK * kd.z(_ZK, fl.fid, c.k) - sp.hK)
            c.hv = INF
            return club
        club = (c.hv, b + _draw(sp.lawX, kd.z(_ZX, fl.fid, c.k)), c.hd)  # held into the next anagen
        _py_start_anagen(sp, kd, fl, c, b, treated)
        return club
    _py_start_anagen(sp, kd, fl, c, b, treated)  # kenogen is over
    return None


def _py_stress(sp, kd, fl, c):
    if c is not None and c.ph == ANAGEN and kd.u(_USTR, fl.fid, c.k) < sp.stress_frac:
        c.ph = CATAGEN
        c.rem = _draw(sp.lawC, kd.z(_ZC, fl.fid, c.k))
        return 1
    return 0


def _py_release(sp, kd, fl):
    """The release time has come: fall back from the treated course onto the untreated one."""
    T, U = fl.T, fl.U
    fl.T = None
    if T.ph == ANAGEN and U.ph == ANAGEN:  # held by an untreated anagen: run on as that anagen
        sp.cases["hybrid"] += 1
        U.hv = T.hv
        fl.show = U
        return
    sp.cases[("withdrawal", "catagen", "telogen", "kenogen")[T.ph]] += 1
    r = T.k
    fb = _Fallback()
    fb.hv, fb.hd = T.hv, T.hd
    fb.ret = _draw(sp.lawX, kd.z(_ZX, fl.fid, r))
    fb.tel = _draw(sp.lawT, kd.z(_ZT, fl.fid, r))
    fb.fast = False
    if T.ph == ANAGEN:  # withdrawal: catagen from now
        fb.ph, fb.rem = CATAGEN, _draw(sp.lawC, kd.z(_ZC, fl.fid, r))
    elif T.ph == CATAGEN:
        fb.ph, fb.rem = CATAGEN, T.rem
    elif T.ph == TELOGEN:  # the rest of its treated telogen
        fb.ph, fb.rem, fb.fast = TELOGEN, T.rem, True
    else:
        fb.ph, fb.rem, fb.hv = KENOGEN, INF, INF
    fl.fb = fb
    fl.show = fb


def _py_club(fl, club, b, shed):
    """The shown hair ends its telogen at b: the club the follicle still holds is released now
    (at the latest when the hair beside it ends its telogen), and ``club`` is held (or falls)."""
    for _ in fl.clubs:  # all have rel >= b (earlier ones were shed day by day)
        if 0 <= b < len(shed):
            shed[b] += 1
    fl.clubs = [club]


def _py_fallback(sp, fl, b, shed):
    """A falling-back follicle at boundary b: ready after its catagen, it rests holding its club
    for a natural telogen, or empty, until its untreated course's anagen (J)."""
    fb, U = fl.fb, fl.U
    if fb.ph == CATAGEN:
        if fb.rem > 0:
            return 0
        if U.ph != ANAGEN:  # ready; the untreated course rests: a natural telogen
            fb.ph, fb.rem, fb.fast = TELOGEN, fb.tel, False
            return 1
        held = True
        sp.cases["rejoined_at_ready"] += 1
    elif U.ph == ANAGEN:
        held = fb.ph == TELOGEN
        sp.cases["rejoined_at_ready" if b == fl.b_rel else "rejoined_later"] += 1
    else:
        if fb.ph == TELOGEN and fb.rem <= 0:  # before J: the club falls, the follicle is empty
            sp.cases["club_shed_before_rejoining"] += 1
            _py_club(fl, (fb.hv, float(b), fb.hd), b, shed)
            fb.ph, fb.rem, fb.hv = KENOGEN, INF, INF
            return 1
        return 0
    # J: the untreated anagen is current (or starts now); from its end on, the follicle is the
    # untreated follicle
    if held:
        _py_club(fl, (fb.hv, b + fb.ret, fb.hd), b, shed)
    U.hv = b + sp.em
    fl.fb = None
    fl.show = U
    return 1


def _py_after(sp, kd, fl, b, shed):
    """Everything at boundary b after the courses' own phase changes. Returns phase changes."""
    ch = 0
    if b == sp.b_stress:
        ch += _py_stress(sp, kd, fl, fl.U) + _py_stress(sp, kd, fl, fl.T)
    if b == sp.b_copy and fl.resp:
        fl.T = fl.U.copy()
        fl.show = fl.T
        if fl.keep:
            fl.U = None
    if b == fl.b_rel:
        _py_release(sp, kd, fl)
    if fl.fb is not None:
        ch += _py_fallback(sp, fl, b, shed)
    return ch


def _py_day(sp, kd, fl, d, sa, sw, shed):
    """Advance one follicle over day d (to the boundary d + 1). Returns its phase changes."""
    b = d + 1
    if fl.clubs:
        kept = [c for c in fl.clubs if c[1] >= b]
        if len(kept) != len(fl.clubs):
            if d >= 0:
                shed[d] += len(fl.clubs) - len(kept)
            fl.clubs = kept
    ch = 0
    U = fl.U
    if U is not None:
        U.rem -= 1.0
        if U.rem <= 0:
            ch += 1
            club = _py_transition(sp, kd, fl, U, b, False)
            if club is not None and fl.show is U:
                _py_club(fl, club, b, shed)
    T = fl.T
    if T is not None:
        ph = T.ph
        T.rem -= sa if ph == ANAGEN else (1.0 if ph == CATAGEN else sw)
        if T.rem <= 0:
            ch += 1
            club = _py_transition(sp, kd, fl, T, b, True)
            if club is not None:
                _py_club(fl, club, b, shed)
    fb = fl.fb
    if fb is not None:
        if fb.ph == CATAGEN:
            fb.rem -= 1.0
        elif fb.ph == TELOGEN:
            fb.rem -= sw if fb.fast else 1.0
    if b == sp.b_stress or b == sp.b_copy or b == fl.b_rel or fl.fb is not None:
        ch += _py_after(sp, kd, fl, b, shed)
    return ch


def _py_record(fols, d, thr):
    """What the follicles show on day d: phase counts, visible and non-vellus hairs, diameters."""
    c = [0, 0, 0, 0]
    tv = nv = 0
    ds = 0.0
    for fl in fols:
        s = fl.show
        c[s.ph] += 1
        if s.hv <= d:
            tv += 1
            ds += s.hd
            if s.hd >= thr:
                nv += 1
        for vis, rel, dd in fl.clubs:
            if vis <= d < rel:
                tv += 1
                ds += dd
                if dd >= thr:
                    nv += 1
    return c, tv, nv, ds


def _day_speeds(sp, d):
    if 0 <= d < sp.G:
        return sp.speedA_list[d], sp.speedW_list[d]
    return 1.0, 1.0


def python_day_loop(params, n_follicles=1_000, years=10, stimulation=None, seed=0, *,
                    start_from=None):
    """Plain Python: for each day, for each follicle, record what it shows and advance it a day."""
    sp = _Spec(params, n_follicles, years, stimulation, start_from)
    kd = _KeyedPy(seed)
    nd = sp.n_days
    fols = [_py_follicle(sp, kd, i) for i in range(sp.n)]
    counts = [0] * (4 * (nd + 1))
    shed = [0] * (nd + 1)
    n_changes = 0
    for fl in fols:
        n_changes += _py_after(sp, kd, fl, sp.t0, shed)
    total = [0] * (nd + 1)
    nonv = [0] * (nd + 1)
    dsum = [0.0] * (nd + 1)
    for d in range(sp.t0, nd + 1):
        if d >= 0:
            c, total[d], nonv[d], dsum[d] = _py_record(fols, d, sp.thr)
            counts[4 * d: 4 * d + 4] = c
        if d == nd:
            break
        sa, sw = _day_speeds(sp, d)
        for fl in fols:
            n_changes += _py_day(sp, kd, fl, d, sa, sw, shed)
    return _make_result("Python day loop", sp, counts, shed, total, nonv, dsum, n_changes)


# ------------------------------------------------------------------------------------------------
# (b2) plain Python, event-driven per follicle, continuous time (the engine's exact semantics)
# ------------------------------------------------------------------------------------------------
class _Clock:
    """Cumulative clock C(t) of a daily speed grid (speed 1 outside the grid) and its inverse."""

    def __init__(self, speeds):
        self.s = list(speeds)
        self.n = len(self.s)
        c = [0.0]
        for v in self.s:
            c.append(c[-1] + v)
        self.c = c

    def C(self, t: float) -> float:
        if t <= 0:
            return t
        if t >= self.n:
            return self.c[-1] + (t - self.n)
        i = int(t)
        return self.c[i] + self.s[i] * (t - i)

    def inv(self, y: float) -> float:
        if y <= 0:
            return y
        if y >= self.c[-1]:
            return self.n + (y - self.c[-1])
        lo, hi = 0, self.n  # binary search on the cumulative clock
        c = self.c
        while hi - lo > 1:
            mid = (lo + hi) >> 1
            if c[mid] <= y:
                lo = mid
            else:
                hi = mid
        return lo + (y - c[lo]) / self.s[lo]

    def end(self, s: float, D: float) -> float:
        """When a phase of intrinsic duration D that starts at s ends."""
        return self.inv(self.C(s) + D)


# a cycle in continuous time: its phase boundaries, its hair's release and (uncapped) emergence,
# the hair's diameter, anagens since the own onset, and the draws a release needs
_S, _A, _C, _T, _K, _X, _V, _H, _N, _DT, _R = range(11)


def python_event_loop(params, n_follicles=10_000, years=10, stimulation=None, seed=0, *,
                      start_from=None):
    """Plain Python, event-driven: follow each follicle cycle by cycle in continuous time (its
    untreated course, and for a responder its treated course, spliced at its release) and add each
    interval to difference arrays (no day rounding)."""
    sp = _Spec(params, n_follicles, years, stimulation, start_from)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"The 'seed' parameter must be a whole number >= 0; got {seed!r}.")
    nd = sp.n_days
    H = nd + 1  # the horizon: nothing at or after the boundary nd + 1 is recorded
    diff = [[0] * (nd + 2) for _ in range(4)]
    dtot = [0] * (nd + 2)
    dnv = [0] * (nd + 2)
    ddia = [0.0] * (nd + 2)
    shed = [0] * (nd + 1)
    cA = _Clock(sp.speedA_list) if sp.active and sp.extend > 0 else None
    cW = _Clock(sp.speedW_list) if sp.active and sp.wake > 0 else None
    em, thr = sp.em, sp.thr
    own_start = start_from is None or start_from is params
    ts = sp.stress_day
    ceil, floor, exp = math.ceil, math.floor, math.exp
    n_cycles = 0

    def idx(t):
        return 0 if t <= 0 else (H if t >= H else ceil(t))

    def add(arr, a, b, v=1):
        lo, hi = idx(a), idx(b)
        if lo < hi:
            arr[lo] += v
            arr[hi] -= v

    def hair(on, off, d, is_shed):
        add(dtot, on, off)
        if d >= thr:
            add(dnv, on, off)
        add(ddia, on, off, d)
        if is_shed and 0 <= off < H:
            shed[int(floor(off))] += 1

    def shown(c, a_start=None, segs=None):
        """A cycle as the follicle shows it: (anagen start, anagen end, catagen end, telogen end,
        kenogen end, the hair's release, its visible segments (on, off, diameter))."""
        s = c[_S] if a_start is None else a_start
        return (s, c[_A], c[_C], c[_T], c[_K], c[_X],
                [(min(c[_V], c[_X]), c[_X], c[_H])] if segs is None else segs)

    def record(course, club):
        """Add a follicle's shown course; a club is released at the latest when the hair beside
        it (the next cycle's) ends its telogen, so a follicle never holds two old clubs."""
        if club is not None:  # the previous cycle's club, still held at the start
            hair(-INF, min(club, course[0][3]), d0, True)
        for j, (s, a, c, t, k, x, segs) in enumerate(course):
            add(diff[0], s, a)
            add(diff[1], a, c)
            add(diff[2], c, t)
            add(diff[3], t, k)
            if j + 1 < len(course):
                x = min(x, course[j + 1][3])
            for on, off, d in segs:
                hair(min(on, x), min(off, x), d, False)
            if 0 <= x < H:
                shed[int(floor(x))] += 1

    for i in range(sp.n):
        rnd = random.Random((int(seed) << 40) | i)
        rr, gz = rnd.random, rnd.gauss
        d0, sus, own, resp, keep, F = sp.follicle(rr(), gz(0.0, 1.0), rr(), rr(), rr(), rr(), rr())
        # a follicle whose cycle is the same before and after the AGA onset (not susceptible, or
        # its own onset after day 0) is in its stationary state on day 0, a susceptible one at its
        # own onset: it starts there (the same law as starting everyone at the earliest onset, and
        # fewer cycles to follow; with another start_from, everyone starts at the earliest onset)
        t0 = float(sp.t0) if not own_start else (min(own, 0.0) if sus else 0.0)
        p0, el, remain, vis0, club = sp.start(rr(), rr(), gz(0.0, 1.0), gz(0.0, 1.0), gz(0.0, 1.0),
                                              gz(0.0, 1.0), rr(), at=t0)
        draws = []

        def draw(k):
            """The k-th cycle's numbers: the same in the untreated and the treated course."""
            while len(draws) <= k:
                draws.append((gz(0.0, 1.0), gz(0.0, 1.0), gz(0.0, 1.0), gz(0.0, 1.0), rr(), rr(),
                              gz(0.0, 1.0)))
            return draws[k]

        def stress(s, a_end, u):
            if ts is not None and s <= ts < a_end and u < sp.stress_frac:
                return ts
            return a_end

        def cycle0(treated):
            _, z_c, z_t, z_k, u_ken, u_str, z_x = draw(0)  # (its anagen is the start state's)
            ca, cw = (cA, cW) if treated else (None, None)
            dur_c, dur_t, ret = _draw(sp.lawC, z_c), _draw(sp.lawT, z_t), _draw(sp.lawX, z_x)
            dur_k = sp.mK * exp(sp.sK * z_k - sp.hK)
            neg = t0 - el
            if p0 == KENOGEN:
                k_end = cw.end(t0, remain) if cw else t0 + remain
                return (neg, neg, neg, neg, k_end, neg, INF, d0, 0, dur_t, ret)
            ken = u_ken < sp.pK
            if p0 == ANAGEN:
                a_end = stress(neg, ca.end(t0, remain) if ca else t0 + remain, u_str)
                c_end = a_end + dur_c
                t_start, t_dur = c_end, dur_t
            elif p0 == CATAGEN:
                a_end, c_end = neg, t0 + remain
                t_start, t_dur = c_end, dur_t
            else:
                a_end = c_end = neg
                t_start, t_dur = t0, remain
            t_end = cw.end(t_start, t_dur) if cw else t_start + t_dur
            if ken:
                k_end = cw.end(t_end, dur_k) if cw else t_end + dur_k
                x_end = t_end
            else:
                k_end, x_end = t_end, t_end + ret
            return (neg, a_end, c_end, t_end, k_end, x_end, vis0, d0, 0, dur_t, ret)

        def cycle(k, s, naga, treated):
            z_a, z_c, z_t, z_k, u_ken, u_str, z_x = draw(k)
            naga, mean_a, diam, lev = sp.laws(s, naga, d0, sus, own)
            ca, cw = (cA, cW) if treated else (None, None)
            dur_a = mean_a * exp(sp.sA * z_a - sp.hA)
            dur_c, dur_t, ret = _draw(sp.lawC, z_c), _draw(sp.lawT, z_t), _draw(sp.lawX, z_x)
            mk = sp.mK + (sp.mKm - sp.mK) * lev
            dur_k = mk * exp(sp.sK * z_k - sp.hK)
            ken = u_ken < sp.pK + (sp.pKm - sp.pK) * lev
            a_end = stress(s, ca.end(s, dur_a) if ca else s + dur_a, u_str)
            c_end = a_end + dur_c
            t_end = cw.end(c_end, dur_t) if cw else c_end + dur_t
            if ken:
                k_end = cw.end(t_end, dur_k) if cw else t_end + dur_k
                x_end = t_end
            else:
                k_end, x_end = t_end, t_end + ret
            if treated:
                diam = sp.thickened(diam, d0, s)
            return (s, a_end, c_end, t_end, k_end, x_end, s + em, diam, naga, dur_t, ret)

        # the untreated course
        U = [cycle0(False)]
        while U[-1][_K] < H:
            U.append(cycle(len(U), U[-1][_K], U[-1][_N], False))
        n_cycles += len(U)
        c0 = None
        if resp:
            c0 = next((j for j, c in enumerate(U) if c[_K] > sp.s0), None)
        if c0 is None:
            record([shown(c) for c in U], club)
            continue
        # the treated course, from the cycle running when the stimulation starts
        T = [cycle0(True) if c0 == 0 else cycle(c0, U[c0][_S], U[c0 - 1][_N], True)]
        while T[-1][_K] < H and (keep or not F < T[-1][_K]):
            T.append(cycle(c0 + len(T), T[-1][_K], T[-1][_N], True))
        n_cycles += len(T)
        if keep or not F < T[-1][_K]:  # kept (or not released before the horizon)
            record([shown(c) for c in U[:c0] + T], club)
            continue
        course = [shown(c) for c in U[:c0] + T[:-1]]
        # released during its last treated cycle: fall back onto the untreated course
        cy = T[-1]
        S, A, C, Tn = cy[_S], cy[_A], cy[_C], cy[_T]
        in_a, in_c, in_t = F < A, A <= F < C, C <= F < Tn
        in_k = not (in_a or in_c or in_t)

        def find(t):  # the first untreated cycle from c0 whose anagen ends after t
            return next((j for j in range(c0, len(U)) if U[j][_A] > t), None)

        m1 = find(F)
        cases = sp.cases
        if in_a and m1 is not None and U[m1][_S] <= F:
            cases["hybrid"] += 1
            # held in anagen by an untreated anagen: it runs on to that anagen's end, the hair
            # keeps its treated diameter until F and has the untreated one from then
            u = U[m1]
            vis = min(cy[_V], u[_X])
            cut = min(max(vis, F), u[_X])
            course.append(shown(u, a_start=S, segs=[(vis, cut, cy[_H]), (cut, u[_X], u[_H])]))
            rest = U[m1 + 1:]
        else:
            wd = in_a  # the untreated course is not in anagen: withdrawal into catagen at F
            a_end = F if wd else A
            c_end = F + (C - A) if wd else C
            ready = c_end if (wd or in_c) else F
            m = find(ready)  # the untreated anagen current at `ready`, or next
            J = max(ready, U[m][_S]) if m is not None else max(ready, U[-1][_K])
            # it holds its club for a natural telogen, then waits empty for J
            t_nat = c_end + cy[_DT] if (wd or in_c) else Tn
            t_end = Tn if in_k else min(J, t_nat)
            x_end = cy[_X] if in_k else (t_end if t_end < J else J + cy[_R])  # (capped below)
            cases["withdrawal" if wd else "catagen" if in_c else "telogen" if in_t else "kenogen"] += 1
            cases["rejoined_at_ready" if J == ready else "rejoined_later"] += 1
            cases["club_shed_before_rejoining"] += not in_k and t_end < J
            course.append((S, a_end, c_end, t_end, J, x_end, [(min(cy[_V], x_end), x_end, cy[_H])]))
            rest = []
            if m is not None:
                u = U[m]
                course.append(shown(u, a_start=J, segs=[(min(J + em, u[_X]), u[_X], u[_H])]))
                rest = U[m + 1:]
        record(course + [shown(c) for c in rest], club)

    def cum(a):
        out, acc = [], 0
        for v in a[: nd + 1]:
            acc += v
            out.append(acc)
        return out

    cols = [cum(diff[j]) for j in range(4)]
    counts = [x for row in zip(*cols) for x in row]
    return _make_result("Python event loop", sp, counts, shed, cum(dtot), cum(dnv), cum(ddia),
                        4 * n_cycles)


# ------------------------------------------------------------------------------------------------
# (c) Mesa 3
# ------------------------------------------------------------------------------------------------
def mesa_day_stepped(params, n_follicles=500, years=10, stimulation=None, seed=0, *,
                     start_from=None):
    """Mesa 3: one Agent per follicle; each day the model records what the agents show and calls
    ``self.agents.shuffle_do("step")``; an agent's step is ``python_day_loop``'s per-follicle
    rule. Needs ``mesa`` (the ``test`` and ``bench`` extras)."""
    import mesa  # noqa: PLC0415 (optional dependency)

    sp = _Spec(params, n_follicles, years, stimulation, start_from)
    kd = _KeyedPy(seed)

    class Follicle(mesa.Agent):
        def __init__(self, model, i):
            super().__init__(model)
            self.s = _py_follicle(model.sp, model.kd, i)
            model.n_changes += _py_after(model.sp, model.kd, self.s, model.sp.t0, model.shed)

        def step(self):
            m = self.model
            m.n_changes += _py_day(m.sp, m.kd, self.s, m.day, m.sa, m.sw, m.shed)

    class Scalp(mesa.Model):
        def __init__(self, sp, kd, seed):
            super().__init__(seed=seed)
            self.sp, self.kd = sp, kd
            self.day = sp.t0
            self.sa = self.sw = 1.0
            nd = sp.n_days
            self.counts = [0] * (4 * (nd + 1))
            self.shed = [0] * (nd + 1)
            self.total = [0] * (nd + 1)
            self.nonv = [0] * (nd + 1)
            self.dsum = [0.0] * (nd + 1)
            self.n_changes = 0
            for i in range(sp.n):
                Follicle(self, i)
            # the agents in follicle order (AgentSet iteration order is insertion order)
            self.fols = [a.s for a in self.agents]

        def step(self):
            d, sp = self.day, self.sp
            if d >= 0:
                c, self.total[d], self.nonv[d], self.dsum[d] = _py_record(self.fols, d, sp.thr)
                self.counts[4 * d: 4 * d + 4] = c
            if d < sp.n_days:
                self.sa, self.sw = _day_speeds(sp, d)
                self.agents.shuffle_do("step")
            self.day += 1

    model = Scalp(sp, kd, seed)
    for _ in range(sp.t0, sp.n_days + 1):
        model.step()
    return _make_result("Mesa", sp, model.counts, model.shed, model.total, model.nonv,
                        model.dsum, model.n_changes)


BASELINES = {
    "numpy day-stepped": day_stepped_numpy,
    "Python day loop": python_day_loop,
    "Python event loop": python_event_loop,
    "Mesa": mesa_day_stepped,
}
