"""hs.trace follows a run's own follicles: its states add up to the run's counts, day by day."""

import numpy as np
import pytest

import hairsim as hs

CASES = {
    "healthy": (hs.presets.healthy, lambda: None),
    "aga + minoxidil-like": (hs.presets.aga_moderate, lambda: hs.examples.minoxidil_like(start_day=30)),
    "aga + sessions, partial persistence": (
        hs.presets.aga_moderate,
        lambda: hs.Stimulation(start_day=20, stop_day=200, schedule="sessions", interval_days=21,
                               wake=3, extend=1, thicken=0.5, responders=0.7, persistence=0.4)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_trace_of_every_follicle_adds_up_to_the_run(name):
    params, stim = CASES[name]
    r = hs.simulate(params(), 300, 1.5, stimulation=stim(), rng=5)
    tr = hs.trace(r, n=300)
    assert len(tr) == 300
    for d in range(0, r.n_days + 1, 3):
        s = tr.state_at(d)
        assert np.array_equal(np.bincount(s["phase"], minlength=4),
                              [r.anagen[d], r.catagen[d], r.telogen[d], r.kenogen[d]]), d
        assert s["hair_visible"].sum() + s["club_visible"].sum() == r.visible[d], d
        thick = (s["hair_visible"] & (s["hair_diameter_um"] >= 30)).sum() \
            + (s["club_visible"] & (s["club_diameter_um"] >= 30)).sum()
        assert thick == r.visible_nonvellus[d], d
        assert tr.count_at(d)["nonvellus"] == r.visible_nonvellus[d]


def test_a_sample_is_the_runs_own_follicles():
    r = hs.simulate("aga_moderate", 5_000, 1, rng=2)
    part = hs.trace(r, ids=[3, 10, 4_999])
    whole = hs.trace(r, ids=np.arange(5_000))
    pick = np.searchsorted(whole.ids, part.ids)
    for d in (0, 100, 365):
        a, b = part.state_at(d), whole.state_at(d)
        for k in a:
            assert np.array_equal(a[k], b[k][pick], equal_nan=True), (k, d)


def test_clubs_are_held_beside_new_hairs():
    r = hs.simulate("healthy", 2_000, 1, rng=3)
    tr = hs.trace(r, n=2_000)
    s = tr.state_at(200)
    both = s["club_visible"] & s["hair_visible"]
    assert s["club_visible"].any() and both.any()
    assert np.all(s["phase"][s["club_visible"]] == hs.Phase.ANAGEN)  # a held club sits beside an anagen


@pytest.mark.parametrize("bad", [-1, 10**6, 2.5, True, "3"])
def test_bad_day(bad):
    r = hs.simulate("healthy", 100, 0.1, rng=1)
    with pytest.raises(ValueError, match="'day' parameter"):
        hs.trace(r, n=10).state_at(bad)
