"""A Scenario: one population and seed, its untreated run cached, stimulations re-simulated only where
they act.

A treated run is the untreated run of every follicle, minus the responders' untreated cycles from
their first cycle the stimulation can touch, plus those responders re-simulated with the
stimulation (``hairsim.engine``'s docstring). A Scenario keeps the first term once, keeps the
second for each *timing* of a stimulation (start, stop, schedule, half-life, responders,
persistence: what decides which follicles respond, from which cycle, and when they are released),
and computes only the third when a knob (``wake``, ``extend``, ``thicken``) changes:

>>> import hairsim as hs
>>> sc = hs.Scenario("aga_moderate", 20_000, 3, rng=1)
>>> u = sc.untreated                                       # cached
>>> t = sc.treated(hs.examples.minoxidil_like(start_day=60))
>>> t.equals(hs.simulate("aga_moderate", 20_000, 3, stimulation=hs.examples.minoxidil_like(start_day=60), rng=1))
True

The results equal fresh :func:`hairsim.simulate` runs with the same arguments, array for array.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from ._validation import InstanceOf, validate_params
from ._limits import MAX_BYTES, too_large
from .engine import _EXECUTOR, _SIMULATE, _execute, _prepare, _result, _Run, check_run
from .params import Stimulation

__all__ = ["Scenario"]

#: memory a kept stimulation timing takes per follicle (measured: about 650 bytes), a bound
_TIMING_BYTES_PER_FOLLICLE = 800
_TIMING_FIELDS = ("start_day", "stop_day", "schedule", "interval_days", "half_life_days", "persistence")


class Scenario:
    """A population, its size, length and seed: the untreated run and any stimulation of it.

    Parameters
    ----------
    params, n_follicles, years, rng, start_from, chunk_size, groups, executor
        As for :func:`hairsim.simulate` (one seed for every run of the scenario, so all of them
        share their random numbers follicle by follicle).

    Attributes
    ----------
    untreated : Result
        The run without stimulation (computed once, on first use).
    """

    #: how many stimulation timings to remember (each holds per-follicle bookkeeping)
    max_timings = 4

    @validate_params({k: v for k, v in {**_SIMULATE, "executor": _EXECUTOR}.items() if k != "stimulation"},
                     owner="hairsim.Scenario")
    def __init__(self, params, n_follicles: int = 10_000, years: float = 10, rng=None, *,
                 start_from=None, chunk_size=None, groups=None, executor=None):
        self._spec = _prepare(params, n_follicles, years, None, rng, start_from, chunk_size, groups)
        self._executor = executor
        self._base = None
        self._untreated = None
        self._timings = OrderedDict()

    @property
    def params(self):
        return self._spec.params

    @property
    def n_follicles(self) -> int:
        return self._spec.n

    @property
    def untreated(self):
        """The untreated run (a :class:`~hairsim.Result`), computed once (the same object every time)."""
        if self._untreated is None:
            self._untreated = _result(self._spec, self._base_sums(), None)
        return self._untreated

    def _base_sums(self):
        if self._base is None:
            self._base = _execute(self._spec, None, "untreated", self._executor)
        return self._base

    @validate_params({"stimulation": InstanceOf((Stimulation,), "a hairsim.Stimulation", none_ok=True)},
                     owner="Scenario.treated")
    def treated(self, stimulation):
        """The run with ``stimulation`` (a :class:`~hairsim.Stimulation`, or None for the untreated
        run): equal to ``hairsim.simulate(params, n_follicles, years, stimulation, rng, ...)``.

        Only the responders are re-simulated, and only from their first cycle the stimulation can
        touch; their bookkeeping is kept for the stimulation's timing, so a change of ``wake``,
        ``extend`` or ``thicken`` alone costs just their branch."""
        if stimulation is None:
            return self.untreated
        spec = self._spec
        check_run(spec.params, spec.n, spec.years, stimulation, spec.start_from, spec.groups)
        base = self._base_sums()
        probe = _Run(spec.params, 1, spec.n_days, stimulation, spec.key, spec.params, t_on=spec.t_on)
        if not probe.active_stim:
            return _result(spec, base, stimulation)
        keep_tail, books = self._timing(stimulation)
        branch = _execute(spec, stimulation, "branch", self._executor, books=books)
        total = base.minus(keep_tail)
        total += branch
        return _result(spec, total, stimulation)

    def _timing(self, stimulation):
        """The bookkeeping of a stimulation's timing (cached): per chunk, where each responder's
        branch starts and its stored cycles, and the keepers' untreated cycles from there on."""
        r = stimulation.responders
        key = tuple(getattr(stimulation, f) for f in _TIMING_FIELDS) + (
            r.tobytes() if isinstance(r, np.ndarray) else r,)
        if key in self._timings:
            self._timings.move_to_end(key)
            return self._timings[key]
        need = _TIMING_BYTES_PER_FOLLICLE * self._spec.n
        if need > MAX_BYTES:
            most = int(MAX_BYTES // _TIMING_BYTES_PER_FOLLICLE)
            raise too_large("keeping this stimulation's bookkeeping", f"{need / 1e9:.3g} GB",
                            f"{MAX_BYTES / 1e9:g} GB", "n_follicles", f"{most:,}", f"{self._spec.n:,}",
                            advice="use hairsim.simulate, which keeps nothing")
        found = _execute(self._spec, stimulation, "responders", self._executor, keep_books=True)
        self._timings[key] = found
        # as many timings as the memory limit allows, at most max_timings
        keep = max(1, min(self.max_timings, int(MAX_BYTES // need)))
        while len(self._timings) > keep:
            self._timings.popitem(last=False)
        return found

    def __repr__(self):
        return (f"<hairsim.Scenario: {self._spec.n:,} follicles, {self._spec.years:g} years, "
                f"seed={self._spec.seed}; {len(self._timings)} stimulation timing(s) kept>")
