"""Every preset meets its calibration targets (science.md §6; docs/calibration.md has the sources).

Tolerances: a target's published band, widened by two standard errors of the measured quantity.
A daily count of hairs is a sum over follicles, each showing 0, 1 or 2 hairs, so its variance is at
most 2 × the count; a change between two days of one run has at most the sum of their variances
(the days are positively correlated, so this bound is conservative).
"""

import numpy as np
import pytest

import hairsim as hs
from hairsim import Phase

N = 100_000
AGA = ("aga_mild", "aga_moderate", "aga_severe")


@pytest.fixture(scope="module")
def runs():
    years = {"healthy": 2, "aga_mild": 5, "aga_moderate": 5, "aga_severe": 10, "telogen_effluvium": 1}
    return {name: hs.simulate(hs.presets.get(name), N, years[name], rng=2026) for name in hs.presets.names()}


def change_and_se(r, day, series="visible_nonvellus"):
    """Relative change (%) of a hair count from day 0 to ``day``, and its conservative SE (points)."""
    x = getattr(r, series)
    x0, x1 = float(x[0]), float(x[day])
    return 100 * (x1 / x0 - 1), 100 * np.sqrt(2 * x0 + 2 * x1) / x0


def test_healthy_steady_state_targets(runs):
    th = hs.steady_state(hs.presets.healthy())
    assert 0.85 <= th.anagen <= 0.92 and 0.01 <= th.catagen <= 0.03 and 0.06 <= th.telogen <= 0.15
    assert th.kenogen < 0.05
    assert 50 <= th.shed_per_day <= 100          # per 100,000 follicles
    assert 200 <= th.total_density <= 230        # visible hairs/cm² (Barman 1965)
    r = runs["healthy"]
    for ph, lo, hi in ((Phase.ANAGEN, 0.85, 0.92), (Phase.CATAGEN, 0.01, 0.03), (Phase.TELOGEN, 0.06, 0.15)):
        f = r.fraction(ph)[1:].mean()
        se = np.sqrt(f * (1 - f) / N)
        assert lo - 2 * se <= f <= hi + 2 * se, ph
    assert 50 <= r.shed_per_day()[1:].mean() <= 100
    assert 200 <= r.total_density.mean() <= 230


def test_healthy_scalp_has_a_minority_of_vellus_hairs(runs):
    """Terminal:vellus about 7:1 in normal biopsies (7.8:1, Kim 2005): 5–20 % of visible hairs."""
    r = runs["healthy"]
    v = r.vellus_fraction[1:].mean()
    se = np.sqrt(v * (1 - v) / r.visible[1:].mean())
    assert 0.05 - 2 * se <= v <= 0.20 + 2 * se
    th = hs.steady_state(hs.presets.healthy())       # renewal theory agrees
    assert abs((1 - th.density / th.total_density) - v) < 4 * se + 0.002


def test_aga_mild_follows_the_price_2006_placebo_arm(runs):
    """Price et al. 2006: hair count −13.0 % at week 192 (± 6 points)."""
    d, se = change_and_se(runs["aga_mild"], 4 * 365)
    assert abs(d + 13.0) <= 6 + 2 * se, d


def test_aga_moderate_follows_the_kaufman_2008_placebo_arm(runs):
    """Kaufman et al. 2008: −26.3 % at 5 years (± 8 points)."""
    d, se = change_and_se(runs["aga_moderate"], 5 * 365)
    assert abs(d + 26.3) <= 8 + 2 * se, d
    r = runs["aga_moderate"]
    for year in (1, 2):   # 5–10 % a year (Sinclair & Asgari)
        loss = 100 * (1 - r.visible_nonvellus[365 * year] / r.visible_nonvellus[365 * (year - 1)])
        assert 5 - 1 <= loss <= 10 + 1, (year, loss)
    rest = r.fraction(Phase.TELOGEN) + r.fraction(Phase.KENOGEN)
    assert rest[-1] > rest[0] + 0.05
    shed = r.shed_per_day()[1:366].mean() / runs["healthy"].shed_per_day()[1:].mean()
    assert 1.5 <= shed <= 2.5                       # Li 2022: 52.2 vs 27.9 hairs per wash


def test_aga_severe_follows_rushton_1991_and_kenogen_stays_under_25_percent(runs):
    r = runs["aga_severe"]
    d, se = change_and_se(r, 2 * 365)
    assert abs(d + 22.7) <= 6 + 2 * se, d          # non-vellus density, 24 months
    t, se_t = change_and_se(r, 2 * 365, "visible")
    assert abs(t + 11.9) <= 6 + 2 * se_t, t        # total density, 24 months
    ken = r.fraction(Phase.KENOGEN)
    assert ken.max() <= 0.25, ken.max()            # highest reported about 22 % (Rebora & Guarrera 2002)
    assert r.vellus_fraction[0] > 0.2              # terminal:vellus below 4:1 when advanced


@pytest.mark.parametrize("name", AGA)
def test_vellus_share_rises_in_every_aga_preset(runs, name):
    r = runs[name]
    v0, v1 = r.vellus_fraction[0], r.vellus_fraction[4 * 365]
    se = np.sqrt(v0 * (1 - v0) / r.visible[0] + v1 * (1 - v1) / r.visible[4 * 365])
    assert v1 - v0 > 5 * se, (name, v0, v1)


def test_aga_presets_are_ordered_by_severity(runs):
    d = [runs[n].density[0] for n in ("healthy", "aga_mild", "aga_moderate", "aga_severe")]
    assert d == sorted(d, reverse=True)
    loss = [change_and_se(runs[n], 730)[0] for n in AGA]
    assert 0 > loss[0] > loss[1] > loss[2]


def test_progression_stops_when_the_susceptible_follicles_are_used_up(runs):
    """aga_severe recruits its follicles over 7 years from an onset 4.5 years before day 0: by
    about year 7 of the run the density has reached its floor (the follicles AGA cannot touch)."""
    r = runs["aga_severe"]
    late = r.density[8 * 365:].mean()
    assert abs(r.density[-1] - r.density[8 * 365]) < 0.03 * late
    assert late < 0.35 * r.density[0]


def test_presets_have_descriptions_and_sources():
    for name in hs.presets.names():
        assert hs.presets.describe(name).endswith(".")
        doc = getattr(hs.presets, name).__doc__
        assert any(src in doc for src in ("Barman", "Rebora", "Rushton", "Price", "Kaufman", "Headington", "Li 2022"))
