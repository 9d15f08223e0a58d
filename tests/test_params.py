"""Validation: every field's constraint, one sentence form, unknown names with 'did you mean'."""

import math
import re

import numpy as np
import pytest

import hairsim as hs
from hairsim._validation import Interval, Options

SENTENCE = re.compile(r"^The '(\w+)' parameter must be .+; got .+\.$")


def _bad_values(constraint):
    """Values that break a constraint: outside each bound, NaN, inf, a bool, a string."""
    out = [float("nan"), float("inf"), True, "abc"]
    if isinstance(constraint, Options):
        return ["nope", 3, None]
    if constraint.lo != -math.inf:
        out.append(constraint.lo - 1e-9 if constraint.closed in ("both", "left") else constraint.lo)
    if constraint.hi != math.inf:
        out.append(constraint.hi + 1e-9 if constraint.closed in ("both", "right") else constraint.hi)
    if not constraint.none_ok:
        out.append(None)
    return out


def _cases(cls):
    import dataclasses
    for f in dataclasses.fields(cls):
        for bad in _bad_values(f.metadata["constraint"]):
            yield pytest.param(cls, f.name, bad, id=f"{cls.__name__}.{f.name}={bad!r}")


@pytest.mark.parametrize("cls,name,bad", list(_cases(hs.Params)) + list(_cases(hs.Stimulation)))
def test_every_invalid_value_is_rejected_in_one_sentence(cls, name, bad):
    with pytest.raises(ValueError) as info:
        cls(**{name: bad})
    msg = str(info.value)
    assert SENTENCE.match(msg), msg
    assert f"'{name}'" in msg


def test_message_names_range_and_value():
    with pytest.raises(ValueError, match=re.escape("The 'anagen_cv' parameter must be a float in [0, 3]; got -0.1.")):
        hs.Params(anagen_cv=-0.1)


@pytest.mark.parametrize("cls,typo,suggestion", [
    (hs.Params, "anagen_mean", "anagen_mean_days"),
    (hs.Params, "telogen_mean_day", "telogen_mean_days"),
    (hs.Stimulation, "wakeup", "wake"),
])
def test_unknown_name_lists_valid_names_and_suggests(cls, typo, suggestion):
    with pytest.raises(TypeError) as info:
        cls(**{typo: 1.0})
    msg = str(info.value)
    assert f"Did you mean '{suggestion}'?" in msg
    assert "Valid names are:" in msg and all(n in msg for n in cls.fields())
    with pytest.raises(TypeError, match="Did you mean"):
        cls().replace(**{typo: 1.0})


def test_params_are_frozen_and_replace_validates():
    p = hs.Params()
    with pytest.raises(AttributeError):
        p.anagen_mean_days = 10
    q = p.replace(anagen_mean_days=500)
    assert q.anagen_mean_days == 500 and p.anagen_mean_days == 1095
    with pytest.raises(ValueError, match="anagen_mean_days"):
        p.replace(anagen_mean_days=0)


def test_dict_round_trip_and_equality():
    p = hs.presets.aga_moderate().replace(anagen_mean_days=np.linspace(500, 1500, 10))
    q = hs.Params.from_dict(p.to_dict())
    assert q == p and q is not p
    assert hs.Params() != p
    s = hs.examples.minoxidil_like()
    assert hs.Stimulation.from_dict(s.to_dict()) == s


def test_per_follicle_arrays_are_checked():
    p = hs.Params(anagen_mean_days=[800.0, 900.0, 1000.0])
    assert isinstance(p.anagen_mean_days, np.ndarray) and not p.anagen_mean_days.flags.writeable
    with pytest.raises(ValueError, match=r"one value per follicle \(n_follicles = 4\)"):
        hs.simulate(p, n_follicles=4, years=1, rng=0)
    with pytest.raises(ValueError, match="got an array with -5 at index 1"):
        hs.Params(anagen_mean_days=[800.0, -5.0])
    with pytest.raises(ValueError, match="must be a float in"):
        hs.Params(vellus_threshold_um=[30.0, 31.0])  # not a per-follicle field


def test_stimulation_stop_before_start_is_rejected():
    with pytest.raises(ValueError, match="stop_day.*not before start_day = 100.*got 50"):
        hs.Stimulation(start_day=100, stop_day=50)


def test_exposure_schedules():
    cont = hs.Stimulation(start_day=10, stop_day=109, half_life_days=5)
    e = cont.exposure(300)
    assert np.all(e[:10] == 0) and np.all((0 <= e) & (e <= 1))
    assert e[10] < 0.2 and e[60] > 0.99           # builds up with the half-life
    assert abs(e[110 + 5] / e[110] - 0.5) < 0.01   # and decays with it after the last day
    ses = hs.Stimulation(start_day=0, stop_day=100, schedule="sessions", interval_days=30, half_life_days=10)
    e = ses.exposure(200)
    assert e[30] > 0.95 and e[60] > 0.95 and e[90] > 0.95   # a session every 30 days
    assert abs(e[40] - 0.5) < 0.05                          # half gone 10 days later
    assert e[121] < e[100] and e[121] < 0.15                 # no session after the stop day (day 100)


def test_constraint_table_covers_every_field():
    for cls in (hs.Params, hs.Stimulation):
        table = cls.constraints()
        assert list(table) == cls.fields()
        for text, unit, doc in table.values():
            assert text and doc


def test_interval_describe():
    assert Interval(0, 3).describe() == "a float in [0, 3]"
    assert Interval(0, 1, "left").describe() == "a float in [0, 1)"
    assert Interval(0, 5, none_ok=True).describe() == "None or a float in [0, 5]"


def test_stress_needs_both_a_day_and_a_fraction():
    with pytest.raises(ValueError, match="The 'stress_day' parameter must be a float in \\[0, 100000\\] when"):
        hs.Params(stress_anagen_fraction=0.5)
    with pytest.raises(ValueError, match="The 'stress_anagen_fraction' parameter must be a float in \\(0, 1\\]"):
        hs.Params(stress_day=30)
    with pytest.raises(ValueError, match="'stress_day' parameter must be a day of the run, in \\[0, 365\\]"):
        hs.simulate(hs.presets.telogen_effluvium(stress_day=400), 100, 1)


def test_daily_exposure_is_the_mean_over_the_day_even_for_short_effects():
    hour = 1 / 24
    s = hs.Stimulation(start_day=0, stop_day=100, schedule="sessions", interval_days=30, half_life_days=hour)
    e = s.exposure(120)
    mean_life = hour / np.log(2)            # ∫ 2^(-t/h) dt
    assert e[0] == pytest.approx(mean_life, rel=1e-6) and e[30] == pytest.approx(mean_life, rel=1e-6)
    assert e[1] < 1e-8                      # the effect is gone a day later
    # integral = sum of daily means
    long = hs.Stimulation(start_day=3.5, stop_day=60, half_life_days=4)
    assert long.exposure(400).sum() == pytest.approx(float(long.exposure_integral(400.0)), rel=1e-12)


def test_a_very_short_lived_effect_still_acts_a_little():
    p = hs.presets.aga_moderate()
    s = hs.Stimulation(start_day=0, stop_day=300, schedule="sessions", interval_days=7,
                       half_life_days=0.05, wake=50)
    u = hs.simulate(p, 20_000, 1, rng=1)
    t = hs.simulate(p, 20_000, 1, stimulation=s, rng=1)
    assert not np.array_equal(u.shed, t.shed)


def test_kenogen_of_miniaturized_follicles_defaults_to_the_base_values():
    p = hs.Params(p_kenogen=0.5, aga_susceptible_fraction=1.0, miniaturization=0.3, anagen_mean_days=400)
    assert p.p_kenogen_miniaturized is None
    r = hs.simulate(p, 20_000, 6, rng=2)
    ken = r.fraction(hs.Phase.KENOGEN)
    assert ken[-365:].mean() > 0.8 * ken[:365].mean()   # miniaturizing does not make kenogen rarer


def test_run_key_repeats_a_run_however_it_was_seeded(tmp_path):
    p = hs.presets.aga_mild()
    r = hs.simulate(p, 2_000, 1, rng=np.random.default_rng(123))
    assert r.seed is None
    back = hs.Result.from_csv(r.to_csv(tmp_path / "r.csv"))
    again = hs.simulate(back.params, back.n_follicles, back.years, rng=hs.RunKey(back.key))
    assert np.array_equal(again.anagen, r.anagen) and np.array_equal(again.shed, r.shed)
    with pytest.raises(ValueError, match="'key' parameter must be a whole number"):
        hs.RunKey(-1)


def test_uniforms_stay_below_one():
    from hairsim._random import Streams
    bits = np.array([np.iinfo(np.uint64).max], dtype=np.uint64)   # the largest 24-bit values
    u1, u2 = Streams.uniforms(bits)
    assert u1[0] < 1.0 and u2[0] < 1.0
    assert hs.simulate(hs.Params(), 100, 1, stimulation=hs.Stimulation(wake=1, responders=1.0), rng=1)


def test_wake_counts_in_the_workload_estimate():
    p = hs.Params(anagen_mean_days=0.5, catagen_mean_days=0.5, telogen_mean_days=2.0, p_kenogen=0)
    hs.simulate(p, 1_000, 1, rng=1)   # fine without a stimulation
    with pytest.raises(ValueError, match="It looks like this run would need"):
        hs.simulate(p, 10_000_000, 50, stimulation=hs.Stimulation(wake=50))


@pytest.mark.parametrize("cls", [hs.Params, hs.Stimulation])
def test_docstring_defaults_are_the_real_defaults(cls):
    """Each field's 'default X' in the NumPy-style docstring is the value the class really has."""
    found = re.findall(r"^    (\w+) : [^\n]*?default ([^\s,;)]+)", cls.__doc__, re.M)
    assert len(found) >= 10
    made = cls()
    for name, text in found:
        value = getattr(made, name)
        text = text.strip('"')
        try:
            assert float(text) == float(value), (name, text, value)
        except ValueError:
            assert text == str(value), (name, text, value)
