"""The benchmark's baselines (benchmarks/baselines.py) run the same model as hs.simulate.

benchmarks/bench_engine.py reports how much faster hs.simulate is than the plain ways of writing
the model; these checks make sure that it compares like with like. The baselines use their own
random numbers, so the comparisons are statistical, with fixed seeds and tolerances from
standard errors:

* a day's count of follicles in a phase is a sum of independent follicle indicators, so its
  variance is at most N·f(1 − f); a mean over days has at most the variance of one day (the
  days are positively correlated, never more than perfectly). The tolerances below use that
  bound, so they are conservative.
* the number of club hairs shed in a window is counted as Poisson (the hair cycle is less
  variable than a Poisson process, so this too is conservative).

The day-stepped baselines round every phase that starts during the run to whole days (a phase of
intrinsic duration D lasts ceil(D) days): their steady state is the renewal steady state of the
rounded means E[ceil(D)] (``baselines.rounded_mean``), not of the means. The tests add that
predicted bias explicitly, and one test checks that the bias is really there and of that size.
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

Z = 4.0  # standard errors allowed (a fixed-seed test; 4 SE leaves room for the rounding of SEs)


def renewal(p, rounded=False):
    """Steady-state phase fractions and shedding per follicle-day from renewal theory, with the
    phase means (or, ``rounded``, the day-stepped means E[ceil(D)])."""
    pairs = [(p.anagen_mean_days, p.anagen_cv), (p.catagen_mean_days, p.catagen_cv),
             (p.telogen_mean_days, p.telogen_cv), (p.kenogen_mean_days, p.kenogen_cv)]
    m = [bl.rounded_mean(mu, cv) if rounded else mu for mu, cv in pairs]
    w = np.array([m[0], m[1], m[2], p.p_kenogen * m[3]])
    return w / w.sum(), 1.0 / w.sum()


def window_means(r, lo, hi):
    n = r.n_follicles
    sl = slice(lo, hi)
    fr = np.array([np.mean(np.asarray(x)[sl]) / n for x in (r.anagen, r.catagen, r.telogen, r.kenogen)])
    shed_total = float(np.sum(np.asarray(r.shed)[sl]))
    return fr, shed_total / (hi - lo) / n, shed_total


def shed_se(total, days, n):
    return math.sqrt(max(total, 1.0)) / days / n


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


def test_numpy_day_stepped_matches_simulate_healthy():
    """Steady-state phase fractions and shedding of the healthy preset: the day-stepped numpy
    baseline and hs.simulate agree, within the predicted day-rounding bias."""
    p = hs.presets.healthy()
    n, years, window = 40_000, 4, 730
    nd = 365 * years
    eng = hs.simulate(p, n_follicles=n, years=years, rng=101)
    base = bl.day_stepped_numpy(p, n, years, seed=202)
    f, shed = renewal(p)
    f_r, shed_r = renewal(p, rounded=True)
    fe, se_rate, se_tot = window_means(eng, nd + 1 - window, nd + 1)
    fb, sb_rate, sb_tot = window_means(base, nd + 1 - window, nd + 1)
    for i, name in enumerate(("anagen", "catagen", "telogen", "kenogen")):
        se = math.sqrt(2 * f[i] * (1 - f[i]) / n)
        # the baseline starts at the continuous-time equilibrium and relaxes towards the rounded
        # one, so its bias lies between 0 and the steady-state bias
        bias = f_r[i] - f[i]
        lo, hi = min(0.0, bias) - Z * se, max(0.0, bias) + Z * se
        assert lo <= fb[i] - fe[i] <= hi, (name, fb[i], fe[i], bias, se)
        # and each agrees with renewal theory (the engine exactly, the baseline rounded)
        assert abs(fe[i] - f[i]) < Z * se, (name, fe[i], f[i])
    se = math.hypot(shed_se(se_tot, window, n), shed_se(sb_tot, window, n))
    bias = shed_r - shed
    assert min(0.0, bias) - Z * se <= sb_rate - se_rate <= max(0.0, bias) + Z * se, \
        (sb_rate, se_rate, bias, se)
    assert abs(se_rate - shed) < Z * shed_se(se_tot, window, n)
    # density: same follicles per cm² and visible hairs
    q = float(np.mean(eng.density[-window:])) / p.follicles_per_cm2
    se_d = math.sqrt(2 * q * (1 - q) / n) * p.follicles_per_cm2
    assert abs(np.mean(base.density[-window:]) - np.mean(eng.density[-window:])) < Z * se_d


def test_day_rounding_bias_is_as_predicted():
    """With short phases the rounding bias is large enough to see: the day-stepped baseline sits
    at the rounded renewal steady state, hs.simulate at the exact one."""
    p = hs.Params(anagen_mean_days=100.0, catagen_mean_days=1.5, telogen_mean_days=10.0,
                  kenogen_mean_days=10.0)
    n, years, window = 40_000, 3, 730
    nd = 365 * years
    eng = hs.simulate(p, n_follicles=n, years=years, rng=7)
    base = bl.day_stepped_numpy(p, n, years, seed=8)
    f, _ = renewal(p)
    f_r, _ = renewal(p, rounded=True)
    fe, _, _ = window_means(eng, nd + 1 - window, nd + 1)
    fb, _, _ = window_means(base, nd + 1 - window, nd + 1)
    se = math.sqrt(f[1] * (1 - f[1]) / n)
    assert f_r[1] - f[1] > 5 * se  # the predicted bias of the catagen fraction is visible
    assert abs(fb[1] - f_r[1]) < Z * se, (fb[1], f_r[1], f[1])
    assert abs(fe[1] - f[1]) < Z * se, (fe[1], f[1])


def _compare_time_course(eng, base, per_cm2, windows, slack_density=0.0):
    """Window means of density, anagen, telogen and kenogen fractions and shedding agree within
    Z SEs."""
    ne, nb = eng.n_follicles, base.n_follicles
    for lo, hi in windows:
        de, db = np.mean(eng.density[lo:hi]), np.mean(base.density[lo:hi])
        q = de / per_cm2
        se = math.sqrt(q * (1 - q) * (1 / ne + 1 / nb)) * per_cm2
        assert abs(db - de) < Z * se + slack_density, ("density", lo, hi, db, de, se)
        for name in ("anagen", "telogen", "kenogen"):
            fe = np.mean(getattr(eng, name)[lo:hi]) / ne
            fb = np.mean(getattr(base, name)[lo:hi]) / nb
            se = math.sqrt(fe * (1 - fe) * (1 / ne + 1 / nb))
            assert abs(fb - fe) < Z * se + 0.002, (name, lo, hi, fb, fe, se)
        te, tb = eng.shed[lo:hi].sum(), base.shed[lo:hi].sum()
        se = math.hypot(shed_se(te, hi - lo, ne), shed_se(tb, hi - lo, nb))
        assert abs(tb / (hi - lo) / nb - te / (hi - lo) / ne) < Z * se, ("shed", lo, hi, tb, te)


def test_numpy_day_stepped_matches_simulate_aga_stimulation():
    """The benchmark's scenario (progressive AGA + the hypothetical minoxidil-like stimulation):
    the day-stepped baseline follows hs.simulate's time course. The anagen and telogen
    fractions get 0.002 on top of the SEs for the day rounding (about two days on cycles that
    shorten to ~200 days). Eight years after onset many hairs are near the vellus threshold, so
    ``thicken`` shows in the density."""
    p = hs.presets.aga_moderate()
    s = hs.examples.minoxidil_like(start_day=60.0)
    n, years = 20_000, 2
    eng = hs.simulate(p, n_follicles=4 * n, years=years, stimulation=s, rng=11)
    base = bl.day_stepped_numpy(p, n, years, s, seed=12)
    windows = [(0, 60), (60, 70), (70, 80), (80, 90), (90, 150), (150, 300), (300, 400), (400, 500),
               (500, 731)]
    _compare_time_course(eng, base, p.follicles_per_cm2, windows)


def test_python_event_loop_matches_simulate_everything():
    """The continuous-time per-follicle loop (no day rounding) follows hs.simulate through AGA,
    a telogen effluvium and a session-scheduled stimulation with partial persistence."""
    p = hs.presets.aga_moderate().replace(years_since_onset=6.0, stress_day=100.0,
                                          stress_anagen_fraction=0.3)
    s = hs.Stimulation(start_day=30.0, stop_day=400.0, schedule="sessions", interval_days=28.0,
                       half_life_days=10.0, wake=3.0, extend=1.0, thicken=0.3, responders=0.7,
                       persistence=0.5)
    n, years = 8_000, 2
    eng = hs.simulate(p, n_follicles=10 * n, years=years, stimulation=s, rng=21)
    base = bl.python_event_loop(p, n, years, s, seed=22)
    windows = [(0, 30), (30, 100), (100, 160), (160, 250), (250, 400), (400, 500), (500, 731)]
    _compare_time_course(eng, base, p.follicles_per_cm2, windows)


def _check_consistent(r):
    total = r.anagen + r.catagen + r.telogen + r.kenogen
    assert np.all(total == r.n_follicles)
    assert np.all(r.shed >= 0)
    assert np.all(r.density <= r.total_density + 1e-9)


def test_python_day_loop_matches_simulate_healthy():
    p = hs.presets.healthy()
    n, years = 600, 2
    base = bl.python_day_loop(p, n, years, seed=31)
    _check_consistent(base)
    f, _ = renewal(p, rounded=True)
    fb, _, _ = window_means(base, 0, 731)
    for i in range(4):
        assert abs(fb[i] - f[i]) < Z * math.sqrt(f[i] * (1 - f[i]) / n) + 1e-3, (i, fb[i], f[i])


def test_mesa_matches_simulate_healthy():
    pytest.importorskip("mesa", reason="Mesa is in the 'test' and 'bench' extras "
                                       "(pip install -e .[test]); it is missing here")
    p = hs.presets.healthy()
    n, years = 300, 2
    base = bl.mesa_day_stepped(p, n, years, seed=41)
    _check_consistent(base)
    f, _ = renewal(p, rounded=True)
    fb, _, _ = window_means(base, 0, 731)
    for i in range(4):
        assert abs(fb[i] - f[i]) < Z * math.sqrt(f[i] * (1 - f[i]) / n) + 1e-3, (i, fb[i], f[i])


def test_baselines_reject_per_follicle_arrays():
    p = hs.presets.healthy().replace(anagen_mean_days=np.full(10, 1000.0))
    with pytest.raises(ValueError, match="anagen_mean_days"):
        bl.day_stepped_numpy(p, 10, 1)
