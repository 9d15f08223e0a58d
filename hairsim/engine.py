"""The event-driven kernel: all follicles advance one hair cycle at a time, vectorized.

The cost grows with the number of phase changes, not with follicles × days:

* every iteration takes each still-active follicle through one whole cycle (anagen → catagen →
  telogen → shedding → kenogen or not) with a handful of array operations;
* time-varying effects (the hypothetical stimulation) use a clock per phase kind: a phase of
  intrinsic duration D that starts at s ends at C⁻¹(C(s) + D), where C is the cumulative clock on
  the daily grid — one table lookup for all follicles, no loop over days; only the follicles
  whose cycle overlaps the stimulation pay for it;
* intervals become daily counts through difference arrays (+1 at the first day, −1 after the
  last: a ``bincount`` per phase boundary per cycle, one ``cumsum`` at the end); shedding is a
  ``bincount`` of shedding days;
* random numbers are counter-based (``_random.py``), keyed by follicle and cycle, so chunks of
  follicles are independent and scenarios with the same seed share their noise.

Day d's counts are the state at the instant t = d: a follicle is in a phase on day d when the
phase started at or before d and ends after d.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._random import MAX_CYCLES, Streams, resolve_key
from .params import Params, Stimulation

__all__ = ["simulate", "DEFAULT_CHUNK"]

# 32,768 follicles a chunk: the arrays stay in cache (measured 20 ns per phase change, 33 at 1 << 17)
DEFAULT_CHUNK = 1 << 15
# The boundaries whose daily bincounts are accumulated; the series are differences of them.
_B_ANAGEN_START, _B_ANAGEN_END, _B_CATAGEN_END, _B_TELOGEN_END, _B_KENOGEN_END, _B_VISIBLE, \
    _B_VISIBLE_NV, _B_TELOGEN_END_NV = range(8)
_MAX_PHASE_CHANGES = 3e9


def _lognormal(mean, cv, z, biased=False):
    """Lognormal with the given mean and CV from standard normals z (length-biased if asked).

    The length-biased law of a lognormal(μ, σ) is lognormal(μ + σ², σ): its mean is
    mean·(1 + cv²). With a scalar CV the exponent stays in float32 (z's precision).
    """
    if isinstance(cv, np.ndarray):
        s2 = np.log1p(np.square(cv))
        s = np.sqrt(s2)
    else:
        s2 = math.log1p(float(cv) ** 2)
        s = math.sqrt(s2)
    shift = 0.5 * s2 if biased else -0.5 * s2
    return mean * np.exp(s * z + shift)


def _pick(v, idx):
    """A per-follicle array's values at ``idx``, or the scalar itself."""
    return v[idx] if isinstance(v, np.ndarray) else v


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


class _Run:
    """One simulation: the settings, the clocks and the accumulators."""

    def __init__(self, params: Params, n_follicles: int, n_days: int, stimulation, key: int,
                 start_from: Params, groups=None, n_groups: int = 1):
        self.p = params
        self.s0 = start_from
        self.stim = stimulation
        self.n = n_follicles
        self.n_days = n_days
        # Internal time 0 is the earliest AGA onset; output day 0 is internal time t_on.
        onset_days = np.round(365.0 * np.asarray(params.years_since_onset, dtype=float))
        self.t_on = float(onset_days.max())
        self.onset = None if onset_days.ndim == 0 else self.t_on - onset_days  # per follicle
        self.horizon = self.t_on + n_days + 1.0  # internal time after which nothing is recorded
        self.streams = Streams(key)
        self.stride = n_days + 2
        self.groups = groups
        self.n_groups = n_groups
        self.phase_changes = 0
        # With many groups × days, a bincount per cycle costs more than collecting the indices
        # and counting once per chunk; with few, counting at once keeps the arrays in cache.
        self.defer = n_groups * self.stride > 1 << 16
        self.acc = self.new_acc()

        self.stress_time = (None if params.stress_day is None or params.stress_anagen_fraction == 0
                            else params.stress_day + self.t_on)
        self.aga = params.is_progressive or bool(np.any(np.asarray(params.aga_susceptible_fraction) > 0))

        st = stimulation
        self.active_stim = st is not None and (st.wake > 0 or st.extend > 0 or st.thicken > 0) \
            and bool(np.any(np.asarray(st.responders) > 0))
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
    def _view(params: Params, c0: int, c1: int):
        out = {}
        for name in params.fields():
            v = getattr(params, name)
            out[name] = v[c0:c1] if isinstance(v, np.ndarray) else v
        return out

    # -- phase ends under the stimulation --------------------------------------------------
    def _anagen_end(self, start, dur, ctx, resp, advance=None):
        """End of an anagen under the stimulation, and what persists of it after stopping.

        ``resp``: responder flags (None without an active stimulation). ``advance``: how much
        earlier this anagen started than it would have without the wake clock (the preceding
        telogen and kenogen were shortened), or None.

        With persistence p, the end is T_p0 + p·(T1 − T_p0), where T1 is the end under the
        extend clock. T_p0 is what is left when the exposure fades at the follicle's release
        time F: an anagen held past its natural end T0 = start + dur moves on at F
        (min(T1, max(T0, F))); an anagen that the wake clock started before F, when without it
        the follicle would still be resting at F, also moves on at F (min(T1, F)).
        """
        end = start + dur
        if resp is None:
            return end
        sel = resp & (end > self.stim_start) & (start < self.effect_end)
        if not sel.any():
            return end
        t0 = end[sel]
        t1 = self.clock_a.end(start[sel], dur[sel]) if self.clock_a is not None else t0
        p = self.stim.persistence
        if p >= 1.0:
            end[sel] = t1
            return end
        f = ctx["release"][ctx["idx"]][sel] if ctx["idx"] is not None else ctx["release"][sel]
        tp0 = np.minimum(t1, np.maximum(t0, f))
        if advance is not None:
            st, adv = start[sel], advance[sel]
            woken = (adv > 0) & (st < f) & (st + adv > f)
            tp0 = np.where(woken, np.minimum(t1, f), tp0)
        end[sel] = tp0 + p * (t1 - tp0)
        return end

    def _rest_end(self, start, dur, resp, only=None):
        """End of a telogen or kenogen (the wake clock), for the follicles in ``only``."""
        end = start + dur
        if resp is None or self.clock_w is None:
            return end
        sel = resp & (end > self.stim_start) & (start < self.effect_end)
        if only is not None:
            sel &= only
        if sel.any():
            end[sel] = self.clock_w.end(start[sel], dur[sel])
        return end

    def _stress(self, a_start, a_end, u):
        if self.stress_time is None:
            return a_end
        ts = self.stress_time
        hit = (a_start <= ts) & (a_end > ts) & (u < self.p.stress_anagen_fraction)
        return np.where(hit, ts, a_end)

    def _thicken(self, d, d_target, a_start, resp):
        if resp is None or self.stim.thicken == 0:
            return d
        sel = resp & (a_start >= self.stim_start) & (a_start < self.effect_end)
        if not sel.any():
            return d
        d = d.copy()
        day = np.clip(np.floor(a_start[sel]), 0, self.exposure_grid.size - 1).astype(np.intp)
        e = self.exposure_grid[day]  # the mean exposure of the day the hair starts growing
        d[sel] += self.stim.thicken * e * (d_target[sel] - d[sel])
        return d

    # -- recording ---------------------------------------------------------------------------
    def _index(self, t):
        """Index of the first day at or after time t (internal), clipped to [0, n_days + 1]."""
        x = np.ceil(t - self.t_on) if self.t_on else np.ceil(t)
        np.clip(x, 0, self.n_days + 1, out=x)
        return x.astype(np.intp)

    def new_acc(self) -> dict:
        """Empty accumulators: boundary counts per day, diameter sums, shedding."""
        return {"bounds": np.zeros((8, self.n_groups * self.stride), dtype=np.int64),
                "dsum": np.zeros(self.n_groups * self.stride, dtype=float),
                "shed": np.zeros(self.n_groups * (self.n_days + 1), dtype=np.int64),
                "pending": [[] for _ in range(10)]}

    def _flush(self, acc):
        """Count what :meth:`_record` collected (once per chunk: with many groups, one bincount
        over groups × days per chunk instead of per cycle)."""
        pend = acc["pending"]
        if not pend[0]:
            return
        m = self.n_groups * self.stride
        cat = [np.concatenate(x) for x in pend]
        for row in range(8):
            acc["bounds"][row] += np.bincount(cat[row], minlength=m)
        acc["dsum"] += np.bincount(cat[_B_VISIBLE], weights=cat[8], minlength=m)
        acc["dsum"] -= np.bincount(cat[_B_TELOGEN_END], weights=cat[8], minlength=m)
        acc["shed"] += np.bincount(cat[9], minlength=self.n_groups * (self.n_days + 1))
        acc["pending"] = [[] for _ in range(10)]

    def _record(self, acc, cyc):
        """Add one cycle's intervals (any of them may be empty) to the difference arrays.

        ``cyc`` holds the cycle's times, hair diameters and groups."""
        a_start, a_end, c_end, t_end, k_end, vis_start, diameter, grp = (
            cyc["a_start"], cyc["a_end"], cyc["c_end"], cyc["t_end"], cyc["k_end"], cyc["vis_start"],
            cyc["hair"], cyc["grp"])
        self.phase_changes += 4 * a_start.size
        if a_start.size == 0 or (self.t_on > 0 and not (k_end > self.t_on).any()):
            return  # cycles over before the reported window leave no trace
        # (boundaries before the window all clip to index 0, where they cancel in the differences)
        s = self.stride
        m = self.n_groups * s
        off = None if grp is None else grp * s
        b = acc["bounds"]

        def index(t):
            i = self._index(t)
            return i if off is None else i + off

        i_te, i_v = index(t_end), index(vis_start)
        nv = diameter >= self.p.vellus_threshold_um
        rows = ((_B_ANAGEN_START, index(a_start)), (_B_ANAGEN_END, index(a_end)),
                (_B_CATAGEN_END, index(c_end)), (_B_KENOGEN_END, index(k_end)), (_B_TELOGEN_END, i_te),
                (_B_VISIBLE, i_v), (_B_VISIBLE_NV, i_v[nv]), (_B_TELOGEN_END_NV, i_te[nv]))
        # diameters in whole picometres (1e-6 µm): integer-valued sums, exact in any order,
        # so the result does not depend on how follicles are chunked
        pm = np.rint(diameter * 1e6)
        shed_day = np.floor(t_end - self.t_on)
        ok = (shed_day >= 0) & (shed_day <= self.n_days)
        j = shed_day[ok].astype(np.intp)
        if off is not None:
            j += grp[ok] * (self.n_days + 1)
        if self.defer:  # many groups: count once per chunk (see _flush)
            pend = acc["pending"]
            for row, i in rows:
                pend[row].append(i)
            pend[8].append(pm)
            pend[9].append(j)
            return
        for row, i in rows:
            b[row] += np.bincount(i, minlength=m)
        acc["dsum"] += np.bincount(i_v, weights=pm, minlength=m)
        acc["dsum"] -= np.bincount(i_te, weights=pm, minlength=m)
        acc["shed"] += np.bincount(j, minlength=self.n_groups * (self.n_days + 1))

    # -- one chunk of follicles -----------------------------------------------------------------
    def run_chunk(self, c0: int, c1: int) -> None:
        """Simulate follicles c0 … c1−1 and add them to the accumulators."""
        n = c1 - c0
        rs = self.streams
        P = self._view(self.p, c0, c1)
        S = self._view(self.s0, c0, c1)
        fid = np.arange(c0, c1, dtype=np.uint64)

        # once per follicle
        u_phase, u_pos = rs.uniforms(rs.bits(Streams.INIT, fid, 0))
        z_len, z_d0 = rs.normals(rs.bits(Streams.INIT_LEN, fid, 0))
        u_susc, u_resp = rs.uniforms(rs.bits(Streams.FLAGS, fid, 0))
        d0 = _lognormal(P["diameter_um"], P["diameter_cv"], z_d0).astype(float)
        ctx = {"d0": d0, "P": P, "fid": fid,
               "susceptible": u_susc < P["aga_susceptible_fraction"] if self.aga else None,
               "grp": None if self.groups is None else self.groups[c0:c1],
               "onset": None if self.onset is None else self.onset[c0:c1]}
        if self.active_stim:
            r = self.stim.responders
            ctx["responder"] = u_resp < (r[c0:c1] if isinstance(r, np.ndarray) else r)
            if math.isfinite(self.t_last):
                u_rel, _ = rs.uniforms(rs.bits(Streams.RELEASE, fid, 0))
                ctx["release"] = self.t_last + self.stim.half_life_days * -np.log2(u_rel.astype(float))
            else:
                ctx["release"] = np.full(n, math.inf)

        # ---- cycle 0: the equilibrium of start_from at internal time 0 ----------------------
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
        init = {"p0": p0, "remain": length - elapsed, "neg": -elapsed}
        z_pa, z_pc = rs.normals(rs.bits(Streams.INIT_PREV, fid, 0))
        init["prev_a"] = _lognormal(S["anagen_mean_days"], S["anagen_cv"], z_pa)
        init["prev_c"] = np.where(p0 == 2, _lognormal(S["catagen_mean_days"], S["catagen_cv"], z_pc), 0.0)
        init["emergence0"] = S["emergence_days"]

        cyc = self._cycle0(ctx, init)
        self._record(self.acc, cyc)
        lane = self._next(cyc, np.arange(n), None if ctx["onset"] is None else np.zeros(n, dtype=np.int64))

        # ---- cycles 1, 2, …: every active follicle starts a new anagen -----------------------
        k = 1
        while lane["idx"].size:
            if k >= MAX_CYCLES:  # the work estimate in simulate() should prevent this
                raise ValueError("It looks like a follicle went through more than 2**20 hair cycles: "
                                 "the phase durations are too short for this many years.")
            cyc = self._cycle(ctx, lane, k)
            self._record(self.acc, cyc)
            lane = self._next(cyc, lane["idx"], cyc["aga"])
            k += 1
        self._flush(self.acc)

    def _next(self, cyc, idx, aga):
        """The follicles of ``idx`` whose next anagen starts before the horizon, with their state:
        start time, advance from the wake clock, anagens since their own AGA onset."""
        ok = cyc["k_end"] < self.horizon
        adv = cyc["adv"]
        return {"idx": idx[ok], "start": cyc["k_end"][ok], "adv": None if adv is None else adv[ok],
                "aga": None if aga is None else aga[ok]}

    # -- one cycle -----------------------------------------------------------------------------
    def _cycle0(self, ctx, init):
        """Cycle 0: each follicle finishes the phase it is in at internal time 0, then the rest of
        its cycle. Returns the cycle's times (internal days), hair diameters and groups."""
        P, rs, fid = ctx["P"], self.streams, ctx["fid"]
        n = fid.size
        p0, remain, neg = init["p0"], init["remain"], init["neg"]
        z_a, z_c = rs.normals(rs.bits(Streams.AC, fid, 0))
        z_t, z_k = rs.normals(rs.bits(Streams.TK, fid, 0))
        u_ken, u_str = rs.uniforms(rs.bits(Streams.CHOICE, fid, 0))
        zero = np.zeros(n)
        in_a, in_c, in_t, in_k = p0 == 0, p0 == 1, p0 == 2, p0 == 3

        resp = ctx.get("responder")
        ctx["idx"] = None
        a_start = neg
        a_end = np.where(in_a, self._anagen_end(zero, remain.copy(), ctx, resp), neg)
        a_end = np.where(in_a, self._stress(a_start, a_end, u_str), a_end)
        dur_c = _lognormal(P["catagen_mean_days"], P["catagen_cv"], z_c)
        c_end = np.where(in_a, a_end + dur_c, np.where(in_c, remain, neg))
        dur_t = _lognormal(P["telogen_mean_days"], P["telogen_cv"], z_t)
        t_start = np.where(in_t, 0.0, c_end)
        t_end = np.where(in_k, neg, self._rest_end(t_start, np.where(in_t, remain, dur_t), resp))
        ken = u_ken < P["p_kenogen"]
        dur_k = _lognormal(P["kenogen_mean_days"], P["kenogen_cv"], z_k)
        k_end = np.where(ken, self._rest_end(t_end, dur_k, resp, only=ken & ~in_k), t_end)
        k_end = np.where(in_k, self._rest_end(zero, remain.copy(), resp, only=in_k), k_end)
        adv = None
        if resp is not None and self.clock_w is not None and self.stim.persistence < 1:
            # how much earlier the next anagen starts than without the wake clock
            natural = np.where(in_k, remain, np.where(in_t, 0.0, c_end) + np.where(in_t, remain, dur_t)
                               + np.where(ken, dur_k, 0.0))
            adv = natural - k_end
        # A follicle that starts in catagen or telogen shows its hair only if the shaft emerged:
        # in a stationary cycle the anagen (and catagen) before the current phase have their
        # ordinary laws, independent of it, so they were drawn to place the emergence.
        emerged = neg - init["prev_c"] - init["prev_a"] + init["emergence0"]
        vis_start = np.where(in_a, neg + P["emergence_days"], np.where(in_k, t_end, emerged))
        vis_start = np.minimum(vis_start, t_end)
        return {"a_start": a_start, "a_end": a_end, "c_end": c_end, "t_end": t_end, "k_end": k_end,
                "vis_start": vis_start, "hair": ctx["d0"], "grp": ctx["grp"], "adv": adv}

    def _cycle(self, ctx, lane, k):
        """Cycle k ≥ 1 of the active follicles, each starting a new anagen at lane["start"].

        Returns the cycle's times (internal days), hair diameters, groups, and the state carried
        to the next cycle."""
        P, rs = ctx["P"], self.streams
        idx, start, adv = lane["idx"], lane["start"], lane["adv"]
        f = ctx["fid"][idx]
        z_a, z_c = rs.normals(rs.bits(Streams.AC, f, k))
        z_t, z_k = rs.normals(rs.bits(Streams.TK, f, k))
        u_ken, u_str = rs.uniforms(rs.bits(Streams.CHOICE, f, k))
        d0_i = ctx["d0"][idx]

        mean_a = _pick(P["anagen_mean_days"], idx)
        mean_k = _pick(P["kenogen_mean_days"], idx)
        p_ken = _pick(P["p_kenogen"], idx)
        diam = d0_i
        aga = lane["aga"]
        if ctx["susceptible"] is not None:
            sus = ctx["susceptible"][idx]
            if aga is None:
                kk = k  # every follicle's onset is at internal time 0
            else:     # count the anagens that start after each follicle's own onset
                aga = aga + (start >= ctx["onset"][idx])
                kk = aga
            floor_a = np.minimum(mean_a, _pick(P["anagen_min_days"], idx))
            mean_a = np.where(sus, np.maximum(mean_a * np.power(_pick(P["anagen_shortening"], idx), kk),
                                              floor_a), mean_a)
            floor_d = np.minimum(d0_i, _pick(P["vellus_diameter_um"], idx))
            diam = np.where(sus, np.maximum(d0_i * np.power(1.0 - _pick(P["miniaturization"], idx), kk),
                                            floor_d), d0_i)
            span = d0_i - _pick(P["vellus_diameter_um"], idx)
            level = np.where(span > 0, np.clip((d0_i - diam) / np.where(span > 0, span, 1.0), 0, 1), 0.0)
            if P["p_kenogen_miniaturized"] is not None:
                p_ken = p_ken + (_pick(P["p_kenogen_miniaturized"], idx) - p_ken) * level
            if P["kenogen_miniaturized_days"] is not None:
                mean_k = mean_k + (_pick(P["kenogen_miniaturized_days"], idx) - mean_k) * level

        dur_a = _lognormal(mean_a, _pick(P["anagen_cv"], idx), z_a)
        dur_c = _lognormal(_pick(P["catagen_mean_days"], idx), _pick(P["catagen_cv"], idx), z_c)
        dur_t = _lognormal(_pick(P["telogen_mean_days"], idx), _pick(P["telogen_cv"], idx), z_t)
        dur_k = _lognormal(mean_k, _pick(P["kenogen_cv"], idx), z_k)
        ken = u_ken < p_ken
        # The untreated cycle, for every follicle.
        a_end = self._stress(start, start + dur_a, u_str)
        c_end = a_end + dur_c
        t_end = c_end + dur_t
        k_end = np.where(ken, t_end + dur_k, t_end)
        vis_start = np.minimum(start + _pick(P["emergence_days"], idx), t_end)
        grp = None if ctx["grp"] is None else ctx["grp"][idx]
        untreated = {"a_start": start, "a_end": a_end, "c_end": c_end, "t_end": t_end, "k_end": k_end,
                     "vis_start": vis_start, "hair": diam, "grp": grp, "adv": None, "aga": aga}
        if not self.active_stim or start.min() >= self.effect_end:
            return untreated
        # The stimulation can only change the cycles of responders that start before its
        # effect ends and whose untreated cycle would end after it starts. Those follicles
        # get the clock work, compacted; all others keep the untreated cycle.
        cand = np.flatnonzero(ctx["responder"][idx] & (start < self.effect_end) & (k_end > self.stim_start))
        if cand.size == 0:
            return untreated
        ctx["idx"] = idx[cand]
        yes = np.ones(cand.size, dtype=bool)
        st_c = start[cand]
        a_c = self._anagen_end(st_c, dur_a[cand], ctx, yes, None if adv is None else adv[cand])
        a_c = self._stress(st_c, a_c, u_str[cand])
        c_c = a_c + dur_c[cand]
        t_c = self._rest_end(c_c, dur_t[cand], yes)
        ken_c = ken[cand]
        k_c = np.where(ken_c, self._rest_end(t_c, dur_k[cand], yes, only=ken_c), t_c)
        treated = dict(untreated)
        for name, val in (("a_end", a_c), ("c_end", c_c), ("t_end", t_c), ("k_end", k_c)):
            arr = untreated[name].copy()
            arr[cand] = val
            treated[name] = arr
        hair = diam.copy()
        hair[cand] = self._thicken(diam[cand], d0_i[cand], st_c, yes)
        treated["hair"] = hair
        treated["vis_start"] = np.minimum(start + _pick(P["emergence_days"], idx), treated["t_end"])
        if self.clock_w is not None and self.stim.persistence < 1:  # 0 outside the candidates
            full = np.zeros(idx.size)
            full[cand] = c_c + dur_t[cand] + np.where(ken_c, dur_k[cand], 0.0) - k_c
            treated["adv"] = full
        return treated


def _check_int(name, value, lo, hi):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral) \
            or not lo <= int(value) <= hi:
        raise ValueError(f"The '{name}' parameter must be a whole number in [{lo:,}, {hi:,}]; "
                         f"got {value!r}.")
    return int(value)


def _as_params(p, name):
    if isinstance(p, str):
        from . import presets
        return presets.get(p)
    if not isinstance(p, Params):
        raise TypeError(f"The '{name}' parameter must be a hairsim.Params (or a preset name such as "
                        f"'aga_moderate'); got {type(p).__name__}.")
    return p


def _check_workload(params, n, n_days, stimulation):
    """Refuse runs that would never end, before starting them.

    Counts about how many phase changes (4 a cycle) the run needs at the shortest mean cycle and,
    while a stimulation's wake clock is on, at the woken cycle."""
    anagen = min(np.min(params.anagen_min_days if params.is_progressive else params.anagen_mean_days),
                 np.min(params.anagen_mean_days))
    telogen = float(np.min(params.telogen_mean_days))
    shortest = anagen + np.min(params.catagen_mean_days) + telogen
    horizon = n_days + 365.0 * float(np.max(params.years_since_onset))
    cycles = horizon / max(shortest, 1e-9)
    if stimulation is not None and stimulation.wake > 0:
        woken = anagen + np.min(params.catagen_mean_days) + telogen / (1.0 + stimulation.wake)
        exposed = min(horizon, stimulation.effect_end_time - stimulation.start_day)
        cycles += exposed / max(woken, 1e-9)
    work = n * cycles * 4
    if work > _MAX_PHASE_CHANGES or cycles > MAX_CYCLES / 4:
        raise ValueError(
            f"It looks like this run would need about {work:.2g} phase changes (cycles as short as "
            f"{shortest:.3g} days over {horizon:.0f} days for {n:,} follicles); that is too many. "
            "Use longer phase durations, fewer follicles or fewer years.")


def simulate(params, n_follicles: int = 10_000, years: float = 10, stimulation=None, rng=None, *,
             start_from=None, chunk_size=None, groups=None):
    """Simulate a population of hair follicles, day by day, for some years.

    Parameters
    ----------
    params : Params or str
        The population (a :class:`Params`, or a preset name such as ``"aga_moderate"``).
    n_follicles : int, [1, 100,000,000], default 10,000
        Number of follicles: about 225 make a 1 cm² patch, 100,000 a whole scalp.
    years : float, (0, 200], default 10
        Length of the run, in years of 365 days (days 0 … round(365·years) are reported).
    stimulation : Stimulation or None
        A **hypothetical** stimulation (what-if knobs, not a model of any product).
    rng : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Seed (SPEC 7). The same seed gives the same run; two runs with the same seed share their
        random numbers follicle by follicle, so a treated run equals the untreated one until the
        stimulation starts.
    start_from : Params or None
        Start in the steady state of this population's cycle (default: ``params``' own cycle
        without AGA progression) — for example the healthy cycle, to watch a change take over.
    chunk_size : int or None
        Follicles processed at once (memory bound). The result does not depend on it.
    groups : array of int, optional
        A group number (0, 1, …) for each follicle — a scalp region, or a participant of a
        virtual trial. The result then also holds every series per group
        (:meth:`Result.group_series`), at no extra cost per phase change.

    Returns
    -------
    Result
        Daily counts per phase, shedding, densities and diameters, with the settings and seed.
    """
    params = _as_params(params, "params")
    start_from = params if start_from is None else _as_params(start_from, "start_from")
    n = _check_int("n_follicles", n_follicles, 1, 100_000_000)
    if isinstance(years, (bool, np.bool_)) or not isinstance(years, numbers.Real) \
            or not math.isfinite(float(years)) or not 0 < float(years) <= 200:
        raise ValueError(f"The 'years' parameter must be a float in (0, 200]; got {years!r}.")
    n_days = int(round(365.0 * float(years)))
    if n_days < 1:
        raise ValueError(f"The 'years' parameter must be at least one day (1/365 years); got {years!r}.")
    if stimulation is not None and not isinstance(stimulation, Stimulation):
        raise TypeError("The 'stimulation' parameter must be a hairsim.Stimulation or None; "
                        f"got {type(stimulation).__name__}.")
    chunk = DEFAULT_CHUNK if chunk_size is None else _check_int("chunk_size", chunk_size, 1, 100_000_000)
    params.check_follicles(n)
    start_from.check_follicles(n)
    if params.stress_day is not None and params.stress_day > n_days:
        raise ValueError(f"The 'stress_day' parameter must be a day of the run, in [0, {n_days}] for "
                         f"{float(years):g} years; got {params.stress_day:g}.")
    if stimulation is not None and isinstance(stimulation.responders, np.ndarray) \
            and stimulation.responders.size != n:
        raise ValueError(f"The 'responders' parameter is an array of {stimulation.responders.size} values, "
                         f"but it must have one value per follicle (n_follicles = {n}).")
    n_groups = 1
    if groups is not None:
        g = np.asarray(groups)
        if g.ndim != 1 or g.size != n or not np.issubdtype(g.dtype, np.integer) or g.min() < 0:
            raise ValueError("The 'groups' parameter must be a 1-D array of whole numbers ≥ 0, one per "
                             f"follicle (n_follicles = {n}); got an array of shape {g.shape} and type {g.dtype}.")
        groups = g.astype(np.intp)
        n_groups = int(groups.max()) + 1
        # per group and day: 8 int64 boundary rows, diameter sums, shedding, 6 cumulative series
        if n_groups * (n_days + 2) * (10 + 6) * 8 > 2e9:
            raise ValueError(f"It looks like {n_groups:,} groups × {n_days + 1:,} days is too large to "
                             "keep per-group series in memory; use fewer groups or a shorter run.")

    _check_workload(params, n, n_days, stimulation)

    key, seed = resolve_key(rng)
    run = _Run(params, n, n_days, stimulation, key, start_from, groups, n_groups)
    for c0 in range(0, n, chunk):
        run.run_chunk(c0, min(n, c0 + chunk))

    meta = dict(params=params, start_from=None if start_from is params else start_from, seed=seed,
                key=key, n_follicles=n, years=float(years), phase_changes=run.phase_changes)
    return _result(run, run.acc, stimulation, groups, meta)


def _result(run, acc, stimulation, groups, meta):
    """Turn accumulated boundary counts into a Result."""
    from .result import Result

    n_groups, n_days, s = run.n_groups, run.n_days, run.stride
    b = acc["bounds"].reshape(8, n_groups, s)
    diffs = np.stack((b[_B_ANAGEN_START] - b[_B_ANAGEN_END], b[_B_ANAGEN_END] - b[_B_CATAGEN_END],
                      b[_B_CATAGEN_END] - b[_B_TELOGEN_END], b[_B_TELOGEN_END] - b[_B_KENOGEN_END],
                      b[_B_VISIBLE] - b[_B_TELOGEN_END], b[_B_VISIBLE_NV] - b[_B_TELOGEN_END_NV]))
    per_group = np.cumsum(diffs, axis=2)[:, :, : n_days + 1]          # (series, group, day)
    dsum_pm = np.cumsum(acc["dsum"].reshape(n_groups, s), axis=1)[:, : n_days + 1]  # exact integers
    dsum_g = dsum_pm * 1e-6
    shed_g = acc["shed"].reshape(n_groups, n_days + 1)
    series, dsum, shed = per_group.sum(axis=1), dsum_pm.sum(axis=0) * 1e-6, shed_g.sum(axis=0)
    by_group = None
    if groups is not None:
        by_group = {"anagen": per_group[0], "catagen": per_group[1], "telogen": per_group[2],
                    "kenogen": per_group[3], "visible": per_group[4], "visible_nonvellus": per_group[5],
                    "diameter_sum": dsum_g, "shed": shed_g,
                    "n_follicles": np.bincount(groups, minlength=n_groups)}
    exposure = (stimulation.exposure(n_days + 1) if stimulation is not None
                else np.zeros(n_days + 1))
    return Result(
        days=np.arange(n_days + 1),
        anagen=series[0], catagen=series[1], telogen=series[2], kenogen=series[3],
        visible=series[4], visible_nonvellus=series[5], diameter_sum=dsum,
        shed=shed, exposure=exposure, by_group=by_group, stimulation=stimulation, **meta,
    )
