"""The benchmark's baselines (benchmarks/baselines.py) run the same model as hs.simulate.

benchmarks/bench_engine.py reports how much faster hs.simulate is than the plain ways of writing
the model; these checks make sure that it compares like with like, rule by rule (exogen
retention, vellus follicles, AGA by years under androgen from each follicle's own onset, telogen
effluvium, the stimulation's keepers and releasers falling back onto their untreated course).
Every setting is an explicit ``Params``/``Stimulation`` here, so the checks do not depend on the
presets' calibrated numbers.

How the comparisons are made (fixed seeds, tolerances from standard errors, Z = 4):

* **levels**: a window mean of a daily series (per follicle) of a baseline against hs.simulate's.
  hs.simulate runs on many follicles split into groups (``groups=``): follicles are independent,
  so the spread of the group means gives the per-follicle standard deviation of that window mean,
  which is the same for both if they run the same model; the SE of the difference is
  sd·sqrt(1/n_baseline + 1/n_engine).
* **effects**: a stimulation's effect, treated minus untreated run *with the same seed*, of a
  baseline against hs.simulate's. Both share their random numbers between the two runs follicle
  by follicle (common random numbers), so the effect is measured with far less noise than two
  levels; its SE comes from the engine's groups in the same way. Before the stimulation starts
  the effect is exactly zero in both.
* **steady states**: against renewal theory, for which a day's count of follicles in a phase has
  variance at most N·f(1 − f) (a mean over days has at most the variance of one day) and the
  number of hairs shed in a window is counted as Poisson (conservative: the cycle is less
  variable than a Poisson process).

The three day-stepped baselines draw the same random numbers (a hash of seed, follicle and cycle),
so they are compared with each other day for day, exactly. They round every phase that starts
during the run to whole days (a phase of intrinsic duration D lasts ceil(D) days, and a held club
shows on ceil(R) days): their steady state is the renewal steady state of the rounded means
E[ceil(D)] (``baselines.rounded_mean``), not of the means. The tests add that predicted bias
explicitly, and one test checks that the bias is really there and of that size.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

import hairsim as hs

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import baselines as bl  # noqa: E402

Z = 4.0  # standard errors allowed (a fixed-seed test; 4 SE leaves room for the estimated SEs)
SERIES = ("anagen", "catagen", "telogen", "kenogen", "visible", "visible_nonvellus", "diameter_sum",
          "shed")

# Every field the model uses, set explicitly (a healthy cycle with vellus follicles and exogen).
BASE = dict(anagen_mean_days=1000.0, anagen_cv=0.45, catagen_mean_days=14.0, catagen_cv=0.2,
            telogen_mean_days=90.0, telogen_cv=0.35, kenogen_mean_days=120.0, kenogen_cv=0.5,
            p_kenogen=0.1, emergence_days=28.0, exogen_mean_days=25.0, exogen_cv=0.5,
            diameter_um=70.0, diameter_cv=0.15, vellus_follicle_fraction=0.12,
            vellus_diameter_um=20.0, vellus_threshold_um=30.0, follicles_per_cm2=225.0)
# AGA by years under androgen, from each follicle's own onset (spread over 3 years), with the
# per-cycle progression too, and kenogen growing with miniaturization
AGA = dict(aga_susceptible_fraction=0.6, anagen_shortening_per_year=0.8,
           miniaturization_per_year=0.12, aga_onset_spread_years=3.0, anagen_min_days=90.0,
           anagen_shortening=0.9, miniaturization=0.05, p_kenogen_miniaturized=0.45,
           kenogen_miniaturized_days=220.0)
# fast AGA (yearly factors as strong as the presets', anagen floor under the emergence time and
# onsets spread over 13 years)
FAST = dict(aga_susceptible_fraction=0.6, anagen_shortening_per_year=0.4, miniaturization_per_year=0.3,
            aga_onset_spread_years=13.0, anagen_min_days=30.0, p_kenogen_miniaturized=0.45,
            kenogen_miniaturized_days=150.0, years_since_onset=6.0)


def params(**changes) -> hs.Params:
    return hs.Params(**{**BASE, **changes})


def aga_params(**changes) -> hs.Params:
    return params(**{**AGA, **changes})


def stim(**changes) -> hs.Stimulation:
    """A continuous stimulation with every knob, 70 % responders, stopped inside the run."""
    kw = dict(start_day=40.0, stop_day=300.0, schedule="continuous", half_life_days=6.0, wake=4.0,
              extend=0.5, thicken=0.3, responders=0.7, persistence=0.5)
    return hs.Stimulation(**{**kw, **changes})


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
def renewal(p, rounded=False):
    """Steady state of the base cycle from renewal theory: phase fractions, shedding per
    follicle-day, visible hairs per follicle (held clubs included) and the share of them that is
    not vellus, with the phase means or (``rounded``) the day-stepped means E[ceil(D)]."""
    def mean(m, cv):
        return bl.rounded_mean(m, cv) if rounded else m

    mA = mean(p.anagen_mean_days, p.anagen_cv)
    mC = mean(p.catagen_mean_days, p.catagen_cv)
    mT = mean(p.telogen_mean_days, p.telogen_cv)
    mK = mean(p.kenogen_mean_days, p.kenogen_cv)
    mX = mean(p.exogen_mean_days, p.exogen_cv) if p.exogen_mean_days > 0 else 0.0
    w = np.array([mA, mC, mT, p.p_kenogen * mK])
    cycle = w.sum()
    # a hair shows from emergence to its release (telogen end, or end of its retention); the
    # short-cycle correction (shed before emerging) is negligible for the cycles used here
    visible = (mA + mC + mT + (1 - p.p_kenogen) * mX - p.emergence_days) / cycle

    def nonvellus(d):
        s2 = math.log1p(p.diameter_cv ** 2)
        return 0.5 * math.erfc((math.log(p.vellus_threshold_um / d) + 0.5 * s2) / math.sqrt(2 * s2))

    vf = p.vellus_follicle_fraction
    nv_share = (1 - vf) * nonvellus(p.diameter_um) + vf * nonvellus(p.vellus_diameter_um)
    return dict(fractions=w / cycle, shed=1.0 / cycle, visible=visible, nonvellus=nv_share)


def wmean(x, lo, hi):
    return float(np.mean(np.asarray(x, dtype=float)[lo:hi]))


def groups_run(p, n, years, s, seed, n_groups=100, start_from=None):
    """hs.simulate on n follicles in n_groups groups, treated and untreated with the same seed."""
    g = np.arange(n) % n_groups
    t = hs.simulate(p, n_follicles=n, years=years, stimulation=s, rng=seed, groups=g, start_from=start_from)
    u = hs.simulate(p, n_follicles=n, years=years, rng=seed, groups=g, start_from=start_from)
    return t, u


def compare(eng, base, windows, names=SERIES, levels=True, allowance=None):
    """Window means of levels (treated runs) and effects (treated − untreated) of a baseline
    against hs.simulate's, per follicle, within Z SE (+ an explicit allowance for levels).
    ``eng`` and ``base`` are (treated, untreated) pairs; hs.simulate's ran with groups."""
    (et, eu), (bt, bu) = eng, base
    ne, nb = et.n_follicles, bt.n_follicles
    m = ne // et.n_groups
    allowance = allowance or {}
    checked = 0
    for lo, hi in windows:
        for name in names:
            gt = et.group_series(name)[:, lo:hi].mean(axis=1) / m
            gu = eu.group_series(name)[:, lo:hi].mean(axis=1) / m
            xt, xu = wmean(getattr(bt, name), lo, hi) / nb, wmean(getattr(bu, name), lo, hi) / nb
            if levels:
                se = gt.std(ddof=1) * math.sqrt(m) * math.sqrt(1 / nb + 1 / ne)
                tol = Z * se + allowance.get(name, 0.0)
                assert abs(xt - gt.mean()) <= tol, ("level", name, lo, hi, xt, gt.mean(), se)
            d = gt - gu
            se = d.std(ddof=1) * math.sqrt(m) * math.sqrt(1 / nb + 1 / ne)
            assert abs((xt - xu) - d.mean()) <= Z * se, ("effect", name, lo, hi, xt - xu, d.mean(), se)
            checked += 1
    return checked


def assert_equal_until(eng, base, start):
    """Treated and untreated runs with the same seed are identical until the stimulation starts:
    the state on each day up to ``start`` (the state at the start of that day), the shedding of
    each day before it."""
    day = int(math.floor(start))
    for t, u in (eng, base):
        for name in SERIES:
            last = day if name == "shed" else day + 1
            assert np.array_equal(np.asarray(getattr(t, name))[:last], np.asarray(getattr(u, name))[:last]), name


def check_consistent(r):
    total = r.anagen + r.catagen + r.telogen + r.kenogen
    assert np.all(total == r.n_follicles)
    assert np.all(r.shed >= 0)
    assert np.all(r.visible_nonvellus <= r.visible)
    # a follicle shows at most its current hair and a held club or two
    assert np.all(r.visible <= 3 * r.n_follicles)
    assert np.allclose(r.density, r.visible_nonvellus / r.area_cm2)


# ------------------------------------------------------------------------------------------------
# building blocks
# ------------------------------------------------------------------------------------------------
def test_rounded_mean():
    # a whole-day duration is exact; for spread-out durations the fractional part is about
    # uniform, so E[ceil(D)] is about the mean + 1/2
    assert bl.rounded_mean(14.0, 0.0) == 14.0
    assert bl.rounded_mean(14.2, 0.0) == 15.0
    assert abs(bl.rounded_mean(90.0, 0.35) - 90.5) < 1e-3
    assert abs(bl.rounded_mean(1095.0, 0.45) - 1095.5) < 1e-3
    # against a Monte Carlo estimate for a narrow law, where the +1/2 rule fails
    rng = np.random.default_rng(0)
    mu, sg = bl._lognormal(2.3, 0.1)
    d = np.exp(mu + sg * rng.standard_normal(400_000))
    mc = np.ceil(d).mean()
    assert abs(bl.rounded_mean(2.3, 0.1) - mc) < 4 * np.ceil(d).std() / math.sqrt(d.size)


def test_keyed_draws_are_the_same_in_numpy_and_python_and_look_random():
    """The day-stepped versions share one counter-based generator: the numpy copy gives the
    plain-Python numbers, and they are uniform / standard normal and independent across streams
    and cycles."""
    kp, kn = bl._KeyedPy(7), bl._KeyedNp(7)
    f = np.repeat(np.arange(200), 50)
    k = np.tile(np.arange(50), 200)
    for stream in (bl._VELLUS, bl._ZA, bl._USTR):
        un = kn.u(stream, f, k)
        up = np.array([kp.u(stream, int(a), int(b)) for a, b in zip(f, k)])
        assert np.array_equal(un, up)
        zn = kn.z(stream, f, k)
        zp = np.array([kp.z(stream, int(a), int(b)) for a, b in zip(f, k)])
        assert np.allclose(zn, zp, rtol=1e-12, atol=1e-12)
    N = 400_000
    f = np.arange(N) // 16
    k = np.arange(N) % 16
    u = kn.u(bl._ZA, f, k)
    z = kn.z(bl._ZA, f, k)
    se = 1 / math.sqrt(N)
    assert 0 < u.min() and u.max() < 1
    assert abs(u.mean() - 0.5) < Z * se * math.sqrt(1 / 12)
    assert abs(z.mean()) < Z * se and abs(z.var() - 1) < Z * se * math.sqrt(2)
    for other in (kn.z(bl._ZC, f, k), kn.z(bl._ZA, f, k + 1), bl._KeyedNp(8).z(bl._ZA, f, k)):
        assert abs(np.corrcoef(z, other)[0, 1]) < Z * se


def test_baselines_reject_what_they_do_not_support():
    p = params(anagen_mean_days=np.full(10, 1000.0))
    with pytest.raises(ValueError, match="anagen_mean_days"):
        bl.day_stepped_numpy(p, 10, 1)
    with pytest.raises(ValueError, match="years_since_onset"):
        bl.python_event_loop(params(years_since_onset=np.full(10, 2.0)), 10, 1)
    with pytest.raises(ValueError, match="responders"):
        bl.python_day_loop(params(), 10, 1, stim(responders=np.full(10, 0.5)))
    with pytest.raises(ValueError, match="seed"):
        bl.day_stepped_numpy(params(), 10, 1, seed=-1)


# ------------------------------------------------------------------------------------------------
# the day-stepped versions are one algorithm
# ------------------------------------------------------------------------------------------------
# short anagens, frequent kenogen and a strong stimulation: releasers fall back in every way
MIXED = dict(p=aga_params(years_since_onset=4.0, p_kenogen=0.2, stress_day=80.0,
                          stress_anagen_fraction=0.3),
             s=stim(wake=3.0, extend=1.0, responders=0.9, persistence=0.3))


def assert_same_days(a, b):
    """Two day-stepped versions with the same seed: the same counts day for day (diameter sums
    to rounding)."""
    for name in SERIES[:6] + ("shed",):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.allclose(a.diameter_sum, b.diameter_sum, rtol=1e-10)


def test_day_stepped_versions_agree_day_for_day():
    """numpy and the plain Python day loop give the same series with the same seed, on a run
    that exercises every rule (AGA with spread onsets, vellus follicles, exogen, a stress, a
    stimulation whose releasers fall back in every way the model has)."""
    p, s = MIXED["p"], MIXED["s"]
    a = bl.day_stepped_numpy(p, 400, 2, s, seed=3)
    b = bl.python_day_loop(p, 400, 2, s, seed=3)
    assert_same_days(a, b)
    assert a.n_phase_changes == b.n_phase_changes
    assert a.notes["releases"] == b.notes["releases"]
    cases = a.notes["releases"]
    assert all(v > 0 for v in cases.values()), cases
    check_consistent(a)
    # a follicle shows two hairs at times (a held club and its new hair)
    assert np.any(a.visible > a.anagen + a.catagen + a.telogen)
    # the same seed without a stimulation: identical until it starts, then different
    u = bl.day_stepped_numpy(p, 400, 2, None, seed=3)
    start = int(s.start_day)
    assert np.array_equal(u.visible[:start + 1], a.visible[:start + 1])
    assert np.array_equal(u.anagen[:start + 1], a.anagen[:start + 1])
    assert not np.array_equal(u.visible, a.visible)


def test_mesa_agrees_with_the_python_day_loop(require):
    require("mesa")  # in the 'test' and 'bench' extras
    p, s = MIXED["p"], MIXED["s"]
    a = bl.mesa_day_stepped(p, 120, 1.5, s, seed=4)
    b = bl.python_day_loop(p, 120, 1.5, s, seed=4)
    assert_same_days(a, b)
    check_consistent(a)


# ------------------------------------------------------------------------------------------------
# steady state and day rounding
# ------------------------------------------------------------------------------------------------
def sd_per_follicle(r, name, lo, hi):
    """The standard deviation, per follicle, of the window mean of a series of hs.simulate's run
    ``r`` (with groups): from the spread of the group means (follicles are independent)."""
    m = r.n_follicles // r.n_groups
    return float(r.group_series(name)[:, lo:hi].mean(axis=1).std(ddof=1) / math.sqrt(m))


def check_steady(eng, base, lo, hi, expected, name, scale=1.0):
    """hs.simulate at the exact steady state, the day-stepped baseline between it and the rounded
    one (it starts at the continuous equilibrium and relaxes towards the rounded one), per
    follicle and within Z SE."""
    sd = sd_per_follicle(eng, name, lo, hi) * scale
    e, r = expected
    xe = wmean(getattr(eng, name), lo, hi) / eng.n_follicles * scale
    xb = wmean(getattr(base, name), lo, hi) / base.n_follicles * scale
    assert abs(xe - e) <= Z * sd / math.sqrt(eng.n_follicles), (name, xe, e)
    se = sd / math.sqrt(base.n_follicles)
    assert min(e, r) - Z * se <= xb <= max(e, r) + Z * se, (name, xb, e, r)
    return xe, xb


def test_numpy_day_stepped_matches_simulate_healthy():
    """Steady-state phase fractions, shedding, visible hairs (held clubs and vellus follicles
    included) and mean diameter: the day-stepped numpy baseline and hs.simulate agree with
    renewal theory, within the predicted day-rounding bias."""
    p = params()
    n, years, window = 40_000, 4, 730
    nd = 365 * years
    lo, hi = nd + 1 - window, nd + 1
    eng = hs.simulate(p, n_follicles=200_000, years=years, rng=101, groups=np.arange(200_000) % 100)
    base = bl.day_stepped_numpy(p, n, years, seed=202)
    exact, rnd = renewal(p), renewal(p, rounded=True)
    for i, name in enumerate(("anagen", "catagen", "telogen", "kenogen")):
        check_steady(eng, base, lo, hi, (exact["fractions"][i], rnd["fractions"][i]), name)
    check_steady(eng, base, lo, hi, (exact["shed"], rnd["shed"]), "shed")
    check_steady(eng, base, lo, hi, (exact["visible"], rnd["visible"]), "visible")
    # the held clubs are a visible part of that: 2 % of the hairs here
    club_share = (1 - p.p_kenogen) * p.exogen_mean_days / (exact["visible"] * (1 / exact["shed"]))
    assert club_share > 0.015
    # vellus follicles are part of a healthy scalp: a visible share of them, as set
    for r in (eng, base):
        nv = wmean(r.visible_nonvellus, lo, hi) / wmean(r.visible, lo, hi)
        se = math.sqrt(nv * (1 - nv) / (0.9 * r.n_follicles))
        assert abs(nv - exact["nonvellus"]) <= Z * se, (nv, exact["nonvellus"])
        mean_d = wmean(r.diameter_sum, lo, hi) / wmean(r.visible, lo, hi)
        vf = p.vellus_follicle_fraction
        m1 = (1 - vf) * p.diameter_um + vf * p.vellus_diameter_um
        m2 = ((1 - vf) * p.diameter_um ** 2 + vf * p.vellus_diameter_um ** 2) * (1 + p.diameter_cv ** 2)
        se = math.sqrt((m2 - m1 * m1) / (0.9 * r.n_follicles))
        assert abs(mean_d - m1) <= Z * se, (mean_d, m1)


def test_day_rounding_bias_is_as_predicted():
    """With short phases the rounding bias is large enough to see: the day-stepped baseline sits
    at the rounded renewal steady state (phases rounded up to whole days, a held club shown on
    ceil(R) days), hs.simulate at the exact one."""
    p = params(anagen_mean_days=20.0, catagen_mean_days=1.5, telogen_mean_days=4.0,
               kenogen_mean_days=5.0, emergence_days=2.0, exogen_mean_days=3.0, exogen_cv=0.3)
    n, years, window = 40_000, 1, 200
    lo, hi = 366 - window, 366
    eng = hs.simulate(p, n_follicles=200_000, years=years, rng=7, groups=np.arange(200_000) % 100)
    base = bl.day_stepped_numpy(p, n, years, seed=8)
    exact, rnd = renewal(p), renewal(p, rounded=True)
    for name, e, r in (("catagen", exact["fractions"][1], rnd["fractions"][1]),
                       ("visible", exact["visible"], rnd["visible"])):
        sd = sd_per_follicle(eng, name, lo, hi)
        assert r - e > 5 * sd / math.sqrt(n), name  # the predicted bias is visible
        assert abs(wmean(getattr(base, name), lo, hi) / n - r) <= Z * sd / math.sqrt(n), name
        assert abs(wmean(getattr(eng, name), lo, hi) / eng.n_follicles - e) <= Z * sd / math.sqrt(eng.n_follicles)
    # the visible bias is mostly the held clubs': without them it would be far smaller
    no_x = params(**{**p.to_dict(), "exogen_mean_days": 0.0})
    assert renewal(no_x, rounded=True)["visible"] - renewal(no_x)["visible"] < 0.5 * (rnd["visible"] - exact["visible"])


def test_a_held_club_is_released_when_the_next_hair_ends_its_telogen():
    """Whole-day, fixed durations (no rounding, nothing random in the cycle): a 25-day cycle whose
    club would be held for 30 days. Each hair shows from its emergence (day 3 of its anagen) until
    the next hair ends its telogen (day 50), so a follicle shows 47/25 hairs on average and never
    more than two (without that rule: 52/25, and three at times); one club falls a cycle."""
    p = params(anagen_mean_days=15.0, anagen_cv=0.0, catagen_mean_days=2.0, catagen_cv=0.0,
               telogen_mean_days=8.0, telogen_cv=0.0, p_kenogen=0.0, emergence_days=3.0,
               exogen_mean_days=30.0, exogen_cv=0.0, vellus_follicle_fraction=0.0)
    n, years = 4_000, 0.5
    runs = [hs.simulate(p, n_follicles=n, years=years, rng=3), bl.day_stepped_numpy(p, n, years, seed=4),
            bl.python_event_loop(p, n, years, seed=5), bl.python_day_loop(p, 300, years, seed=6)]
    for r in runs:
        m = r.n_follicles
        v = np.asarray(r.visible) / m
        assert np.all(np.asarray(r.visible) <= 2 * m)
        assert abs(v.mean() - 47 / 25) <= Z * 0.5 / math.sqrt(m), (type(r).__name__, v.mean())
        shed = float(np.sum(r.shed)) / len(r.shed) / m
        assert abs(shed - 1 / 25) <= Z * math.sqrt(np.sum(r.shed)) / len(r.shed) / m


# ------------------------------------------------------------------------------------------------
# time courses: AGA, a stress, the stimulation and its release
# ------------------------------------------------------------------------------------------------
WINDOWS = [(0, 40), (40, 55), (55, 80), (80, 110), (110, 160), (160, 300), (300, 320), (320, 360),
           (360, 450), (450, 550), (550, 731)]


def event_loop_case(case):
    """(params, stimulation, start_from) of the event-loop comparisons."""
    p = aga_params(years_since_onset=3.0, stress_day=100.0, stress_anagen_fraction=0.3)
    if case == "continuous, persistence 0.5":
        return p, stim(), None
    if case == "sessions, persistence 0":
        return p, stim(schedule="sessions", interval_days=28.0, half_life_days=10.0, persistence=0.0), None
    if case == "continuous, persistence 1":
        return p, stim(persistence=1.0), None
    # a minoxidil-like daily stimulation on fast AGA, from the steady state of another cycle
    return (params(**FAST), stim(start_day=40.0, stop_day=40.0 + 7 * 48 - 1, half_life_days=5.0, wake=6.0,
                                 extend=0.15, thicken=0.4, responders=0.6, persistence=0.0),
            params(telogen_mean_days=60.0, exogen_mean_days=10.0, emergence_days=20.0, p_kenogen=0.2))


@pytest.mark.parametrize("case", ["continuous, persistence 0.5", "sessions, persistence 0",
                                  "continuous, persistence 1", "fast AGA, start_from"])
def test_python_event_loop_matches_simulate(case):
    """The continuous-time per-follicle loop (no day rounding) follows hs.simulate through AGA
    (yearly and per-cycle, spread onsets), a telogen effluvium and a stimulation with every knob,
    stopped inside the run: levels and treated − untreated effects of every series, window by
    window, within Z SE and no allowance."""
    p, s, sf = event_loop_case(case)
    n, years = 6_000, 2
    eng = groups_run(p, 300_000, years, s, seed=21, start_from=sf)
    base = (bl.python_event_loop(p, n, years, s, seed=22, start_from=sf),
            bl.python_event_loop(p, n, years, None, seed=22, start_from=sf))
    check_consistent(base[0])
    assert_equal_until(eng, base, s.start_day)
    assert compare(eng, base, WINDOWS) == len(WINDOWS) * len(SERIES)
    cases = base[0].notes["releases"]
    if s.persistence < 1:
        assert cases["hybrid"] > 0 and cases["withdrawal"] > 0 and cases["rejoined_later"] > 0, cases
    else:
        assert sum(cases.values()) == 0


@pytest.mark.parametrize("aga", ["yearly and per cycle", "fast, the presets' kind"])
def test_numpy_day_stepped_matches_simulate_aga_stimulation(aga):
    """The benchmark's kind of scenario (progressive AGA, a daily stimulation of 60 % responders
    with persistence 0): the day-stepped baseline follows hs.simulate's levels within the
    predicted day-rounding bias, and its treated − untreated effects within Z SE."""
    p = aga_params(years_since_onset=6.0) if aga == "yearly and per cycle" else params(**FAST)
    s = stim(start_day=60.0, stop_day=60.0 + 7 * 48 - 1, half_life_days=5.0, wake=5.0, extend=0.2,
             thicken=0.2, responders=0.6, persistence=0.0)
    n, years = 20_000, 2
    eng = groups_run(p, 300_000, years, s, seed=11)
    base = (bl.day_stepped_numpy(p, n, years, s, seed=12), bl.day_stepped_numpy(p, n, years, None, seed=12))
    assert_equal_until(eng, base, s.start_day)
    # the rounding bias of each level: for the base cycle and for the fully progressed one (the
    # AGA floor), whichever is larger
    floor = p.replace(anagen_mean_days=p.anagen_min_days, p_kenogen=p.p_kenogen_miniaturized,
                      kenogen_mean_days=p.kenogen_miniaturized_days)
    allowance = rounding_allowance(p, floor)
    windows = [(0, 60), (60, 75), (75, 100), (100, 150), (150, 250), (250, 396), (396, 420),
               (420, 480), (480, 600), (600, 731)]
    compare(eng, base, windows, allowance=allowance)


def rounding_allowance(*cycles):
    """The day-rounding bias of each level, per follicle: renewal theory with and without
    rounding, for each of the given (non-progressive) cycles, whichever is largest."""
    allowance = {}
    for q in cycles:
        e, r = renewal(q), renewal(q, rounded=True)
        bias = dict(zip(("anagen", "catagen", "telogen", "kenogen"), np.abs(r["fractions"] - e["fractions"])),
                    visible=abs(r["visible"] - e["visible"]), shed=abs(r["shed"] - e["shed"]))
        bias["visible_nonvellus"] = bias["visible"]
        bias["diameter_sum"] = bias["visible"] * q.diameter_um
        for k, v in bias.items():
            allowance[k] = max(allowance.get(k, 0.0), v)
    return allowance


def test_start_from_another_cycle():
    """A run that starts in the steady state of another cycle (``start_from``: shorter anagen, more
    kenogen, shorter retention and emergence) and relaxes to its own, in both kinds of baseline."""
    p = params()
    sf = params(anagen_mean_days=300.0, telogen_mean_days=60.0, exogen_mean_days=10.0,
                emergence_days=20.0, p_kenogen=0.3)
    eng = groups_run(p, 200_000, 1, None, seed=31, start_from=sf)
    windows = [(0, 10), (10, 30), (30, 60), (60, 120), (120, 240), (240, 366)]
    # the run really starts away from its own steady state
    assert abs(wmean(eng[0].telogen, 0, 10) / 200_000 - renewal(p)["fractions"][2]) > 0.05
    for fn, n, allowance in ((bl.python_event_loop, 5_000, None),
                             (bl.day_stepped_numpy, 20_000, rounding_allowance(p, sf))):
        r = fn(p, n, 1, seed=32, start_from=sf)
        compare(eng, (r, r), windows, allowance=allowance)


def test_releasers_rejoin_their_untreated_course_exactly():
    """persistence 0: once every releaser has fallen back onto its own course, a treated run is
    the untreated run with the same seed, day for day — in hs.simulate and in every baseline.
    persistence 1: the keepers go on with their treated course (shifted cycles), never identical
    to the untreated one."""
    p = aga_params(years_since_onset=3.0, kenogen_mean_days=60.0, kenogen_miniaturized_days=80.0)
    s = stim(start_day=20.0, stop_day=120.0, persistence=0.0)
    n, years, after = 1_500, 3, 800
    runs = {"hs.simulate": (hs.simulate(p, 50_000, years, s, rng=5), hs.simulate(p, 50_000, years, rng=5)),
            "numpy": (bl.day_stepped_numpy(p, n, years, s, seed=6), bl.day_stepped_numpy(p, n, years, None, seed=6)),
            "event loop": (bl.python_event_loop(p, n, years, s, seed=6),
                           bl.python_event_loop(p, n, years, None, seed=6))}
    for name, (t, u) in runs.items():
        assert not np.array_equal(t.visible[:after], u.visible[:after]), name  # it did something
        for series in SERIES[:-2] + ("shed",):
            assert np.array_equal(getattr(t, series)[after:], getattr(u, series)[after:]), (name, series)
        # (diameters are summed as floats in the baselines: equal to rounding)
        assert np.allclose(t.diameter_sum[after:], u.diameter_sum[after:], rtol=1e-12, atol=0), name
    kept = s.replace(persistence=1.0)
    for fn in (bl.day_stepped_numpy, bl.python_event_loop):
        t, u = fn(p, n, years, kept, seed=6), fn(p, n, years, None, seed=6)
        assert not np.array_equal(t.anagen[after:], u.anagen[after:]), fn.__name__


def first_cycle_release():
    """A stimulation that starts on day 0 of a run without onset years and stops after 5 days:
    many releasers release in the cycle they start the run in, among them follicles that start
    in catagen or telogen."""
    return params(), hs.Stimulation(start_day=0.0, stop_day=5.0, half_life_days=2.0, wake=1.0,
                                    responders=1.0, persistence=0.0)


def test_release_in_the_first_cycle():
    """A releaser may release in the cycle it starts the run in: it keeps its hair from the
    hair's emergence on, and treated and untreated runs are identical on day 0."""
    p, s = first_cycle_release()
    for fn in (bl.python_event_loop, bl.day_stepped_numpy):
        t, u = fn(p, 4_000, 1, s, seed=1), fn(p, 4_000, 1, None, seed=1)
        for name in SERIES[:-1]:
            assert getattr(t, name)[0] == getattr(u, name)[0], (fn.__name__, name)
        assert t.notes["releases"]["telogen"] > 0 and t.notes["releases"]["catagen"] > 0


def test_release_in_the_first_cycle_matches_simulate():
    p, s = first_cycle_release()
    n, years = 8_000, 1
    base = (bl.python_event_loop(p, n, years, s, seed=1), bl.python_event_loop(p, n, years, None, seed=1))
    eng = groups_run(p, 200_000, years, s, seed=2)
    assert_equal_until(eng, base, s.start_day)
    compare(eng, base, [(0, 10), (10, 30), (30, 60), (60, 366)])
