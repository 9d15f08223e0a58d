"""The plain ways of writing hairsim's model, for side-by-side timings and correctness checks.

Each function runs the *same* model as :func:`hairsim.simulate` (``contract.md``, "Model
semantics": phases, kenogen, emergence, diameters, progressive AGA, telogen effluvium and the
hypothetical stimulation with wake / extend / thicken / responders / persistence), written the way
one would write it without an event-driven engine:

``day_stepped_numpy``
    One array operation per day over all follicles. State arrays: phase, remaining intrinsic
    duration, cycle count, hair diameter, ... Each day the remaining duration is decremented by the
    clock speed of that day, the follicles at <= 0 change phase and new durations are drawn with a
    ``numpy.random.Generator``.
``python_day_loop``
    A plain Python loop, day by day and follicle by follicle (the same algorithm as
    ``day_stepped_numpy``, one follicle at a time, stdlib ``random``).
``python_event_loop``
    A plain Python loop, event-driven per follicle: each follicle is followed phase by phase in
    continuous time (the engine's semantics exactly, no day rounding), one follicle at a time.
``mesa_day_stepped``
    Mesa 3: one ``mesa.Agent`` per follicle, ``model.agents.shuffle_do("step")`` once a day, the
    same per-day rule as ``python_day_loop``.

All take ``(params, n_follicles, years, stimulation=None, seed=0)`` and return a
:class:`BaselineResult` with the same daily series as :class:`hairsim.Result` (a subset: phase
counts, ``shed``, ``density``, ``total_density``, ``mean_diameter``). They use their own random
numbers, so they agree with ``hairsim.simulate`` statistically, not number for number.

Discretization (the day-stepped ones)
-------------------------------------
Day stepping moves every phase start to a whole day: a phase that starts on a day boundary with
intrinsic duration D (at clock speed 1) lasts ``ceil(D)`` days, on average about half a day more
than D. Over a cycle of three or four phases that is about 1.5–2 days on a ~1,250-day cycle:
shedding per day is ~0.15 % lower and the catagen fraction ~3 % (relative) higher than in the
continuous-time engine. :func:`rounded_mean` gives the exact expected rounded duration, which the
tests use to correct the comparison. The residual durations of the phases running at the start are
*not* biased: a follicle whose phase ends at continuous time R changes phase on day ceil(R) in both
ways of counting. ``python_event_loop`` works in continuous time and has no such bias.

Other small differences of the day-stepped versions (all well below the statistical noise of the
benchmark sizes): the club hair is counted as shed on the day during which the telogen clock ran
out; a new hair's ``thicken`` gain uses the exposure of the day its anagen starts (the day
boundary); a non-integer ``stress_day`` acts at the start of day ``ceil(stress_day)``.

Persistence follows hairsim's engine (``hairsim/engine.py``, ``_Run._anagen_end``): each responder
has a release time F = t_last + half_life·(−log2 U) at which the exposure's hold on it breaks (so
the share still held decays like the exposure); with persistence p an anagen ends at
T_p0 + p·(T1 − T_p0), where T1 is its end under the extend clock, T0 = start + D its untreated end,
T_p0 = min(T1, max(T0, F)), and, for an anagen that the wake clock started before F when without
it the follicle would still have been resting at F, T_p0 = min(T1, F).

Per-follicle parameter arrays are not supported here (scalars only): these are benchmarks.
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
INF = math.inf


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
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_d = np.where(total > 0, np.asarray(dsum, dtype=float) / np.maximum(total, 1), np.nan)
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
        density=np.asarray(nonvellus, dtype=float) / spec.area,
        total_density=total / spec.area,
        mean_diameter=mean_d,
        n_phase_changes=int(n_changes),
        notes=dict(notes or {}),
    )


# ------------------------------------------------------------------------------------------------
# The model's scalars, shared by every baseline
# ------------------------------------------------------------------------------------------------
def _lognormal(mean: float, cv: float) -> tuple[float, float]:
    """(mu, sigma) of the lognormal with this mean and coefficient of variation."""
    s2 = math.log1p(cv * cv)
    return math.log(mean) - s2 / 2.0, math.sqrt(s2)


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


def _scalar(params, name):
    v = getattr(params, name)
    if isinstance(v, np.ndarray):
        raise ValueError(
            f"The '{name}' parameter must be a scalar for the benchmark baselines; got an array "
            f"of {v.size} values."
        )
    return v


class _Spec:
    """Everything the baselines need, as plain Python floats and per-day lists."""

    def __init__(self, params, n_follicles, years, stimulation, start_from=None):
        n = int(n_follicles)
        if n < 1:
            raise ValueError(f"The 'n_follicles' parameter must be an int >= 1; got {n_follicles}.")
        g = lambda name: float(_scalar(params, name))  # noqa: E731
        self.n, self.years = n, float(years)
        self.n_days = int(round(self.years * 365))
        self.t0 = -int(round(365 * float(params.years_since_onset)))  # AGA onset, first day stepped
        self.area = n / g("follicles_per_cm2")
        self.mA, self.cvA = g("anagen_mean_days"), g("anagen_cv")
        self.lnA = _lognormal(self.mA, self.cvA)
        self.lnC = _lognormal(g("catagen_mean_days"), g("catagen_cv"))
        self.lnT = _lognormal(g("telogen_mean_days"), g("telogen_cv"))
        self.mK, self.cvK = g("kenogen_mean_days"), g("kenogen_cv")
        self.pK = g("p_kenogen")
        self.emerg = g("emergence_days")
        self.lnD0 = _lognormal(1.0, g("diameter_cv"))
        self.dmean = g("diameter_um")
        self.thr = g("vellus_threshold_um")
        self.f_sus = g("aga_susceptible_fraction")
        self.shorten = g("anagen_shortening")
        self.a_min = g("anagen_min_days")
        self.mini = g("miniaturization")
        self.vd = g("vellus_diameter_um")
        self.pKm = self.pK if params.p_kenogen_miniaturized is None else g("p_kenogen_miniaturized")
        self.mKm = self.mK if params.kenogen_miniaturized_days is None else g("kenogen_miniaturized_days")
        sd = params.stress_day
        self.stress_day = None if sd is None else float(sd)
        self.stress_frac = g("stress_anagen_fraction")
        # the equilibrium the run starts in
        sf = params if start_from is None else start_from
        h = lambda name: float(_scalar(sf, name))  # noqa: E731
        self.init = [
            (h("anagen_mean_days"), h("anagen_cv")),
            (h("catagen_mean_days"), h("catagen_cv")),
            (h("telogen_mean_days"), h("telogen_cv")),
            (h("kenogen_mean_days"), h("kenogen_cv")),
        ]
        w = [self.init[0][0], self.init[1][0], self.init[2][0], h("p_kenogen") * self.init[3][0]]
        tot = sum(w)
        self.init_weights = [x / tot for x in w]
        # the hypothetical stimulation, on the daily grid (the mean of E over each day), extended
        # ten years past the horizon so that clocks are right for phases that end after it
        self.stim = stimulation
        if stimulation is not None:
            E = np.asarray(stimulation.exposure(self.n_days + 3652), dtype=float)
            self.E_full = E
            self.E = E[: self.n_days]
            self.resp_frac = float(stimulation.responders)
            self.wake, self.extend = float(stimulation.wake), float(stimulation.extend)
            self.thicken = float(stimulation.thicken)
            self.persist = float(stimulation.persistence)
            self.t_last = float(stimulation.last_dose_time)
            self.half_life = float(stimulation.half_life_days)
            speedA = 1.0 / (1.0 + self.extend * E)  # anagen clock, per day
            speedW = 1.0 + self.wake * E  # telogen/kenogen clock, per day
        else:
            E = np.zeros(self.n_days + 1)
            self.E = E[: self.n_days]
            self.resp_frac = 0.0
            self.wake = self.extend = self.thicken = 0.0
            self.persist = 1.0
            self.t_last, self.half_life = INF, 1.0
            speedA = speedW = np.ones(self.n_days + 1)
        self.speedA, self.speedW = speedA[: self.n_days], speedW[: self.n_days]
        self.speedA_list, self.speedW_list = speedA.tolist(), speedW.tolist()

    def release_time(self, u):
        """F of the contract, per follicle: when the exposure's hold on an extended anagen breaks
        after stopping, t_last + half_life·(−log2 U), so that P(still held at t) = E(t)."""
        if not math.isfinite(self.t_last):
            return np.full(np.shape(u), INF) if np.ndim(u) else INF
        return self.t_last + self.half_life * -np.log2(u)

    def exposure_at(self, t: float) -> float:
        """The exposure of the day containing time t (used by thicken, as the engine does)."""
        if self.stim is None or t < 0:
            return 0.0
        d = int(math.floor(t))
        return float(self.E_full[d]) if d < self.E_full.size else 0.0

    # -- AGA, per cycle ---------------------------------------------------------------------------
    def anagen_mean(self, k: int, susceptible: bool) -> float:
        if not susceptible:
            return self.mA
        return max(self.mA * self.shorten**k, min(self.mA, self.a_min))

    def hair_diameter(self, d0: float, k: int, susceptible: bool) -> float:
        if not susceptible:
            return d0
        return max(d0 * (1.0 - self.mini) ** k, min(d0, self.vd))

    def mini_level(self, d0: float, dk: float) -> float:
        den = d0 - self.vd
        if den <= 0:
            return 0.0
        return min(1.0, max(0.0, (d0 - dk) / den))



# ------------------------------------------------------------------------------------------------
# (a) day-stepped numpy
# ------------------------------------------------------------------------------------------------
def day_stepped_numpy(params, n_follicles=100_000, years=10, stimulation=None, seed=0, *,
                      start_from=None):
    """The model stepped one day at a time with numpy arrays over all follicles.

    Each day: record the state (phase counts, visible and non-vellus hairs), decrement every
    follicle's remaining intrinsic duration by its clock speed for the day, and move the follicles
    at <= 0 to their next phase, drawing the new durations with a numpy Generator.
    """
    sp = _Spec(params, n_follicles, years, stimulation, start_from)
    rng = np.random.default_rng(seed)
    n, nd = sp.n, sp.n_days

    # ---- per-follicle constants
    d0 = sp.dmean * np.exp(sp.lnD0[0] + sp.lnD0[1] * rng.standard_normal(n))
    sus = rng.random(n) < sp.f_sus
    resp = rng.random(n) < sp.resp_frac
    F = np.where(resp, sp.release_time(1.0 - rng.random(n)), INF)  # when the hold breaks
    F_min = float(F.min())

    # ---- the equilibrium start (at the AGA onset, day t0)
    phase = rng.choice(4, size=n, p=sp.init_weights).astype(np.int8)
    rem = np.empty(n)
    elapsed = np.empty(n)
    for ph in range(4):
        idx = np.flatnonzero(phase == ph)
        mu, sigma = _lognormal(*sp.init[ph])
        L = np.exp(mu + sigma * sigma + sigma * rng.standard_normal(idx.size))  # length-biased
        u = rng.random(idx.size)
        elapsed[idx] = u * L
        rem[idx] = L - elapsed[idx]
    rem0 = rem.copy()  # the same phase under the untreated clock (for persistence)
    # the current rest (telogen + kenogen): when it started and its intrinsic length, to know
    # how much earlier the wake clock ended it ("advance"); woken: the anagen that followed
    # would not have started before the hold broke (F) without the wake clock
    rest_start = np.full(n, float(sp.t0))
    rest_D = np.where((phase == TELOGEN) | (phase == KENOGEN), rem, 0.0)
    woken = np.zeros(n, dtype=bool)
    k = np.zeros(n, dtype=np.int64)  # anagens started since onset
    diam = d0.copy()
    mlev = np.zeros(n)  # miniaturization level of the current hair
    vis_from = np.where(phase == ANAGEN, sp.t0 - elapsed + sp.emerg, -INF)
    vis_from[phase == KENOGEN] = INF
    thick = diam >= sp.thr

    # ---- output
    counts = np.zeros((nd + 1, 4), dtype=np.int64)
    shed = np.zeros(nd + 1, dtype=np.int64)
    total = np.zeros(nd + 1, dtype=np.int64)
    nonv = np.zeros(nd + 1, dtype=np.int64)
    dsum = np.zeros(nd + 1)
    n_changes = 0

    muC, sgC = sp.lnC
    muT, sgT = sp.lnT
    sgA = sp.lnA[1]
    mu_k, sg_k = _lognormal(1.0, sp.cvK)  # kenogen: scale a unit-mean draw by the mean
    stim = sp.stim is not None
    stress_day = None if sp.stress_day is None else math.ceil(sp.stress_day)
    p = sp.persist
    hold_possible = stim and p < 1 and (sp.extend > 0 or sp.wake > 0) and math.isfinite(F_min)
    track_wake = stim and p < 1 and sp.wake > 0
    # speed table per (responder, phase), rebuilt each stimulated day
    kind = phase + 4 * resp.astype(np.int8)

    def start_anagen(idx, day):
        k[idx] += 1
        kk = k[idx]
        s = sus[idx]
        mean = np.where(s, np.maximum(sp.mA * sp.shorten**kk, min(sp.mA, sp.a_min)), sp.mA)
        dk = np.where(s, np.maximum(d0[idx] * (1.0 - sp.mini) ** kk, np.minimum(d0[idx], sp.vd)),
                      d0[idx])
        den = d0[idx] - sp.vd
        with np.errstate(divide="ignore", invalid="ignore"):
            m = np.where(den > 0, np.clip((d0[idx] - dk) / den, 0.0, 1.0), 0.0)
        if stim and sp.thicken > 0:
            e = sp.exposure_at(day)
            dk = dk + np.where(resp[idx], sp.thicken * e * (d0[idx] - dk), 0.0)
        if track_wake:
            adv = rest_D[idx] - (day - rest_start[idx])
            f = F[idx]
            woken[idx] = (adv > 0) & (day < f) & (day + adv > f)
        phase[idx] = ANAGEN
        rem[idx] = mean * np.exp(-sgA * sgA / 2 + sgA * rng.standard_normal(idx.size))
        rem0[idx] = rem[idx]
        diam[idx] = dk
        thick[idx] = dk >= sp.thr
        mlev[idx] = m
        vis_from[idx] = day + sp.emerg

    for d in range(sp.t0, nd + 1):
        if stress_day is not None and d == stress_day and sp.stress_frac > 0:
            idx = np.flatnonzero((phase == ANAGEN) & (rng.random(n) < sp.stress_frac))
            phase[idx] = CATAGEN
            rem[idx] = np.exp(muC + sgC * rng.standard_normal(idx.size))
            rem0[idx] = rem[idx]
            kind[idx] = CATAGEN + 4 * resp[idx]
            n_changes += idx.size
        if d >= 0:
            counts[d] = np.bincount(phase, minlength=4)
            vis = vis_from <= d
            total[d] = np.count_nonzero(vis)
            nonv[d] = np.count_nonzero(vis & thick)
            dsum[d] = diam[vis].sum()
        if d == nd:
            break
        # advance all clocks over [d, d+1)
        if stim and d >= 0 and sp.E[d] > 0:
            sa, sw = sp.speedA[d], sp.speedW[d]
            rem -= np.array([1.0, 1.0, 1.0, 1.0, sa, 1.0, sw, sw])[kind]
        else:
            rem -= 1.0
        if hold_possible:
            rem0 -= 1.0
            if d + 1 >= F_min:
                # persistence: when its hold breaks (F), an anagen moves on (T_p0) if its
                # untreated end T0 has passed, or if it was woken (started by the wake clock
                # before F, when it would otherwise still be resting at F) -- unless its end
                # under the extend clock (T1) came first
                hold = (rem > 0) & (phase == ANAGEN) & (F <= d + 1) & ((rem0 <= 0) | woken)
                if hold.any():
                    h = np.flatnonzero(hold)
                    if p == 0:
                        rem[h] = 0.0
                    else:  # keep a share p of the remaining treated time, at speed 1
                        rem[h] = p * _treated_time_left(sp, d + 1, rem[h])
                        rem0[h] = INF
                        woken[h] = False
                        kind[h] = phase[h]
        done = np.flatnonzero(rem <= 0)
        if done.size == 0:
            continue
        n_changes += done.size
        ph = phase[done]
        day = d + 1  # the new phases start on this day boundary
        # anagen -> catagen
        i = done[ph == ANAGEN]
        phase[i] = CATAGEN
        rem[i] = np.exp(muC + sgC * rng.standard_normal(i.size))
        rem0[i] = rem[i]
        # catagen -> telogen
        i = done[ph == CATAGEN]
        phase[i] = TELOGEN
        rem[i] = np.exp(muT + sgT * rng.standard_normal(i.size))
        rem0[i] = rem[i]
        rest_start[i] = day
        rest_D[i] = rem[i]
        # telogen end: the club hair is shed; kenogen or a new anagen
        i = done[ph == TELOGEN]
        if i.size:
            if d >= 0:
                shed[d] += i.size
            m = mlev[i]
            pk = sp.pK + m * (sp.pKm - sp.pK)
            to_k = rng.random(i.size) < pk
            ik = i[to_k]
            mk = sp.mK + m[to_k] * (sp.mKm - sp.mK)
            phase[ik] = KENOGEN
            rem[ik] = mk * np.exp(mu_k + sg_k * rng.standard_normal(ik.size))
            rem0[ik] = rem[ik]
            rest_D[ik] += rem[ik]
            vis_from[ik] = INF
            start_anagen(i[~to_k], day)
        # kenogen -> anagen
        i = done[ph == KENOGEN]
        if i.size:
            start_anagen(i, day)
        kind[done] = phase[done] + 4 * resp[done]

    return _make_result("numpy day-stepped", sp, counts, shed, total, nonv, dsum, n_changes)


def _treated_time_left(sp, t, rem):
    """Wall-clock times from day boundary t until the anagen clock has run ``rem`` more."""
    return np.array([_time_to_run(sp.speedA_list, int(t), float(r)) for r in rem])


def _time_to_run(speeds, t: int, amount: float) -> float:
    """Time needed from day boundary t for a clock with daily ``speeds`` to run ``amount``."""
    tt = 0.0
    day = t
    while amount > 0:
        s = speeds[day] if 0 <= day < len(speeds) else 1.0
        if s >= amount:
            return tt + amount / s
        amount -= s
        tt += 1.0
        day += 1
    return tt


# ------------------------------------------------------------------------------------------------
# (b1) plain Python, day by day and follicle by follicle
# ------------------------------------------------------------------------------------------------
class _FollicleState:
    """One follicle's state for the per-follicle day-stepped versions (Python loop and Mesa)."""

    __slots__ = ("phase", "rem", "rem0", "k", "d0", "diam", "mlev", "vis_from", "sus", "resp", "F",
                 "rest_start", "rest_D", "woken")


def _init_follicle(sp, rnd: random.Random, f: _FollicleState):
    mu, sg = sp.lnD0
    f.d0 = sp.dmean * rnd.lognormvariate(mu, sg)
    f.sus = rnd.random() < sp.f_sus
    f.resp = rnd.random() < sp.resp_frac
    f.F = sp.release_time(1.0 - rnd.random()) if f.resp else INF
    u = rnd.random()
    acc = 0.0
    ph = 3
    for j, w in enumerate(sp.init_weights):
        acc += w
        if u < acc:
            ph = j
            break
    mu, sg = _lognormal(*sp.init[ph])
    L = rnd.lognormvariate(mu + sg * sg, sg)
    el = rnd.random() * L
    f.phase, f.rem = ph, L - el
    f.rem0 = f.rem
    f.rest_start = float(sp.t0)
    f.rest_D = f.rem if ph >= TELOGEN else 0.0
    f.woken = False
    f.k = 0
    f.diam = f.d0
    f.mlev = 0.0
    f.vis_from = sp.t0 - el + sp.emerg if ph == ANAGEN else (INF if ph == KENOGEN else -INF)


def _start_anagen(sp, rnd, f, day):
    f.k += 1
    if f.sus:
        mean = max(sp.mA * sp.shorten**f.k, min(sp.mA, sp.a_min))
        dk = max(f.d0 * (1.0 - sp.mini) ** f.k, min(f.d0, sp.vd))
    else:
        mean, dk = sp.mA, f.d0
    f.mlev = sp.mini_level(f.d0, dk)
    if f.resp and sp.thicken > 0:
        dk += sp.thicken * sp.exposure_at(day) * (f.d0 - dk)
    if f.resp and sp.wake > 0 and sp.persist < 1:
        adv = f.rest_D - (day - f.rest_start)
        f.woken = adv > 0 and day < f.F < day + adv
    f.phase = ANAGEN
    sg = sp.lnA[1]
    f.rem = f.rem0 = rnd.lognormvariate(math.log(mean) - sg * sg / 2, sg)
    f.diam = dk
    f.vis_from = day + sp.emerg


def _step_follicle(sp, rnd, f, d, sa, sw, out_shed):
    """Advance one follicle over [d, d+1). Returns 1 if it changed phase, else 0."""
    ph = f.phase
    if f.resp and f.rem0 != INF:  # rem0 = INF: past the hold, the rest runs at speed 1
        f.rem -= sa if ph == ANAGEN else (sw if ph >= TELOGEN else 1.0)
        f.rem0 -= 1.0
        # persistence: once its hold has broken (F), an anagen moves on if its untreated end has
        # passed or it was woken, unless its end under the clock came first
        if (ph == ANAGEN and f.rem > 0 and d + 1 >= f.F and (f.rem0 <= 0 or f.woken)
                and sp.persist < 1):
            if sp.persist == 0:
                f.rem = 0.0
            else:
                f.rem = sp.persist * _time_to_run(sp.speedA_list, d + 1, f.rem)
                f.rem0 = INF
                f.woken = False
    else:
        f.rem -= 1.0
    if f.rem > 0:
        return 0
    day = d + 1
    if ph == ANAGEN:
        f.phase = CATAGEN
        f.rem = f.rem0 = rnd.lognormvariate(*sp.lnC)
    elif ph == CATAGEN:
        f.phase = TELOGEN
        f.rem = f.rem0 = rnd.lognormvariate(*sp.lnT)
        f.rest_start, f.rest_D = day, f.rem
    elif ph == TELOGEN:
        if d >= 0:
            out_shed[d] += 1
        m = f.mlev
        if rnd.random() < sp.pK + m * (sp.pKm - sp.pK):
            f.phase = KENOGEN
            mean = sp.mK + m * (sp.mKm - sp.mK)
            f.rem = f.rem0 = rnd.lognormvariate(*_lognormal(mean, sp.cvK))
            f.rest_D += f.rem
            f.vis_from = INF
        else:
            _start_anagen(sp, rnd, f, day)
    else:
        _start_anagen(sp, rnd, f, day)
    return 1


def _stress(sp, rnd, f):
    if f.phase == ANAGEN and rnd.random() < sp.stress_frac:
        f.phase = CATAGEN
        f.rem = f.rem0 = rnd.lognormvariate(*sp.lnC)
        return 1
    return 0


def python_day_loop(params, n_follicles=1_000, years=10, stimulation=None, seed=0, *,
                    start_from=None):
    """Plain Python: for each day, for each follicle, record its state and advance it one day."""
    sp = _Spec(params, n_follicles, years, stimulation, start_from)
    rnd = random.Random(seed)
    nd = sp.n_days
    fol = []
    for _ in range(sp.n):
        f = _FollicleState()
        _init_follicle(sp, rnd, f)
        fol.append(f)
    counts = [0] * (4 * (nd + 1))
    shed = [0] * (nd + 1)
    total = [0] * (nd + 1)
    nonv = [0] * (nd + 1)
    dsum = [0.0] * (nd + 1)
    thr = sp.thr
    stress_day = None if sp.stress_day is None else math.ceil(sp.stress_day)
    n_changes = 0
    for d in range(sp.t0, nd + 1):
        if d == stress_day and sp.stress_frac > 0:
            for f in fol:
                n_changes += _stress(sp, rnd, f)
        if d >= 0:
            c = [0, 0, 0, 0]
            tv = nv = 0
            ds = 0.0
            for f in fol:
                c[f.phase] += 1
                if f.vis_from <= d:
                    tv += 1
                    ds += f.diam
                    if f.diam >= thr:
                        nv += 1
            counts[4 * d: 4 * d + 4] = c
            total[d], nonv[d], dsum[d] = tv, nv, ds
        if d == nd:
            break
        sa = sp.speedA_list[d] if d >= 0 else 1.0
        sw = sp.speedW_list[d] if d >= 0 else 1.0
        for f in fol:
            n_changes += _step_follicle(sp, rnd, f, d, sa, sw, shed)
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
        # binary search on the cumulative clock
        lo, hi = 0, self.n
        c = self.c
        while hi - lo > 1:
            mid = (lo + hi) >> 1
            if c[mid] <= y:
                lo = mid
            else:
                hi = mid
        return lo + (y - c[lo]) / self.s[lo]


def python_event_loop(params, n_follicles=10_000, years=10, stimulation=None, seed=0, *,
                      start_from=None):
    """Plain Python, event-driven: follow each follicle phase by phase in continuous time and add
    each interval to difference arrays (no day rounding)."""
    sp = _Spec(params, n_follicles, years, stimulation, start_from)
    rnd = random.Random(seed)
    nd = sp.n_days
    H = nd + 1  # horizon: nothing at or after day nd + 1 is recorded
    diff = [[0] * (nd + 2) for _ in range(4)]
    dtot = [0] * (nd + 2)
    dnv = [0] * (nd + 2)
    ddia = [0.0] * (nd + 2)
    shed = [0] * (nd + 1)
    clockA = _Clock(sp.speedA_list) if sp.stim is not None else None
    clockW = _Clock(sp.speedW_list) if sp.stim is not None else None
    p = sp.persist
    lnC, lnT = sp.lnC, sp.lnT
    sgA = sp.lnA[1]
    t0 = float(sp.t0)
    sdays = sp.stress_day
    n_changes = 0
    ceil = math.ceil

    def add(arr, a, b, v=1):
        lo = ceil(a) if a > 0 else 0
        hi = ceil(b) if b < H else H
        if lo < hi:
            arr[lo] += v
            arr[hi] -= v

    def end_of(s, D, clock, F=INF, woken=False):
        """End of a phase of intrinsic duration D that starts at s (contract: persistence).

        T1: end under the clock; T0 = s + D; F: when the follicle's hold breaks. T_p0 =
        min(T1, max(T0, F)), or min(T1, F) for a woken anagen (one the wake clock started
        before F that would otherwise still be resting at F); end = T_p0 + p·(T1 − T_p0)."""
        T0 = s + D
        if clock is None:
            return T0
        T1 = clock.inv(clock.C(s) + D)
        if p >= 1:
            return T1
        Tp0 = min(T1, F) if woken else min(T1, max(T0, F))
        return Tp0 + p * (T1 - Tp0)

    for _ in range(sp.n):
        d0 = sp.dmean * rnd.lognormvariate(*sp.lnD0)
        sus = rnd.random() < sp.f_sus
        resp = rnd.random() < sp.resp_frac
        F = sp.release_time(1.0 - rnd.random()) if resp else INF
        cA = clockA if resp else None
        cW = clockW if resp else None
        u = rnd.random()
        acc, ph = 0.0, 3
        for j, w in enumerate(sp.init_weights):
            acc += w
            if u < acc:
                ph = j
                break
        mu, sg = _lognormal(*sp.init[ph])
        L = rnd.lognormvariate(mu + sg * sg, sg)
        el = rnd.random() * L
        t = t0  # start of the current phase's remaining part
        R = L - el
        k = 0
        diam, mlev = d0, 0.0
        a_start = t0 - el if ph == ANAGEN else -INF  # anagen start of the current hair
        hair_open = ph != KENOGEN
        # natural (untreated) end of the current rest, to know whether an anagen was woken
        natural = t0 + R if ph >= TELOGEN else INF
        woken = False
        stress_pending = sdays is not None and sp.stress_frac > 0
        while t < H:
            if ph == ANAGEN:
                end = end_of(t, R, cA, F, woken)
                if stress_pending and t <= sdays < end:
                    stress_pending = False
                    if rnd.random() < sp.stress_frac:
                        end = sdays
                add(diff[0], t, end)
                t, ph = end, CATAGEN
                R = rnd.lognormvariate(*lnC)
            elif ph == CATAGEN:
                end = t + R
                add(diff[1], t, end)
                t, ph = end, TELOGEN
                R = rnd.lognormvariate(*lnT)
                natural = t + R
            elif ph == TELOGEN:
                end = end_of(t, R, cW)
                add(diff[2], t, end)
                # the hair: visible from its anagen start + emergence until the telogen end
                v = a_start + sp.emerg
                add(dtot, v, end)
                if diam >= sp.thr:
                    add(dnv, v, end)
                add(ddia, v, end, diam)
                hair_open = False
                if 0 <= end < H:
                    shed[int(end)] += 1
                t = end
                if rnd.random() < sp.pK + mlev * (sp.pKm - sp.pK):
                    ph = KENOGEN
                    R = rnd.lognormvariate(*_lognormal(sp.mK + mlev * (sp.mKm - sp.mK), sp.cvK))
                    natural += R
                else:
                    ph = -1  # a new anagen starts now
            else:  # KENOGEN
                end = end_of(t, R, cW)
                add(diff[3], t, end)
                t = end
                ph = -1
            n_changes += 1
            if ph == -1 and t < H:
                k += 1
                if sus:
                    mean = max(sp.mA * sp.shorten**k, min(sp.mA, sp.a_min))
                    dk = max(d0 * (1.0 - sp.mini) ** k, min(d0, sp.vd))
                else:
                    mean, dk = sp.mA, d0
                mlev = sp.mini_level(d0, dk)
                if resp and sp.thicken > 0:
                    dk += sp.thicken * sp.exposure_at(t) * (d0 - dk)
                diam = dk
                a_start = t
                woken = resp and sp.wake > 0 and natural - t > 0 and t < F < natural
                hair_open = True
                ph = ANAGEN
                R = rnd.lognormvariate(math.log(mean) - sgA * sgA / 2, sgA)
        if hair_open:  # a hair still on the scalp at the horizon
            v = a_start + sp.emerg
            add(dtot, v, INF)
            if diam >= sp.thr:
                add(dnv, v, INF)
            add(ddia, v, INF, diam)

    def cum(a):
        out, acc = [], 0
        for v in a[: nd + 1]:
            acc += v
            out.append(acc)
        return out

    cols = [cum(diff[j]) for j in range(4)]
    counts = [x for row in zip(*cols) for x in row]
    return _make_result("Python event loop", sp, counts, shed, cum(dtot), cum(dnv), cum(ddia),
                        n_changes)


# ------------------------------------------------------------------------------------------------
# (c) Mesa 3
# ------------------------------------------------------------------------------------------------
def mesa_day_stepped(params, n_follicles=500, years=10, stimulation=None, seed=0, *,
                     start_from=None):
    """Mesa 3: one Agent per follicle; each day the model records the state and calls
    ``self.agents.shuffle_do("step")``. Needs ``mesa`` (the ``bench`` extra)."""
    import mesa  # noqa: PLC0415 (optional dependency)

    sp = _Spec(params, n_follicles, years, stimulation, start_from)

    class Follicle(mesa.Agent):
        def __init__(self, model):
            super().__init__(model)
            self.s = _FollicleState()
            _init_follicle(model.sp, model.random, self.s)

        def step(self):
            m = self.model
            m.n_changes += _step_follicle(m.sp, m.random, self.s, m.day, m.sa, m.sw, m.shed)

    class Scalp(mesa.Model):
        def __init__(self, sp, seed):
            super().__init__(seed=seed)
            self.sp = sp
            self.day = sp.t0
            self.sa = self.sw = 1.0
            nd = sp.n_days
            self.counts = [0] * (4 * (nd + 1))
            self.shed = [0] * (nd + 1)
            self.total = [0] * (nd + 1)
            self.nonv = [0] * (nd + 1)
            self.dsum = [0.0] * (nd + 1)
            self.n_changes = 0
            for _ in range(sp.n):
                Follicle(self)

        def record(self):
            d, thr = self.day, self.sp.thr
            c = [0, 0, 0, 0]
            tv = nv = 0
            ds = 0.0
            for a in self.agents:
                f = a.s
                c[f.phase] += 1
                if f.vis_from <= d:
                    tv += 1
                    ds += f.diam
                    if f.diam >= thr:
                        nv += 1
            self.counts[4 * d: 4 * d + 4] = c
            self.total[d], self.nonv[d], self.dsum[d] = tv, nv, ds

        def step(self):
            d = self.day
            sp = self.sp
            if sp.stress_day is not None and d == math.ceil(sp.stress_day) and sp.stress_frac > 0:
                for a in self.agents:
                    self.n_changes += _stress(sp, self.random, a.s)
            if d >= 0:
                self.record()
            if d < sp.n_days:
                self.sa = sp.speedA_list[d] if d >= 0 else 1.0
                self.sw = sp.speedW_list[d] if d >= 0 else 1.0
                self.agents.shuffle_do("step")
            self.day += 1

    model = Scalp(sp, seed)
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
