"""The tuned compiled peer: hairsim's model as a numba loop over follicles, serial or threaded.

This is how one would write the model to be fast without hairsim's vectorized engine: one
compiled loop that takes each follicle through its cycles in continuous time, phase by phase,
with

* the constants hoisted: every lognormal's (μ, σ) and every AGA log-factor computed once, in
  Python, before the loop;
* one SplitMix64 generator per follicle (seeded from the run key and the follicle number, so a
  follicle's course does not depend on which thread runs it, or in which order): 64 bits give two
  32-bit uniforms, or two normals by Box–Muller; a cycle takes three draws, and only the numbers it
  needs (a kenogen duration or a club retention, not both);
* difference arrays, the tuned way of counting: +1 at ceil(start), −1 at ceil(end) per phase
  boundary and per visible hair, one release per shed, each thread into its own arrays, summed
  and cumulated once at the end;
* a held club hair kept as the follicle's "pending" hair until the next cycle is drawn, so the
  rule "released at the latest when the hair beside it ends its telogen" is a ``min`` instead of
  a correction;
* the phases of cycles that end before day 0 not recorded (their +1 and −1 cancel at index 0).

The model is hairsim's (``hairsim/engine.py``: ``_setup``, ``_cycle0``, ``_cycle``, ``_next``,
``_segments``; ``docs/model.md``): the stationary start (a non-susceptible follicle in
its cycle's stationary state on day 0, a susceptible one at its own AGA onset), exogen retention
(lognormal, released at the latest when the next hair ends its telogen; a club held at the start
shows once its own hair had emerged), vellus follicles, AGA by
years since each follicle's own onset (recruitment spread over ``aga_onset_spread_years``) and by
cycles since it, kenogen more frequent and longer as a follicle miniaturizes, and a telogen
effluvium stress. The random numbers are its own, so it agrees with :func:`hairsim.simulate`
statistically, not number for number (``benchmarks/check_numba_peer.py``).

Not covered (a ``ValueError`` says so): the hypothetical stimulation, ``start_from``, and
per-follicle parameter arrays. numba is in the ``bench`` extra only; hairsim never imports this.

Usage::

    from benchmarks import numba_peer
    numba_peer.compile()      # compiles (tens of seconds, once: numba caches it on disk)
    r = numba_peer.simulate(hs.presets.aga_moderate(), 100_000, 10, seed=1, threads=2)
    r.density, r.shed, r.anagen ...           # a BaselineResult: the daily series of hairsim.Result

With the same seed the result is identical, number for number, for any number of threads.
"""

from __future__ import annotations

import math
import time
import numba
import numpy as np
from numba import njit, prange

from benchmarks.baselines import BaselineResult

__all__ = ["simulate", "compile"]

# ------------------------------------------------------------------------------------------------
# SplitMix64 (Steele, Lea & Flood 2014), one generator per follicle
# ------------------------------------------------------------------------------------------------
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_U1 = np.uint64(1)
_U27, _U30, _U31, _U32 = np.uint64(27), np.uint64(30), np.uint64(31), np.uint64(32)
_MASK32 = np.uint64(0xFFFFFFFF)
_TWO_M32 = 2.0 ** -32
_TWO_PI = 2.0 * math.pi


@njit(inline="always")
def _mix(z):
    z = (z ^ (z >> _U30)) * _M1
    z = (z ^ (z >> _U27)) * _M2
    return z ^ (z >> _U31)


@njit(inline="always")
def _seed(key, fid):
    return _mix((fid + _U1) * _GOLDEN ^ key)


@njit(inline="always")
def _uniforms(st):
    """The next state and two uniforms in (0, 1) from its 64 bits (32 each)."""
    st = st + _GOLDEN
    z = _mix(st)
    return st, ((z >> _U32) + 0.5) * _TWO_M32, ((z & _MASK32) + 0.5) * _TWO_M32


@njit(inline="always")
def _normals(st):
    """The next state and two standard normals (Box–Muller on two 32-bit uniforms)."""
    st, u1, u2 = _uniforms(st)
    r = math.sqrt(-2.0 * math.log(u1))
    a = _TWO_PI * u2
    return st, r * math.cos(a), r * math.sin(a)


# ------------------------------------------------------------------------------------------------
# the hoisted constants: one float64 array, indexed by these names
# ------------------------------------------------------------------------------------------------
_NAMES = (
    # lognormal (mu, sigma) of the fixed-mean laws: d = exp(mu + sigma·z)
    "MU_A", "S_A", "MU_C", "S_C", "MU_T", "S_T", "MU_K", "S_K", "MU_X", "S_X",
    # the anagen and kenogen laws with a varying mean m: d = m·exp(sigma·z + shift)
    "SH_A", "SH_K",
    # length-biased laws of the start phase (mu + sigma², sigma) for anagen … kenogen
    "MB_0", "MB_1", "MB_2", "MB_3",
    # cumulative start weights (A, C, T, p_K·K means)
    "W_0", "W_1", "W_2", "W_SUM",
    # follicles
    "VFF", "D_TERM", "D_VEL", "MU_D0", "S_D0", "THR", "EMERGE", "A0", "PK", "K0",
    # AGA
    "F_SUS", "SPREAD_DAYS", "L_SY", "L_SC", "L_MY", "L_MC", "A_FLOOR", "VD", "PKM", "KM",
    # telogen effluvium: stress instant (internal time; -inf: none) and share
    "T_STRESS", "F_STRESS",
)
for _i, _name in enumerate(_NAMES):
    globals()["_" + _name] = _i
_N_CONST = len(_NAMES)

# rows of the difference arrays: five phase boundaries (anagen start, anagen end = catagen start,
# catagen end, telogen end, kenogen end), visible hairs, non-vellus visible hairs, diameter sums
# (whole picometres, so sums are exact in any order)
_R_AS, _R_AE, _R_CE, _R_TE, _R_KE, _R_VIS, _R_NV, _R_DIAM = range(8)
_N_ROWS = 8


def _ln(mean: float, cv: float, biased: bool = False) -> tuple[float, float]:
    """(mu, sigma) of the lognormal with this mean and CV (or of its length-biased law)."""
    s2 = math.log1p(cv * cv)
    if mean <= 0:
        return -math.inf, math.sqrt(s2)
    return math.log(mean) + (0.5 * s2 if biased else -0.5 * s2), math.sqrt(s2)


def _constants(p, t_on: float) -> np.ndarray:
    c = np.zeros(_N_CONST)
    put = lambda name, v: c.__setitem__(_NAMES.index(name), float(v))  # noqa: E731
    laws = [(p.anagen_mean_days, p.anagen_cv), (p.catagen_mean_days, p.catagen_cv),
            (p.telogen_mean_days, p.telogen_cv), (p.kenogen_mean_days, p.kenogen_cv)]
    for tag, (mean, cv) in zip("ACTK", laws):
        mu, s = _ln(mean, cv)
        put("MU_" + tag, mu)
        put("S_" + tag, s)
    mu, s = _ln(p.exogen_mean_days, p.exogen_cv)
    put("MU_X", mu)
    put("S_X", s)
    put("SH_A", -0.5 * math.log1p(p.anagen_cv ** 2))
    put("SH_K", -0.5 * math.log1p(p.kenogen_cv ** 2))
    for i, (mean, cv) in enumerate(laws):
        put(f"MB_{i}", _ln(mean, cv, biased=True)[0])
    w = np.cumsum([laws[0][0], laws[1][0], laws[2][0], p.p_kenogen * laws[3][0]])
    for i in range(3):
        put(f"W_{i}", w[i])
    put("W_SUM", w[3])
    put("VFF", p.vellus_follicle_fraction)
    put("D_TERM", p.diameter_um)
    put("D_VEL", p.vellus_diameter_um)
    mu, s = _ln(1.0, p.diameter_cv)
    put("MU_D0", mu)
    put("S_D0", s)
    put("THR", p.vellus_threshold_um)
    put("EMERGE", p.emergence_days)
    put("A0", p.anagen_mean_days)
    put("PK", p.p_kenogen)
    put("K0", p.kenogen_mean_days)
    put("F_SUS", p.aga_susceptible_fraction)
    put("SPREAD_DAYS", 365.0 * p.aga_onset_spread_years)
    put("L_SY", math.log(p.anagen_shortening_per_year))
    put("L_SC", math.log(p.anagen_shortening))
    put("L_MY", math.log1p(-p.miniaturization_per_year))
    put("L_MC", math.log1p(-p.miniaturization))
    put("A_FLOOR", min(p.anagen_mean_days, p.anagen_min_days))
    put("VD", p.vellus_diameter_um)
    put("PKM", p.p_kenogen if p.p_kenogen_miniaturized is None else p.p_kenogen_miniaturized)
    put("KM", p.kenogen_mean_days if p.kenogen_miniaturized_days is None else p.kenogen_miniaturized_days)
    stressed = p.stress_day is not None and p.stress_anagen_fraction > 0
    put("T_STRESS", p.stress_day + t_on if stressed else -math.inf)
    put("F_STRESS", p.stress_anagen_fraction if stressed else 0.0)
    return c


# ------------------------------------------------------------------------------------------------
# recording
# ------------------------------------------------------------------------------------------------
@njit(inline="always")
def _index(t, t_on, top):
    """The first output day at or after internal time t, clipped to [0, n_days + 1] (= top)."""
    x = t - t_on
    if x <= 0.0:
        return 0
    if x >= top:
        return int(top)
    return int(math.ceil(x))


@njit(inline="always")
def _hair(acc, shed, on, off, d, c, t_on, top):
    """A hair visible on [on, off), released (shed) at ``off``."""
    x = off - t_on
    if x >= 0.0 and x < top:
        shed[int(x)] += 1
    i0 = _index(on, t_on, top)
    i1 = _index(off, t_on, top)
    if i0 < i1:
        acc[_R_VIS, i0] += 1
        acc[_R_VIS, i1] -= 1
        if d >= c[_THR]:
            acc[_R_NV, i0] += 1
            acc[_R_NV, i1] -= 1
        pm = np.int64(round(d * 1e6))
        acc[_R_DIAM, i0] += pm
        acc[_R_DIAM, i1] -= pm


@njit(inline="always")
def _phases(acc, a_s, a_e, c_e, t_e, k_e, t_on, top):
    """One cycle's five phase boundaries (nothing when the cycle is over before day 0)."""
    if k_e > t_on:
        acc[_R_AS, _index(a_s, t_on, top)] += 1
        acc[_R_AE, _index(a_e, t_on, top)] += 1
        acc[_R_CE, _index(c_e, t_on, top)] += 1
        acc[_R_TE, _index(t_e, t_on, top)] += 1
        acc[_R_KE, _index(k_e, t_on, top)] += 1


# ------------------------------------------------------------------------------------------------
# one follicle, from its start to the horizon
# ------------------------------------------------------------------------------------------------
@njit(inline="always")
def _follicle(fid, key, c, t_on, n_days, acc, shed):
    """Simulate follicle ``fid`` and add it to ``acc`` / ``shed``; returns its cycles."""
    top = n_days + 1.0
    horizon = t_on + top  # an anagen that starts at or after this is never seen
    st = _seed(key, fid)

    # ---- once per follicle: kind, diameter, AGA onset ------------------------------------------
    st, u_vel, u_sus = _uniforms(st)
    st, z_d0, z_len = _normals(st)
    vellus = u_vel < c[_VFF]
    d0 = (c[_D_VEL] if vellus else c[_D_TERM]) * math.exp(c[_MU_D0] + c[_S_D0] * z_d0)
    sus = (not vellus) and u_sus < c[_F_SUS]
    st, u_spread, u_pken = _uniforms(st)
    own = 0.0
    base = t_on
    if sus:
        own = u_spread * c[_SPREAD_DAYS]  # the follicle's own onset (internal time)
        base = min(own, t_on)  # it starts in the healthy cycle's stationary state there

    # ---- the stationary state at base -------------------------------------------------------------
    st, u_phase, u_pos = _uniforms(st)
    x = u_phase * c[_W_SUM]
    p0 = 0
    if x >= c[_W_0]:
        p0 = 1
    if x >= c[_W_1]:
        p0 = 2
    if x >= c[_W_2]:
        p0 = 3
    s_len = c[_S_A]
    if p0 == 1:
        s_len = c[_S_C]
    elif p0 == 2:
        s_len = c[_S_T]
    elif p0 == 3:
        s_len = c[_S_K]
    length = math.exp(c[_MB_0 + p0] + s_len * z_len)
    elapsed = u_pos * length
    remain = length - elapsed
    neg = base - elapsed  # when the current phase started
    since = elapsed  # time since the current cycle's anagen started
    emerged = neg + c[_EMERGE]
    if p0 == 1 or p0 == 2:  # the anagen (and catagen) before: when the hair emerged
        st, z_pa, z_pc = _normals(st)
        prev = math.exp(c[_MU_A] + c[_S_A] * z_pa)
        if p0 == 2:
            prev += math.exp(c[_MU_C] + c[_S_C] * z_pc)
        emerged -= prev
        since += prev
    club_end = -math.inf  # the club of the cycle before, if still held
    club_on = base - 1.0  # (seen from before the start)
    if p0 < 3 and u_pken >= c[_PK]:
        st, z_club, _z = _normals(st)
        r = base + math.exp(c[_MU_X] + c[_S_X] * z_club) - since
        if r > base:
            club_end = r
            # it shows only once its own hair had emerged: that cycle's anagen, catagen and
            # telogen came before the current anagen (drawn only when it can matter)
            if since < c[_EMERGE] + 1.0:
                st, z1, z2 = _normals(st)
                st, z3, _z = _normals(st)
                before = (math.exp(c[_MU_A] + c[_S_A] * z1) + math.exp(c[_MU_C] + c[_S_C] * z2)
                          + math.exp(c[_MU_T] + c[_S_T] * z3))
                club_on = max(club_on, base - since - before + c[_EMERGE])

    # ---- cycle 0: the rest of the current phase, then the rest of the cycle -------------------
    st, u_ken, u_str = _uniforms(st)
    st, z1, z2 = _normals(st)
    a_s = neg
    a_e = neg
    c_e = neg
    t_e = neg
    vis = emerged
    if p0 == 0:
        a_e = base + remain
        if neg <= c[_T_STRESS] < a_e and u_str < c[_F_STRESS]:
            a_e = c[_T_STRESS]
        c_e = a_e + math.exp(c[_MU_C] + c[_S_C] * z1)
        t_e = c_e + math.exp(c[_MU_T] + c[_S_T] * z2)
        st, z1, z2 = _normals(st)
    elif p0 == 1:
        c_e = base + remain
        t_e = c_e + math.exp(c[_MU_T] + c[_S_T] * z2)
    elif p0 == 2:
        t_e = base + remain
    if p0 == 3:
        k_e = base + remain
        x_e = t_e
        vis = t_e
    elif u_ken < c[_PK]:
        k_e = t_e + math.exp(c[_MU_K] + c[_S_K] * z1)
        x_e = t_e
    else:
        k_e = t_e
        x_e = t_e + math.exp(c[_MU_X] + c[_S_X] * z1)
    _phases(acc, a_s, a_e, c_e, t_e, k_e, t_on, top)
    if club_end > -math.inf:  # released (seen or not) at the latest when this telogen ends
        _hair(acc, shed, club_on, min(club_end, t_e), d0, c, t_on, top)
    # the current hair, pending until the next cycle says when its club is released at the latest
    h_on, h_off, h_d = min(vis, x_e), x_e, d0
    cycles = 1

    # ---- cycles 1, 2, …: each starts a new anagen at the last one's end -------------------------
    n_aga = 0  # anagens started since the follicle's own onset
    while k_e < horizon:
        s = k_e
        st, u_ken, u_str = _uniforms(st)
        st, z_a, z_c = _normals(st)
        st, z_t, z_2 = _normals(st)
        m_a = c[_A0]
        d = d0
        p_ken = c[_PK]
        m_k = c[_K0]
        if sus:
            if s >= own:
                n_aga += 1
            y = max(s - own, 0.0) * (1.0 / 365.0)
            m_a = max(m_a * math.exp(y * c[_L_SY] + n_aga * c[_L_SC]), c[_A_FLOOR])
            d = max(d0 * math.exp(y * c[_L_MY] + n_aga * c[_L_MC]), min(d0, c[_VD]))
            span = d0 - c[_VD]
            if span > 0.0:
                level = min(max((d0 - d) / span, 0.0), 1.0)
                p_ken += (c[_PKM] - p_ken) * level
                m_k += (c[_KM] - m_k) * level
        a_e = s + m_a * math.exp(c[_S_A] * z_a + c[_SH_A])
        if s <= c[_T_STRESS] < a_e and u_str < c[_F_STRESS]:
            a_e = c[_T_STRESS]
        c_e = a_e + math.exp(c[_MU_C] + c[_S_C] * z_c)
        t_e = c_e + math.exp(c[_MU_T] + c[_S_T] * z_t)
        if u_ken < p_ken:
            k_e = t_e + m_k * math.exp(c[_S_K] * z_2 + c[_SH_K])
            x_e = t_e
        else:
            k_e = t_e
            x_e = t_e + math.exp(c[_MU_X] + c[_S_X] * z_2)
        # the hair of the cycle before: a held club goes at the latest when this telogen ends
        h_off = min(h_off, t_e)
        _hair(acc, shed, min(h_on, h_off), h_off, h_d, c, t_on, top)
        _phases(acc, s, a_e, c_e, t_e, k_e, t_on, top)
        h_on, h_off, h_d = min(s + c[_EMERGE], x_e), x_e, d
        cycles += 1
    _hair(acc, shed, h_on, h_off, h_d, c, t_on, top)
    return cycles


@njit(inline="always")
def _block(b, n, key, c, t_on, n_days, acc, shed, cycles):
    """Block ``b`` of the follicles 0 … n − 1 (``acc.shape[0]`` blocks, one per thread), into its
    own difference arrays."""
    per = (n + acc.shape[0] - 1) // acc.shape[0]
    a = acc[b]
    s = shed[b]
    total = 0
    for i in range(b * per, min(n, (b + 1) * per)):
        total += _follicle(np.uint64(i), key, c, t_on, n_days, a, s)
    cycles[b] = total


# Two kernels, serial and threaded. (Two separate functions, not one compiled twice: numba's
# on-disk cache is keyed by the function, so one function compiled with and without
# parallel=True would load one variant's machine code for both.) The cache lives in
# benchmarks/__pycache__: compiling takes tens of seconds, loading it about a second.
@njit(nogil=True, cache=True)
def _serial(n, key, c, t_on, n_days, acc, shed, cycles):
    for b in range(acc.shape[0]):
        _block(b, n, key, c, t_on, n_days, acc, shed, cycles)


@njit(nogil=True, parallel=True, cache=True)
def _threaded(n, key, c, t_on, n_days, acc, shed, cycles):
    for b in prange(acc.shape[0]):
        _block(b, n, key, c, t_on, n_days, acc, shed, cycles)


# ------------------------------------------------------------------------------------------------
# the public side
# ------------------------------------------------------------------------------------------------
def _check(params, n_follicles, years, threads, stimulation, start_from):
    import numbers

    import hairsim as hs

    if isinstance(params, str):
        params = hs.presets.get(params)
    if not isinstance(params, hs.Params):
        raise TypeError(f"The 'params' parameter must be a hairsim.Params or a preset name; "
                        f"got {type(params).__name__}.")
    if stimulation is not None:
        raise ValueError("The 'stimulation' parameter must be None: the numba peer covers the "
                         f"untreated model only; got {stimulation!r}.")
    if start_from is not None:
        raise ValueError("The 'start_from' parameter must be None: the numba peer starts from the "
                         f"params' own stationary state; got {start_from!r}.")
    arrays = params.array_fields()
    if arrays:
        raise ValueError(f"The '{next(iter(arrays))}' parameter must be a scalar for the numba peer "
                         "(per-follicle arrays are not supported); got an array.")
    if isinstance(n_follicles, bool) or not isinstance(n_follicles, numbers.Integral) \
            or not 1 <= n_follicles <= 100_000_000:
        raise ValueError(f"The 'n_follicles' parameter must be a whole number in [1, 100,000,000]; "
                         f"got {n_follicles!r}.")
    if isinstance(years, bool) or not isinstance(years, numbers.Real) or not 0 < float(years) <= 200:
        raise ValueError(f"The 'years' parameter must be a float in (0, 200]; got {years!r}.")
    max_threads = numba.config.NUMBA_NUM_THREADS
    if isinstance(threads, bool) or not isinstance(threads, numbers.Integral) \
            or not 1 <= threads <= max_threads:
        raise ValueError(f"The 'threads' parameter must be a whole number in [1, {max_threads}] "
                         f"(numba's thread pool on this machine); got {threads!r}.")
    return params


def simulate(params, n_follicles: int = 10_000, years: float = 10, seed: int = 0, threads: int = 1,
             *, stimulation=None, start_from=None) -> BaselineResult:
    """Run the model with the compiled per-follicle loop.

    ``threads`` = 1 runs the serial compilation; more runs the ``prange`` one on that many numba
    threads, each on its own block of follicles with its own difference arrays. The result does not
    depend on ``threads``. The first call of each kind compiles it (see :func:`compile`).
    Returns a :class:`benchmarks.baselines.BaselineResult`, like the other baselines."""
    p = _check(params, n_follicles, years, threads, stimulation, start_from)
    n = int(n_follicles)
    n_days = int(round(365.0 * float(years)))
    t_on = float(round(365.0 * float(p.years_since_onset)))
    c = _constants(p, t_on)
    key = np.random.SeedSequence(int(seed)).generate_state(1, dtype=np.uint64)[0]
    blocks = int(threads)
    acc = np.zeros((blocks, _N_ROWS, n_days + 2), dtype=np.int64)
    shed = np.zeros((blocks, n_days + 1), dtype=np.int64)
    cycles = np.zeros(blocks, dtype=np.int64)
    if threads == 1:
        _serial(n, key, c, t_on, n_days, acc, shed, cycles)
    else:
        before = numba.get_num_threads()
        numba.set_num_threads(int(threads))
        try:
            _threaded(n, key, c, t_on, n_days, acc, shed, cycles)
        finally:
            numba.set_num_threads(before)
    a = acc.sum(axis=0)
    b = a[:_R_VIS]
    phase = np.cumsum(b[:-1] - b[1:], axis=1)[:, : n_days + 1]  # A, C, T, K from the boundaries
    vis, nv, dsum = (np.cumsum(a[r])[: n_days + 1] for r in (_R_VIS, _R_NV, _R_DIAM))
    area = n / p.follicles_per_cm2
    diam = dsum * 1e-6
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_d = np.where(vis > 0, diam / np.maximum(vis, 1), np.nan)
    return BaselineResult(method=f"numba peer ({'serial' if threads == 1 else f'{threads} threads'})",
                          n_follicles=n, years=float(years), area_cm2=area, days=np.arange(n_days + 1),
                          anagen=phase[0], catagen=phase[1], telogen=phase[2], kenogen=phase[3],
                          shed=shed.sum(axis=0), visible=vis, visible_nonvellus=nv, diameter_sum=diam,
                          density=nv / area, total_density=vis / area, mean_diameter=mean_d,
                          n_phase_changes=4 * int(cycles.sum()), notes=dict(threads=int(threads)))


def compile(threads: int = 2) -> dict:
    """Compile the serial and the threaded loop (a tiny run of each); returns the seconds each
    took (loading from numba's on-disk cache after the first time). Benchmarks call this first, so
    that their timings exclude compilation."""
    import hairsim as hs

    out = {}
    p = hs.presets.aga_moderate()
    t = time.perf_counter()
    simulate(p, 10, 0.1, threads=1)
    out["serial_s"] = time.perf_counter() - t
    t = time.perf_counter()
    simulate(p, 10, 0.1, threads=max(2, min(threads, numba.config.NUMBA_NUM_THREADS)))
    out["threaded_s"] = time.perf_counter() - t
    return out
