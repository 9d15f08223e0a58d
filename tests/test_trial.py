"""Virtual randomized trials (hairsim.trial) and their statistics (hairsim.stats).

Statistical checks use fixed seeds and tolerances derived from the number of simulated trials or
participants (binomial or sampling standard errors), never wall-clock times.
"""

from __future__ import annotations

import math
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

import hairsim as hs
from hairsim import stats
from hairsim.trial import OLSEN_2002, TrialResult, power_curve, run_trial

WEEKS = [0, 8, 16, 24, 48]


def _stim():
    return hs.examples.minoxidil_like()


# ---------------------------------------------------------------------------------------------
# the t distribution and Welch's test, against closed forms and hand computations
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("t", [-40.0, -3.0, -1.0, -0.2, 0.0, 0.5, 2.0, 12.0])
def test_t_cdf_matches_closed_forms_for_one_and_two_df(t):
    # df = 1 is the Cauchy distribution; df = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t²)).
    assert stats.t_cdf(t, 1) == pytest.approx(0.5 + math.atan(t) / math.pi, abs=1e-13)
    assert stats.t_cdf(t, 2) == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), abs=1e-13)


@pytest.mark.parametrize("df, q975", [
    (1, 12.706204736174698), (2, 4.302652729749464), (10, 2.228138851986274),
    (30, 2.042272456301238), (1e12, 1.959963984540054),
])
def test_t_quantiles_match_the_printed_table(df, q975):
    assert stats.t_ppf(0.975, df) == pytest.approx(q975, rel=1e-9)
    assert stats.t_ppf(0.025, df) == pytest.approx(-q975, rel=1e-9)
    assert stats.t_cdf(q975, df) == pytest.approx(0.975, abs=1e-12)


def test_welch_t_hand_computed_example():
    # x = [0, 2], y = [3, 5]: means 1 and 4, variances 2 and 2, so se = sqrt(2/2 + 2/2) = sqrt 2,
    # t = -3/sqrt 2, Welch df = (1 + 1)² / (1/1 + 1/1) = 2, and with df = 2 the two-sided
    # p = 1 - |t| / sqrt(2 + t²) = 1 - sqrt(4.5)/sqrt(6.5); CI = -3 ± t(0.975, 2)·sqrt 2 with
    # t(0.975, 2) = 0.95·sqrt(2 / (4·0.975·0.025)).
    res = stats.welch_t([0.0, 2.0], [3.0, 5.0])
    t = -3 / math.sqrt(2)
    assert res["diff"] == pytest.approx(-3.0)
    assert res["se"] == pytest.approx(math.sqrt(2))
    assert res["t"] == pytest.approx(t)
    assert res["df"] == pytest.approx(2.0)
    assert res["p"] == pytest.approx(1 - math.sqrt(4.5) / math.sqrt(6.5), rel=1e-10)
    q = 0.95 * math.sqrt(2 / (4 * 0.975 * 0.025))
    assert res["ci_low"] == pytest.approx(-3 - q * math.sqrt(2), rel=1e-10)
    assert res["ci_high"] == pytest.approx(-3 + q * math.sqrt(2), rel=1e-10)


def test_welch_t_unequal_variances_hand_computed():
    # x = [1..5]: mean 3, var 2.5 (var/n = 0.5); y = [2, 4, 6, 8, 10]: mean 6, var 10 (var/n = 2).
    # t = -3 / sqrt(2.5); df = 2.5² / (0.5²/4 + 2²/4) = 6.25 / 1.0625.
    res = stats.welch_t([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert res["t"] == pytest.approx(-3 / math.sqrt(2.5), rel=1e-12)
    assert res["df"] == pytest.approx(6.25 / 1.0625, rel=1e-12)
    # p-value from the t distribution with that df: SciPy 1.17 gives 0.10753119493062728; the value
    # is also the two-sided tail of our own CDF, checked above against closed forms.
    assert res["p"] == pytest.approx(0.10753119493062728, rel=1e-8)


def test_welch_t_is_scipys():
    """Welch results equal SciPy's (they are SciPy's), stored here too so a SciPy change shows."""
    from scipy import stats as sps
    rng = np.random.default_rng(7)
    cases = [(rng.normal(0, 1, n1), rng.normal(0.7, 2.5, n2)) for n1, n2 in [(3, 9), (12, 5), (40, 41)]]
    stored = [  # scipy.stats.ttest_ind(x, y, equal_var=False).pvalue, SciPy 1.17.1
        0.5982924942524018, 0.8900566911280424, 0.15817221787242347,
    ]
    for (x, y), p_stored in zip(cases, stored):
        res = stats.welch_t(x, y)
        ref = sps.ttest_ind(x, y, equal_var=False)
        ci = ref.confidence_interval(0.95)
        assert (res["t"], res["p"], res["df"]) == (ref.statistic, ref.pvalue, ref.df)
        assert (res["ci_low"], res["ci_high"]) == (ci.low, ci.high)
        assert res["p"] == pytest.approx(p_stored, rel=1e-8)
    diff, p = stats.welch_t_many(np.stack([c[0][:3] for c in cases]), np.stack([c[1][:5] for c in cases]), axis=1)
    for i, (x, y) in enumerate(cases):
        assert p[i] == sps.ttest_ind(x[:3], y[:5], equal_var=False).pvalue


def test_one_sample_t_hand_computed():
    # [1, 2, 3]: mean 2, sd 1, se 1/sqrt 3, t = 2 sqrt 3, df = 2.
    res = stats.one_sample_t([1.0, 2.0, 3.0])
    t = 2 * math.sqrt(3)
    assert res["t"] == pytest.approx(t)
    assert res["p"] == pytest.approx(1 - t / math.sqrt(2 + t * t), rel=1e-10)


# ---------------------------------------------------------------------------------------------
# the trial
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_trial():
    return run_trial("aga_moderate", {"placebo": None, "treated": _stim()}, 30, WEEKS, rng=11)


def test_trial_result_shapes_and_summary(small_trial):
    tr = small_trial
    assert isinstance(tr, TrialResult)
    assert tr.arms == ("placebo", "treated") and tr.control == "placebo"
    assert list(tr.weeks) == WEEKS and list(tr.days) == [0, 56, 112, 168, 336]
    for arm in tr.arms:
        assert tr.observed[arm].shape == (30, 5)
        assert np.all(tr.observed[arm] >= 0)
        assert np.all(np.isfinite(tr.true_density[arm]))
    rows = tr.summary()
    assert len(rows) == 2 * 4
    last = [r for r in rows if r["week"] == 48]
    placebo, treated = last
    assert placebo["p_value"] is None and placebo["diff"] is None
    ch_t, ch_p = tr.change("treated", 48), tr.change("placebo", 48)
    assert treated["mean_change"] == pytest.approx(ch_t.mean())
    assert treated["sd_change"] == pytest.approx(ch_t.std(ddof=1))
    assert treated["diff"] == pytest.approx(ch_t.mean() - ch_p.mean())
    assert treated["diff_ci_low"] < treated["diff"] < treated["diff_ci_high"]
    assert 0 <= treated["p_value"] <= 1
    text = tr.report()
    assert "HYPOTHETICAL" in text and "vs placebo" in text


def test_same_seed_same_trial_and_nested_participants():
    arms = {"placebo": None, "treated": _stim()}
    a = run_trial("aga_moderate", arms, 12, [0, 24], rng=5)
    b = run_trial("aga_moderate", arms, 12, [0, 24], rng=5)
    c = run_trial("aga_moderate", arms, 12, [0, 24], rng=6)
    big = run_trial("aga_moderate", arms, 20, [0, 24], rng=5)
    for arm in arms:
        np.testing.assert_array_equal(a.observed[arm], b.observed[arm])
        assert not np.array_equal(a.observed[arm], c.observed[arm])
        # participant j of arm i has its own seed: a bigger trial starts with the same people
        np.testing.assert_array_equal(a.observed[arm], big.observed[arm][:12])


def test_blocks_of_participants_are_the_same_in_a_larger_trial():
    """Participants are simulated 64 to a hs.simulate call; a block that is only partly enrolled
    still starts at the onset of its whole 64 places, so its people do not change when the trial
    grows (70 = one full block + 6; 130 = two full blocks + 2)."""
    arms = {"placebo": None, "treated": _stim()}
    a = run_trial("aga_moderate", arms, 70, [0, 16], rng=4)
    b = run_trial("aga_moderate", arms, 130, [0, 16], rng=4)
    for arm in arms:
        np.testing.assert_array_equal(a.observed[arm], b.observed[arm][:70])
        np.testing.assert_array_equal(a.traits[arm]["years_since_onset"],
                                      b.traits[arm]["years_since_onset"][:70])


def test_participants_simulated_together_match_separate_runs():
    """Each block of participants is one hs.simulate call (groups=, per-follicle onset, susceptible
    share and responding share; the call starts at the block's earliest onset). Re-simulating the
    same people one by one, each with scalar Params and its own call, must give the same baseline
    density and 48-week change on average: the paired differences differ only by the follicles'
    own randomness, so 3 standard errors of their mean bound them. A wide spread of onsets
    (severity_cv 1) and partial responders (response_spread 0.5) exercise every array."""
    n = 120
    tr = run_trial("aga_moderate", {"placebo": None, "treated": _stim()}, n, [0, 48], rng=21,
                   severity_cv=1.0, response_spread=0.5)
    pop = hs.presets.aga_moderate()
    assert np.ptp(tr.traits["placebo"]["years_since_onset"]) > 10
    for arm, stim in tr.stimulations.items():
        t = tr.traits[arm]
        alone = np.empty((n, 2))
        for j in range(n):
            p = pop.replace(years_since_onset=t["years_since_onset"][j],
                            aga_susceptible_fraction=t["aga_susceptible_fraction"][j],
                            follicles_per_cm2=t["follicles_per_cm2"][j])
            s = None if stim is None or not t["responder"][j] else \
                stim.replace(responders=t["response_share"][j])
            r = hs.simulate(p, int(t["n_follicles"][j]), 336 / 365, stimulation=s, rng=5000 + j)
            alone[j] = r.density[[0, 336]]
        for what, own, together in [
            ("baseline", alone[:, 0], tr.true_density[arm][:, 0]),
            ("change", alone[:, 1] - alone[:, 0], tr.true_change(arm, 48)),
        ]:
            d = together - own
            se = d.std(ddof=1) / math.sqrt(n)
            assert abs(d.mean()) < 3 * se, f"{arm} {what}: {d.mean():+.2f} (SE {se:.2f})"


def test_same_seed_same_trial_whatever_the_executor():
    arms = {"placebo": None, "treated": _stim()}
    kw = dict(population="aga_moderate", arms=arms, n_per_arm=40, weeks=[0, 16, 48], rng=2024)
    ref = run_trial(**kw)
    with ThreadPoolExecutor(max_workers=2) as ex:
        threads = run_trial(**kw, executor=ex)
    with ProcessPoolExecutor(max_workers=2) as ex:
        procs = run_trial(**kw, executor=ex)
    for other in (threads, procs):
        for arm in arms:
            np.testing.assert_array_equal(ref.observed[arm], other.observed[arm])
            np.testing.assert_array_equal(ref.true_density[arm], other.true_density[arm])
            np.testing.assert_array_equal(ref.traits[arm]["follicles_per_cm2"],
                                          other.traits[arm]["follicles_per_cm2"])
    pc_kw = dict(population="aga_moderate", arms=arms, n_per_arm=[3, 6], weeks=[16], n_trials=4, rng=8)
    with ThreadPoolExecutor(max_workers=2) as ex:
        pooled = power_curve(**pc_kw, executor=ex)
    alone = power_curve(**pc_kw)
    np.testing.assert_array_equal(pooled.power, alone.power)
    np.testing.assert_array_equal(pooled.mean_diff, alone.mean_diff)


def test_placebo_response_cancels_in_the_controlled_difference_only():
    arms = {"placebo": None, "treated": _stim()}
    none = run_trial("aga_moderate", arms, 25, [0, 48], rng=3, placebo_response_per_cm2=0)
    big = run_trial("aga_moderate", arms, 25, [0, 48], rng=3, placebo_response_per_cm2=20)
    # same people, same counts; the shared vehicle response moves every before/after reading ...
    shift = 20 * (1 - math.exp(-48 / 8))
    assert big.naive("placebo")["mean"] == pytest.approx(none.naive("placebo")["mean"] + shift)
    assert big.naive("treated")["mean"] == pytest.approx(none.naive("treated")["mean"] + shift)
    # ... and leaves the randomized comparison untouched
    assert big.compare("treated")["diff"] == pytest.approx(none.compare("treated")["diff"])
    assert big.compare("treated")["p"] == pytest.approx(none.compare("treated")["p"])


def test_uncontrolled_study_reports_only_the_before_after_reading():
    tr = run_trial("aga_moderate", {"treated": _stim()}, 12, [0, 6], rng=1)
    assert tr.control is None
    rows = tr.summary()
    assert len(rows) == 1 and rows[0]["diff"] is None and rows[0]["p_value"] is None
    assert 0 <= rows[0]["naive_p"] <= 1
    assert "no control arm" in tr.report()


def test_confidence_intervals_cover_the_true_difference_at_the_nominal_rate():
    """Two untreated arms whose only difference is a known trial-level shift of 5 hairs/cm²:
    the true difference is exactly 5, so the 95 % CIs must cover it in about 95 % of trials
    (tolerance: 3 binomial standard errors). The healthy population keeps each run cheap."""
    n_trials = 250
    covered = 0
    settings = dict(placebo_response_per_cm2={"a": 0.0, "b": 5.0}, placebo_weeks=0.01)
    for k in range(n_trials):
        tr = run_trial("healthy", {"a": None, "b": None}, 10, [0, 12], rng=10_000 + k,
                       control="a", **settings)
        c = tr.compare("b")
        covered += c["ci_low"] <= 5.0 <= c["ci_high"]
    rate = covered / n_trials
    se = math.sqrt(0.95 * 0.05 / n_trials)
    assert abs(rate - 0.95) < 3 * se, f"coverage {rate:.3f} (binomial SE {se:.3f})"


def test_power_rises_with_participants():
    arms = {"placebo": None, "treated": _stim()}
    pc = power_curve("aga_moderate", arms, n_per_arm=[4, 12, 40], weeks=[48], n_trials=40, rng=9)
    p4, p12, p40 = pc.power[0]
    se = lambda p: math.sqrt(max(p * (1 - p), 0.05 * 0.95) / pc.n_trials)  # noqa: E731
    assert p40 >= p12 >= p4
    assert p40 - p4 > 3 * math.hypot(se(p40), se(p4)), pc.power
    assert pc.power.shape == (1, 3) and np.all(pc.se >= 0)
    assert [r["n_per_arm"] for r in pc.rows()] == [4, 12, 40]


def test_response_spread_keeps_the_mean_share_of_responding_follicles():
    stim = _stim()
    arms = {"treated": stim}
    allnone = run_trial("healthy", arms, 200, [0, 4], rng=1, response_spread=1.0)
    even = run_trial("healthy", arms, 20, [0, 4], rng=1, response_spread=0.0)
    half = run_trial("healthy", arms, 200, [0, 4], rng=1, response_spread=0.5)
    r = stim.responders
    share = allnone.traits["treated"]["response_share"]
    assert set(np.unique(share)) <= {0.0, 1.0}
    se = math.sqrt(r * (1 - r) / share.size)
    assert abs(share.mean() - r) < 3 * se
    np.testing.assert_array_equal(even.traits["treated"]["response_share"], r)
    beta = half.traits["treated"]["response_share"]
    assert abs(beta.mean() - r) < 3 * math.sqrt(0.5 * r * (1 - r) / beta.size)
    assert 0 < beta.var() < share.var()
    # the other traits of a person do not depend on how the response is spread
    np.testing.assert_array_equal(allnone.traits["treated"]["follicles_per_cm2"][:20],
                                  even.traits["treated"]["follicles_per_cm2"])


def test_stopping_and_follow_up():
    arms = {"placebo": None, "treated": _stim()}
    tr = run_trial("aga_moderate", arms, 10, [0, 12, 24, 36], rng=1, treatment_weeks=12,
                   follow_up_weeks=24)
    assert tr.stimulations["treated"].stop_day == 83   # the last of 12 × 7 days of application
    with pytest.raises(ValueError, match=r"'weeks' parameter .*\[0, 36\].*got 40"):
        run_trial("aga_moderate", arms, 10, [0, 12, 40], rng=1, treatment_weeks=12,
                  follow_up_weeks=24)


def test_olsen_2002_calibration():
    """minoxidil_like() on the moderate-AGA population, an Olsen-sized trial (140 per arm, 48
    weeks): the change in non-vellus hairs/cm² matches Olsen et al. 2002's placebo and 5 % arms
    within two combined standard errors (published SE with its arm sizes, 78 placebo and 157 5 %,
    and the simulated trial's SE). Means and SDs are both checked."""
    n = 140
    tr = run_trial("aga_moderate", {"placebo": None, "minoxidil_like": _stim()}, n, [0, 48], rng=2002)
    for arm, pub, n_pub in [("placebo", OLSEN_2002["placebo"], 78),
                            ("minoxidil_like", OLSEN_2002["minoxidil 5%"], 157)]:
        ch = tr.change(arm, 48)
        m, sd = ch.mean(), ch.std(ddof=1)
        se_mean = math.hypot(pub["sd"] / math.sqrt(n_pub), sd / math.sqrt(n))
        se_sd = math.hypot(pub["sd"] / math.sqrt(2 * (n_pub - 1)), sd / math.sqrt(2 * (n - 1)))
        assert abs(m - pub["mean"]) < 2 * se_mean, f"{arm}: mean {m:.1f} vs {pub['mean']} (SE {se_mean:.2f})"
        assert abs(sd - pub["sd"]) < 2 * se_sd, f"{arm}: SD {sd:.1f} vs {pub['sd']} (SE {se_sd:.2f})"
    c = tr.compare("minoxidil_like", 48)
    assert c["p"] < 0.05 and c["ci_low"] > 0


# ---------------------------------------------------------------------------------------------
# bad settings: one clear sentence naming the parameter, the range and the value
# ---------------------------------------------------------------------------------------------

ARMS = {"placebo": None}


@pytest.mark.parametrize("kwargs, pattern", [
    (dict(n_per_arm=0), r"^The 'n_per_arm' parameter must be a whole number in \[2, 100,000\]; got 0\.$"),
    (dict(n_per_arm=2.5), r"'n_per_arm' parameter must be a whole number .*; got 2\.5\.$"),
    (dict(weeks=[0, -4]), r"^The 'weeks' parameter must be a non-empty list of visit weeks in \[0, 520\], "
                          r"in increasing order; got a list with -4 at index 1\.$"),
    (dict(weeks=[0, 600]), r"^The 'weeks' parameter must be .* in \[0, 520\].*; got a list with 600 at index 1\.$"),
    (dict(weeks=[0, 48], treatment_weeks=24),
     r"^The 'weeks' parameter must be a list of visit weeks in \[0, 24\] \(the end of treatment at week 24; "
     r"add follow_up_weeks to visit later\); got 48\.$"),
    (dict(weeks=[0, 24, 12]), r"'weeks' parameter must be .*in increasing order; got a list with 12 after 24"),
    (dict(weeks=[0]), r"'weeks' parameter must include at least one visit after baseline"),
    (dict(weeks=[True]), r"'weeks' parameter must be .*; got a list with True \(a bool\) at index 0\.$"),
    (dict(count_cv=-0.1), r"^The 'count_cv' parameter must be a float in \[0, 1\]; got -0\.1\.$"),
    (dict(response_spread=1.5), r"^The 'response_spread' parameter must be a float in \[0, 1\]; got 1\.5\.$"),
    (dict(density_cv=2.0), r"^The 'density_cv' parameter must be a float in \[0, 1\]; got 2\.$"),
    (dict(area_cm2=0), r"^The 'area_cm2' parameter must be a float in \(0, 100\]; got 0\.$"),
    (dict(placebo_response_per_cm2=500),
     r"^The 'placebo_response_per_cm2' parameter must be a float in \[-100, 100\]; got 500\.$"),
    (dict(placebo_response_per_cm2={"placeb": 5}), r"got a dict with the key 'placeb'\. Did you mean 'placebo'\?$"),
    (dict(arms={"x": "minoxidil"}),
     r"^The 'arms' parameter must be a non-empty dict of arm name → a hairsim\.Stimulation or None "
     r"\(untreated/placebo\); got a dict with 'minoxidil' \(a str\) for 'x'\.$"),
    (dict(arms={}), r"^The 'arms' parameter must be a non-empty dict.*; got an empty dict\.$"),
    (dict(arms={"x": hs.Stimulation(responders=np.full(225, 0.5))}),
     r"^The arm 'x' in the 'arms' parameter must have one 'responders' share for everyone .*"
     r"got a per-follicle array\.$"),
    (dict(population=42), r"^The 'population' parameter must be a hairsim\.Params or a preset name .*; got 42\.$"),
    (dict(population="aga_extreme"), r"^The 'population' parameter must be a hairsim\.Params or a preset name"),
    (dict(population=hs.Params(aga_susceptible_fraction=np.full(225, 0.5))),
     r"^The 'population' parameter must be a hairsim\.Params with one value per field .*"
     r"'aga_susceptible_fraction'\.$"),
    (dict(population=hs.presets.telogen_effluvium(stress_day=100)),
     r"^The 'population' parameter must be a population whose stress_day falls within the trial, in "
     r"\[0, 56\] .*; got stress_day = 100\.$"),
    (dict(rng=-1), r"^The 'rng' parameter must be None, a non-negative int"),
    (dict(control="nobody"), r"^The 'control' parameter must be one of the arm names"),
    (dict(alpha=1.5), r"^The 'alpha' parameter must be a float in \(0, 1\); got 1\.5\.$"),
])
def test_bad_settings_are_rejected_with_one_clear_sentence(kwargs, pattern):
    args = dict(population="aga_moderate", arms=ARMS, n_per_arm=5, weeks=[0, 8])
    args.update(kwargs)
    with pytest.raises(ValueError, match=pattern):
        run_trial(**args)


def test_unknown_setting_gets_did_you_mean():
    with pytest.raises(TypeError, match=r"'count_sd' is not a trial setting\. Did you mean 'count_cv'\?"):
        run_trial("aga_moderate", ARMS, 5, [0, 8], count_sd=0.1)


def test_power_curve_rejects_bad_sizes():
    with pytest.raises(ValueError, match=r"^The 'n_per_arm' parameter must be a non-empty list of trial sizes, "
                                         r"whole numbers in \[2, 100,000\]; got a list with 1 at index 0\.$"):
        power_curve("aga_moderate", {"a": None, "b": None}, n_per_arm=[1, 10])
    with pytest.raises(ValueError, match=r"at least two arms"):
        power_curve("aga_moderate", {"a": None}, n_per_arm=[10])


# ---------------------------------------------------------------------------------------------
# plots and the public namespace
# ---------------------------------------------------------------------------------------------

def test_plots_return_labelled_axes(small_trial):
    import matplotlib
    import matplotlib.pyplot as plt  # Agg, from tests/conftest.py

    before = dict(matplotlib.rcParams)
    ax = small_trial.plot_trajectories(show_people=3)
    assert "weeks" in ax.get_xlabel() and "hairs/cm²" in ax.get_ylabel()
    assert len(ax.get_legend().get_texts()) == 2
    ax2 = small_trial.plot_endpoints()
    assert "hairs/cm²" in ax2.get_ylabel() and "week 48" in ax2.get_ylabel()
    pc = power_curve("aga_moderate", {"placebo": None, "treated": _stim()}, n_per_arm=[4, 8],
                     weeks=[16, 48], n_trials=5, rng=1)
    ax3 = pc.plot()
    assert "participants per arm" in ax3.get_xlabel() and "%" in ax3.get_ylabel()
    labels = [t.get_text() for t in ax3.get_legend().get_texts()]
    assert len(labels) == 4 and "endpoint week 16" in labels      # two endpoints, the 80 % and 5 % lines
    assert any("5 %" in label and "chance" in label for label in labels)
    fig, own = plt.subplots()
    assert small_trial.plot_trajectories(ax=own) is own
    assert dict(matplotlib.rcParams) == before
    plt.close("all")


def test_public_names_in_the_package_namespace():
    assert hs.run_trial is run_trial
    assert hs.power_curve is power_curve
    assert hs.TrialResult is TrialResult
