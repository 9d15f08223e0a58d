"""Parameters of the follicle population (:class:`Params`) and of the hypothetical stimulation
(:class:`Stimulation`).

Both are frozen dataclasses whose fields are checked against one declared table of constraints
(``Params.constraints()``). Unknown names are rejected with the list of valid names and a
"did you mean". Every default traces to ``science.md`` (see ``docs/science.md`` in the repository
and each field's ``doc``).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field

import numpy as np

from ._validation import InvalidParameterError, Interval, Options, check_value, unknown_name_message

__all__ = ["Params", "Stimulation"]

INF = math.inf


def _f(default, constraint, unit: str, doc: str):
    """Declare a field: default, constraint, unit and a one-line biological meaning."""
    return field(default=default, metadata={"constraint": constraint, "unit": unit, "doc": doc})


class _Validated:
    """Shared behaviour of Params and Stimulation: validation, replace, dict round trip."""

    _owner = "Params"

    # -- construction ------------------------------------------------------------------------
    def __post_init__(self):
        for f in dataclasses.fields(self):
            value = check_value(f.name, getattr(self, f.name), f.metadata["constraint"])
            object.__setattr__(self, f.name, value)
        self._check_relations()

    def _check_relations(self):  # pragma: no cover - overridden where needed
        pass

    @classmethod
    def _wrap_init(cls):
        original = cls.__init__

        @functools.wraps(original)
        def __init__(self, **kwargs):
            known = cls.fields()
            for name in kwargs:
                if name not in known:
                    raise InvalidParameterError(unknown_name_message(name, known, cls._owner))
            original(self, **kwargs)

        cls.__init__ = __init__

    # -- introspection -----------------------------------------------------------------------
    @classmethod
    def fields(cls) -> list[str]:
        """The names of all fields, in declaration order."""
        return [f.name for f in dataclasses.fields(cls)]

    @classmethod
    def constraints(cls) -> dict:
        """The declared constraint table: name → (constraint text, unit, meaning)."""
        return {
            f.name: (f.metadata["constraint"].describe(), f.metadata["unit"], f.metadata["doc"])
            for f in dataclasses.fields(cls)
        }

    def replace(self, **changes):
        """A new, validated copy with some fields changed (unknown names are rejected)."""
        known = self.fields()
        for name in changes:
            if name not in known:
                raise InvalidParameterError(unknown_name_message(name, known, self._owner))
        values = {name: getattr(self, name) for name in known}
        values.update(changes)
        return type(self)(**values)

    def to_dict(self) -> dict:
        """Plain JSON-able dict (arrays become lists)."""
        out = {}
        for name in self.fields():
            v = getattr(self, name)
            out[name] = v.tolist() if isinstance(v, np.ndarray) else v
        return out

    @classmethod
    def from_dict(cls, data: dict):
        """Build from a dict such as :meth:`to_dict` returns; unknown keys are rejected."""
        if not isinstance(data, dict):
            raise InvalidParameterError(f"The 'data' parameter of {cls._owner}.from_dict must be a dict; "
                                        f"got an object of type {type(data).__name__}.")
        return cls(**data)

    def changed(self) -> dict:
        """The fields that differ from the defaults (what makes this parameter set special)."""
        default = type(self)()
        out = {}
        for name in self.fields():
            a, b = getattr(self, name), getattr(default, name)
            if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
                if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.array_equal(a, b)):
                    out[name] = a
            elif a != b:
                out[name] = a
        return out

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        for name in self.fields():
            a, b = getattr(self, name), getattr(other, name)
            if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
                if not np.array_equal(np.asarray(a), np.asarray(b)):
                    return False
            elif a != b:
                return False
        return True

    __hash__ = None

    def __repr__(self):
        parts = []
        for name, v in self.changed().items():
            if isinstance(v, np.ndarray):
                parts.append(f"{name}=<array of {v.size}, mean {v.mean():.4g}>")
            else:
                parts.append(f"{name}={v!r}")
        return f"{self._owner}({', '.join(parts)})"


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Params(_Validated):
    """The follicle population: its hair cycle, androgenetic alopecia and telogen effluvium.

    All durations are in days. Defaults describe a healthy adult scalp (``science.md`` §2);
    every numeric field of the cycle and of AGA may also be a 1-D array with one value per
    follicle (for example a regional susceptibility), in which case its length must equal
    ``n_follicles`` in :func:`hairsim.simulate`.

    Parameters
    ----------
    anagen_mean_days : float, (0, 20000], default 1095
        Mean duration of anagen, the growth phase: 2–7 years, about 3 on average [R].
    anagen_cv : float, [0, 3], default 0.45
        Coefficient of variation of anagen duration (lognormal; Halloy 2000, Bernard 2012).
    catagen_mean_days : float, (0, 365], default 14
        Mean duration of catagen, the regression phase (2–3 weeks) [R].
    catagen_cv : float, [0, 3], default 0.2
    telogen_mean_days : float, (0, 2000], default 80
        Mean duration of telogen, the resting club hair. With the exogen retention after it, a
        club hair lives about 3.3 months ("telogen about 3 months", 2–4 [R]); 80 days puts the
        telogen share at the histology series' 6–8 % (docs/model.md).
    telogen_cv : float, [0, 3], default 0.35
    kenogen_mean_days : float, (0, 5000], default 120
        Mean duration of kenogen, the empty follicle after the club hair is shed (about 4 months,
        Rebora & Guarrera 2002).
    kenogen_cv : float, [0, 3], default 0.5
    p_kenogen : float, [0, 1], default 0.1
        Chance that a follicle rests empty in kenogen after shedding, before the next anagen.
    emergence_days : float, [0, 365], default 28
        Days from the start of anagen until the new shaft is visible above the skin (the bulb
        sits about 4 mm deep; the shaft grows 0.3–0.44 mm a day once it is formed).
    exogen_mean_days : float, [0, 365], default 20
        Exogen: mean time the club hair of the previous cycle stays in the follicle after the
        next anagen has begun, until it is released (shed). The follicle then shows two hairs for
        a while, the retained club and, once it emerges, the new one (Milner 2002; Van Neste
        2020). A club hair that falls before the next anagen leaves the follicle empty
        (kenogen, ``p_kenogen``). 0: the club is shed the moment telogen ends.
    exogen_cv : float, [0, 3], default 0.5
        Coefficient of variation of the exogen retention time.
    diameter_um : float, (0, 300], default 70
        Mean terminal hair diameter, µm (terminal scalp hair 60–90 µm) [R].
    diameter_cv : float, [0, 1], default 0.15
        Follicle-to-follicle variation of the terminal diameter (and of the vellus diameter).
    vellus_follicle_fraction : float, [0, 1], default 0.11
        Share of follicles that make vellus hairs (about ``vellus_diameter_um`` thick) even on a
        healthy scalp: terminal:vellus 7.8:1 (11 %) in normal scalp biopsies (Kim et al. 2005;
        4–11 % across normal series; the 7:1 often attributed to Whiting 1993 is unverified). They are
        not affected by AGA (they are vellus already).
    vellus_threshold_um : float, (0, 300], default 30
        Hairs thinner than this are vellus and are not counted in ``density`` [R].
    follicles_per_cm2 : float, (0, 2000], default 225
        Follicles per cm² (normal density 175–300 hairs/cm², mean 223: Barman 1965).
    aga_susceptible_fraction : float, [0, 1], default 0
        Share of the terminal follicles affected by androgenetic alopecia (AGA).
    anagen_shortening_per_year : float, (0, 1], default 1
        In a susceptible follicle, the mean of an anagen that starts after *y* years under
        androgen is the healthy mean times this to the power *y* (floored at
        ``anagen_min_days``). Progression is set by time, not by the number of cycles, so a
        stimulation that adds cycles does not speed the disease up.
    miniaturization_per_year : float, [0, 1), default 0
        In a susceptible follicle, a hair that starts growing after *y* years under androgen is
        thinner than the follicle's terminal diameter by the factor (1 − this)^y (floored at
        ``vellus_diameter_um``).
    aga_onset_spread_years : float, [0, 60], default 0
        The susceptible follicles do not all start at the onset: each one's own onset is spread
        evenly over this many years after it (the disease recruits follicles over time). Once
        every susceptible follicle has reached its floor, the density stops falling.
    anagen_shortening : float, (0, 1], default 1
        Per-cycle alternative (Halloy 2000's cycle counting): each anagen after the follicle's
        onset has its mean multiplied by this once more. Combines with the yearly law; the presets
        use the yearly law only.
    anagen_min_days : float, (0, 20000], default 60
        Floor of the shortened anagen mean, days.
    miniaturization : float, [0, 1), default 0
        Per-cycle alternative: each new hair after the follicle's onset is thinner by this share.
    vellus_diameter_um : float, (0, 300], default 20
        Diameter of a vellus hair, µm: the mean of the vellus follicles' hairs and the floor of
        miniaturization.
    p_kenogen_miniaturized : None or float, [0, 1], default None
        ``p_kenogen`` of a fully miniaturized follicle (linear in between; None: the same as
        ``p_kenogen``): kenogen becomes more frequent in AGA (Rebora & Guarrera 2002; Guarrera &
        Rebora 2005).
    kenogen_miniaturized_days : None or float, (0, 5000], default None
        Kenogen mean of a fully miniaturized follicle (longer in AGA; None: the same as
        ``kenogen_mean_days``).
    years_since_onset : float, [0, 60], default 0
        The run starts this many years after AGA onset (0: onset on day 0); may differ per
        follicle (an array), e.g. for the participants of a virtual trial.
    stress_day : None or float, [0, 100000], default None
        Telogen effluvium: the day of a stress (illness, fever, childbirth, crash diet); set it
        together with ``stress_anagen_fraction``.
    stress_anagen_fraction : float, [0, 1], default 0
        Share of anagen follicles pushed into catagen on ``stress_day``.
    """

    _owner = "Params"

    # ---- the hair cycle -------------------------------------------------------------------
    anagen_mean_days: float = _f(1095.0, Interval(0, 20000, "right", array_ok=True), "days",
                                 "mean duration of anagen (growth)")
    anagen_cv: float = _f(0.45, Interval(0, 3, array_ok=True), "",
                          "coefficient of variation of anagen duration")
    catagen_mean_days: float = _f(14.0, Interval(0, 365, "right", array_ok=True), "days",
                                  "mean duration of catagen (regression)")
    catagen_cv: float = _f(0.2, Interval(0, 3, array_ok=True), "",
                           "coefficient of variation of catagen duration")
    telogen_mean_days: float = _f(80.0, Interval(0, 2000, "right", array_ok=True), "days",
                                  "mean duration of telogen (resting club hair)")
    telogen_cv: float = _f(0.35, Interval(0, 3, array_ok=True), "",
                           "coefficient of variation of telogen duration")
    kenogen_mean_days: float = _f(120.0, Interval(0, 5000, "right", array_ok=True), "days",
                                  "mean duration of kenogen (empty follicle)")
    kenogen_cv: float = _f(0.5, Interval(0, 3, array_ok=True), "",
                           "coefficient of variation of kenogen duration")
    p_kenogen: float = _f(0.1, Interval(0, 1, array_ok=True), "probability",
                          "chance of a kenogen rest after shedding")
    emergence_days: float = _f(28.0, Interval(0, 365, array_ok=True), "days",
                               "days from anagen start until the new shaft is visible")
    exogen_mean_days: float = _f(20.0, Interval(0, 365, array_ok=True), "days",
                                 "mean time the old club hair is kept after the next anagen starts")
    exogen_cv: float = _f(0.5, Interval(0, 3, array_ok=True), "",
                          "coefficient of variation of the club hair's retention time")
    diameter_um: float = _f(70.0, Interval(0, 300, "right", array_ok=True), "µm",
                            "mean terminal hair diameter")
    diameter_cv: float = _f(0.15, Interval(0, 1, array_ok=True), "",
                            "follicle-to-follicle variation of terminal diameter")
    vellus_follicle_fraction: float = _f(0.11, Interval(0, 1, array_ok=True), "probability",
                                         "share of follicles that make vellus hairs")
    vellus_threshold_um: float = _f(30.0, Interval(0, 300, "right"), "µm",
                                    "hairs thinner than this are vellus")
    follicles_per_cm2: float = _f(225.0, Interval(0, 2000, "right"), "follicles/cm²",
                                  "follicle density, turns counts into densities")
    # ---- androgenetic alopecia ------------------------------------------------------------
    aga_susceptible_fraction: float = _f(0.0, Interval(0, 1, array_ok=True), "probability",
                                         "share of terminal follicles affected by AGA")
    anagen_shortening_per_year: float = _f(1.0, Interval(0, 1, "right", array_ok=True), "factor per year",
                                           "anagen mean × this per year under androgen")
    miniaturization_per_year: float = _f(0.0, Interval(0, 1, "left", array_ok=True), "share per year",
                                         "new hairs thinner by this share per year under androgen")
    aga_onset_spread_years: float = _f(0.0, Interval(0, 60, array_ok=True), "years",
                                       "susceptible follicles' own onsets spread over this many years")
    anagen_shortening: float = _f(1.0, Interval(0, 1, "right", array_ok=True), "factor per cycle",
                                  "per-cycle alternative: each new anagen mean = previous × this")
    anagen_min_days: float = _f(60.0, Interval(0, 20000, "right", array_ok=True), "days",
                                "floor of the shortened anagen mean")
    miniaturization: float = _f(0.0, Interval(0, 1, "left", array_ok=True), "share per cycle",
                                "per-cycle alternative: each new hair thinner by this share")
    vellus_diameter_um: float = _f(20.0, Interval(0, 300, "right", array_ok=True), "µm",
                                   "diameter of a vellus hair (floor of miniaturization)")
    p_kenogen_miniaturized: float | None = _f(None, Interval(0, 1, none_ok=True, array_ok=True),
                                              "probability",
                                              "p_kenogen of a fully miniaturized follicle (None: p_kenogen)")
    kenogen_miniaturized_days: float | None = _f(None, Interval(0, 5000, "right", none_ok=True, array_ok=True),
                                                 "days",
                                                 "kenogen mean of a fully miniaturized follicle (None: kenogen_mean_days)")
    years_since_onset: float = _f(0.0, Interval(0, 60, array_ok=True), "years",
                                  "the run starts this long after AGA onset")
    # ---- telogen effluvium ----------------------------------------------------------------
    stress_day: float | None = _f(None, Interval(0, 100000, none_ok=True), "day",
                                  "day of a stress that triggers telogen effluvium")
    stress_anagen_fraction: float = _f(0.0, Interval(0, 1), "probability",
                                       "share of anagen follicles pushed into catagen")

    @property
    def is_progressive(self) -> bool:
        """True when AGA progresses (by years or by cycles; the mean field does not cover this)."""
        frac = np.asarray(self.aga_susceptible_fraction)
        changes = any(np.any(np.asarray(getattr(self, n)) < 1) for n in
                      ("anagen_shortening", "anagen_shortening_per_year")) or \
            any(np.any(np.asarray(getattr(self, n)) > 0) for n in ("miniaturization", "miniaturization_per_year"))
        return bool(np.any(frac > 0) and changes)

    def array_fields(self) -> dict:
        """The fields given as per-follicle arrays."""
        return {n: getattr(self, n) for n in self.fields() if isinstance(getattr(self, n), np.ndarray)}

    def check_follicles(self, n_follicles: int) -> None:
        """Check that every per-follicle array has one value per follicle."""
        for name, arr in self.array_fields().items():
            if arr.size != n_follicles:
                raise InvalidParameterError(
                    f"The '{name}' parameter is an array of {arr.size} values, but it must have "
                    f"one value per follicle (n_follicles = {n_follicles})."
                )


def _params_relations(self):
    if self.stress_day is None and self.stress_anagen_fraction > 0:
        raise InvalidParameterError("The 'stress_day' parameter must be a float in [0, 100000] when "
                         "stress_anagen_fraction > 0 (a stress needs a day); got None.")
    if self.stress_day is not None and self.stress_anagen_fraction == 0:
        raise InvalidParameterError("The 'stress_anagen_fraction' parameter must be a float in (0, 1] when "
                         f"stress_day is set (day {self.stress_day:g}); got 0.")


Params._check_relations = _params_relations
Params._wrap_init()


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Stimulation(_Validated):
    """A **hypothetical** stimulation of the follicles: a what-if, not a model of any product.

    The knobs stand for the claims made for stem-cell "exosome" treatments (``science.md`` §5):
    they "wake" resting follicles, "prolong" growth and "thicken" hair. No exosome product is
    approved (FDA alerts 2019, 2020) and the controlled evidence is small; hairsim shows what such
    effects *would* do to density if they existed.

    Parameters
    ----------
    start_day : float, [0, 100000], default 0
        First day of exposure (day 0 is the start of the run).
    stop_day : None or float, [0, 100000], default None
        Last day of application (None: never stops). Must be ≥ ``start_day``.
    schedule : {"continuous", "sessions"}, default "continuous"
        Daily application (the exposure builds up towards 1 with ``half_life_days`` and decays
        with it after the last application), or sessions every ``interval_days``, each raising
        the exposure to 1, decaying with ``half_life_days``.
    interval_days : float, [1, 3650], default 28
        Spacing of sessions, days.
    half_life_days : float, (0, 3650], default 7
        Half-life of the exposure's rise and decay, days.
    wake : float, [0, 50], default 0
        Telogen and kenogen end faster: their clock runs at 1 + wake·E(t).
    extend : float, [0, 50], default 0
        Anagen lasts longer: its clock runs at 1 / (1 + extend·E(t)).
    thicken : float, [0, 1], default 0
        A hair that starts growing under exposure E regains thicken·E of its lost diameter. After
        stopping, a responding follicle that keeps nothing (``persistence``) has its untreated
        diameter again from its release on (the shaft grows on thinner); a keeper's thickened
        hair stays thick until it is shed.
    responders : float, [0, 1], default 1
        Share of follicles that respond at all (or one probability per follicle, an array).
    persistence : float, [0, 1], default 0
        Share of the ``wake`` and ``extend`` gain kept after stopping. At 0, follicles held in
        anagen by the exposure — past their natural end, or woken while they would still be
        resting — move on to catagen as it fades (a withdrawal shed); at 1 they finish their
        natural cycles.
    """

    _owner = "Stimulation"

    start_day: float = _f(0.0, Interval(0, 100000), "day", "first day of exposure")
    stop_day: float | None = _f(None, Interval(0, 100000, none_ok=True), "day",
                                "last day of application (None: never stops)")
    schedule: str = _f("continuous", Options(("continuous", "sessions")), "",
                       "daily application or sessions")
    interval_days: float = _f(28.0, Interval(1, 3650), "days", "spacing of sessions")
    half_life_days: float = _f(7.0, Interval(0, 3650, "right"), "days",
                               "half-life of the exposure's rise and decay")
    wake: float = _f(0.0, Interval(0, 50), "", "telogen/kenogen clock × (1 + wake·E)")
    extend: float = _f(0.0, Interval(0, 50), "", "anagen clock × 1/(1 + extend·E)")
    thicken: float = _f(0.0, Interval(0, 1), "share", "share of lost diameter regained")
    responders: float = _f(1.0, Interval(0, 1, array_ok=True), "share", "share of follicles that respond")
    persistence: float = _f(0.0, Interval(0, 1), "share", "share of the gain kept after stopping")

    def _check_relations(self):
        if self.stop_day is not None and self.stop_day < self.start_day:
            raise InvalidParameterError(
                f"The 'stop_day' parameter must be None or a float in [{self.start_day:g}, 100000] "
                f"(not before start_day = {self.start_day:g}); got {self.stop_day:g}."
            )

    # -- exposure ----------------------------------------------------------------------------
    @property
    def last_dose_time(self) -> float:
        """Time (days) after which no new exposure is given: the end of the last application
        day, or the last session; ``inf`` if the stimulation never stops."""
        if self.stop_day is None:
            return INF
        if self.schedule == "continuous":
            return self.stop_day + 1.0
        n = math.floor((self.stop_day - self.start_day) / self.interval_days)
        return self.start_day + n * self.interval_days

    def exposure_at(self, t) -> np.ndarray:
        """Exposure E(t) in [0, 1] at continuous times ``t`` (days)."""
        t = np.asarray(t, dtype=float)
        h = self.half_life_days
        e = np.zeros_like(t)
        on = t >= self.start_day
        if self.schedule == "continuous":
            # daily application builds the exposure up with the half-life, and it decays with
            # the same half-life after the last application
            end = self.last_dose_time
            rise = 1.0 - np.exp2(-np.maximum(t - self.start_day, 0.0) / h)
            e = np.where(on & (t < end), rise, e)
            if math.isfinite(end):
                peak = 1.0 - math.exp2(-(end - self.start_day) / h)
                e = np.where(t >= end, peak * np.exp2(-np.maximum(t - end, 0.0) / h), e)
        else:
            last = self.last_dose_time
            k = np.floor((t - self.start_day) / self.interval_days)
            if math.isfinite(last):
                k_max = round((last - self.start_day) / self.interval_days)
                k = np.minimum(k, k_max)
            t_session = self.start_day + k * self.interval_days
            e = np.where(on, np.exp2(-np.maximum(t - t_session, 0.0) / h), e)
        return e

    @property
    def effect_end_time(self) -> float:
        """Time after which the exposure is below 1e-12 for good (``inf`` if it never stops);
        phases that start later are not affected at all."""
        return self.last_dose_time + 40.0 * self.half_life_days

    def exposure_integral(self, t) -> np.ndarray:
        """∫₀ᵗ E(s) ds in closed form (days), at times ``t``."""
        t = np.asarray(t, dtype=float)
        h = self.half_life_days
        tau = h / math.log(2.0)   # mean life: ∫ 2^(-s/h) ds from 0 to ∞
        s0 = self.start_day
        x = np.maximum(t - s0, 0.0)
        if self.schedule == "continuous":
            end = self.last_dose_time
            if not math.isfinite(end):
                return x - tau * -np.expm1(-x / tau)
            span = end - s0
            on = np.minimum(x, span)
            rising = on - tau * -np.expm1(-on / tau)
            peak = -math.expm1(-span / tau)
            after = np.maximum(x - span, 0.0)
            return rising + peak * tau * -np.expm1(-after / tau)
        step = self.interval_days
        k = np.floor(x / step)
        last = self.last_dose_time
        if math.isfinite(last):
            k = np.minimum(k, round((last - s0) / step))
        full = k * tau * -math.expm1(-step / tau)        # sessions whose interval is over
        partial = tau * -np.expm1(-(x - k * step) / tau)  # the current (or last) session
        return np.where(t > s0, full + partial, 0.0)

    def exposure(self, n_days: int) -> np.ndarray:
        """Exposure on the daily grid: the mean of E over each day 0 … n_days − 1.

        Exact even for effects much shorter than a day (a session with a half-life of an hour
        counts for the hour it lasts); the engine's clocks and ``thicken`` use these values."""
        edges = self.exposure_integral(np.arange(int(n_days) + 1, dtype=float))
        return np.clip(np.diff(edges), 0.0, 1.0)

    def describe(self) -> str:
        """A plain-language sentence for captions."""
        knobs = [f"{k} {getattr(self, k):g}" for k in ("wake", "extend", "thicken") if getattr(self, k)]
        when = f"from day {self.start_day:g}"
        when += " (never stopped)" if self.stop_day is None else f" to day {self.stop_day:g}"
        sched = ("applied daily" if self.schedule == "continuous"
                 else f"sessions every {self.interval_days:g} days, half-life {self.half_life_days:g} days")
        r = self.responders
        resp = (f"{r:.0%} of follicles respond" if not isinstance(r, np.ndarray)
                else f"on average {r.mean():.0%} of follicles respond")
        keep = f"persistence {self.persistence:g}"
        return (f"Hypothetical stimulation {when}, {sched}: {', '.join(knobs) or 'no effect'}; "
                f"{resp}; {keep}.")


Stimulation._wrap_init()
