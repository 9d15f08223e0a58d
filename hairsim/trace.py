"""Follicle traces: what each of a sample of a run's own follicles is doing on any day.

The engine's random numbers are keyed by follicle and cycle, so re-running a few follicles with a
result's run key gives exactly those follicles of that run. A trace is what the world view of the
classroom app draws (a patch of about 1 cm², as a phototrichogram shows it) and what a notebook can
use to follow single follicles:

>>> import hairsim as hs
>>> r = hs.simulate("aga_moderate", 20_000, 2, rng=1)
>>> tr = hs.trace(r, n=225)
>>> s = tr.state_at(100)
>>> sorted(s)                                     # doctest: +NORMALIZE_WHITESPACE
['club_diameter_um', 'club_visible', 'hair_diameter_um', 'hair_visible', 'phase', 'shed_today']
"""

from __future__ import annotations

import numpy as np

from ._validation import Bound, InstanceOf, Interval, InvalidParameterError, Sequence, validate_params
from .result import Result

__all__ = ["trace", "FollicleTrace", "count_hairs"]


def count_hairs(state: dict, threshold_um: float, area_cm2: float) -> dict:
    """A patch's hair count from its follicles' states (:meth:`FollicleTrace.state_at`), as a
    phototrichogram would take it: every visible hair, held clubs included, and those at least
    ``threshold_um`` thick (non-vellus), also per cm²."""
    hair, club = state["hair_visible"], state["club_visible"]
    with np.errstate(invalid="ignore"):
        thick = int((hair & (state["hair_diameter_um"] >= threshold_um)).sum()
                    + (club & (state["club_diameter_um"] >= threshold_um)).sum())
    return {"hairs": int(hair.sum() + club.sum()), "nonvellus": thick, "per_cm2": thick / area_cm2,
            "follicles": int(hair.size)}


class FollicleTrace:
    """The course of some follicles of a run, cycle by cycle (see :func:`trace`).

    Attributes
    ----------
    ids : ndarray of int
        The follicles' numbers in the run (0 … n_follicles − 1).
    area_cm2 : float
        The skin they stand for: ``len(ids) / params.follicles_per_cm2``.
    n_days : int
        The run's last day.
    result : Result
        The run they come from.
    """

    def __init__(self, result, ids, records, t_on: float):
        self.result = result
        self.ids = np.asarray(ids, dtype=np.int64)
        self.n_days = result.n_days
        self.area_cm2 = self.ids.size / result.params.follicles_per_cm2
        self._t_on = float(t_on)
        self.thr = float(result.params.vellus_threshold_um)

        def gather(kind, n_fields):
            rows = [r for r in records if r[0] == kind]
            if not rows:
                return np.zeros(0), np.zeros(0, dtype=np.intp), [np.zeros(0)] * n_fields
            sign = np.concatenate([np.full(r[2].size, float(r[1])) for r in rows])
            pos = np.searchsorted(self.ids, np.concatenate([r[2] for r in rows]).astype(np.int64))
            fields = [np.concatenate([np.broadcast_to(r[3 + i], r[2].shape) for r in rows])
                      for i in range(n_fields)]
            return sign, pos, fields

        # phase boundaries (a_start, a_end, c_end, t_end, k_end), visible segments (on, off,
        # diameter, the time from which the hair is a held club) and releases, each with its sign:
        # the branch of a treated run replaces untreated records, and the signs net them out
        self._phases = gather("phases", 5)
        self._segs = gather("segment", 4)
        self._rel = gather("release", 1)

    def __len__(self):
        return int(self.ids.size)

    @validate_params({"day": Bound(lambda a: Interval(0, a["self"].n_days, integer=True))},
                     owner="FollicleTrace.state_at")
    def state_at(self, day) -> dict:
        """Each follicle's state on ``day`` (the instant the day starts, as the run's counts).

        Returns
        -------
        dict of arrays, one value per follicle
            ``phase`` (int8, a :class:`~hairsim.Phase` value); ``hair_visible`` and
            ``hair_diameter_um`` (the current cycle's shaft above the skin, µm, NaN without one);
            ``club_visible`` and ``club_diameter_um`` (a club hair of the previous cycle still held
            in exogen beside it); ``shed_today`` (a club hair was released during this day).
        """
        t = self._t_on + int(day)
        k = self.ids.size

        def net(sign, pos, mask, weights=None):
            w = sign * mask if weights is None else sign * mask * weights
            return np.bincount(pos, weights=w, minlength=k)

        sg, pos, (a0, a1, c1, t1, k1) = self._phases
        counts = np.stack([net(sg, pos, (a0 <= t) & (t < a1)), net(sg, pos, (a1 <= t) & (t < c1)),
                           net(sg, pos, (c1 <= t) & (t < t1)), net(sg, pos, (t1 <= t) & (t < k1))])
        sg, pos, (on, off, d, held_from) = self._segs
        shows = (on <= t) & (t < off)
        held = t >= held_from
        n_hair, n_club = net(sg, pos, shows & ~held), net(sg, pos, shows & held)
        d_hair, d_club = net(sg, pos, shows & ~held, d), net(sg, pos, shows & held, d)
        sg, pos, (x,) = self._rel
        shed = net(sg, pos, (x >= t) & (x < t + 1))
        hair = np.rint(n_hair) > 0
        club = np.rint(n_club) > 0
        return {"phase": np.argmax(np.rint(counts), axis=0).astype(np.int8),
                "hair_visible": hair,
                "hair_diameter_um": np.where(hair, d_hair / np.maximum(n_hair, 1), np.nan),
                "club_visible": club,
                "club_diameter_um": np.where(club, d_club / np.maximum(n_club, 1), np.nan),
                "shed_today": np.rint(shed) > 0}

    @validate_params({"day": Bound(lambda a: Interval(0, a["self"].n_days, integer=True))},
                     owner="FollicleTrace.count_at")
    def count_at(self, day) -> dict:
        """The patch's hair counts on ``day``, as a phototrichogram would count them.

        Returns ``{"hairs": visible hairs (held clubs included), "nonvellus": those at least
        ``vellus_threshold_um`` thick, "per_cm2": non-vellus hairs per cm², "follicles": size}``.
        """
        return count_hairs(self.state_at(day), self.thr, self.area_cm2)

    def __repr__(self):
        return f"<hairsim.FollicleTrace: {self.ids.size} follicles of a {self.result.n_follicles:,}-follicle run>"


def _ids_for(arguments):
    return Sequence(Interval(0, arguments["result"].n_follicles - 1, integer=True), none_ok=True)


def _n_for(arguments):
    return Interval(1, arguments["result"].n_follicles, integer=True, none_ok=True)


@validate_params({"result": InstanceOf((Result,), "a hairsim.Result"),
                  "n": Bound(_n_for, static=Interval(1, 1e8, integer=True, none_ok=True)),
                  "ids": Bound(_ids_for, static=Sequence(Interval(0, 1e8, integer=True), none_ok=True))},
                 owner="hairsim.trace")
def trace(result, n: int | None = None, ids=None) -> FollicleTrace:
    """Follow some of a run's own follicles, cycle by cycle.

    Parameters
    ----------
    result : Result
        A run of :func:`hairsim.simulate`.
    n : None or int, [1, the run's follicles], default None
        How many follicles, spread evenly over the run's follicle numbers. None: 225 (≈ 1 cm² at
        the default 225 follicles/cm²), or all of them if the run has fewer. Ignored when ``ids``
        is given.
    ids : sequence of int, optional
        Which follicles (numbers in [0, n_follicles)).

    Returns
    -------
    FollicleTrace
        ``state_at(day)`` gives each follicle's phase and hairs on that day; it agrees exactly with
        the run's counts (the same follicles, re-simulated with the run's key).
    """
    from .engine import ENGINE_VERSION, _Run

    if result.engine_version != ENGINE_VERSION:
        raise InvalidParameterError(
            f"The 'result' parameter must be a run of this engine (version {ENGINE_VERSION}) to re-run "
            f"its follicles; got a run of engine version {result.engine_version} (from an older hairsim: "
            "simulate it again).")
    total = result.n_follicles
    if ids is None:
        k = min(225, total) if n is None else int(n)
        ids = np.unique(np.linspace(0, total - 1, k).round().astype(np.int64))
    else:
        ids = np.unique(np.asarray(ids).astype(np.int64))
    key = int(result.key)  # the run key itself (what rng=hs.RunKey(result.key) resolves to)
    params = result.params
    start_from = params if result.start_from is None else result.start_from
    run = _Run(params, total, result.n_days, result.stimulation, key, start_from, trace=True)
    run.run_chunk(ids)
    return FollicleTrace(result, ids, run.trace, run.t_on)
