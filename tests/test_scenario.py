"""hs.Scenario: an incremental stimulation change equals a fresh hs.simulate, array for array; and
simulate(..., executor=) gives the in-process numbers on any executor and chunking."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

import hairsim as hs

N, YEARS, SEED = 6_000, 2.5, 17

STIMULATIONS = {
    "wake only": hs.Stimulation(start_day=90, stop_day=400, wake=3.0),
    "extend only": hs.Stimulation(start_day=90, stop_day=400, extend=1.5),
    "thicken only": hs.Stimulation(start_day=90, stop_day=400, thicken=0.6),
    "all knobs, from day 0": hs.Stimulation(start_day=0, stop_day=300, wake=2, extend=1, thicken=0.4),
    "never stopped": hs.Stimulation(start_day=30, wake=2, extend=0.5, responders=0.5),
    "sessions, half kept": hs.Stimulation(start_day=60, stop_day=500, schedule="sessions", interval_days=21,
                                          half_life_days=8, wake=4, extend=1, thicken=0.3, responders=0.7,
                                          persistence=0.5),
    "kept": hs.examples.minoxidil_like(start_day=45, persistence=1.0),
    "minoxidil-like": hs.examples.minoxidil_like(start_day=45),
    "no responders": hs.Stimulation(wake=3, responders=0.0),
    "no effect": hs.Stimulation(start_day=10),
    "starts after the run": hs.Stimulation(start_day=5_000, wake=3),
}


@pytest.fixture(scope="module", params=["aga_moderate", "healthy"])
def scenario(request):
    return request.param, hs.Scenario(request.param, N, YEARS, rng=SEED)


@pytest.mark.parametrize("name", list(STIMULATIONS))
def test_incremental_equals_fresh(scenario, name):
    preset, sc = scenario
    s = STIMULATIONS[name]
    fresh = hs.simulate(preset, N, YEARS, stimulation=s, rng=SEED)
    inc = sc.treated(s)
    assert inc.equals(fresh)
    for k in ("anagen", "telogen", "visible_nonvellus", "shed", "diameter_sum", "exposure"):
        assert np.array_equal(getattr(inc, k), getattr(fresh, k)), k


def test_knob_changes_reuse_the_timing_and_stay_exact():
    p = hs.presets.aga_moderate()
    sc = hs.Scenario(p, N, YEARS, rng=SEED)
    base = hs.examples.minoxidil_like(start_day=60)
    for wake, extend, thicken in ((6, 0.15, 0.4), (1, 0, 0), (0, 3, 0), (0, 0, 1), (10, 2, 0.2)):
        s = base.replace(wake=wake, extend=extend, thicken=thicken)
        assert sc.treated(s).equals(hs.simulate(p, N, YEARS, stimulation=s, rng=SEED)), (wake, extend, thicken)
    assert len(sc._timings) == 1  # one timing, reused by every knob setting
    assert sc.untreated.equals(hs.simulate(p, N, YEARS, rng=SEED))


def test_scenario_with_groups_and_per_follicle_arrays():
    n = 3_000
    groups = np.repeat(np.arange(10), n // 10)
    p = hs.presets.aga_moderate().replace(years_since_onset=np.linspace(2, 9, n),
                                          aga_susceptible_fraction=np.repeat(np.linspace(0.2, 0.8, 10), n // 10))
    s = hs.examples.minoxidil_like(start_day=20).replace(responders=np.linspace(0, 1, n))
    sc = hs.Scenario(p, n, 2, rng=3, groups=groups)
    fresh = hs.simulate(p, n, 2, stimulation=s, rng=3, groups=groups)
    inc = sc.treated(s)
    assert inc.equals(fresh)
    assert np.array_equal(inc.group_series("visible_nonvellus"), fresh.group_series("visible_nonvellus"))


def test_scenario_rejects_what_simulate_rejects():
    sc = hs.Scenario("healthy", 100, 1, rng=1)
    with pytest.raises(TypeError, match="'stimulation' parameter must be a hairsim.Stimulation"):
        sc.treated("minoxidil")
    with pytest.raises(ValueError, match="'responders' parameter is an array of 3 values"):
        sc.treated(hs.Stimulation(wake=1, responders=[0.1, 0.2, 0.3]))
    with pytest.raises(ValueError, match="'n_follicles'"):
        hs.Scenario("healthy", 0, 1)


CASES = [("aga_moderate", hs.examples.minoxidil_like(start_day=30), None),
         ("healthy", None, None),
         ("aga_severe", hs.Stimulation(start_day=0, wake=2, extend=1, thicken=0.5, responders=0.6,
                                       persistence=0.3, stop_day=200), np.arange(9_000) % 7)]


@pytest.mark.parametrize("preset,stim,groups", CASES)
def test_executors_give_the_in_process_numbers(preset, stim, groups):
    n = 9_000
    ref = hs.simulate(preset, n, 1.5, stimulation=stim, rng=5, groups=groups)
    with ThreadPoolExecutor(2) as ex:
        assert hs.simulate(preset, n, 1.5, stimulation=stim, rng=5, groups=groups, executor=ex,
                           chunk_size=2_500).equals(ref)
    with ProcessPoolExecutor(2) as ex:
        r = hs.simulate(preset, n, 1.5, stimulation=stim, rng=5, groups=groups, executor=ex, chunk_size=4_000)
        assert r.equals(ref)
        if groups is not None:
            assert np.array_equal(r.group_series("shed"), ref.group_series("shed"))
    assert hs.simulate(preset, n, 1.5, stimulation=stim, rng=5, groups=groups, chunk_size=1_000).equals(ref)


def test_a_dask_cluster_gives_the_in_process_numbers(require):
    distributed = require("dask.distributed")  # in the test extra: fails in CI if missing
    ref = hs.simulate("aga_moderate", 8_000, 1, stimulation=hs.examples.minoxidil_like(), rng=9)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        r = hs.simulate("aga_moderate", 8_000, 1, stimulation=hs.examples.minoxidil_like(), rng=9,
                        executor=client.get_executor(), chunk_size=3_000)
        sc = hs.Scenario("aga_moderate", 8_000, 1, rng=9, executor=client.get_executor(), chunk_size=2_000)
        inc = sc.treated(hs.examples.minoxidil_like())
    assert r.equals(ref) and inc.equals(ref)
