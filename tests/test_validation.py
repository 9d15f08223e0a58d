"""One way in: a test generated from the declared constraints of every public function and method.

For every public callable of hairsim (the functions of the package, ``hairsim.scalp`` and
``hairsim.teaching``, and the methods of Result, TrialResult, PowerCurve, ScalpResult and
MeanField) this module

* checks that every argument has a declared constraint (``__hairsim_constraints__``, from
  ``hairsim._validation.validate_params``), apart from a short list of documented exceptions;
* calls it with a valid example, replacing one argument at a time by each value its constraint
  lists as breaking it (wrong type, NaN, inf, negative, out of range, bool, string, array of the
  wrong shape or kind, None …), and expects a ValueError/TypeError whose one-line message names the
  argument, says what is allowed (the declared description) and describes the value given;
* calls it with a misspelt keyword and expects the one "did you mean".

The valid examples are below; a new public function needs one (the coverage test says so).
"""

from __future__ import annotations

import inspect
import math
import re
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

import hairsim as hs
from hairsim import scalp, teaching
from hairsim._meanfield import MeanField
from hairsim._validation import Bound, Fields, InvalidParameterError, describe_value
from hairsim.scalp import ScalpResult
from hairsim.trial import PowerCurve, TrialResult

# ---------------------------------------------------------------------------------------------
# small instances to call methods on, and a valid example call of every public callable
# ---------------------------------------------------------------------------------------------

# animate()'s valid example returns an animation for a notebook to display; the test drops it
# unrendered, which matplotlib reports when it is collected
pytestmark = pytest.mark.filterwarnings("ignore:Animation was deleted without rendering anything:UserWarning")

STIM = hs.examples.minoxidil_like()
RESULT = hs.simulate("aga_moderate", 300, 1, stimulation=STIM, rng=1)
HEALTHY = hs.simulate("healthy", 300, 1, rng=1)
ONE = hs.simulate("healthy", 1, 1, rng=1)
GROUPED = hs.simulate("healthy", 300, 1, rng=1, groups=np.arange(300) % 3)
TRIAL = hs.run_trial("aga_moderate", {"placebo": None, "treated": STIM}, 4, [0, 8], rng=1)
POWER = hs.power_curve("aga_moderate", {"placebo": None, "treated": STIM}, n_per_arm=[3], weeks=[8],
                       n_trials=2, rng=1)
SCALP = scalp.simulate_scalp("aga_moderate", n_follicles=600, years=0.2, rng=1)
MF = hs.mean_field("healthy", years=0.2)
SCENARIO = hs.Scenario("healthy", 200, 0.2, rng=1)
TRACE = hs.trace(RESULT, n=20)
CAL = hs.calibration.CalibrationReport([], 1000, 2, 3)
SAVED = RESULT.to_csv(Path(tempfile.mkdtemp()) / "saved.csv")


def _ax():
    return plt.subplots()[1]


#: callable → (instance or None, valid keyword arguments)
EXAMPLES = {
    hs.simulate: (None, dict(params="healthy", n_follicles=50, years=0.1, rng=1)),
    hs.steady_state: (None, dict(params="healthy", n_follicles=1000)),
    hs.mean_field: (None, dict(params="healthy", years=0.1, dt=0.5)),
    hs.run_trial: (None, dict(population="aga_moderate", arms={"placebo": None}, n_per_arm=2, weeks=[0, 2],
                              rng=1)),
    hs.power_curve: (None, dict(population="aga_moderate", arms={"a": None, "b": None}, n_per_arm=[2],
                                weeks=[2], n_trials=2, rng=1)),
    scalp.describe_pattern: (None, dict(name="male_pattern")),
    scalp.pattern_table: (None, dict(pattern="male_pattern")),
    scalp.region_sizes: (None, dict(n_follicles=600)),
    scalp.simulate_scalp: (None, dict(base="healthy", pattern="uniform", n_follicles=600, years=0.05, rng=1)),
    scalp.plot_scalp_map: (None, dict(scalp_result=SCALP, day=1)),
    scalp.plot_scalp_maps: (None, dict(scalp_result=SCALP, days=[0, 1])),
    scalp.plot_region_density: (None, dict(scalp_result=SCALP)),
    teaching.smooth: (None, dict(x=[1.0, 2.0, 3.0], days=3)),
    teaching.follicle_phases: (None, dict(result=ONE)),
    teaching.plot_follicle_timeline: (None, dict(params="healthy", n_follicles=1, years=0.2, rng=1)),
    teaching.phase_table: (None, dict(result=HEALTHY)),
    teaching.anagen_fluctuations: (None, dict(params="healthy", sizes=[20], years=0.1, rng=1)),
    teaching.plot_population_sizes: (None, dict(params="healthy", sizes=[20], years=0.1, rng=1)),
    teaching.plot_series: (None, dict(results={"a": HEALTHY}, field="density")),
    teaching.percent_change: (None, dict(result=HEALTHY, field="total_density", years=0.5)),
    teaching.change_table: (None, dict(results={"a": HEALTHY}, field="density", years=[0.5])),
    teaching.difference_table: (None, dict(treated=RESULT, untreated=RESULT, weeks=[2, 4])),
    teaching.max_possible_gain: (None, dict(result=HEALTHY, day=0, weeks=6)),
    teaching.plot_exposure: (None, dict(stimulations={"s": STIM}, n_days=30)),
    teaching.with_duration_spread: (None, dict(params="healthy", cv=0.2)),
    teaching.plot_synchrony: (None, dict(params="healthy", cvs=[0.2], n_follicles=50, years=0.1, rng=1)),
    teaching.peak_day: (None, dict(result=HEALTHY, after_day=10)),
    hs.Result.at: (RESULT, dict(day=3)),
    hs.Result.summary: (RESULT, dict(days=[0, 3])),
    hs.Result.format_summary: (RESULT, dict(days=[0, 3])),
    hs.Result.counts: (RESULT, dict(phase="anagen")),
    hs.Result.fraction: (RESULT, dict(phase=1)),
    hs.Result.shed_per_day: (RESULT, dict(per_follicles=1000)),
    hs.Result.group_series: (GROUPED, dict(name="density")),
    hs.Result.plot: (RESULT, dict()),
    hs.Result.to_csv: (RESULT, dict(path="__tmp__")),
    hs.Result.from_csv: (None, dict(path=SAVED)),
    hs.Result.equals: (RESULT, dict(other=RESULT)),
    TrialResult.change: (TRIAL, dict(arm="treated", week=8)),
    TrialResult.true_change: (TRIAL, dict(arm="treated", week=8)),
    TrialResult.compare: (TRIAL, dict(arm="treated", week=8, control="placebo")),
    TrialResult.naive: (TRIAL, dict(arm="treated", week=8)),
    TrialResult.report: (TRIAL, dict(weeks=[8])),
    TrialResult.to_frame: (TRIAL, dict(participants=True)),
    TrialResult.plot_trajectories: (TRIAL, dict()),
    TrialResult.plot_endpoints: (TRIAL, dict()),
    PowerCurve.plot: (POWER, dict()),
    ScalpResult.index: (SCALP, dict(region="vertex")),
    ScalpResult.region_density: (SCALP, dict(region="vertex")),
    ScalpResult.density_at: (SCALP, dict(day=2)),
    ScalpResult.change_table: (SCALP, dict(years=[0, 0.1])),
    ScalpResult.to_frame: (SCALP, dict(series="density")),
    MeanField.scaled: (MF, dict(n_follicles=1000)),
    MeanField.shed_per_day: (MF, dict(per_follicles=1000)),
    MeanField.fraction: (MF, dict(phase=2)),
    MeanField.at: (MF, dict(day=3)),
    hs.Scenario.__init__: (object.__new__(hs.Scenario), dict(params="healthy", n_follicles=50, years=0.1, rng=1)),
    hs.Scenario.treated: (SCENARIO, dict(stimulation=STIM)),
    hs.trace: (None, dict(result=RESULT, n=5)),
    hs.FollicleTrace.state_at: (TRACE, dict(day=3)),
    hs.FollicleTrace.count_at: (TRACE, dict(day=3)),
    hs.calibration.write: (None, dict(rep=CAL, folder="__tmpdir__")),
    hs.examples.minoxidil_like: (None, dict(start_day=10, weeks=4, persistence=0.5)),
    hs.calibration.report: (None, dict(n_follicles=225, replicates=2, seed=1)),
    hs.plot.plot_density: (None, dict(result=RESULT, counterfactual=RESULT, show_total=True, label="a")),
    hs.plot.plot_phases: (None, dict(result=RESULT)),
    hs.plot.plot_shedding: (None, dict(result=RESULT, smooth_days=3, counterfactual=RESULT, show_daily=True)),
    hs.plot.plot_diameter: (None, dict(result=RESULT, counterfactual=RESULT)),
    hs.plot.plot_overview: (None, dict(result=RESULT, counterfactual=RESULT, title="a run")),
    hs.plot.plot_patch: (None, dict(result=RESULT, day=3, n=20, legend=False)),
    hs.plot.animate: (None, dict(result=RESULT, frames=2, fps=4, n=20, dpi=40)),
}

#: Arguments without a constraint, and why.
UNCHECKED = {
    ("equals", "other"): "any object: the answer is False when it is not an identical Result",
    ("plot", "kwargs"): "keyword arguments forwarded to hairsim.plot.plot_density",
    ("plot_trajectories", "kwargs"): "forwarded to hairsim.plot_trial",
    ("plot_endpoints", "kwargs"): "forwarded to hairsim.plot_trial",
}


def public_callables():
    """Every public function and method the library offers (what the issue calls its way in)."""
    out = [hs.simulate, hs.steady_state, hs.mean_field, hs.run_trial, hs.power_curve, hs.Scenario.__init__, hs.trace,
           hs.calibration.write, hs.calibration.report, hs.examples.minoxidil_like, hs.plot.plot_density,
           hs.plot.plot_phases, hs.plot.plot_shedding, hs.plot.plot_diameter, hs.plot.plot_overview,
           hs.plot.plot_patch, hs.plot.animate]
    out += [getattr(scalp, n) for n in scalp.__all__ if inspect.isfunction(getattr(scalp, n))]
    out += [getattr(teaching, n) for n in teaching.__all__ if inspect.isfunction(getattr(teaching, n))]
    for cls in (hs.Result, TrialResult, PowerCurve, ScalpResult, MeanField, hs.Scenario, hs.FollicleTrace):
        for name, member in vars(cls).items():
            fn = member.__func__ if isinstance(member, classmethod) else member
            if name.startswith("_") or not callable(fn) or isinstance(member, property):
                continue
            out.append(getattr(cls, name) if not isinstance(member, classmethod) else fn)
    return out


def _params_of(fn):
    sig = inspect.signature(fn)
    return [p for p in sig.parameters.values() if p.name not in ("self", "cls")]


def _short(fn):
    return fn.__qualname__


# ---------------------------------------------------------------------------------------------
# coverage: every argument of every public callable is declared
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fn", public_callables(), ids=_short)
def test_every_argument_is_declared(fn):
    params = _params_of(fn)
    if not params:
        return
    table = getattr(fn, "__hairsim_constraints__", None)
    assert table is not None, f"{fn.__qualname__} takes arguments but declares no constraints"
    name = fn.__name__
    missing = [p.name for p in params if p.name not in table and (name, p.name) not in UNCHECKED]
    assert not missing, f"{fn.__qualname__}: no constraint for {missing}"


@pytest.mark.parametrize("fn", public_callables(), ids=_short)
def test_every_callable_with_arguments_has_a_valid_example(fn):
    if not _params_of(fn) or set(p.name for p in _params_of(fn)) <= {"kwargs"}:
        return
    key = getattr(fn, "__func__", fn)
    assert any(getattr(k, "__func__", k) is key or getattr(k, "__wrapped__", None) is getattr(key, "__wrapped__", 0)
               for k in EXAMPLES), f"add a valid example call of {fn.__qualname__} to EXAMPLES"


# ---------------------------------------------------------------------------------------------
# the generated cases
# ---------------------------------------------------------------------------------------------

SENTENCE = re.compile(r"^The '(?P<name>[\w\[\]' ]+)' parameter must be (?P<allowed>.+); got (?P<got>.+?)\."
                      r"( Did you mean '.+'\?)?$")


def _call(fn, instance, kwargs, tmp_path):
    paths = {"__tmp__": str(tmp_path / "x.csv"), "__tmpdir__": str(tmp_path)}
    kwargs = {k: (paths[v] if isinstance(v, str) and v in paths else v) for k, v in kwargs.items()}
    try:
        return fn(instance, **kwargs) if instance is not None else fn(**kwargs)
    finally:
        plt.close("all")


def _arguments(fn, instance, kwargs):
    """The call's arguments as the decorator sees them (self and defaults included)."""
    sig = inspect.signature(fn)  # follows __wrapped__; a bound classmethod has no cls
    bound = sig.bind(instance, **kwargs) if instance is not None else sig.bind(**kwargs)
    bound.apply_defaults()
    return bound.arguments


def _cases():
    for fn, (instance, example) in EXAMPLES.items():
        table = getattr(fn, "__hairsim_constraints__", None)
        if table is None:
            continue  # reported by test_every_argument_is_declared
        args = _arguments(fn, instance, example)
        for name, constraint in table.items():
            if isinstance(constraint, Bound):
                constraint = constraint.resolve(args)
            if isinstance(constraint, Fields):  # **settings: each field's own constraint
                for field, c in constraint.table.items():
                    for bad in c.bad_values():
                        yield pytest.param(fn, instance, example, field, c, bad, True,
                                           id=f"{_short(fn)}-{field}={describe_value(bad)}")
                continue
            bads = constraint.bad_values()
            assert bads, f"{_short(fn)}: the constraint of '{name}' lists no value that breaks it"
            for bad in bads:
                yield pytest.param(fn, instance, example, name, constraint, bad, False,
                                   id=f"{_short(fn)}-{name}={describe_value(bad)}")


def _allowed_texts(constraint):
    """What a message may say is allowed: the declared description (or, for a choice of
    constraints, the one about the kind of value given; for per-follicle fields, the array form)."""
    from hairsim._validation import AnyOf, Interval
    out = {constraint.describe()}
    if isinstance(constraint, Interval) and constraint.array_ok:
        out.add(constraint.describe_array())
    if isinstance(constraint, AnyOf):
        for c in constraint.options:
            out |= _allowed_texts(c)
    return out


def _array_like(value):
    return isinstance(value, (list, tuple, dict, np.ndarray)) and not (isinstance(value, np.ndarray) and value.ndim == 0)


@pytest.mark.parametrize("fn,instance,example,name,constraint,bad,field", list(_cases()))
def test_each_bad_value_gets_one_sentence(fn, instance, example, name, constraint, bad, field, tmp_path):
    kwargs = dict(example)
    kwargs[name] = bad
    with pytest.raises((ValueError, TypeError)) as info:
        _call(fn, instance, kwargs, tmp_path)
    msg = str(info.value)
    assert "\n" not in msg and "array([" not in msg, msg
    m = SENTENCE.match(msg)
    assert m, msg
    assert m["name"] == name, msg                                   # names the argument
    assert m["allowed"] in _allowed_texts(constraint), msg          # says what is allowed
    got = m["got"]                                                  # and what was given
    if _array_like(bad):
        assert got.startswith(("a list", "a tuple", "an array", "a dict", "an empty")), msg
    elif isinstance(bad, float) and math.isnan(bad):
        assert got.startswith("nan"), msg
    else:
        assert got.startswith(describe_value(bad)), msg


@pytest.mark.parametrize("fn", list(EXAMPLES), ids=_short)
def test_a_misspelt_keyword_gets_did_you_mean(fn, tmp_path):
    instance, example = EXAMPLES[fn]
    if not example:
        return
    name = next(iter(example))
    typo = name[:-1] if len(name) > 3 else name + "x"
    kwargs = {(typo if k == name else k): v for k, v in example.items()}
    if "settings" in fn.__hairsim_constraints__:  # **settings take unknown names: as a setting
        kwargs = dict(example, count_sd=0.1)
        typo, name = "count_sd", "count_cv"
    with pytest.raises(TypeError) as info:
        _call(fn, instance, kwargs, tmp_path)
    msg = str(info.value)
    assert msg.startswith(f"It looks like '{typo}' is not") and f"Did you mean '{name}'?" in msg, msg
    assert "\n" not in msg


@pytest.mark.parametrize("fn", list(EXAMPLES), ids=_short)
def test_the_valid_examples_are_valid(fn, tmp_path):
    instance, example = EXAMPLES[fn]
    _call(fn, instance, example, tmp_path)


def _good_cases():
    for fn, (instance, example) in EXAMPLES.items():
        table = getattr(fn, "__hairsim_constraints__", None)
        if table is None:
            continue
        args = _arguments(fn, instance, example)
        for name, constraint in table.items():
            if isinstance(constraint, Bound):
                constraint = constraint.resolve(args)
            pairs = constraint.table.items() if isinstance(constraint, Fields) else [(name, constraint)]
            for field, c in pairs:
                for good in c.valid_values():
                    yield pytest.param(field, c, good, id=f"{_short(fn)}-{field}={describe_value(good)}")


def _field_good_cases():
    import dataclasses
    for cls in (hs.Params, hs.Stimulation):
        for f in dataclasses.fields(cls):
            for good in f.metadata["constraint"].valid_values():
                yield pytest.param(f.name, f.metadata["constraint"], good,
                                   id=f"{cls.__name__}-{f.name}={describe_value(good)}")


@pytest.mark.parametrize("name,constraint,good", list(_good_cases()) + list(_field_good_cases()))
def test_each_declared_form_is_accepted(name, constraint, good):
    """Every form a constraint says it allows gets through it (a single number where a list
    may be one value, numpy scalars, whole floats for whole numbers, tuples, ranges)."""
    constraint.check(name, good)


@pytest.mark.parametrize("weeks, got", [(10**400, "a whole number beyond the float range"), (math.inf, "inf"),
                                        ([10**400], "a list with a number beyond the float range"), (-1, "-1")])
def test_a_single_number_out_of_range_gets_the_sentence(weeks, got):
    with pytest.raises(ValueError, match=rf"^The 'weeks' parameter must be .+; got {re.escape(got)}\.$"):
        hs.run_trial("aga_moderate", {"placebo": None}, 4, weeks, rng=1)


def test_a_single_visit_week_or_size_is_a_list_of_one():
    """Scalar forms the docstrings promise: one visit week, one trial size."""
    one = hs.run_trial("aga_moderate", {"placebo": None, "treated": STIM}, 4, 8, rng=1)
    assert list(one.weeks) == [0, 8]  # the baseline visit is always week 0
    assert one.report(8) == one.report([8])
    curve = hs.power_curve("aga_moderate", {"placebo": None, "treated": STIM}, n_per_arm=3, weeks=8,
                           n_trials=2, rng=1)
    assert list(curve.n_per_arm) == [3]


# ---------------------------------------------------------------------------------------------
# the mechanism itself
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, got", [
    (["500", "600"], "a list with '500' (a str) at index 0"),
    (np.array([True, False]), "an array with True (a bool) at index 0"),
    (np.array([1 + 0j]), "an array with (1+0j) (a complex number) at index 0"),
    ([None, 500.0], "a list with None at index 0"),
    (np.ones((2, 3)), "an array of shape (2, 3)"),
    ([800.0, math.nan], "an array with nan at index 1"),
    ([], "an empty array"),
])
def test_per_follicle_arrays_obey_the_scalar_rules(value, got):
    with pytest.raises(ValueError) as info:
        hs.Params(anagen_mean_days=value)
    msg = str(info.value)
    assert msg == ("The 'anagen_mean_days' parameter must be a float in (0, 20,000] or a 1-D array of such "
                   f"values (one per follicle); got {got}."), msg


def test_the_error_is_both_a_value_error_and_a_type_error():
    with pytest.raises(InvalidParameterError) as info:
        hs.simulate("healthy", n_follicles="many")
    assert isinstance(info.value, ValueError) and isinstance(info.value, TypeError)
    assert hs.InvalidParameterError is InvalidParameterError


def test_a_huge_int_is_out_of_range_not_an_overflow():
    with pytest.raises(ValueError, match=r"got inf\.$"):
        hs.simulate("healthy", n_follicles=10 ** 400)


def test_whole_numbers_may_be_written_as_floats():
    assert hs.simulate("healthy", n_follicles=1e2, years=0.1, rng=1).n_follicles == 100
    with pytest.raises(ValueError, match=r"must be a whole number in \[1, 100,000,000\]; got 100\.5\.$"):
        hs.simulate("healthy", n_follicles=100.5, years=0.1)


def test_one_did_you_mean_for_every_kind_of_name():
    from hairsim._validation import did_you_mean
    assert did_you_mean("aga_moderat", hs.presets.names()) == " Did you mean 'aga_moderate'?"
    assert did_you_mean("male", scalp.patterns()) == " Did you mean 'male_pattern'?"
    assert did_you_mean("zzz", scalp.patterns()) == ""
    with pytest.raises(TypeError, match=r"^It looks like 'anagen_cvv' is not a Params field\. Did you mean 'anagen_cv'\?"):
        hs.Params(anagen_cvv=1)
    with pytest.raises(ValueError, match=r"got 'aga_moderat' \(a str\)\. Did you mean 'aga_moderate'\?$"):
        hs.steady_state("aga_moderat")


def test_one_lognormal_conversion():
    from hairsim._validation import lognormal_mu_sigma
    mu, sigma = lognormal_mu_sigma(90.0, 0.35)
    assert math.exp(mu + sigma ** 2 / 2) == pytest.approx(90.0, rel=1e-12)
    assert math.sqrt(math.expm1(sigma ** 2)) == pytest.approx(0.35, rel=1e-12)
    m, s = lognormal_mu_sigma(np.array([90.0, 14.0]), np.array([0.35, 0.2]))
    assert np.allclose(np.exp(m + s ** 2 / 2), [90.0, 14.0])


def test_preset_names_are_accepted_wherever_params_are():
    assert hs.steady_state("healthy").anagen == pytest.approx(hs.steady_state(hs.presets.healthy()).anagen)
    assert teaching.with_duration_spread("healthy", 0.1).anagen_cv == 0.1
