"""ExplorerModel in process, without ipywidgets: settings → runs → readouts, and its checks."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import hairsim as hs
from hairsim.app import controls as C
from hairsim.app.model import ExplorerModel

SERIES = ("days", "anagen", "catagen", "telogen", "kenogen", "visible", "visible_nonvellus",
          "diameter_sum", "shed", "exposure", "density", "total_density")


def _model(**kw):
    kw.setdefault("n_follicles", 3_000)
    kw.setdefault("years", 3)
    m = ExplorerModel(**kw)
    assert m.update() and m.error == ""
    return m


def _same(a, b):
    for name in SERIES:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert a.stimulation == b.stimulation and a.params == b.params and a.seed == b.seed


def test_the_model_imports_no_widgets():
    code = ("import sys, hairsim.app.model, hairsim.app.controls, hairsim.app.figure, "
            "hairsim.app.world, hairsim.app.export; "
            "sys.exit(int('ipywidgets' in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize(("name", "value"), [
    ("wake", 4.0), ("extend", 2.0), ("thicken_pct", 90.0), ("responders_pct", 30.0),
    ("persistence_pct", 100.0), ("half_life_days", 40.0), ("stim_start_month", 6),
    ("schedule", "sessions"),
])
def test_treated_run_after_a_slider_move_equals_a_fresh_simulate(name, value):
    m = _model(preset="aga_moderate", seed=7)
    m.set(stimulation=True)
    m.update()
    cf, sims = m.counterfactual, m.simulation_count
    m.set(**{name: value})
    assert m.update()
    assert m.counterfactual is cf and m.simulation_count == sims + 1   # untreated cached
    fresh = hs.simulate(m.params(), n_follicles=3_000, years=3, stimulation=m.stimulation(), rng=7)
    _same(m.result, fresh)
    _same(m.counterfactual, hs.simulate(m.params(), n_follicles=3_000, years=3, rng=7))


def test_a_scalp_change_makes_a_new_untreated_run():
    m = _model(preset="healthy")
    m.set(stimulation=True)
    m.update()
    sims = m.simulation_count
    m.set(anagen_years=1.5)
    m.update()
    assert m.simulation_count == sims + 2
    assert m.params() == hs.presets.healthy().replace(anagen_mean_days=1.5 * 365)
    _same(m.counterfactual, hs.simulate(m.params(), n_follicles=3_000, years=3, rng=1))


def test_the_model_runs_through_hs_scenario():
    m = ExplorerModel(n_follicles=1_000, years=2, preset="aga_mild", seed=3)
    assert isinstance(m.scenario(), hs.Scenario)
    p = hs.presets.aga_mild()
    sc = hs.Scenario(p, 1_000, 2, 3)
    u = sc.untreated
    assert sc.untreated is u
    s = hs.Stimulation(start_day=100, stop_day=300, wake=2.0)
    _same(sc.treated(s), hs.simulate(p, n_follicles=1_000, years=2, stimulation=s, rng=3))


@pytest.mark.parametrize(("values", "message"), [
    ({"wake": "abc"}, "The 'wake' control must be a float in [0, 10]; got 'abc' (a str)."),
    ({"wake": None}, "The 'wake' control must be a float in [0, 10]; got None."),
    ({"mean_field": "no"}, "The 'mean_field' control must be True or False; got 'no' (a str)."),
    ({"stimulation": 1}, "The 'stimulation' control must be True or False; got 1."),
    ({"years": 2.5}, "The 'years' control must be a whole number in [1, 30]; got 2.5."),
    ({"seed": 1.7}, "The 'seed' control must be a whole number in [0, 2,147,483,647]; got 1.7."),
    ({"anagen_years": float("nan")}, "The 'anagen_years' control must be a float in [0.1, 8]; got nan."),
    ({"schedule": "weekly"}, "The 'schedule' control must be one of 'continuous', 'sessions'; got 'weekly' (a str)."),
    ({"stim_start_month": 40}, "The 'stim_start_month' control must be a whole number in [0, 36]; got 40."),
    ({"years": 2, "stim_stop_month": 30}, "The 'stim_stop_month' control must be a whole number in [0, 24]; got 30."),
    ({"stim_start_month": 20, "stim_stop_month": 10},
     "The 'stim_stop_month' control must be after the start (month 20); got month 10."),
])
def test_bad_values_get_one_sentence_and_change_nothing(values, message):
    m = _model()
    before = dict(m.values)
    with pytest.raises(ValueError) as info:
        m.set(**values)
    assert str(info.value) == message
    assert m.values == before


def test_constructor_checks_its_parameters():
    with pytest.raises(ValueError, match=r"^The 'n_follicles' parameter must be a whole number in "
                                         r"\[1, 1,000,000\]; got True \(a bool\)\.$"):
        ExplorerModel(n_follicles=True)
    with pytest.raises(ValueError, match=r"^The 'preset' parameter must be one of .*; got 'bald' \(a str\)\.$"):
        ExplorerModel(preset="bald")
    with pytest.raises(ValueError, match=r"^The 'years' parameter .* got 2\.5\.$"):
        ExplorerModel(years=2.5)


def test_unknown_control_names_the_valid_ones():
    with pytest.raises(TypeError, match="'wak' is not a known control. Did you mean 'wake'"):
        _model().set(wak=2)


def test_export_with_no_run_is_a_sentence():
    m = ExplorerModel(n_follicles=1_000, years=1)
    with pytest.raises(ValueError, match=r"^There is no run to export yet"):
        m.require_result()


def test_shorter_years_keep_a_valid_window_and_the_cursor_at_the_end():
    m = _model(years=3)
    m.set(stimulation=True, stim_start_month=30, stim_stop_month=34)
    m.set(years=2)
    assert m.values["time_month"] == 24
    assert 0 <= m.values["stim_start_month"] < m.values["stim_stop_month"] <= 24
    assert m.update() and m.result.stimulation is not None


def test_mean_field_reason_only_for_progressive_presets():
    for name in hs.presets.names():
        m = ExplorerModel(n_follicles=1_000, years=1, preset=name)
        assert bool(m.mean_field_reason()) == hs.presets.get(name).is_progressive


def test_readouts_and_caption_are_text():
    m = _model(preset="aga_severe")
    rows = dict(m.readouts())
    r = m.result
    assert rows["Time"] == "month 36 (year 3.0)"
    assert rows["Density"].startswith(f"{r.density[-1]:.0f} hairs/cm²")
    assert "Untreated (same seed)" not in rows
    m.set(stimulation=True)
    m.update()
    assert "Untreated (same seed)" in dict(m.readouts())
    assert m.stimulation().describe().rstrip(".") in m.caption()


def test_the_world_view_data_comes_from_the_run():
    m = _model(n_follicles=2_000)
    tr = m.trace()
    assert tr is m.trace() and len(tr) == 225 and tr.result is m.result
    sc = m.scalp()
    assert sc is m.scalp() and sc.pattern == "male_pattern"
    m.set(scalp_pattern="female_pattern")
    assert m.scalp().pattern == "female_pattern"


def test_every_control_row_is_consistent():
    for row in C.CONTROLS:
        assert row.label and row.help, row.name
        assert row.kind in ("float", "int", "choice", "flag")
        if row.target:
            assert row.field, row.name
        m = ExplorerModel(n_follicles=1_000, years=2)
        value = m.values[row.name]
        assert C.check_control(row.name, value, 2) == value, row.name
    fields = {r.field for r in C.param_controls()}
    assert fields <= set(hs.Params.fields())
