"""Virtual randomized controlled trials of the **hypothetical** stimulation.

A popular article on stem-cell "exosomes" for hair says that "studies demonstrate efficacy"; most of
those studies have no control arm (``science.md`` §5). This module lets a student run a randomized,
controlled trial on simulated people and watch effect sizes, noise, placebo arms and sample size at
work. The stimulation is a what-if model input, never an estimate of a real product's effect.

Each participant is a target area (1 cm², or the 1-inch / 5.1 cm² circle of Kaufman et al. 1998) of
their own simulated scalp: a group of follicles (as many as their own follicle density gives in
that area). The participants of an arm are simulated together, up to 64 per
:func:`hairsim.simulate` call (``groups=`` gives each person's series), with their differences as
per-follicle arrays: AGA severity (years since onset, share of susceptible follicles) and how much
of their scalp responds to the stimulation. Each block of participants is seeded from the trial's
seed by its own ``SeedSequence`` spawn key, so the trial is the same whatever executor runs the
blocks. The hair count at every visit carries a counting error, and every arm gets the same
trial-level *placebo/vehicle response* (see :data:`OLSEN_2002` and ``run_trial``'s
``placebo_response_per_cm2``).

The endpoints are those trials report: the change from baseline in non-vellus hairs/cm² per arm
(mean, SD), the difference from the control arm with a 95 % confidence interval and Welch's t-test
p-value, and, side by side, the naive uncontrolled "before/after" reading of each arm alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._limits import MAX_BYTES, MAX_PHASE_CHANGES, too_large
from ._progress import progress_bar
from ._random import resolve_seed
from ._frames import to_frame
from ._validation import (AnyOf, AxesOrNone, Bound, Fields, Flag, HasMethods, InstanceOf, Interval,
                          InvalidParameterError, Mapping, Options, ParamsOrPreset, Seed, Sequence, Text,
                          describe_value, did_you_mean, fail, lognormal_mu_sigma, validate_params)
from .params import Stimulation
from .stats import one_sample_t, welch_t, welch_t_many

__all__ = [
    "run_trial", "power_curve", "TrialResult", "PowerCurve", "TrialSettings",
    "CIRCLE_CM2", "OLSEN_2002",
]

#: Area of the 1-inch diameter target circle used in finasteride/minoxidil trials, cm²
#: (Kaufman et al. *J Am Acad Dermatol* 1998;39:578: "a 1-inch diameter circle (5.1 cm²)").
CIRCLE_CM2 = math.pi * 1.27 ** 2  # 5.067 cm²

#: The published trial the calibration test reproduces: Olsen et al. *J Am Acad Dermatol*
#: 2002;47:377, 48 weeks, change in non-vellus hair count in a 1 cm² target area (hairs/cm²),
#: mean (SD). Arm sizes as randomized (393 men, 2:2:1 to 5 %, 2 %, placebo; ~157/158/78).
OLSEN_2002 = {
    "weeks": 48,
    "placebo": {"mean": 3.9, "sd": 21.7},
    "minoxidil 2%": {"mean": 12.7, "sd": 20.7},
    "minoxidil 5%": {"mean": 18.6, "sd": 25.4},
}

_MAX_WEEKS = 520.0          # ten years of visits at most
_MAX_PARTICIPANTS = 100_000  # per arm


# ---------------------------------------------------------------------------------------------
# settings and validation
# ---------------------------------------------------------------------------------------------

def _fmt(x) -> str:
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    if isinstance(x, float):
        return f"{x:g}"
    return repr(x)


#: The declared constraints of the trial settings (the fields of :class:`TrialSettings`).
_SETTINGS_TABLE = {
    "area_cm2": Interval(0, 100, "right"),
    "density_cv": Interval(0, 1),
    "severity_cv": Interval(0, 3),
    "responder_share": Interval(0, 1),
    "response_spread": Interval(0, 1),
    "count_cv": Interval(0, 1),
    "placebo_response_per_cm2": AnyOf((Interval(-100, 100), Mapping(
        Text(), Interval(-100, 100), what="a dict of arm name → a float in [-100, 100]"))),
    "placebo_weeks": Interval(0, _MAX_WEEKS, "right"),
}


@dataclass(frozen=True)
class TrialSettings:
    """Trial-level assumptions: who enrols, how counts are taken, what every arm gets.

    These are the documented knobs that turn a follicle model into a trial. Their defaults are
    calibrated so that the moderate-AGA population with ``hairsim.examples.minoxidil_like()``
    reproduces Olsen et al. 2002 (:data:`OLSEN_2002`) in an Olsen-sized trial; see
    ``tests/test_trial.py::test_olsen_2002_calibration``.

    Parameters
    ----------
    area_cm2 : float, (0, 100], default 1
        Target area counted per participant, cm² (1 cm² as in Olsen 2002; :data:`CIRCLE_CM2` for the
        5.1 cm² circle of Kaufman 1998).
    density_cv : float, [0, 1], default 0.15
        Person-to-person coefficient of variation of follicle density (follicles/cm²), lognormal
        around the population's ``follicles_per_cm2``. Normal adult density spans 175–300 hairs/cm²
        (Barman 1965), a CV of about 0.15. A person's density is capped at the model's limit of
        2000 follicles/cm² (never reached below a CV of about 0.6).
    severity_cv : float, [0, 3], default 0.5
        Person-to-person coefficient of variation (lognormal) of AGA severity: of the years since
        onset and of the share of susceptible follicles. Both are capped at the model's limits (60
        years since onset; a share of 1): at the default 0.5 the onset cap binds for about one
        person in 100,000 and the share cap for the few with more than 1/0.6 of the population's
        share; above a CV of about 1 the caps bind often and the spread is smaller than asked. A
        judgement, not a fitted value: trials enrol a range of Norwood–Hamilton stages.
    responder_share : float, [0, 1], default 1
        Share of *people* who can respond to a stimulation at all; the others' scalps run untreated.
    response_spread : float, [0, 1], default 1 (calibrated)
        How unequally the Stimulation's ``responders`` (a share of *follicles*) is spread between
        people. Each person's own responding share is drawn with mean ``responders``: at 0 everyone
        has exactly ``responders`` (as in :func:`hairsim.simulate`); at 1 each person responds with
        all follicles or none (probability ``responders``); in between a Beta distribution whose
        variance is ``response_spread · r(1 − r)``. The average effect is the same; its spread
        between people is not. Olsen 2002's treated arm varies more than its placebo arm (SD 25.4 vs
        21.7 hairs/cm²), which asks for such person-to-person differences in response.
    count_cv : float, [0, 1], default 0.07 (calibrated)
        Counting error at each visit, as a coefficient of variation of the count (relocating the
        target area, clipping, photography, dot-mapping). Independent between visits. The follicles'
        own randomness in 1 cm² and the person-to-person differences above give an SD of the 48-week
        change of only about 9 hairs/cm² in the placebo arm; Olsen 2002 reports 21.7. The rest is
        counting error: 0.07 of a count of about 187 at two visits gives √2 · 13 ≈ 18.5. A
        counted density is never below 0 (the error and the placebo response could push a near-bald
        area's count negative; it is counted as 0).
    placebo_response_per_cm2 : float or dict, each in [-100, 100], default 12.5 (calibrated)
        The *trial-level* change every participant of an arm shows whatever the follicles do,
        hairs/cm² at plateau: vehicle effect, regression to the mean after enrolment on a
        threshold, counting drift as assessors learn the area. A dict gives it per arm (missing arms
        get 0). It is not a biological effect of the stimulation and it is the same in every arm by
        default, so it cancels in the between-arm difference and inflates every before/after reading.
        Calibration: untreated moderate-AGA scalps lose about 7 hairs/cm² in 48 weeks in this
        model, while Olsen 2002's placebo arm *gained* 3.9; 12.5 balances the placebo (+3.9) and
        5 % (+18.6) arms of Olsen 2002 given the example's effect (about +12.5 over placebo).
    placebo_weeks : float, (0, 520], default 8
        Time constant of that response: it reaches 1 − e^(−t/τ) of its plateau at week t.
    """

    area_cm2: float = 1.0
    density_cv: float = 0.15
    severity_cv: float = 0.5
    responder_share: float = 1.0
    response_spread: float = 1.0
    count_cv: float = 0.07
    placebo_response_per_cm2: float | dict = 12.5
    placebo_weeks: float = 8.0

    def __post_init__(self):
        for name, constraint in _SETTINGS_TABLE.items():
            object.__setattr__(self, name, constraint.check(name, getattr(self, name)))

    def placebo_for(self, arm: str) -> float:
        pr = self.placebo_response_per_cm2
        if isinstance(pr, dict):
            return pr.get(arm, 0.0)
        return pr

    def placebo_curve(self, arm: str, days) -> np.ndarray:
        """Placebo/vehicle response of ``arm`` at the given trial days, hairs/cm²."""
        days = np.asarray(days, dtype=float)
        return self.placebo_for(arm) * (1.0 - np.exp(-days / (7.0 * self.placebo_weeks)))


_SETTING_NAMES = tuple(TrialSettings.__dataclass_fields__)


def _hs():
    import hairsim  # late import: hairsim/__init__ imports this module
    return hairsim


def _resolve_arms(arms, treatment_weeks):
    """The arms' relations: one responding share for everyone; the treatment's end."""
    out = {}
    for name, stim in arms.items():
        if stim is not None and isinstance(stim.responders, np.ndarray):
            raise InvalidParameterError(
                f"The arm '{name}' in the 'arms' parameter must have one 'responders' share for "
                "everyone (each participant's own share is drawn from it, see response_spread); "
                "got a per-follicle array.")
        if stim is not None and treatment_weeks is not None:
            stop = 7.0 * treatment_weeks - 1.0  # the last day of application, as in minoxidil_like
            if stop < stim.start_day:
                raise InvalidParameterError(
                    f"The 'treatment_weeks' parameter must end the treatment after arm '{name}' "
                    f"starts (day {stim.start_day:g}, week {stim.start_day / 7:g}); "
                    f"got {treatment_weeks:g}.")
            stim = stim.replace(stop_day=stop)
        out[name] = stim
    return out


def _resolve_weeks(weeks, end_week, end_text):
    """Visit weeks (validated: increasing, in [0, 520]) within the trial, with a baseline."""
    w = np.asarray(weeks, dtype=float)
    if end_week is not None and w[-1] > end_week:
        raise fail("weeks", f"a list of visit weeks in [0, {_fmt(float(end_week))}] ({end_text})",
                   _fmt(float(w[np.argmax(w > end_week)])))
    if w[0] != 0:
        w = np.concatenate([[0.0], w])
    if w.size < 2:
        raise InvalidParameterError("The 'weeks' parameter must include at least one visit after "
                                    "baseline (week 0); got only week 0.")
    days = np.round(w * 7.0).astype(int)
    if np.any(np.diff(days) <= 0):
        i = int(np.argmax(np.diff(days) <= 0)) + 1
        raise fail("weeks", "a list of visits on different days (weeks × 7, rounded)",
                   f"weeks {_fmt(float(w[i - 1]))} and {_fmt(float(w[i]))}, both on day {days[i]}")
    return w, days


def _trial_end(arms, treatment_weeks, follow_up_weeks):
    """The last week a visit may fall on, and a phrase explaining it (None: no limit)."""
    if follow_up_weeks is None:
        if treatment_weeks is None:
            return None, ""
        return treatment_weeks, f"the end of treatment at week {_fmt(float(treatment_weeks))}; add follow_up_weeks to visit later"
    if treatment_weeks is not None:
        end = treatment_weeks
    else:
        stops = [s.stop_day for s in arms.values() if s is not None]
        if not stops or any(s is None for s in stops):
            raise ValueError(
                "The 'follow_up_weeks' parameter needs a treatment that stops: give "
                "'treatment_weeks' or arms whose Stimulation has a stop_day; got "
                f"follow_up_weeks={_fmt(float(follow_up_weeks))} with no stop."
            )
        end = max(stops) / 7.0
    return end + follow_up_weeks, (f"the end of treatment at week {_fmt(float(end))} plus "
                                   f"{_fmt(float(follow_up_weeks))} weeks of follow-up")


# ---------------------------------------------------------------------------------------------
# simulating participants (module-level so process pools can pickle it)
# ---------------------------------------------------------------------------------------------

#: Participants per :func:`hairsim.simulate` call. Fixed, so that a participant's simulation does
#: not depend on the trial's size or on the executor. Measured on the 2-core machine (2 arms × 300,
#: 48 weeks): 50–100 fastest for 1 cm² (≈ 3,200–3,800 participants/s; 2,600 at 20, 3,000 at 150,
#: where the per-group series cost, groups × days per cycle iteration, starts to show); for the
#: 5.1 cm² circle 20–50 (≈ 900–1,000/s, 720 at 100).
_BLOCK = 64


def _lognormal_factors(z, cv: float) -> np.ndarray:
    """Mean-1 lognormal factors with coefficient of variation ``cv`` from standard normals z."""
    z = np.asarray(z, dtype=float)
    if cv == 0:
        return np.ones_like(z)
    mu, sigma = lognormal_mu_sigma(1.0, cv)
    return np.exp(sigma * z + mu)


def _response_shares(g, mean: float, spread: float, size: int) -> np.ndarray:
    """People's shares of responding follicles: mean ``mean``, variance ``spread·mean·(1−mean)``.

    Drawn last from the block's trait stream, so the other traits do not depend on it."""
    if spread == 0 or mean in (0.0, 1.0):
        return np.full(size, float(mean))
    if spread == 1:
        return (g.random(size) < mean).astype(float)
    k = 1.0 / spread - 1.0
    return g.beta(mean * k, (1.0 - mean) * k, size=size)


def _run_block(task):
    """Simulate one block of participants of one arm in a single :func:`hairsim.simulate` call.

    ``task`` = (population, stim, settings, visit_days, entropy, key, n_used). The block's
    randomness comes from SeedSequence(entropy, key): traits and counting errors are drawn for all
    ``_BLOCK`` places of the block even when only the first ``n_used`` are enrolled, and the run
    starts at the earliest AGA onset among all ``_BLOCK`` places (a one-follicle stand-in carries
    it when that person is not enrolled), so a participant's simulation is the same in a smaller
    or larger trial. Each participant is one group of follicles (``groups=``) with their own
    years since onset, share of susceptible follicles and (in treated arms) responding share as
    per-follicle arrays; their density is counted over their own area.

    Returns (traits, true density at the visits, counting-error z), each with ``n_used`` rows.
    """
    population, stim, settings, visit_days, entropy, key, n_used = task
    hs = _hs()
    b = _BLOCK
    trait_ss, sim_ss, count_ss = np.random.SeedSequence(entropy, spawn_key=key).spawn(3)
    g = np.random.default_rng(trait_ss)
    z = g.standard_normal((b, 3))     # density, onset years, susceptible share
    u = g.random(b)                   # responder or not
    fpc = np.minimum(2000.0, population.follicles_per_cm2 * _lognormal_factors(z[:, 0], settings.density_cv))
    onset = np.minimum(60.0, float(population.years_since_onset)
                       * _lognormal_factors(z[:, 1], settings.severity_cv))
    susceptible = np.minimum(1.0, float(population.aga_susceptible_fraction)
                             * _lognormal_factors(z[:, 2], settings.severity_cv))
    responder = u < settings.responder_share
    share = np.full(b, math.nan)
    if stim is not None:
        share = np.where(responder, _response_shares(g, stim.responders, settings.response_spread, b),
                         math.nan)
    n_foll = np.maximum(1, np.rint(settings.area_cm2 * fpc)).astype(np.int64)
    count_z = np.random.default_rng(count_ss).standard_normal((b, len(visit_days)))

    m = n_used
    groups = np.repeat(np.arange(m), n_foll[:m])
    onset_f, susc_f = onset[:m][groups], susceptible[:m][groups]
    resp_f = None if stim is None else np.where(responder[:m], share[:m], 0.0)[groups]
    if np.rint(365.0 * onset[:m].max()) < np.rint(365.0 * onset.max()):
        # the block's earliest onset belongs to someone not enrolled: a stand-in follicle
        groups = np.append(groups, m)
        onset_f, susc_f = np.append(onset_f, onset.max()), np.append(susc_f, 0.0)
        resp_f = None if resp_f is None else np.append(resp_f, 0.0)
    params = population.replace(years_since_onset=onset_f, aga_susceptible_fraction=susc_f)
    if stim is not None:
        stim = stim.replace(responders=resp_f)
    n_days = int(visit_days[-1])
    run = hs.simulate(params, n_follicles=groups.size, years=n_days / 365.0, stimulation=stim,
                      rng=sim_ss, groups=groups)
    visible = run.group_series("visible_nonvellus")[:m][:, visit_days]
    density = visible * (fpc[:m] / n_foll[:m])[:, None]   # hairs per cm² of each person's own area
    traits = np.column_stack([fpc, onset, susceptible, responder.astype(float), n_foll, share])[:m]
    return traits, density, count_z[:m]


def _expected_max_factor(cv: float) -> float:
    """About the largest of a block's ``_BLOCK`` (64) mean-1 lognormal factors with CV ``cv``: the
    largest of 64 standard normals is about 2.4."""
    if cv == 0:
        return 1.0
    mu, sigma = lognormal_mu_sigma(1.0, cv)
    return math.exp(mu + sigma * 2.4)


def _check_study(population, stims, settings, visit_days, n_people, candidates, what):
    """Refuse a trial or a power curve larger than the limits, before building any task.

    ``n_people`` participants are simulated in all; each is ``area_cm2 × follicles_per_cm2``
    follicles whose run covers the visits and the years of AGA before them (the block's earliest
    onset). ``candidates``: (name, value, smallest value, how the people scale with it) in the
    order they are named when too large. Memory: every participant's densities, counting errors
    and traits at every visit (about 8 bytes × (3 visits + 6) each)."""
    from .engine import cycles_per_follicle

    n_days = int(visit_days[-1])
    onset = min(60.0, float(population.years_since_onset) * _expected_max_factor(settings.severity_cv))
    pop = population.replace(years_since_onset=onset)
    cycles = max(cycles_per_follicle(pop, n_days, s)[0] for s in stims)
    follicles = max(1.0, settings.area_cm2 * min(2000.0, float(population.follicles_per_cm2)))
    per_person = 4.0 * cycles * follicles
    work = n_people * per_person
    bytes_needed = n_people * (3 * len(visit_days) + 6) * 8.0 + n_people / _BLOCK * 400
    for need, limit, text, limit_text in (
            (work, MAX_PHASE_CHANGES, f"{work:.2g} phase changes ({n_people:,} participants of "
                                      f"{follicles:,.0f} follicles over {n_days / 7:.0f} weeks and "
                                      f"{onset:.3g} years of AGA before)",
             f"{MAX_PHASE_CHANGES:.0e} (a few minutes of work)"),
            (bytes_needed, MAX_BYTES, f"{bytes_needed / 1e9:.3g} GB for the tables of "
                                      f"{n_people:,} participants × {len(visit_days)} visits",
             f"{MAX_BYTES / 1e9:g} GB")):
        if need <= limit:
            continue
        for name, value, smallest in candidates:
            most = int(value * limit / need)
            if most >= smallest:
                raise too_large(what, text, limit_text, name, f"{most:,}", f"{value:,}")
        names = tuple(c[0] for c in candidates)
        product = math.prod(c[1] for c in candidates)
        most = int(product * limit / need)
        if len(names) > 1 and most >= math.prod(c[2] for c in candidates):
            raise too_large(what, text, limit_text, names, f"{most:,}", f"{product:,}")
        raise InvalidParameterError(
            f"It looks like {what} would need about {text}, more than the limit of {limit_text} even "
            f"with the fewest participants; use fewer weeks (got visits up to week {_fmt(visit_days[-1] / 7)}) "
            f"or a smaller area_cm2 (got {_fmt(float(settings.area_cm2))}).")


def _simulate_people(population, stims, settings, visit_days, entropy, base_key, groups, executor,
                     progress=False):
    """Simulate ``groups`` = list of (key suffix, arm index, participants) in order.

    Each (suffix, arm) group of participants is split into blocks of ``_BLOCK``; block k is one task
    and one :func:`hairsim.simulate` call, seeded by SeedSequence(entropy, base_key + suffix + (k,)).
    The tasks are fixed before any runs, so the result depends neither on the executor nor on the
    order in which tasks finish. Returns (traits, densities, counting-error z), rows in order.
    """
    tasks = []
    for suffix, arm, n in groups:
        for k in range(-(-n // _BLOCK)):
            tasks.append((population, stims[arm], settings, visit_days, entropy,
                          tuple(base_key) + tuple(suffix) + (k,), min(_BLOCK, n - k * _BLOCK)))
    bar = progress_bar(sum(t[-1] for t in tasks), "participants", progress, unit="participants")
    parts = []
    for part in (map(_run_block, tasks) if executor is None else executor.map(_run_block, tasks)):
        parts.append(part)
        bar.update(part[0].shape[0])
    bar.close()
    traits = np.concatenate([p[0] for p in parts])
    dens = np.concatenate([p[1] for p in parts])
    zs = np.concatenate([p[2] for p in parts])
    return traits, dens, zs


# ---------------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------------

#: An arm of this trial; a visit week of this trial (or None: the last).
_ARM = Bound(lambda a: Options(tuple(a["self"].arms)), static=Text())
_WEEK = Bound(lambda a: Options(tuple(float(w) for w in a["self"].weeks) + (None,)),
              static=Interval(0, _MAX_WEEKS, none_ok=True))

@dataclass
class TrialResult:
    """A simulated randomized trial: every participant's counts at every visit, and its analysis.

    Attributes
    ----------
    arms : tuple of str
        Arm names, in the order given.
    control : str or None
        The arm the others are compared with (None: no comparison, e.g. an uncontrolled study).
    weeks : ndarray
        Visit weeks (week 0 is the baseline visit); ``days`` the same in days.
    observed : dict[str, ndarray]
        Counted non-vellus hairs/cm², shape (n_per_arm, n_visits) per arm: what the trial sees
        (the simulated scalp + the placebo/vehicle response + counting error).
    true_density : dict[str, ndarray]
        The simulated scalp's non-vellus hairs/cm² at each visit, without the trial-level
        placebo response and counting error.
    traits : dict[str, dict[str, ndarray]]
        Per participant: ``follicles_per_cm2``, ``years_since_onset``, ``aga_susceptible_fraction``,
        ``responder`` (bool: can respond at all), ``n_follicles``, ``response_share`` (the share of
        that person's follicles that respond; NaN in untreated arms and for non-responders).
    stimulations : dict[str, Stimulation or None]
    population : Params
    settings : TrialSettings
    seed : tuple
        (entropy, spawn_key) of the root SeedSequence: the trial can be re-run exactly with
        ``rng=np.random.SeedSequence(entropy, spawn_key=spawn_key)``.
    """

    arms: tuple
    control: str | None
    weeks: np.ndarray
    days: np.ndarray
    observed: dict
    true_density: dict
    traits: dict
    stimulations: dict
    population: object
    settings: TrialSettings
    seed: tuple
    alpha: float = 0.05

    # -- basic accessors ----------------------------------------------------------------------
    @property
    def n_per_arm(self) -> int:
        return int(next(iter(self.observed.values())).shape[0])

    def _visit(self, week) -> int:
        """Index of a (validated) visit week; None is the last visit."""
        if week is None:
            return len(self.weeks) - 1
        return int(np.flatnonzero(np.isclose(self.weeks, float(week)))[0])

    @validate_params({"arm": _ARM, "week": _WEEK}, owner="TrialResult.change")
    def change(self, arm: str, week=None) -> np.ndarray:
        """Each participant's counted change from baseline at ``week`` (a visit week; default: the
        last visit), hairs/cm²."""
        obs = self.observed[arm]
        return obs[:, self._visit(week)] - obs[:, 0]

    @validate_params({"arm": _ARM, "week": _WEEK}, owner="TrialResult.true_change")
    def true_change(self, arm: str, week=None) -> np.ndarray:
        """Change of the simulated scalps themselves (no placebo response, no counting error)."""
        d = self.true_density[arm]
        return d[:, self._visit(week)] - d[:, 0]

    @validate_params({"arm": _ARM, "week": _WEEK, "control": Bound(
        lambda a: Options(tuple(a["self"].arms) + (None,)), static=Text(none_ok=True))},
        owner="TrialResult.compare")
    def compare(self, arm: str, week=None, control: str | None = None) -> dict:
        """Welch's t-test (SciPy) of ``arm`` against the control arm at ``week``: diff, se, t, df,
        ci_low, ci_high, p."""
        control = self.control if control is None else control
        if control is None:
            raise fail("control", "an arm name (this trial has no control arm)", "None")
        return welch_t(self.change(arm, week), self.change(control, week), alpha=self.alpha)

    @validate_params({"arm": _ARM, "week": _WEEK}, owner="TrialResult.naive")
    def naive(self, arm: str, week=None) -> dict:
        """The uncontrolled before/after reading of ``arm`` alone: one-sample t-test of the change
        against 0, plus the change in percent of the baseline mean."""
        ch = self.change(arm, week)
        out = one_sample_t(ch, alpha=self.alpha)
        base = float(self.observed[arm][:, 0].mean())
        out["pct"] = 100.0 * out["mean"] / base if base > 0 else math.nan
        return out

    # -- the tables ---------------------------------------------------------------------------
    def summary(self) -> list:
        """One row (dict) per arm and post-baseline visit.

        Keys: ``arm``, ``week``, ``n``, ``baseline_mean`` (hairs/cm²), ``mean_change``,
        ``sd_change`` and ``se_change`` (hairs/cm²); the uncontrolled before/after reading of the arm
        alone, ``naive_pct`` (% of baseline), ``naive_ci_low``, ``naive_ci_high``, ``naive_p``
        (one-sample t-test against no change); and against the control arm, ``diff``,
        ``diff_ci_low``, ``diff_ci_high``, ``p_value`` (Welch's t-test; None for the control arm
        itself or when there is no control).
        """
        rows = []
        for v, week in enumerate(self.weeks):
            if v == 0:
                continue
            for arm in self.arms:
                ch = self.change(arm, week)
                nv = self.naive(arm, week)
                row = {
                    "arm": arm, "week": float(week), "n": int(ch.size),
                    "baseline_mean": float(self.observed[arm][:, 0].mean()),
                    "mean_change": float(ch.mean()),
                    "sd_change": float(ch.std(ddof=1)) if ch.size > 1 else math.nan,
                    "se_change": nv["se"],
                    "naive_pct": nv["pct"], "naive_ci_low": nv["ci_low"],
                    "naive_ci_high": nv["ci_high"], "naive_p": nv["p"],
                    "diff": None, "diff_ci_low": None, "diff_ci_high": None, "p_value": None,
                }
                if self.control is not None and arm != self.control:
                    c = self.compare(arm, week)
                    row.update(diff=c["diff"], diff_ci_low=c["ci_low"], diff_ci_high=c["ci_high"],
                               p_value=c["p"])
                rows.append(row)
        return rows

    @validate_params({"weeks": Bound(lambda a: Sequence(
        Interval(0, _MAX_WEEKS), scalar_ok=True, text="visit weeks of this trial, one or a list of "
        + ", ".join(_fmt(float(w)) for w in a["self"].weeks)), static=Sequence(Interval(0, _MAX_WEEKS),
                                                                                scalar_ok=True))},
        owner="TrialResult.report")
    def report(self, weeks=None) -> str:
        """The summary as a plain-text table (the last visit only unless ``weeks``, one visit week
        or a list of them, is given)."""
        weeks = [self.weeks[-1]] if weeks is None else list(weeks)
        for w in weeks:
            if not np.isclose(self.weeks, w).any():
                raise fail("weeks", "visit weeks of this trial (" + ", ".join(
                    _fmt(float(v)) for v in self.weeks) + ")", _fmt(float(w)))
        pct = int(round(100 * (1 - self.alpha)))
        lines = [
            f"Virtual randomized trial (HYPOTHETICAL stimulation): {len(self.arms)} arm(s) × "
            f"{self.n_per_arm} participants, target area {self.settings.area_cm2:.3g} cm², visits at "
            f"weeks {', '.join(_fmt(float(w)) for w in self.weeks)}.",
            "Change from baseline in non-vellus hairs/cm².",
            "",
        ]
        ctl = f"vs {self.control}: diff [{pct}% CI], p" if self.control else "(no control arm)"
        head = (f"{'week':>5}  {'arm':<16}{'n':>5}{'mean':>8}{'SD':>7}  | "
                f"{'before/after alone':<26}| {ctl}")
        lines += [head, "-" * len(head)]
        for row in self.summary():
            if not any(np.isclose(row["week"], float(w)) for w in weeks):
                continue
            naive = f"{row['naive_pct']:+.1f} %, {_p(row['naive_p'])}"
            comp = ""
            if row["diff"] is not None:
                comp = (f"{row['diff']:+.1f} [{row['diff_ci_low']:+.1f}, {row['diff_ci_high']:+.1f}], "
                        f"{_p(row['p_value'])}")
            elif self.control == row["arm"]:
                comp = "(control)"
            lines.append(f"{_fmt(row['week']):>5}  {row['arm'][:15]:<16}{row['n']:>5}"
                         f"{row['mean_change']:>+8.1f}{row['sd_change']:>7.1f}  | {naive:<26}| {comp}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()

    def __repr__(self) -> str:
        return (f"TrialResult(arms={list(self.arms)}, n_per_arm={self.n_per_arm}, "
                f"weeks={[_fmt(float(w)) for w in self.weeks]}, control={self.control!r})")

    @validate_params({"participants": Flag()}, owner="TrialResult.to_frame")
    def to_frame(self, participants: bool = False):
        """The trial as a pandas DataFrame (pandas is needed only here).

        Parameters
        ----------
        participants : bool, default False
            False: one row per arm and visit (the baseline visit included: its change is 0), with
            the columns of :meth:`summary` and ``mean_count`` (mean counted hairs/cm² at the
            visit). True: one row per participant and visit (arm, participant, week, day,
            observed and true non-vellus hairs/cm², change from baseline) — the long table for
            one's own analysis.
        """
        import pandas as pd

        if participants:
            parts = []
            for arm in self.arms:
                obs, true = self.observed[arm], self.true_density[arm]
                n, v = obs.shape
                parts.append(pd.DataFrame({
                    "arm": arm, "participant": np.repeat(np.arange(n), v),
                    "week": np.tile(self.weeks, n), "day": np.tile(self.days, n),
                    "observed": obs.ravel(), "true_density": true.ravel(),
                    "change": (obs - obs[:, :1]).ravel()}))
            return pd.concat(parts, ignore_index=True)
        rows = []
        for arm in self.arms:
            obs = self.observed[arm]
            rows.append({"arm": arm, "week": float(self.weeks[0]), "n": int(obs.shape[0]),
                         "baseline_mean": float(obs[:, 0].mean()), "mean_count": float(obs[:, 0].mean()),
                         "mean_change": 0.0, "sd_change": 0.0})
        for row in self.summary():
            v = self._visit(row["week"])
            rows.append({**row, "mean_count": float(self.observed[row["arm"]][:, v].mean())})
        frame = pd.DataFrame(rows)
        frame["arm"] = pd.Categorical(frame["arm"], categories=list(self.arms))
        return frame.sort_values(["arm", "week"], kind="stable").reset_index(drop=True)

    # -- plots --------------------------------------------------------------------------------
    @validate_params({"ax": AxesOrNone()}, owner="TrialResult.plot_trajectories")
    def plot_trajectories(self, ax=None, **kwargs):
        """Mean change per arm and visit with the ± 1 SD band; see
        :func:`hairsim.plot_trial.plot_trajectories`."""
        from .plot_trial import plot_trajectories
        return plot_trajectories(self, ax=ax, **kwargs)

    @validate_params({"ax": AxesOrNone()}, owner="TrialResult.plot_endpoints")
    def plot_endpoints(self, ax=None, **kwargs):
        """Every participant's change at the endpoint, per arm; see
        :func:`hairsim.plot_trial.plot_endpoints`."""
        from .plot_trial import plot_endpoints
        return plot_endpoints(self, ax=ax, **kwargs)


def _p(p) -> str:
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "p = n/a"
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}"


# ---------------------------------------------------------------------------------------------
# the public functions
# ---------------------------------------------------------------------------------------------

def _prepare(population, arms, weeks, control, treatment_weeks, follow_up_weeks, settings_kw):
    """The relations between the (validated) arguments of a trial or a power curve."""
    arms = _resolve_arms(arms, treatment_weeks)
    end_week, end_text = _trial_end(arms, treatment_weeks, follow_up_weeks)
    weeks, days = _resolve_weeks(weeks, end_week, end_text)
    if control is None:
        control = next((a for a, s in arms.items() if s is None), None)
        if control is None and len(arms) > 1:
            control = next(iter(arms))
    elif control not in arms:
        raise fail("control", "one of the arm names " + ", ".join(map(repr, arms)),
                   describe_value(control), hint=did_you_mean(control, list(arms)))
    if len(arms) == 1:
        control = None
    settings = TrialSettings(**settings_kw)
    if isinstance(settings.placebo_response_per_cm2, dict):
        extra = [a for a in settings.placebo_response_per_cm2 if a not in arms]
        if extra:
            raise fail("placebo_response_per_cm2", "a float or a dict whose keys are arm names ("
                       + ", ".join(map(repr, arms)) + ")", f"a dict with the key {extra[0]!r}",
                       hint=did_you_mean(extra[0], list(arms)))
    if population.stress_day is not None and population.stress_day > days[-1]:
        raise fail("population", f"a population whose stress_day falls within the trial, in "
                   f"[0, {days[-1]}] (the last visit is week {_fmt(float(weeks[-1]))})",
                   f"stress_day = {population.stress_day:g}")
    return arms, weeks, days, control, settings


_ARMS = Mapping(Text(), InstanceOf((Stimulation,), "a hairsim.Stimulation", none_ok=True), min_size=1,
                what="a non-empty dict of arm name → a hairsim.Stimulation or None (untreated/placebo)")


_TRIAL_ARGS = {
    "population": ParamsOrPreset(scalar_only=True),
    "arms": _ARMS,
    "n_per_arm": Interval(2, _MAX_PARTICIPANTS, integer=True),
    "weeks": Sequence(Interval(0, _MAX_WEEKS), increasing=True, scalar_ok=True,
                      what=f"visit weeks in [0, {_fmt(_MAX_WEEKS)}]"),
    "rng": Seed(),
    "executor": HasMethods(("map",), "a concurrent.futures.Executor (with a map method)"),
    "control": Text(none_ok=True, what="an arm name"),
    "treatment_weeks": Interval(0, _MAX_WEEKS, "right", none_ok=True),
    "follow_up_weeks": Interval(0, _MAX_WEEKS, none_ok=True),
    "alpha": Interval(0, 1, "neither"),
    "settings": Fields(_SETTINGS_TABLE, "trial", "setting"),
    "progress": Flag(),
}


@validate_params(_TRIAL_ARGS, owner="hairsim.run_trial")
def run_trial(population, arms, n_per_arm, weeks, rng=None, executor=None, *, control=None,
              treatment_weeks=None, follow_up_weeks=None, alpha=0.05, progress=False,
              **settings) -> TrialResult:
    """Run a virtual randomized controlled trial of the **hypothetical** stimulation.

    Parameters
    ----------
    population : Params or str
        Who enrols: a :class:`hairsim.Params` with one value per field (e.g.
        ``hs.presets.aga_moderate()``) or a preset name. Each participant varies around it (see
        ``settings``).
    arms : dict[str, Stimulation or None]
        Arm name → the stimulation its participants get; None is untreated/placebo (vehicle only).
    n_per_arm : int, [2, 100,000]
        Participants randomized to each arm.
    weeks : list of float, each in [0, 520], increasing
        Visit weeks; a baseline visit at week 0 is added if missing.
    rng : None, int ≥ 0, SeedSequence, Generator or RunKey
        The trial's seed. Participants 64k … 64k + 63 of arm i form block k, simulated in one
        :func:`hairsim.simulate` call from its own child SeedSequence (spawn key (0, i, k) under the
        seed's root, :func:`hairsim._random.resolve_seed`), so the result is the same whatever
        ``executor`` runs it, and a larger trial with the same seed starts with the same people.
    executor : concurrent.futures.Executor, optional
        Runs the blocks (one task each; e.g. a ``ProcessPoolExecutor``, or Dask's
        ``Client.get_executor()``); default: in this process.
    control : str, optional
        The comparison arm. Default: the first arm that is None, else the first arm (no comparison
        when there is only one arm: an uncontrolled study).
    treatment_weeks : float, (0, 520], optional
        Stop every arm's stimulation at this week (overrides each Stimulation's ``stop_day``).
    follow_up_weeks : float, [0, 520], optional
        Visits may continue this many weeks after the treatment stops. When the treatment's end is
        given (``treatment_weeks``), visits after end + follow-up are rejected.
    alpha : float, (0, 1), default 0.05
        1 − confidence level of the intervals; the significance level of the tests.
    progress : bool, default False
        Show progress over the participants (tqdm if installed, else plain lines on stderr).
    **settings
        Trial-level assumptions, fields of :class:`TrialSettings`: ``area_cm2``, ``density_cv``,
        ``severity_cv``, ``responder_share``, ``response_spread``, ``count_cv``,
        ``placebo_response_per_cm2``, ``placebo_weeks``.

    Returns
    -------
    TrialResult

    Raises
    ------
    InvalidParameterError
        For a bad argument, or a trial beyond the limits (``hairsim._limits``: about 3e9 phase
        changes, 2 GB of tables), before anything is simulated.
    """
    arms, weeks, days, control, settings = _prepare(
        population, arms, weeks, control, treatment_weeks, follow_up_weeks, settings)
    names = list(arms)
    stims = [arms[a] for a in names]
    _check_study(population, stims, settings, days, len(names) * n_per_arm,
                 [("n_per_arm", n_per_arm, 2)], "this trial")
    root = resolve_seed(rng)
    entropy, spawn_key = root.entropy, root.spawn_key
    groups = [((0, i), i, n_per_arm) for i in range(len(names))]
    traits, dens, zs = _simulate_people(population, stims, settings, days, entropy, spawn_key, groups,
                                        executor, progress)
    return _assemble(names, control, weeks, days, traits, dens, zs, arms, population, settings,
                     (entropy, spawn_key), alpha, n_per_arm)


def _observe(settings, arm, days, dens, zs):
    """Counted densities: the scalp's, with counting error and the placebo response (any leading
    axes; visits last)."""
    obs = dens * (1.0 + settings.count_cv * zs) + settings.placebo_curve(arm, days)
    return np.maximum(obs, 0.0)


def _assemble(names, control, weeks, days, traits, dens, zs, arms, population, settings, seed, alpha,
              n_per_arm):
    observed, true, tr = {}, {}, {}
    for i, arm in enumerate(names):
        sl = slice(i * n_per_arm, (i + 1) * n_per_arm)
        true[arm] = dens[sl]
        observed[arm] = _observe(settings, arm, days, dens[sl], zs[sl])
        t = traits[sl]
        tr[arm] = {"follicles_per_cm2": t[:, 0], "years_since_onset": t[:, 1],
                   "aga_susceptible_fraction": t[:, 2], "responder": t[:, 3].astype(bool),
                   "n_follicles": t[:, 4].astype(int), "response_share": t[:, 5]}
    return TrialResult(arms=tuple(names), control=control, weeks=weeks, days=days, observed=observed,
                       true_density=true, traits=tr, stimulations=dict(arms), population=population,
                       settings=settings, seed=seed, alpha=alpha)


@dataclass
class PowerCurve:
    """Simulated power: the share of trials whose Welch test finds the arm's effect (p < alpha).

    Attributes
    ----------
    n_per_arm : ndarray
        Participants per arm.
    weeks : ndarray
        Endpoint weeks (trial lengths).
    power : ndarray, shape (len(weeks), len(n_per_arm))
        Share of the ``n_trials`` simulated trials with p < alpha at that size and endpoint.
    se : ndarray
        Its binomial standard error, sqrt(power·(1 − power)/n_trials).
    mean_diff : ndarray
        Mean estimated difference (arm − control) at each size and endpoint, hairs/cm².
    n_trials, alpha, arm, control
    """

    n_per_arm: np.ndarray
    weeks: np.ndarray
    power: np.ndarray
    se: np.ndarray
    mean_diff: np.ndarray
    n_trials: int
    alpha: float
    arm: str
    control: str

    @validate_params({"ax": AxesOrNone()}, owner="PowerCurve.plot")
    def plot(self, ax=None, **kwargs):
        """The power curve; see :func:`hairsim.plot_trial.plot_power`."""
        from .plot_trial import plot_power
        return plot_power(self, ax=ax, **kwargs)

    def rows(self) -> list:
        """One dict per endpoint week and size: week, n_per_arm, power, se, mean_diff."""
        return [{"week": float(w), "n_per_arm": int(n), "power": float(self.power[i, j]),
                 "se": float(self.se[i, j]), "mean_diff": float(self.mean_diff[i, j])}
                for i, w in enumerate(self.weeks) for j, n in enumerate(self.n_per_arm)]

    def to_frame(self):
        """:meth:`rows` as a pandas DataFrame: one row per endpoint week and trial size."""
        return to_frame(self.rows())


_POWER_ARGS = dict(_TRIAL_ARGS)
_POWER_ARGS.update({
    "n_per_arm": Sequence(Interval(2, _MAX_PARTICIPANTS, integer=True), scalar_ok=True,
                          what="trial sizes, whole numbers in [2, 100,000]"),
    "weeks": Sequence(Interval(0, _MAX_WEEKS), increasing=True, scalar_ok=True,
                      what=f"endpoint weeks in [0, {_fmt(_MAX_WEEKS)}]"),
    "n_trials": Interval(2, _MAX_PARTICIPANTS, integer=True),
    "arm": Text(none_ok=True, what="an arm name"),
})


def power_table(obs_arm, obs_control, visits, sizes, alpha):
    """Power and mean difference of Welch's test, vectorized over replicate trials and endpoints.

    ``obs_arm``, ``obs_control``: counted densities, shape (n_trials, n_max, n_visits);
    ``visits``: the visit index of each endpoint; a trial of size n uses the first n people of
    each arm. Returns (power, mean_diff), each of shape (len(visits), len(sizes))."""
    ch_a = obs_arm[:, :, visits] - obs_arm[:, :, :1]        # (n_trials, n_max, n_endpoints)
    ch_c = obs_control[:, :, visits] - obs_control[:, :, :1]
    power = np.zeros((len(visits), len(sizes)))
    mean_diff = np.zeros_like(power)
    for j, n in enumerate(sizes):
        diff, p = welch_t_many(ch_a[:, :n], ch_c[:, :n], axis=1)   # (n_trials, n_endpoints)
        power[:, j] = np.mean(p < alpha, axis=0)
        mean_diff[:, j] = np.mean(diff, axis=0)
    return power, mean_diff


@validate_params(_POWER_ARGS, owner="hairsim.power_curve")
def power_curve(population, arms, n_per_arm=(10, 20, 40, 80), weeks=(48,), n_trials=100,
                alpha=0.05, rng=None, executor=None, *, arm=None, control=None,
                treatment_weeks=None, follow_up_weeks=None, progress=False, **settings) -> PowerCurve:
    """Power of a trial as a function of participants per arm and of trial length, by simulation.

    For each of ``n_trials`` replicate trials, ``max(n_per_arm)`` participants per arm are
    simulated with visits at every week in ``weeks``; a trial of size n uses the first n of them
    (nested samples: each size is a valid randomized trial, and the curve is smooth). Power is the
    share of replicates in which Welch's test (``scipy.stats.ttest_ind(equal_var=False)``, all
    replicates and endpoints at once) of ``arm`` against ``control`` gives p < alpha.
    Replicate r's blocks of participants have spawn keys (r, i, k) (see :func:`run_trial`), so
    replicate 0 holds the people of ``run_trial`` with the same seed.

    Parameters
    ----------
    population, arms, rng, executor, control, treatment_weeks, follow_up_weeks, progress, **settings
        As in :func:`run_trial`.
    n_per_arm : list of int, each in [2, 100,000], default (10, 20, 40, 80)
        Trial sizes (participants per arm) to evaluate.
    weeks : list of float, each in [0, 520], increasing, default (48,)
        Endpoint weeks (trial lengths) to evaluate.
    n_trials : int, [2, 100,000], default 100
        Simulated trials per point; the power's standard error is at most 0.5/sqrt(n_trials).
    alpha : float, (0, 1), default 0.05
    arm : str, optional
        The arm tested (default: the first arm that is not the control).

    Returns
    -------
    PowerCurve

    Raises
    ------
    InvalidParameterError
        For a bad argument, or a study beyond the limits (about 3e9 phase changes, 2 GB of
        tables: n_trials × 2 arms × max(n_per_arm) participants), before anything is simulated.
    """
    sizes = np.asarray(n_per_arm, dtype=int)
    arms, visit_weeks, days, control, settings = _prepare(
        population, arms, weeks, control, treatment_weeks, follow_up_weeks, settings)
    names = list(arms)
    if control is None:
        raise fail("arms", "a dict of at least two arms for a power curve", f"the arms {names}")
    if arm is None:
        arm = next(a for a in names if a != control)
    elif arm not in arms or arm == control:
        others = [a for a in names if a != control]
        raise fail("arm", "one of the arms other than the control (" + ", ".join(map(repr, others)) + ")",
                   describe_value(arm), hint=did_you_mean(arm, others))
    end_weeks = np.array(sorted({float(w) for w in np.asarray(weeks, dtype=float)} - {0.0}))
    n_max = int(sizes.max())
    use = [names.index(control), names.index(arm)]
    stims = [arms[a] for a in names]
    _check_study(population, [stims[i] for i in use], settings, days, n_trials * 2 * n_max,
                 [("n_trials", n_trials, 2), ("n_per_arm", n_max, 2)], "this power curve")
    root = resolve_seed(rng)
    groups = [((r, i), i, n_max) for r in range(n_trials) for i in use]
    traits, dens, zs = _simulate_people(population, stims, settings, days, root.entropy,
                                        root.spawn_key, groups, executor, progress)
    dens = dens.reshape(n_trials, 2, n_max, len(days))
    zs = zs.reshape(n_trials, 2, n_max, len(days))
    obs_c = _observe(settings, control, days, dens[:, 0], zs[:, 0])
    obs_a = _observe(settings, arm, days, dens[:, 1], zs[:, 1])
    visits = [int(np.flatnonzero(np.isclose(visit_weeks, w))[0]) for w in end_weeks]
    power, mean_diff = power_table(obs_a, obs_c, visits, sizes, alpha)
    se = np.sqrt(power * (1 - power) / n_trials)
    return PowerCurve(n_per_arm=sizes, weeks=end_weeks, power=power, se=se, mean_diff=mean_diff,
                      n_trials=n_trials, alpha=alpha, arm=arm, control=control)
