"""Property tests (Hypothesis) over random valid parameter sets."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hairsim as hs

finite = dict(allow_nan=False, allow_infinity=False)
params_st = st.builds(
    hs.Params,
    anagen_mean_days=st.floats(60, 3000, **finite),
    anagen_cv=st.floats(0, 2, **finite),
    catagen_mean_days=st.floats(3, 40, **finite),
    catagen_cv=st.floats(0, 1, **finite),
    telogen_mean_days=st.floats(20, 300, **finite),
    telogen_cv=st.floats(0, 2, **finite),
    kenogen_mean_days=st.floats(10, 400, **finite),
    p_kenogen=st.floats(0, 1, **finite),
    emergence_days=st.floats(0, 120, **finite),
    diameter_um=st.floats(20, 120, **finite),
    diameter_cv=st.floats(0, 0.5, **finite),
    aga_susceptible_fraction=st.floats(0, 1, **finite),
    anagen_shortening=st.floats(0.5, 1, **finite),
    anagen_min_days=st.floats(30, 400, **finite),
    miniaturization=st.floats(0, 0.5, **finite),
    p_kenogen_miniaturized=st.floats(0, 1, **finite),
    kenogen_miniaturized_days=st.floats(10, 600, **finite),
    years_since_onset=st.floats(0, 5, **finite),
)
stim_st = st.one_of(st.none(), st.builds(
    hs.Stimulation,
    start_day=st.floats(0, 300, **finite),
    schedule=st.sampled_from(["continuous", "sessions"]),
    interval_days=st.floats(7, 90, **finite),
    half_life_days=st.floats(0.5, 60, **finite),
    wake=st.floats(0, 10, **finite),
    extend=st.floats(0, 5, **finite),
    thicken=st.floats(0, 1, **finite),
    responders=st.floats(0, 1, **finite),
    persistence=st.floats(0, 1, **finite),
))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(p=params_st, s=stim_st, seed=st.integers(0, 2**32 - 1), n=st.integers(1, 400))
def test_invariants_hold_for_any_valid_parameters(p, s, seed, n):
    if s is not None and s.stop_day is None:
        s = s.replace(stop_day=s.start_day + 200)
    r = hs.simulate(p, n, 1.5, stimulation=s, rng=seed)
    assert np.all(r.anagen + r.catagen + r.telogen + r.kenogen == n)
    for name in ("anagen", "catagen", "telogen", "kenogen", "shed", "visible_nonvellus"):
        assert np.all(getattr(r, name) >= 0)
    # a follicle shows at most two hairs: its own, and the club it still holds from the cycle before
    assert np.all(r.visible_nonvellus <= r.visible) and np.all(r.visible <= 2 * n)
    assert np.all(r.density <= 2 * p.follicles_per_cm2 + 1e-9)
    ok = r.visible > 0
    assert np.all(r.mean_diameter[ok] > 0)
    assert np.all((r.exposure >= 0) & (r.exposure <= 1))
    again = hs.simulate(p, n, 1.5, stimulation=s, rng=seed)
    assert r.equals(again)


@settings(max_examples=40, deadline=None)
@given(p=params_st, seed=st.integers(0, 2**32 - 1))
def test_a_stimulation_with_no_responders_changes_nothing(p, seed):
    u = hs.simulate(p, 200, 1, rng=seed)
    t = hs.simulate(p, 200, 1, stimulation=hs.Stimulation(wake=3, extend=2, thicken=1, responders=0), rng=seed)
    assert np.array_equal(u.anagen, t.anagen) and np.array_equal(u.visible_nonvellus, t.visible_nonvellus)
