"""The event-driven kernel: all follicles advance one hair cycle at a time, vectorized.

The cost grows with the number of phase changes, not with follicles × days:

* every iteration takes each still-active follicle through one whole cycle (anagen → catagen →
  telogen → kenogen or not; the club hair released in exogen during the next anagen) with a
  handful of array operations;
* intervals become daily counts through difference arrays (+1 at the first day, −1 after the
  last: a ``bincount`` per boundary per cycle, one ``cumsum`` at the end); shedding is a
  ``bincount`` of release days;
* random numbers are counter-based (``_random.py``), keyed by follicle and cycle, so chunks of
  follicles are independent and scenarios with the same seed share their noise.

**A hypothetical stimulation** changes only its responders, and only from their first cycle
that ends after it starts (cycle c0). The run is the untreated run of every follicle, minus the
responders' untreated cycles from c0 on, plus their *branch*: the same follicles simulated with
the stimulation's clocks (a phase of intrinsic duration D that starts at s ends at
C⁻¹(C(s) + D), one table lookup for all follicles). A responder that keeps nothing after
stopping (``persistence``) falls back onto its untreated course when its exposure has faded
(its release time F): a hair the stimulation holds in anagen moves into catagen, the follicle
rests until the anagen its untreated course is in (or starts next), and from that anagen's end on
it *is* the untreated follicle again. Only a bounded window of each such responder's untreated
cycles is needed, so the branch is short; a responder that keeps its gain is simulated to the
end. All differences are integer counts, so the result is exact and independent of chunking.

Day d's counts are the state at the instant t = d: a follicle is in a phase on day d when the
phase started at or before d and ends after d.
"""

from __future__ import annotations

import math

import numpy as np

from ._limits import MAX_BYTES, MAX_PHASE_CHANGES, too_large
from ._progress import progress_bar
from ._random import MAX_CYCLES, Streams, resolve_seed
from ._validation import (Bound, Flag, HasMethods, InstanceOf, Interval, InvalidParameterError,
                          ParamsOrPreset, Seed, Sequence, describe_value, fail, lognormal_mu_sigma,
                          validate_params)
from .params import Params, Stimulation

__all__ = ["simulate", "DEFAULT_CHUNK", "ENGINE_VERSION", "MAX_PHASE_CHANGES", "MAX_BYTES"]

#: The engine and random-stream version stored with every result (and its file). The same seed gives
#: the same numbers only within one version. 1: hairsim 0.1 (up to November 2026). 2: exogen,
#: vellus follicles, AGA by time under androgen, each follicle started at its own onset, a
#: stimulation as a branch that falls back onto the untreated course.
ENGINE_VERSION = 2

# 32,768 follicles a chunk: the arrays stay in cache (measured 20 ns per phase change, 33 at 1 << 17)
DEFAULT_CHUNK = 1 << 15
# The boundaries whose daily bincounts are accumulated; the series are differences of them.
_A_START, _A_END, _C_END, _T_END, _K_END, _V_ON, _V_OFF, _V_ON_NV, _V_OFF_NV = range(9)
_N_ROWS = 9
# Box–Muller on 24-bit uniforms: |z| < sqrt(2·25·ln 2) < 5.9, so a lognormal draw is at most
# mean·exp(5.9σ − σ²/2)
_Z_MAX = 5.9
# deferred indices are counted once this many have been collected (bounded memory)
_FLUSH_AT = 1 << 22
# the streams every cycle draws from, in one pass (normals from the first three)
_CYCLE_STREAMS = (Streams.AC, Streams.TK, Streams.EXOGEN, Streams.CHOICE)
_CYCLE_KEYS = ("a_start", "a_end", "c_end", "t_end", "k_end", "x_end", "vis_start", "hair",
               "pre_on", "pre_off", "pre_d", "cut", "club_x", "club_vis", "club_d")


def _lognormal(mean, cv, z, biased=False):
    """Lognormal with the given mean and CV from standard normals z (length-biased if asked).

    The length-biased law of a lognormal(μ, σ) is lognormal(μ + σ², σ): its mean is
    mean·(1 + cv²). With a scalar CV the exponent stays in float32 (z's precision).
    """
    mu1, s = lognormal_mu_sigma(1.0, cv)  # μ of a mean-1 lognormal is −σ²/2
    return mean * np.exp(s * z + (-mu1 if biased else mu1))


def _cycle_draws(rs, fid, k):
    """A cycle's random numbers, all four streams in one pass: the normals of anagen, telogen,
    exogen, catagen and kenogen, then the uniforms of the kenogen choice and the stress."""
    u1, u2 = rs.uniforms(rs.bits_many(_CYCLE_STREAMS, fid, k))   # rows: AC, TK, EXOGEN, CHOICE
    z1, z2 = rs.box_muller(u1[:3], u2[:3])
    (z_a, z_t, z_x), (z_c, z_k, _) = z1, z2
    return z_a, z_t, z_x, z_c, z_k, u1[3], u2[3]


def _pick(v, idx):
    """A per-follicle array's values at ``idx``, or the scalar itself."""
    return v[idx] if isinstance(v, np.ndarray) else v


def _onset_days(params):
    """Days from each follicle's AGA onset to day 0 (internal time 0 is the earliest onset)."""
    return np.round(365.0 * np.asarray(params.years_since_onset, dtype=float))


def _take(d: dict, sel) -> dict:
    """The rows ``sel`` of every array in a dict of per-follicle arrays (None stays None)."""
    return {k: (v[sel] if isinstance(v, np.ndarray) else v) for k, v in d.items()}


class _Clock:
    """A piecewise-linear clock on the daily grid: speed[d] during day d (d = 0 … G−1).

    ``forward`` is an index lookup; ``inverse`` a bucket lookup (buckets as wide as the slowest
    day, so each holds at most one knot of the cumulative clock) with a one-step correction.
    Before time 0 and after the grid the clock runs at the first / last day's speed.
    """

    def __init__(self, speed: np.ndarray):
        self.speed = np.asarray(speed, dtype=float)
        self.c = np.concatenate(([0.0], np.cumsum(self.speed)))
        self.last = self.speed.size  # the grid covers [0, last]
        # inverse lookup table: buckets of width h = the slowest speed hold at most one knot
        # each, so a clock value's day is base[bucket] or the next (O(1), no binary search)
        h = float(self.speed.min())
        self._inv_h = 1.0 / h
        self._nb = int(self.c[-1] / h) + 2
        self._base = np.searchsorted(self.c, np.arange(self._nb) * h, side="right") - 1
        self._cpad = np.concatenate((self.c, [np.inf]))

    def forward(self, t):
        day = np.clip(np.floor(t), 0, self.last - 1).astype(np.intp)
        return self.c[day] + (t - day) * self.speed[day]

    def inverse(self, c):
        i = self._base[np.clip(c * self._inv_h, 0, self._nb - 1).astype(np.intp)]
        i -= self._cpad[np.maximum(i, 0)] > c  # guard against the rounding of c / h
        i += self._cpad[i + 1] <= c
        day = np.clip(i, 0, self.last - 1)  # = searchsorted(c, side="right") - 1, clipped
        return day + (c - self.c[day]) / self.speed[day]

    def end(self, start, duration):
        """When a phase of intrinsic duration ``duration`` that starts at ``start`` ends."""
        return self.inverse(self.forward(start) + duration)


class _Acc:
    """Accumulators of one sign: boundary counts per (group, day), diameter sums, shedding.

    A bincount costs the number of indices plus the number of bins (groups × days); records are
    often smaller than the bins (many groups, or a stimulation's small batches), so indices are
    collected and counted together once there are more of them than bins (and at most about
    ``_FLUSH_AT``: memory stays bounded however long the run)."""

    def __init__(self, n_groups: int, n_days: int):
        self.stride = n_days + 2
        self.m = n_groups * self.stride
        self.m_shed = n_groups * (n_days + 1)
        self.bounds = np.zeros((_N_ROWS, self.m), dtype=np.int64)
        self.dsum = np.zeros(self.m, dtype=float)  # diameters in whole picometres: exact sums
        self.shed = np.zeros(self.m_shed, dtype=np.int64)
        self._pending = None
        self._count = 0
        self._flush_at = min(max(self.m, 1 << 17), _FLUSH_AT)

    def add(self, rows, d_on, d_off, pm, shed):
        """``rows``: (row, indices) pairs; ``d_on``/``d_off``: visible-start/end indices with their
        diameters ``pm`` (picometres); ``shed``: release-day indices."""
        if self._pending is None:  # collected, and counted when there are enough
            if d_on.size >= self.m:  # a record as large as the bins is counted as it comes
                self._count_now(rows, d_on, d_off, pm, shed)
                return
            self._pending = ([[] for _ in range(_N_ROWS)], [], [], [], [])
        p = self._pending
        for row, i in rows:
            p[0][row].append(i)
            self._count += i.size
        p[1].append(d_on)
        p[2].append(d_off)
        p[3].append(pm)
        p[4].append(shed)
        if self._count > self._flush_at:
            self.flush()

    def _count_now(self, rows, d_on, d_off, pm, shed):
        for row, i in rows:
            if i.size:
                self.bounds[row] += np.bincount(i, minlength=self.m)
        if d_on.size:
            self.dsum += np.bincount(d_on, weights=pm, minlength=self.m)
            self.dsum -= np.bincount(d_off, weights=pm, minlength=self.m)
        if shed.size:
            self.shed += np.bincount(shed, minlength=self.m_shed)

    def flush(self):
        if self._pending is None:
            return
        rows_lists, on, off, pm, shed = self._pending
        self._pending, self._count = None, 0
        rows = [(r, np.concatenate(x)) for r, x in enumerate(rows_lists) if x]
        cat = lambda x, dt: np.concatenate(x) if x else np.zeros(0, dtype=dt)  # noqa: E731
        self._count_now(rows, cat(on, np.intp), cat(off, np.intp), cat(pm, float), cat(shed, np.intp))

    def minus(self, other: "_Acc") -> None:
        other.flush()
        self.flush()
        self.bounds -= other.bounds
        self.dsum -= other.dsum
        self.shed -= other.shed


class _Run:
    """One simulation: the settings, the clocks and the accumulators."""

    def __init__(self, params: Params, n_follicles: int, n_days: int, stimulation, key: int,
                 start_from: Params, groups=None, n_groups: int = 1, trace: bool = False,
                 t_on: float | None = None, fid0: int = 0, own_onset_start: bool = True):
        self.p = params
        self.s0 = start_from
        self.stim = stimulation
        self.n = n_follicles
        self.n_days = n_days
        # Internal time 0 is the earliest AGA onset; output day 0 is internal time t_on.
        onset_days = _onset_days(params)
        # (a chunk run elsewhere gets its parameters sliced, and the whole run's t_on)
        self.t_on = float(onset_days.max()) if t_on is None else float(t_on)
        self.fid0 = int(fid0)  # follicle number of the chunk's first follicle, for a sliced chunk
        self.own_onset_start = own_onset_start
        self.onset = None if onset_days.ndim == 0 else self.t_on - onset_days  # per follicle
        self.horizon = self.t_on + n_days + 1.0  # internal time after which nothing is recorded
        self.streams = Streams(key)
        self.stride = n_days + 2
        self.groups = groups
        self.n_groups = n_groups
        self.phase_changes = 0
        self.acc = _Acc(n_groups, n_days)       # everything recorded with sign +1
        self.acc_neg = _Acc(n_groups, n_days)   # untreated cycles a branch replaces
        self.trace = [] if trace else None             # (sign, fid, cycle index, record) when tracing

        self.stress_time = (None if params.stress_day is None or params.stress_anagen_fraction == 0
                            else params.stress_day + self.t_on)
        self.aga = params.is_progressive or bool(np.any(np.asarray(params.aga_susceptible_fraction) > 0))
        # which parts of the AGA law are switched on (terms that are off are skipped: exactly the
        # same numbers, less work)
        a = lambda name: np.asarray(getattr(params, name))  # noqa: E731
        self._per_year = bool(np.any(a("anagen_shortening_per_year") < 1) or np.any(a("miniaturization_per_year") > 0))
        self._per_cycle = bool(np.any(a("anagen_shortening") < 1) or np.any(a("miniaturization") > 0))
        self._ken_level = params.p_kenogen_miniaturized is not None or params.kenogen_miniaturized_days is not None

        st = stimulation
        self.active_stim = st is not None and (st.wake > 0 or st.extend > 0 or st.thicken > 0) \
            and bool(np.any(np.asarray(st.responders) > 0)) and st.start_day + self.t_on < self.horizon
        if self.active_stim:
            grid_days = int(math.ceil(self.horizon)) + 2
            # the mean exposure of each internal day (day 0 of the run is internal day t_on)
            edges = st.exposure_integral(np.arange(grid_days + 1, dtype=float) - self.t_on)
            e = np.clip(np.diff(edges), 0.0, 1.0)
            self.exposure_grid = e
            self.stim_start = st.start_day + self.t_on
            self.clock_a = _Clock(1.0 / (1.0 + st.extend * e)) if st.extend > 0 else None
            self.clock_w = _Clock(1.0 + st.wake * e) if st.wake > 0 else None
            last = st.last_dose_time
            self.t_last = last + self.t_on if math.isfinite(last) else math.inf
            self.effect_end = st.effect_end_time + self.t_on

    # -- parameters for a chunk ------------------------------------------------------------
    @staticmethod
    def _view(params: Params, sel):
        out = {}
        for name in params.fields():
            v = getattr(params, name)
            out[name] = v[sel] if isinstance(v, np.ndarray) else v
        return out

    # -- recording ---------------------------------------------------------------------------
    def _segments(self, cyc, extra):
        """What a record adds: its phase boundaries, visible segments and release points.

        A cycle record (``cyc``) has its follicle ``f`` (an index into the chunk), its phase
        boundaries, its hair's visible start, release (``x_end``) and diameter; cycle 0 also the
        club held from the cycle before it (``pre_*``); a later cycle the club it holds from the
        cycle before (``club_*``) and ``cut``, the end of its telogen when that club was still held
        then (a club is released at the latest when the hair beside it ends its own telogen, so a
        follicle never holds two old clubs). ``extra``
        holds visible segments with no phases of their own (``f``, ``on``, ``off``, ``d``, ``shed``:
        whether the segment ends in a release).

        Returns (phases, segments, points): segments are (f, on, off, d, sign, held_from) with sign
        ±1 relative to the record's; points are releases (f, t, sign)."""
        segs, points = [], []
        phases = None
        if cyc is not None and cyc["f"].size:
            f = cyc["f"]
            phases = (f, cyc["a_start"], cyc["a_end"], cyc["c_end"], cyc["t_end"], cyc["k_end"])
            segs.append((f, cyc["vis_start"], cyc["x_end"], cyc["hair"], 1, cyc["k_end"]))
            points.append((f, cyc["x_end"], 1))
            held = np.flatnonzero(cyc["pre_off"] > -np.inf)  # a club held at the start is released,
            if held.size:                                      # seen or not
                points.append((f[held], cyc["pre_off"][held], 1))
                pre = held[cyc["pre_on"][held] < cyc["pre_off"][held]]
                if pre.size:
                    segs.append((f[pre], cyc["pre_on"][pre], cyc["pre_off"][pre], cyc["pre_d"][pre], 1, -np.inf))
            cut = np.flatnonzero(cyc["cut"] < cyc["club_x"])
            if cut.size:
                c, x = cyc["cut"][cut], cyc["club_x"][cut]
                segs.append((f[cut], np.minimum(np.maximum(cyc["club_vis"][cut], c), x), x,
                             cyc["club_d"][cut], -1, -np.inf))
                points.append((f[cut], x, -1))
                points.append((f[cut], c, 1))
        if extra is not None and extra["f"].size:
            segs.append((extra["f"], extra["on"], extra["off"], extra["d"], 1, np.inf))
            sh = extra["shed"]
            if sh.any():
                points.append((extra["f"][sh], extra["off"][sh], 1))
        return phases, segs, points

    def _record(self, sign, ctx, cyc, extra=None):
        """Add a record (see :meth:`_segments`) to the accumulators, with ``sign`` ±1."""
        if cyc is not None and cyc["f"].size:
            self.phase_changes += 4 * cyc["f"].size
            if self.t_on > 0 and self.trace is None:
                # a cycle over before day 0 leaves no trace: its +1 and −1 meet at index 0
                end = np.maximum(cyc["k_end"], cyc["x_end"])
                np.fmax(end, cyc["pre_off"], out=end)
                np.fmax(end, np.where(cyc["cut"] < cyc["club_x"], cyc["club_x"], -np.inf), out=end)
                seen = np.flatnonzero(end >= self.t_on)
                if 2 * seen.size < end.size:  # copying the rest pays only when most are unseen
                    cyc = _take(cyc, seen)
        phases, segs, points = self._segments(cyc, extra)
        all_segs = segs
        grp = ctx["grp"]
        s = self.stride
        t_on, last = self.t_on, self.n_days + 1

        def indices(*times, f):
            """Day indices of several time arrays at once (the first day at or after each time)."""
            x = np.stack(times)
            x -= t_on
            np.ceil(x, out=x)
            np.clip(x, 0, last, out=x)
            i = x.astype(np.intp)
            if grp is not None:
                i += grp[f] * s
            return i

        def shed_index(t, f):
            day = np.floor(t - t_on)
            ok = (day >= 0) & (day <= self.n_days)
            j = day[ok].astype(np.intp)
            return j if grp is None else j + grp[f[ok]] * (self.n_days + 1)

        thr = self.p.vellus_threshold_um
        parts = {+1: ([], [], [], [], []), -1: ([], [], [], [], [])}  # rows, on, off, pm, shed
        if phases is not None:
            f, a0, a1, c1, t1, k1 = phases
            on, off, d = segs[0][1], segs[0][2], segs[0][3]  # the cycle's own hair, recorded with its phases
            i = indices(a0, a1, c1, t1, k1, on, off, f=f)
            nv = d >= thr
            parts[+1][0].extend([(_A_START, i[0]), (_A_END, i[1]), (_C_END, i[2]), (_T_END, i[3]), (_K_END, i[4]),
                                 (_V_ON, i[5]), (_V_OFF, i[6]), (_V_ON_NV, i[5][nv]), (_V_OFF_NV, i[6][nv])])
            parts[+1][1].append(i[5])
            parts[+1][2].append(i[6])
            parts[+1][3].append(np.rint(d * 1e6))  # whole picometres: exact sums in any order
            segs = segs[1:]
        for f, on, off, d, sg, _ in segs:
            i_on, i_off = indices(on, off, f=f)
            nv = d >= thr
            rows, ons, offs, pms, _s = parts[sg]
            rows.extend([(_V_ON, i_on), (_V_OFF, i_off), (_V_ON_NV, i_on[nv]), (_V_OFF_NV, i_off[nv])])
            ons.append(i_on)
            offs.append(i_off)
            pms.append(np.rint(d * 1e6))
        for f, t, sg in points:
            parts[sg][4].append(shed_index(t, f))
        cat = np.concatenate
        for sg, (rows, ons, offs, pms, sheds) in parts.items():
            if not rows and not sheds:
                continue
            merged = {}
            for row, i in rows:
                merged.setdefault(row, []).append(i)
            acc = self.acc if sign * sg > 0 else self.acc_neg
            empty = np.zeros(0, dtype=np.intp)
            acc.add([(r, cat(v) if len(v) > 1 else v[0]) for r, v in merged.items()],
                    (cat(ons) if len(ons) > 1 else ons[0]) if ons else empty,
                    (cat(offs) if len(offs) > 1 else offs[0]) if offs else empty,
                    (cat(pms) if len(pms) > 1 else pms[0]) if pms else np.zeros(0),
                    (cat(sheds) if len(sheds) > 1 else sheds[0]) if sheds else empty)
        if self.trace is not None:
            fid = ctx["fid"]
            if phases is not None:
                self.trace.append(("phases", sign, fid[phases[0]]) + tuple(np.asarray(x, dtype=float)
                                                                       for x in phases[1:]))
            for f, on, off, d, sg, held in all_segs:
                self.trace.append(("segment", sign * sg, fid[f], np.asarray(on, dtype=float),
                                   np.asarray(off, dtype=float), np.asarray(d, dtype=float),
                                   np.broadcast_to(np.asarray(held, dtype=float), f.shape)))
            for f, t, sg in points:
                self.trace.append(("release", sign * sg, fid[f], np.asarray(t, dtype=float)))

    # -- one chunk of follicles -----------------------------------------------------------------
    def run_chunk(self, sel, mode: str = "simulate", book=None):
        """Simulate the follicles ``sel`` (a slice of follicle numbers, or an array of them) and
        add them to the accumulators.

        ``mode``: "simulate" (the run, treated if there is an active stimulation); "untreated"
        (every follicle's untreated course, ignoring the stimulation); "responders" (only the
        bookkeeping of a stimulation: where each responder's branch starts, the releasers' stored
        cycles, and the keepers' untreated cycles from their branch point on, which are recorded;
        returns the bookkeeping); "branch" (the responders' branch from a ``book`` that mode
        "responders" returned for the same follicles, stimulation timing and responders)."""
        if mode == "branch":
            # the per-follicle draws do not depend on the stimulation: kept with its bookkeeping
            ctx, init = book["_setup"] if "_setup" in book else self._setup(sel)[:2]
            self._branch(ctx, book, init)
        else:
            ctx, init, u_resp = self._setup(sel)
            treated = self.active_stim and mode != "untreated"
            book = self._book(sel, ctx["fid"], ctx["P"], u_resp) if treated else None
            self._pass1(ctx, init, book, only_responders=mode == "responders")
            if mode == "simulate" and book is not None:
                self._branch(ctx, book, init)
            if mode == "responders":
                book["_setup"] = (ctx, init)
        self.acc.flush()
        self.acc_neg.flush()
        return book

    def _setup(self, sel):
        """Everything drawn once per follicle: its kind, diameter, AGA onset and start state."""
        rs = self.streams
        fid = (np.arange(sel.start + self.fid0, sel.stop + self.fid0, dtype=np.uint64) if isinstance(sel, slice)
               else np.asarray(sel, dtype=np.uint64))
        n = fid.size
        P = self._view(self.p, sel)
        S = self._view(self.s0, sel)

        # ---- once per follicle ----------------------------------------------------------------
        u_phase, u_pos = rs.uniforms(rs.bits(Streams.INIT, fid, 0))
        z_len, z_d0 = rs.normals(rs.bits(Streams.INIT_LEN, fid, 0))
        u_susc, u_resp = rs.uniforms(rs.bits(Streams.FLAGS, fid, 0))
        u_vel, u_spread = rs.uniforms(rs.bits(Streams.FOLLICLE, fid, 0))
        vellus = u_vel < P["vellus_follicle_fraction"]
        d_mean = np.where(vellus, P["vellus_diameter_um"], P["diameter_um"])
        d0 = _lognormal(d_mean, P["diameter_cv"], z_d0).astype(float)
        ctx = {"d0": d0, "P": P, "fid": fid, "susceptible": None,
               "grp": None if self.groups is None else self.groups[sel]}
        if self.aga:
            ctx["susceptible"] = (u_susc < P["aga_susceptible_fraction"]) & ~vellus
            span = d0 - P["vellus_diameter_um"]
            ctx["span"] = np.where(span > 0, span, np.inf)  # level 0 where there is nothing to lose
            onset = np.zeros(n) if self.onset is None else self.onset[sel].astype(float)
            ctx["own_onset"] = onset + 365.0 * u_spread.astype(float) * P["aga_onset_spread_years"]

        # ---- cycle 0: the equilibrium of start_from when the follicle starts ----------------
        # A follicle whose cycle is the same before and after the AGA onset (not susceptible, or
        # susceptible with its own onset after day 0) is in that cycle's stationary state on day 0:
        # it starts there. A susceptible follicle starts at its own onset, in the healthy cycle's
        # stationary state. With a different start_from, every follicle leaves start_from's
        # equilibrium at the earliest onset (internal time 0).
        if self.s0 is self.p and self.own_onset_start:
            base = np.full(n, self.t_on)
            if ctx["susceptible"] is not None:
                base = np.where(ctx["susceptible"], np.minimum(ctx["own_onset"], self.t_on), base)
        else:
            base = np.zeros(n)
        w = np.stack(np.broadcast_arrays(
            S["anagen_mean_days"], S["catagen_mean_days"], S["telogen_mean_days"],
            np.multiply(S["p_kenogen"], S["kenogen_mean_days"]), np.empty(n)))[:4]
        cum = np.cumsum(w, axis=0)
        x = u_phase * cum[-1]
        p0 = (x >= cum[0]).astype(np.int8) + (x >= cum[1]) + (x >= cum[2])
        mean0 = np.choose(p0, np.broadcast_arrays(S["anagen_mean_days"], S["catagen_mean_days"],
                                                  S["telogen_mean_days"], S["kenogen_mean_days"],
                                                  np.empty(n))[:4])
        cv0 = np.choose(p0, np.broadcast_arrays(S["anagen_cv"], S["catagen_cv"], S["telogen_cv"],
                                                S["kenogen_cv"], np.empty(n))[:4])
        length = _lognormal(mean0, cv0, z_len, biased=True).astype(float)
        elapsed = u_pos * length
        init = {"p0": p0, "remain": length - elapsed, "neg": base - elapsed, "base": base}
        # In a stationary cycle the phases before the current one have their ordinary laws,
        # independent of it: the anagen (and catagen) before a catagen or telogen place the
        # emergence of its hair, and the cycle before the current one decides whether its club
        # hair is still held (it did not fall into a kenogen and its retention is not over).
        z_pa, z_pc = rs.normals(rs.bits(Streams.INIT_PREV, fid, 0))
        prev_a = _lognormal(S["anagen_mean_days"], S["anagen_cv"], z_pa)
        prev_c = np.where(p0 == 2, _lognormal(S["catagen_mean_days"], S["catagen_cv"], z_pc), 0.0)
        init["emerged"] = init["neg"] - prev_c - prev_a + S["emergence_days"]
        z_club, z_ca = rs.normals(rs.bits(Streams.INIT_CLUB, fid, 0))
        u_pken, _ = rs.uniforms(rs.bits(Streams.INIT_CLUB_KEN, fid, 0))
        since_anagen = np.where(p0 == 0, elapsed, np.where(p0 == 1, prev_a + elapsed, prev_a + prev_c + elapsed))
        club_end = base + _lognormal(S["exogen_mean_days"], S["exogen_cv"], z_club) - since_anagen
        # (released at the latest when the current cycle's telogen ends: cycle 0 applies that)
        init["club_end"] = np.where((p0 < 3) & (u_pken >= S["p_kenogen"]) & (club_end > base), club_end, -np.inf)
        # the club shows only once its own hair had emerged: its cycle's anagen, catagen and telogen
        # (ordinary laws) came before the current anagen
        z_cc, z_ct = rs.normals(rs.bits(Streams.INIT_CLUB_CYCLE, fid, 0))
        club_cycle = (_lognormal(S["anagen_mean_days"], S["anagen_cv"], z_ca)
                      + _lognormal(S["catagen_mean_days"], S["catagen_cv"], z_cc)
                      + _lognormal(S["telogen_mean_days"], S["telogen_cv"], z_ct))
        init["club_on"] = np.maximum(base - 1.0, base - since_anagen - club_cycle + S["emergence_days"])

        return ctx, init, u_resp

    def _pass1(self, ctx, init, book, only_responders=False):
        """The untreated course, cycle by cycle, of every follicle (or only the responders), with
        the stimulation's bookkeeping when ``book`` is given."""
        f0 = np.flatnonzero(book["responder"]) if only_responders else np.arange(ctx["fid"].size)
        cyc = self._cycle0(ctx, init, f0, treated=False)
        lane = {"f": f0, "k": np.zeros(f0.size, dtype=np.int64), "aga": cyc["aga"], "start": cyc["a_start"],
                "club_x": None, "club_vis": None, "club_d": None}
        while True:
            rec = cyc
            if book is not None:
                rec, cyc, lane = self._bookkeep(book, cyc, lane, only_responders)
            if rec["f"].size:
                self._record(+1, ctx, rec)
            lane = self._next(lane, cyc)
            if not lane["f"].size:
                break
            cyc = self._cycle(ctx, lane, treated=False)

    def _next(self, lane, cyc):
        """The follicles of the lane whose next anagen starts before the horizon."""
        ok = cyc["k_end"] < self.horizon
        k = lane["k"][ok] + 1
        if k.size and k.max() >= MAX_CYCLES:  # the work estimate in simulate() should prevent this
            raise ValueError("It looks like a follicle went through more than 2**20 hair cycles: "
                             "the phase durations are too short for this many years.")
        # the hair of this cycle is held into the next one unless it fell into a kenogen
        held = cyc["x_end"][ok] > cyc["k_end"][ok]
        return {"f": cyc["f"][ok], "k": k, "start": cyc["k_end"][ok],
                "aga": None if cyc["aga"] is None else cyc["aga"][ok],
                "club_x": np.where(held, cyc["x_end"][ok], -np.inf),
                "club_vis": np.asarray(cyc["vis_start"])[ok], "club_d": np.asarray(cyc["hair"])[ok]}

    # -- the stimulation's bookkeeping (pass 1) ------------------------------------------------
    def _book(self, sel, fid, P, u_resp):
        """Per follicle: responder or not, release time, keeper or releaser, where its branch
        starts, and the store of the untreated cycles a releaser may fall back onto."""
        n = fid.size
        r = self.stim.responders
        responder = u_resp < (r[sel] if isinstance(r, np.ndarray) else r)
        if math.isfinite(self.t_last):
            u_rel, u_keep = self.streams.uniforms(self.streams.bits(Streams.RELEASE, fid, 0))
            release = self.t_last + self.stim.half_life_days * -np.log2(u_rel.astype(float))
            keep = responder & (u_keep < self.stim.persistence)
        else:  # never stopped: every responder keeps its branch to the end
            release = np.full(n, math.inf)
            keep = responder.copy()
        # a releaser falls back onto an anagen that is current, or next, when the catagen its
        # release may start is over: its untreated cycles are stored up to the first that starts
        # after that bound
        sig = np.sqrt(np.log1p(np.square(np.asarray(P["catagen_cv"], dtype=float))))
        cat_max = np.asarray(P["catagen_mean_days"]) * np.exp(_Z_MAX * sig - 0.5 * sig * sig)
        return {"responder": responder, "keep": keep, "releaser": responder & ~keep,
                "release": release, "bound": release + cat_max,
                "c0": np.full(n, -1, dtype=np.int64), "c0_start": np.zeros(n),
                "c0_aga": np.zeros(n, dtype=np.int64), "open": np.zeros(n, dtype=bool), "store": [],
                "c0_club": np.full((3, n), -np.inf)}

    def _bookkeep(self, book, cyc, lane, only_responders=False):
        """Pass 1 at one cycle: note each responder's branch point c0 (its first cycle that ends
        after the stimulation starts), store releasers' untreated cycles from there while they
        start before their bound (and the first one after it), and drop keepers from c0 on (the
        branch replaces their whole future).

        With ``only_responders`` (a Scenario's bookkeeping: every untreated cycle is already
        counted), the cycles returned for recording are the keepers' cycles from c0 on (to be
        taken off), and a releaser leaves the lane once its store is complete."""
        f = cyc["f"]
        late = cyc["k_end"] > self.stim_start
        new = book["responder"][f] & late & (book["c0"][f] < 0)
        if new.any():
            g = f[new]
            book["c0"][g] = lane["k"][new]
            book["c0_start"][g] = cyc["a_start"][new]
            if lane["aga"] is not None:  # anagens since the follicle's onset, before cycle c0
                book["c0_aga"][g] = lane["aga"][new]
            if lane["club_x"] is not None:  # the club it holds into cycle c0
                book["c0_club"][:, g] = (lane["club_x"][new], lane["club_vis"][new], lane["club_d"][new])
            book["open"][g] = book["releaser"][g]
        take = book["open"][f]
        if take.any():
            sub = np.flatnonzero(take)
            rec = _take(cyc, sub)
            rec["k"] = lane["k"][sub]
            book["store"].append(rec)
            book["open"][f[sub]] = cyc["a_start"][sub] <= book["bound"][f[sub]]
        keep_late = book["keep"][f] & late
        if only_responders:
            go_on = (book["c0"][f] < 0) | keep_late | book["open"][f]
            rec = _take(cyc, np.flatnonzero(keep_late)) if keep_late.any() else {"f": f[:0]}
            if go_on.all():
                return rec, cyc, lane
            stay = np.flatnonzero(go_on)
            return rec, _take(cyc, stay), _take(lane, stay)
        if keep_late.any():
            stay = np.flatnonzero(~keep_late)
            cyc, lane = _take(cyc, stay), _take(lane, stay)
        return cyc, cyc, lane

    # -- phase ends under the stimulation --------------------------------------------------
    def _stress(self, a_start, a_end, u):
        if self.stress_time is None:
            return a_end
        ts = self.stress_time
        hit = (a_start <= ts) & (a_end > ts) & (u < self.p.stress_anagen_fraction)
        return np.where(hit, ts, a_end)

    def _thicken(self, d, d_target, a_start):
        """A hair that starts growing under exposure regains thicken·E of its lost diameter."""
        if self.stim.thicken == 0:
            return d
        sel = (a_start >= self.stim_start) & (a_start < self.effect_end)
        if not sel.any():
            return d
        d = d.copy()
        day = np.clip(np.floor(a_start[sel]), 0, self.exposure_grid.size - 1).astype(np.intp)
        e = self.exposure_grid[day]  # the mean exposure of the day the hair starts growing
        d[sel] += self.stim.thicken * e * (d_target[sel] - d[sel])
        return d

    # -- one cycle -----------------------------------------------------------------------------
    def _cycle0(self, ctx, init, f, treated):
        """Cycle 0 of the follicles ``f`` (indices into the chunk): each finishes the phase it is
        in when it starts (internal time ``init["base"]``), then the rest of its cycle; with
        ``treated``, on the stimulation's clocks."""
        P, rs = ctx["P"], self.streams
        fid = ctx["fid"][f]
        p0, remain, neg, base = init["p0"][f], init["remain"][f], init["neg"][f], init["base"][f]
        _z_a, z_t, z_x, z_c, z_k, u_ken, u_str = _cycle_draws(rs, fid, 0)
        Pf = _take(P, f) if any(isinstance(v, np.ndarray) for v in P.values()) else P
        in_a, in_c, in_t, in_k = p0 == 0, p0 == 1, p0 == 2, p0 == 3
        dur_c = _lognormal(Pf["catagen_mean_days"], Pf["catagen_cv"], z_c)
        dur_t = _lognormal(Pf["telogen_mean_days"], Pf["telogen_cv"], z_t)
        dur_k = _lognormal(Pf["kenogen_mean_days"], Pf["kenogen_cv"], z_k)
        ret = _lognormal(Pf["exogen_mean_days"], Pf["exogen_cv"], z_x)
        ken = (u_ken < Pf["p_kenogen"]) & ~in_k

        a_end = np.where(in_a, base + remain, neg)
        t_dur = np.where(in_t, remain, dur_t)
        k_dur = np.where(in_k, remain, dur_k)
        if treated and self.active_stim:
            if self.clock_a is not None:
                a_end = np.where(in_a, self.clock_a.end(base, remain), a_end)
        a_end = np.where(in_a, self._stress(neg, a_end, u_str), a_end)
        c_end = np.where(in_a, a_end + dur_c, np.where(in_c, base + remain, neg))
        t_start = np.where(in_t, base, c_end)
        t_end = np.where(in_k, neg, t_start + t_dur)
        if treated and self.active_stim and self.clock_w is not None:
            t_end = np.where(in_k, neg, self.clock_w.end(t_start, t_dur))
        k_start = np.where(in_k, base, t_end)
        k_end = np.where(ken | in_k, k_start + k_dur, t_end)
        if treated and self.active_stim and self.clock_w is not None:
            k_end = np.where(ken | in_k, self.clock_w.end(k_start, k_dur), t_end)
        x_end = np.where(in_k | ken, t_end, t_end + ret)
        vis = np.where(in_a, neg + Pf["emergence_days"], np.where(in_k, x_end, init["emerged"][f]))
        club_end = init["club_end"][f]
        nan = np.full(f.size, np.nan)
        return {"f": f, "a_start": neg, "a_end": a_end, "c_end": c_end, "t_end": t_end, "k_end": k_end,
                "x_end": x_end, "vis_start": np.minimum(vis, x_end), "hair": ctx["d0"][f], "ret": ret,
                "dur_t": dur_t, "emergence": Pf["emergence_days"], "emerge": vis,
                # the club held from the cycle before, released at the latest when this telogen ends
                "pre_on": init["club_on"][f], "pre_off": np.minimum(club_end, t_end), "pre_raw": club_end,
                "pre_d": ctx["d0"][f], "cut": np.full(f.size, np.inf), "club_x": nan, "club_vis": nan,
                "club_d": nan,
                "aga": None if ctx["susceptible"] is None else np.zeros(f.size, dtype=np.int64)}

    def _cycle(self, ctx, lane, treated):
        """Cycle k ≥ 1 of the lane's follicles, each starting a new anagen at lane["start"] (its
        own cycle number in lane["k"]); with ``treated``, on the stimulation's clocks."""
        P, rs = ctx["P"], self.streams
        f, start = lane["f"], lane["start"]
        fid = ctx["fid"][f]
        k = lane["k"].astype(np.uint64)
        z_a, z_t, z_x, z_c, z_k, u_ken, u_str = _cycle_draws(rs, fid, k)
        d0 = ctx["d0"][f]

        mean_a = _pick(P["anagen_mean_days"], f)
        mean_k = _pick(P["kenogen_mean_days"], f)
        p_ken = _pick(P["p_kenogen"], f)
        diam = d0
        aga = lane["aga"]
        if ctx["susceptible"] is not None and (self._per_year or self._per_cycle):
            sus = ctx["susceptible"][f]
            own = ctx["own_onset"][f]
            la = lm = 0.0
            if self._per_year:   # years under androgen at this anagen's start
                years = np.maximum(start - own, 0.0)
                years *= 1.0 / 365.0
                la = years * np.log(_pick(P["anagen_shortening_per_year"], f))
                lm = years * np.log1p(-_pick(P["miniaturization_per_year"], f))
            if self._per_cycle:  # anagens since the follicle's own onset
                aga = aga + (start >= own)
                la = la + aga * np.log(_pick(P["anagen_shortening"], f))
                lm = lm + aga * np.log1p(-_pick(P["miniaturization"], f))
            floor_a = np.minimum(mean_a, _pick(P["anagen_min_days"], f))
            mean_a = np.where(sus, np.maximum(mean_a * np.exp(la), floor_a), mean_a)
            vd = _pick(P["vellus_diameter_um"], f)
            diam = np.where(sus, np.maximum(d0 * np.exp(lm), np.minimum(d0, vd)), d0)
            if self._ken_level:
                # how far the follicle has miniaturized, in [0, 1] (d lies between min(d0, vd) and d0)
                level = (d0 - diam) / ctx["span"][f]
                if P["p_kenogen_miniaturized"] is not None:
                    p_ken = p_ken + (_pick(P["p_kenogen_miniaturized"], f) - p_ken) * level
                if P["kenogen_miniaturized_days"] is not None:
                    mean_k = mean_k + (_pick(P["kenogen_miniaturized_days"], f) - mean_k) * level

        dur_a = _lognormal(mean_a, _pick(P["anagen_cv"], f), z_a)
        dur_c = _lognormal(_pick(P["catagen_mean_days"], f), _pick(P["catagen_cv"], f), z_c)
        dur_t = _lognormal(_pick(P["telogen_mean_days"], f), _pick(P["telogen_cv"], f), z_t)
        dur_k = _lognormal(mean_k, _pick(P["kenogen_cv"], f), z_k)
        ret = _lognormal(_pick(P["exogen_mean_days"], f), _pick(P["exogen_cv"], f), z_x)
        ken = u_ken < p_ken
        a_end = self._stress(start, start + dur_a, u_str)
        c_end = a_end + dur_c
        t_end = c_end + dur_t
        k_end = np.where(ken, t_end + dur_k, t_end)
        if treated and self.active_stim and start.size and start.min() < self.effect_end:
            # only cycles that start before the effect ends and would end after it starts change
            cand = np.flatnonzero((start < self.effect_end) & (k_end > self.stim_start))
            if cand.size:
                st = start[cand]
                a = st + dur_a[cand]
                if self.clock_a is not None:
                    a = self.clock_a.end(st, dur_a[cand])
                a = self._stress(st, a, u_str[cand])
                c = a + dur_c[cand]
                t = c + dur_t[cand]
                kc = ken[cand]
                kn = np.where(kc, t + dur_k[cand], t)
                if self.clock_w is not None:
                    t = self.clock_w.end(c, dur_t[cand])
                    kn = np.where(kc, self.clock_w.end(t, dur_k[cand]), t)
                a_end, c_end, t_end, k_end = a_end.copy(), c_end.copy(), t_end.copy(), k_end.copy()
                a_end[cand], c_end[cand], t_end[cand], k_end[cand] = a, c, t, kn
                diam = np.array(diam, dtype=float, copy=True) if np.ndim(diam) else np.full(f.size, float(diam))
                diam[cand] = self._thicken(diam[cand], d0[cand], st)
        x_end = np.where(ken, t_end, t_end + ret)
        em = _pick(P["emergence_days"], f)
        nan = np.full(f.size, np.nan)
        club_x = lane["club_x"]
        emerge = start + em  # when the new shaft shows (if it is not shed before)
        return {"f": f, "a_start": start, "a_end": a_end, "c_end": c_end, "t_end": t_end, "k_end": k_end,
                "x_end": x_end, "vis_start": np.minimum(emerge, x_end), "emerge": emerge,
                "hair": diam if np.ndim(diam) else np.full(f.size, float(diam)),
                "ret": ret, "dur_t": dur_t, "emergence": em, "aga": aga,
                "pre_on": nan, "pre_off": nan, "pre_d": nan,
                "cut": np.where(club_x > t_end, t_end, np.inf), "club_x": club_x,
                "club_vis": lane["club_vis"], "club_d": lane["club_d"]}

    # -- pass 2: the responders' branch ------------------------------------------------------
    def _branch(self, ctx, book, init):
        """Simulate the responders from their branch point with the stimulation, and replace
        their untreated cycles by it (see the module's docstring)."""
        if "_store" not in book:  # built once; a Scenario reuses it for every stimulation of this timing
            book["_store"] = _Store(book["store"])
        store = book["_store"].reset()
        c0 = book["c0"]
        resp = np.flatnonzero(book["responder"] & (c0 >= 0))
        if not resp.size:
            return
        first = []
        z = resp[c0[resp] == 0]
        if z.size:
            first.append((self._cycle0(ctx, init, z, treated=True), np.zeros(z.size, dtype=np.int64)))
        o = resp[c0[resp] > 0]
        if o.size:
            lane = {"f": o, "k": c0[o], "start": book["c0_start"][o],
                    "aga": book["c0_aga"][o] if ctx["susceptible"] is not None else None,
                    "club_x": book["c0_club"][0, o], "club_vis": book["c0_club"][1, o],
                    "club_d": book["c0_club"][2, o]}
            first.append((self._cycle(ctx, lane, treated=True), lane["k"]))
        self._released = []  # what the releases write: recorded together at the end
        lanes = [self._branch_step(ctx, book, store, cyc, k) for cyc, k in first]
        lane = {key: (None if lanes[0][key] is None else np.concatenate([ln[key] for ln in lanes]))
                for key in lanes[0]}
        while lane["f"].size:
            cyc = self._cycle(ctx, lane, treated=True)
            lane = self._branch_step(ctx, book, store, cyc, lane["k"])
        records = [r for rs, _ in self._released for r in rs]
        extras = [e for _, e in self._released if e is not None]
        if records:
            extra = None if not extras else {k: np.concatenate([e[k] for e in extras]) for k in extras[0]}
            self._record(+1, ctx, _concat(records), extra=extra)
        # releasers never released before the horizon: their whole stored course is replaced
        store.replace_rest(book["releaser"])
        self._record(-1, ctx, store.replaced())

    def _branch_step(self, ctx, book, store, cyc, k):
        """Record one branch cycle; releasers whose release falls in it fall back onto their
        untreated course. Returns the lane of the follicles that go on."""
        f = cyc["f"]
        rel = book["releaser"][f] & (book["release"][f] < cyc["k_end"])
        if rel.any():
            r = np.flatnonzero(rel)
            self._release(book, store, _take(cyc, r))
            go = np.flatnonzero(~rel)
            cyc, k = _take(cyc, go), k[go]
        self._record(+1, ctx, cyc)
        return self._next({"f": cyc["f"], "k": k}, cyc)

    def _release(self, book, store, cyc):
        """The follicles of ``cyc`` reach their release time F during this branch cycle: the
        exposure has faded and they fall back onto their untreated course.

        * F in anagen, and the untreated course is in an anagen at F too: the anagen goes on to
          the untreated anagen's end (the hair's diameter is the untreated one from F on);
        * F in anagen otherwise (the exposure held it past its natural end, or started it while
          the follicle would still rest): it moves into catagen at F (the withdrawal shed);
        * then, and for F in catagen, telogen or kenogen, the follicle rests (holding its club
          hair, or empty in kenogen) until the anagen its untreated course is in when it is ready
          (catagen over), or starts next; that anagen runs to its untreated end, and from there
          on the follicle is the untreated follicle again.
        """
        f = cyc["f"]
        F = book["release"][f]
        S, A, C, T = cyc["a_start"], cyc["a_end"], cyc["c_end"], cyc["t_end"]
        in_a, in_c, in_t = F < A, (A <= F) & (F < C), (C <= F) & (F < T)
        in_k = ~(in_a | in_c | in_t)
        m1, ok1 = store.find(f, F)
        hyb_a = in_a & ok1 & (store.get("a_start", m1) <= F)
        wd = in_a & ~hyb_a
        emerge = cyc["emerge"]  # a release changes when a hair goes, never when it emerged
        records, extra = [], None  # written together at the end: one record call
        # -- held in anagen by an untreated anagen: one hybrid cycle ---------------------------
        h = np.flatnonzero(hyb_a)
        if h.size:
            mh = m1[h]
            u = store.cycle(mh)
            vis = np.minimum(emerge[h], u["x_end"])
            cut = np.minimum(np.maximum(vis, F[h]), u["x_end"])
            u["a_start"] = S[h]
            u["vis_start"] = cut
            u.update(_held_before(_held_part(cyc, h), u["t_end"]))
            records.append(u)
            extra = {"f": f[h], "on": vis, "off": cut, "d": cyc["hair"][h], "shed": np.zeros(h.size, dtype=bool)}
            store.replace_upto(f[h], mh)
        # -- the others: release cycle, then the anagen they fall back onto ---------------------
        o = np.flatnonzero(~hyb_a)
        if not o.size:
            self._released.append((records, extra))
            return
        fo, Fo = f[o], F[o]
        a_end = np.where(wd[o], Fo, A[o])
        c_end = np.where(wd[o], Fo + (C[o] - A[o]), C[o])
        ready = np.where(wd[o] | in_c[o], c_end, Fo)
        m, ok = store.find(fo, ready)
        s_m = np.where(ok, store.get("a_start", m), np.inf)
        J = np.maximum(ready, s_m)
        last = ~ok  # beyond the stored course (past the horizon): rest until its end
        J = np.where(last, np.maximum(ready, store.last_k_end(fo)), J)
        # it holds its club for a natural telogen (the rest of its own, or a whole one after a
        # withdrawal), then the club falls and it waits empty (kenogen) for that anagen; a club
        # held into that anagen is released at the latest when its cycle's telogen ends
        kin = in_k[o]
        t_nat = np.where(wd[o] | in_c[o], c_end + cyc["dur_t"][o], T[o])
        t_end = np.where(kin, T[o], np.minimum(J, t_nat))
        t_next = np.where(ok, store.get("t_end", m), np.inf)
        x_end = np.where(kin, cyc["x_end"][o],
                         np.where(t_end < J, t_end, np.minimum(J + cyc["ret"][o], t_next)))
        rel_cyc = {"f": fo, "a_start": S[o], "a_end": a_end, "c_end": c_end, "t_end": t_end, "k_end": J,
                   "x_end": x_end, "vis_start": np.minimum(emerge[o], x_end), "hair": cyc["hair"][o]}
        rel_cyc.update(_held_before(_held_part(cyc, o), t_end))
        records.append(rel_cyc)
        g = np.flatnonzero(ok)
        if g.size:
            u = store.cycle(m[g])
            u["a_start"] = J[g]
            u["vis_start"] = np.minimum(J[g] + store.get("emergence", m[g]), u["x_end"])
            nan = np.full(g.size, np.nan)  # its held club is the release cycle's hair, already capped
            u.update(pre_on=nan, pre_off=nan, pre_d=nan, cut=np.full(g.size, np.inf), club_x=nan,
                     club_vis=nan, club_d=nan)
            records.append(u)
            store.replace_upto(fo[g], m[g])
        b = np.flatnonzero(last)
        if b.size:
            store.replace_rest_of(fo[b])
        self._released.append((records, extra))


def _held_part(cyc, idx):
    """The fields of the club a cycle holds from the one before, for the cycles ``idx``."""
    keys = ("f", "pre_on", "pre_raw", "pre_d") if "pre_raw" in cyc else ("f", "club_x", "club_vis", "club_d")
    return {k: cyc[k][idx] for k in keys}


def _concat(records):
    """Several records (dicts of per-cycle arrays) as one."""
    if len(records) == 1:
        return records[0]
    return {k: np.concatenate([np.broadcast_to(r[k], r["f"].shape) for r in records])
            for k in _CYCLE_KEYS + ("f",)}


def _held_before(cyc, t_end):
    """The club a cycle holds from the one before, for a new end ``t_end`` of its telogen (a club
    is released at the latest when the hair beside it ends its own telogen)."""
    n = cyc["f"].size
    nan = np.full(n, np.nan)
    if "pre_raw" in cyc:  # cycle 0: the club of the cycle before the run
        return {"pre_on": cyc["pre_on"], "pre_off": np.minimum(cyc["pre_raw"], t_end), "pre_d": cyc["pre_d"],
                "cut": np.full(n, np.inf), "club_x": nan, "club_vis": nan, "club_d": nan}
    return {"pre_on": nan, "pre_off": nan, "pre_d": nan,
            "cut": np.where(cyc["club_x"] > t_end, t_end, np.inf), "club_x": cyc["club_x"],
            "club_vis": cyc["club_vis"], "club_d": cyc["club_d"]}


class _Store:
    """A chunk's stored untreated cycles of releasing responders, sorted by follicle and cycle,
    with the lookups a release needs and the record of which cycles a branch replaces."""

    def __init__(self, parts):
        keys = _CYCLE_KEYS + ("f", "k", "emergence")
        if parts:
            data = {}
            for key in keys:
                vals = [p[key] if np.ndim(p[key]) else np.full(p["f"].size, p[key]) for p in parts]
                data[key] = np.concatenate(vals)
        else:
            data = {key: np.zeros(0) for key in keys}
            data["f"] = np.zeros(0, dtype=np.intp)
            data["k"] = np.zeros(0, dtype=np.int64)
        order = np.lexsort((data["k"], data["f"]))
        self.d = {key: v[order] for key, v in data.items()}
        self.f = self.d["f"].astype(np.intp)
        n = self.f.size
        self.upto = {}  # follicle -> last replaced position
        if n:
            a = self.d["a_end"]
            self._off = 1.0 - float(a.min())
            self._big = float(a.max()) + self._off + 1.0
            self._comb = self.f * self._big + (a + self._off)
        self._mask = np.zeros(n, dtype=bool)
        self._marks = []

    def reset(self):
        """Forget which cycles a branch replaced (the store can serve another stimulation)."""
        self._mask[:] = False
        self._marks = []
        return self

    def get(self, key, pos):
        return self.d[key][pos]

    def cycle(self, pos):
        return {key: self.d[key][pos] for key in _CYCLE_KEYS + ("f",)}

    def find(self, f, t):
        """Position of each follicle's first stored cycle whose anagen ends after ``t``, and
        whether there is one."""
        if not self.f.size:
            return np.zeros(f.size, dtype=np.intp), np.zeros(f.size, dtype=bool)
        q = f.astype(np.intp) * self._big + (np.asarray(t, dtype=float) + self._off)
        pos = np.searchsorted(self._comb, q, side="right")
        ok = pos < self.f.size
        pos = np.minimum(pos, self.f.size - 1)
        ok &= self.f[pos] == f
        return pos, ok

    def last_k_end(self, f):
        pos = np.searchsorted(self.f, f, side="right") - 1
        return self.d["k_end"][np.maximum(pos, 0)]

    def replace_upto(self, f, pos):
        """Mark each follicle's stored cycles up to ``pos`` as replaced by its branch."""
        lo = np.searchsorted(self.f, f, side="left")
        self._mark(lo, pos + 1)

    def replace_rest_of(self, f):
        lo = np.searchsorted(self.f, f, side="left")
        hi = np.searchsorted(self.f, f, side="right")
        self._mark(lo, hi)

    def replace_rest(self, releaser):
        """Releasers not released yet: all their stored cycles are replaced."""
        if not self.f.size:
            return
        self._apply()
        done = np.zeros(releaser.size, dtype=bool)
        done[self.f[self._mask]] = True
        left = np.flatnonzero(releaser & ~done)
        left = left[np.isin(left, self.f)]
        if left.size:
            self.replace_rest_of(left)

    def _mark(self, lo, hi):
        if lo.size:
            self._marks.append((lo, hi))  # applied together (see _apply)

    def _apply(self):
        if self._marks:
            lo = np.concatenate([m[0] for m in self._marks])
            hi = np.concatenate([m[1] for m in self._marks])
            self._marks = []
            d = np.zeros(self.f.size + 1, dtype=np.int64)
            np.add.at(d, lo, 1)
            np.add.at(d, hi, -1)
            self._mask |= np.cumsum(d)[:-1] > 0

    def replaced(self):
        self._apply()
        sel = np.flatnonzero(self._mask)
        return {key: self.d[key][sel] for key in _CYCLE_KEYS + ("f",)}



def cycles_per_follicle(params, n_days, stimulation):
    """About how many hair cycles one follicle goes through in a run: the healthy cycle for the
    follicles AGA cannot touch, the shortest (floored) cycle for the susceptible ones from the
    onset on, and, while a stimulation's wake clock is on, the woken cycle.

    Returns (cycles, shortest mean cycle in days, simulated days including the years of AGA
    before day 0, the cycles of a follicle always at the shortest cycle)."""
    base = float(np.min(params.anagen_mean_days))
    floor = min(float(np.min(params.anagen_min_days)), base) if params.is_progressive else base
    rest = float(np.min(params.catagen_mean_days)) + float(np.min(params.telogen_mean_days))
    share = float(np.max(params.aga_susceptible_fraction)) * (1.0 - float(np.min(params.vellus_follicle_fraction))) \
        if params.is_progressive else 0.0
    horizon = n_days + 365.0 * float(np.max(params.years_since_onset))
    shortest = floor + rest
    cycles = (1.0 - share) * horizon / max(base + rest, 1e-9) + share * horizon / max(shortest, 1e-9)
    if stimulation is not None and stimulation.wake > 0:
        woken = floor + float(np.min(params.catagen_mean_days)) + \
            float(np.min(params.telogen_mean_days)) / (1.0 + stimulation.wake)
        exposed = min(horizon, stimulation.effect_end_time - stimulation.start_day)
        cycles += exposed / max(woken, 1e-9)
    return float(cycles), shortest, horizon, horizon / max(shortest, 1e-9)


def _check_workload(params, n, n_days, stimulation, years=None):
    """Refuse runs that would never end, before starting them (4 phase changes a cycle).

    The sentence names what is too large and what fits: the number of follicles when one
    follicle's history fits, otherwise the number of years."""
    cycles, shortest, horizon, longest = cycles_per_follicle(params, n_days, stimulation)
    per_follicle = 4.0 * cycles
    work = n * per_follicle
    if work <= MAX_PHASE_CHANGES and longest <= MAX_CYCLES / 4:
        return work
    detail = f"cycles as short as {shortest:.3g} days over {horizon:,.0f} days for {n:,} follicles"
    if per_follicle <= MAX_PHASE_CHANGES and longest <= MAX_CYCLES / 4:
        name, most, got = "n_follicles", f"{int(MAX_PHASE_CHANGES // per_follicle):,}", f"{n:,}"
    else:
        y = float(years) if years is not None else n_days / 365.0
        fit = min(MAX_PHASE_CHANGES / work, (MAX_CYCLES / 4) / longest)
        name, most, got = "years", f"about {y * fit:.3g}", f"{y:g}"
    raise too_large("this run", f"{work:.2g} phase changes ({detail})",
                    f"{MAX_PHASE_CHANGES:.0e} (a few minutes of work)", name, most, got,
                    advice="use longer phase durations")


_ROWS_PER_GROUP_DAY = 36


def check_run(params, n, years, stimulation, start_from, groups=None):
    """The relations between :func:`simulate`'s (already validated) arguments, and its limits.

    Returns (n_days, groups as an intp array or None, n_groups). Used by :func:`simulate` and by
    :meth:`hairsim.Result.from_csv` (a file's settings must be ones ``simulate`` accepts)."""
    n_days = int(round(365.0 * float(years)))
    if n_days < 1:
        raise fail("years", "at least one day (1/365 years)", describe_value(years))
    params.check_follicles(n)
    start_from.check_follicles(n)
    if params.stress_day is not None and params.stress_day > n_days:
        raise fail("stress_day", f"a day of the run, in [0, {n_days}] for {float(years):g} years",
                   describe_value(params.stress_day))
    if stimulation is not None and isinstance(stimulation.responders, np.ndarray) \
            and stimulation.responders.size != n:
        raise InvalidParameterError(
            f"The 'responders' parameter is an array of {stimulation.responders.size} values, "
            f"but it must have one value per follicle (n_follicles = {n}).")
    n_groups = 1
    if groups is not None:
        groups = np.asarray(groups, dtype=np.intp)
        n_groups = int(groups.max()) + 1
        # per group and day, 8-byte numbers: the accumulators of both signs and their total (9
        # boundary rows, diameter sums, shedding: 3 × 11), the 6 differences, their cumulative
        # sums and the Result's per-group series (measured: about 35 rows in all)
        need = n_groups * (n_days + 2) * _ROWS_PER_GROUP_DAY * 8
        if need > MAX_BYTES:
            most = int(MAX_BYTES // ((n_days + 2) * _ROWS_PER_GROUP_DAY * 8))
            raise too_large("this run", f"{need / 1e9:.3g} GB to keep {n_groups:,} groups × "
                            f"{n_days + 1:,} days of series", f"{MAX_BYTES / 1e9:g} GB",
                            "groups", f"{most:,} groups", f"{n_groups:,} groups",
                            advice="use fewer groups or a shorter run")
    _check_workload(params, n, n_days, stimulation, years)
    return n_days, groups, n_groups


def _groups_for(arguments):
    n = arguments["n_follicles"]
    return Sequence(Interval(0, math.inf, integer=True), min_size=n, max_size=n, none_ok=True,
                    text=f"a 1-D array of whole numbers ≥ 0, one per follicle (n_follicles = {n:,})")


_SIMULATE = {
    "params": ParamsOrPreset(),
    "n_follicles": Interval(1, 100_000_000, integer=True),
    "years": Interval(0, 200, "right"),
    "stimulation": InstanceOf((Stimulation,), "a hairsim.Stimulation", none_ok=True),
    "rng": Seed(),
    "start_from": ParamsOrPreset(none_ok=True),
    "chunk_size": Interval(1, 100_000_000, integer=True, none_ok=True),
    "groups": Bound(_groups_for, static=Sequence(Interval(0, math.inf, integer=True), none_ok=True)),
}
_EXECUTOR = HasMethods(("submit",), "a concurrent.futures.Executor (with a submit method)")


@validate_params({**_SIMULATE, "executor": _EXECUTOR, "progress": Flag()}, owner="hairsim.simulate")
def simulate(params, n_follicles: int = 10_000, years: float = 10, stimulation=None, rng=None, *,
             start_from=None, chunk_size=None, groups=None, executor=None, progress=False):
    """Simulate a population of hair follicles, day by day, for some years.

    Parameters
    ----------
    params : Params or str
        The population (a :class:`Params`, or a preset name such as ``"aga_moderate"``).
    n_follicles : int, [1, 100,000,000], default 10,000
        Number of follicles: about 225 make a 1 cm² patch, 100,000 a whole scalp.
    years : float, (0, 200], default 10
        Length of the run, in years of 365 days (days 0 … round(365·years) are reported; at least
        one day).
    stimulation : Stimulation or None
        A **hypothetical** stimulation (what-if knobs, not a model of any product).
    rng : None, int ≥ 0, numpy.random.SeedSequence, numpy.random.Generator or RunKey
        Seed (SPEC 7). The same seed gives the same run; two runs with the same seed share their
        random numbers follicle by follicle, so a treated run equals the untreated one until the
        stimulation starts.
    start_from : Params, str or None
        Start in the steady state of this population's cycle (default: ``params``' own cycle
        without AGA progression) — for example the healthy cycle, to watch a change take over.
    chunk_size : int, [1, 100,000,000], or None
        Follicles processed at once (memory bound). The result does not depend on it.
    groups : array of int ≥ 0, one per follicle, optional
        A group number (0, 1, …) for each follicle — a scalp region, or a participant of a
        virtual trial. The result then also holds every series per group
        (:meth:`Result.group_series`), at no extra cost per phase change.
    executor : concurrent.futures.Executor, optional
        Run the chunks of follicles on this executor: a ``ProcessPoolExecutor`` on one machine, or
        a cluster's (Dask distributed's ``Client.get_executor()``, Ray's). The result is identical,
        number for number, to an in-process run with any chunk size (each follicle's random
        numbers are its own). It pays from about a million follicles: below that, starting
        workers and sending chunks costs more than it saves (``benchmarks/README.md``).
    progress : bool, default False
        Show progress over the chunks of follicles (a tqdm bar when tqdm is installed, in a
        notebook a widget bar; otherwise plain lines on stderr).

    Returns
    -------
    Result
        Daily counts per phase, shedding, densities and diameters, with the settings and seed.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) for a bad argument, or a run larger than the limits
        (:data:`MAX_PHASE_CHANGES` phase changes, :data:`MAX_BYTES` of per-group series), before
        any work is done.
    """
    spec = _prepare(params, n_follicles, years, stimulation, rng, start_from, chunk_size, groups)
    sums = _execute(spec, stimulation, "simulate", executor, progress=progress)
    return _result(spec, sums, stimulation)


class _Spec:
    """A run's checked settings: what every chunk needs."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


def _prepare(params, n_follicles, years, stimulation, rng, start_from, chunk_size, groups) -> _Spec:
    """A run's settings from arguments already checked against the declared table (by
    :func:`simulate` or :class:`~hairsim.Scenario`): their relations and the workload, and its key
    (the one seed root)."""
    # the same cycle given twice is one population (not a different start state)
    start_from = params if start_from is None or start_from == params else start_from
    n = n_follicles
    chunk = DEFAULT_CHUNK if chunk_size is None else chunk_size
    n_days, groups, n_groups = check_run(params, n, years, stimulation, start_from, groups)
    root = resolve_seed(rng)
    t_on = float(_onset_days(params).max())
    return _Spec(params=params, start_from=start_from, n=n, n_days=n_days, years=float(years), chunk=chunk,
                 groups=groups, n_groups=n_groups, key=root.key, seed=root.seed, t_on=t_on)


class _Sums:
    """A run's accumulated boundary counts, diameter sums and shedding (integers, exactly)."""

    def __init__(self, bounds, dsum, shed, phase_changes=0):
        self.bounds, self.dsum, self.shed, self.phase_changes = bounds, dsum, shed, phase_changes

    @classmethod
    def of(cls, run):
        run.acc.minus(run.acc_neg)
        return cls(run.acc.bounds, run.acc.dsum, run.acc.shed, run.phase_changes)

    def __iadd__(self, other):
        self.bounds += other.bounds
        self.dsum += other.dsum
        self.shed += other.shed
        self.phase_changes += other.phase_changes
        return self

    def minus(self, other) -> "_Sums":
        return _Sums(self.bounds - other.bounds, self.dsum - other.dsum, self.shed - other.shed,
                     self.phase_changes - other.phase_changes)


def _sliced(obj, sel):
    """A copy of a Params or Stimulation with its per-follicle arrays cut to ``sel`` (already
    validated: the checks are not run again)."""
    if obj is None:
        return None
    out = object.__new__(type(obj))
    for name in obj.fields():
        v = getattr(obj, name)
        object.__setattr__(out, name, v[sel] if isinstance(v, np.ndarray) else v)
    return out


def _chunk_task(task):
    """One chunk of a run, on any executor: (settings, chunk bounds, mode, bookkeeping) →
    (sums, bookkeeping). The chunk's parameters arrive already cut to it."""
    params, start_from, stim, key, n_days, t_on, grp, n_groups, lo, hi, mode, book = task
    run = _Run(params, hi - lo, n_days, stim, key, start_from, grp, n_groups, t_on=t_on, fid0=lo)
    book = run.run_chunk(slice(0, hi - lo), mode, book)
    if mode == "responders":  # sent back: leave out what the worker can draw again
        book = {k: v for k, v in book.items() if k not in ("_setup", "_store")}
    return _Sums.of(run), (book if mode == "responders" else None)


def _tasks(spec, stimulation, mode, books=None):
    for i, lo in enumerate(range(0, spec.n, spec.chunk)):
        hi = min(spec.n, lo + spec.chunk)
        sel = slice(lo, hi)
        p = _sliced(spec.params, sel)
        s0 = p if spec.start_from is spec.params else _sliced(spec.start_from, sel)
        grp = None if spec.groups is None else spec.groups[sel]
        yield (p, s0, _sliced(stimulation, sel), spec.key, spec.n_days, spec.t_on, grp, spec.n_groups, lo, hi,
               mode, None if books is None else books[i])


def _execute(spec, stimulation, mode, executor=None, books=None, keep_books=False, progress=False):
    """Run every chunk (in process, or on ``executor``) and add up their sums, exactly: the order
    in which chunks finish does not matter. Returns the sums (and the chunks' bookkeeping).
    ``progress``: report the follicles done (see :mod:`hairsim._progress`)."""
    bar = progress_bar(spec.n, "simulate", progress, unit="follicles")
    n_groups, stride = spec.n_groups, spec.n_days + 2
    total = _Sums(np.zeros((_N_ROWS, n_groups * stride), dtype=np.int64), np.zeros(n_groups * stride),
                  np.zeros(n_groups * (spec.n_days + 1), dtype=np.int64))
    out_books = []  # (only a Scenario keeps them: a plain run's memory stays flat in n)
    done = 0
    if executor is None:
        run = _Run(spec.params, spec.n, spec.n_days, stimulation, spec.key, spec.start_from, spec.groups, n_groups,
                   t_on=spec.t_on)
        for i, lo in enumerate(range(0, spec.n, spec.chunk)):
            book = run.run_chunk(slice(lo, min(spec.n, lo + spec.chunk)), mode, None if books is None else books[i])
            if keep_books:
                out_books.append(book)
            bar.update(min(spec.n, lo + spec.chunk) - lo)
        total += _Sums.of(run)
    else:
        from collections import deque
        pending, limit = deque(), 2 * max(1, getattr(executor, "_max_workers", 2) or 2)

        def collect():
            nonlocal done
            sums, book = pending.popleft().result()
            total.__iadd__(sums)
            if keep_books:
                out_books.append(book)
            step = min(spec.chunk, spec.n - done)
            done += step
            bar.update(step)

        for task in _tasks(spec, stimulation, mode, books):
            pending.append(executor.submit(_chunk_task, task))
            while len(pending) >= limit:  # a bounded number in flight: memory stays flat
                collect()
        while pending:
            collect()
    bar.close()
    return (total, out_books) if keep_books else total


def _result(spec, sums, stimulation):
    """Turn accumulated boundary counts into a Result."""
    from .result import Result

    n_groups, n_days, s = spec.n_groups, spec.n_days, spec.n_days + 2
    groups = spec.groups
    b = sums.bounds.reshape(_N_ROWS, n_groups, s)
    diffs = np.stack((b[_A_START] - b[_A_END], b[_A_END] - b[_C_END], b[_C_END] - b[_T_END],
                      b[_T_END] - b[_K_END], b[_V_ON] - b[_V_OFF], b[_V_ON_NV] - b[_V_OFF_NV]))
    per_group = np.cumsum(diffs, axis=2)[:, :, : n_days + 1]          # (series, group, day)
    dsum_pm = np.cumsum(sums.dsum.reshape(n_groups, s), axis=1)[:, : n_days + 1]  # exact integers
    dsum_g = dsum_pm * 1e-6
    shed_g = sums.shed.reshape(n_groups, n_days + 1)
    series, dsum, shed = per_group.sum(axis=1), dsum_pm.sum(axis=0) * 1e-6, shed_g.sum(axis=0)
    by_group = None
    if groups is not None:
        by_group = {"anagen": per_group[0], "catagen": per_group[1], "telogen": per_group[2],
                    "kenogen": per_group[3], "visible": per_group[4], "visible_nonvellus": per_group[5],
                    "diameter_sum": dsum_g, "shed": shed_g,
                    "n_follicles": np.bincount(groups, minlength=n_groups)}
    exposure = (stimulation.exposure(n_days + 1) if stimulation is not None
                else np.zeros(n_days + 1))
    meta = dict(params=spec.params, start_from=None if spec.start_from is spec.params else spec.start_from,
                seed=spec.seed, key=spec.key, n_follicles=spec.n, years=spec.years,
                phase_changes=sums.phase_changes, engine_version=ENGINE_VERSION)
    return Result(
        days=np.arange(n_days + 1),
        anagen=series[0], catagen=series[1], telogen=series[2], kenogen=series[3],
        visible=series[4], visible_nonvellus=series[5], diameter_sum=dsum,
        shed=shed, exposure=exposure, by_group=by_group, stimulation=stimulation, **meta,
    )
