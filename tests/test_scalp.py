"""The regional scalp: patterns, region sizes and areas, densities, validation and figures.

Statistical tolerances come from the sample sizes: on one day a region of n follicles has
k ~ Binomial(n, q) visible non-vellus hairs (q ≈ 0.97 at the healthy steady state), so its density
k / (n / 225) has SE = 225 · sqrt(q (1 − q) / n) ≈ 0.24 hairs/cm² for the 26,000 occipital follicles
of a 100,000-follicle scalp.
"""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import hairsim as hs
from hairsim import scalp

N = 100_000
YEARS = 10


@pytest.fixture(scope="module")
def male():
    return scalp.simulate_scalp(hs.presets.aga_moderate(), "male_pattern", n_follicles=N, years=YEARS, rng=3)


@pytest.fixture(scope="module")
def female():
    return scalp.simulate_scalp(hs.presets.aga_moderate(), "female_pattern", n_follicles=N, years=YEARS, rng=3)


# ---------------------------------------------------------------------------------------------
# regions, sizes, areas
# ---------------------------------------------------------------------------------------------

def test_region_tables_are_consistent():
    assert set(scalp.REGION_SHARES) == set(scalp.REGIONS) == set(scalp.REGION_LABELS) == set(scalp.REGION_COLORS)
    assert sum(scalp.REGION_SHARES.values()) == pytest.approx(1.0, abs=1e-12)
    # a whole scalp: 100,000 follicles at 225 per cm² is 444.4 cm²
    assert sum(scalp.REGION_AREAS_CM2.values()) == pytest.approx(100_000 / 225)
    for name in scalp.patterns():
        table = scalp.pattern_table(name)
        assert set(table) == set(scalp.REGIONS)
        assert all(0 <= s <= 1 and 0 <= o <= 1 for s, o in table.values())
        assert scalp.describe_pattern(name).endswith(".")
    # the spared fringe, by construction
    assert scalp.pattern_table("male_pattern")["occipital"][0] == 0
    assert scalp.pattern_table("female_pattern")["occipital"][0] == 0


@pytest.mark.parametrize("n", [600, 601, 999, 12_345, 100_000, 1_000_003])
def test_region_sizes_sum_to_n_and_follow_the_shares(n):
    sizes = scalp.region_sizes(n)
    assert sizes.sum() == n
    shares = np.array([scalp.REGION_SHARES[r] for r in scalp.REGIONS])
    assert np.all(np.abs(sizes - shares * n) < 1.0)   # largest-remainder rounding


def test_scalp_result_sizes_areas_and_whole_scalp_density(male):
    r = male.result
    assert male.sizes.sum() == N == r.n_follicles
    np.testing.assert_array_equal(male.sizes, r.group_sizes())
    np.testing.assert_allclose(male.areas_cm2, male.sizes / 225.0)
    assert male.areas_cm2.sum() == pytest.approx(r.area_cm2, rel=1e-12)
    assert male.density.shape == (len(scalp.REGIONS), r.days.size)
    # the whole scalp is the area-weighted mean of its regions, on every day (float rounding only)
    weighted = (male.areas_cm2[:, None] * male.density).sum(axis=0) / male.areas_cm2.sum()
    np.testing.assert_allclose(weighted, r.density, rtol=1e-12, atol=0)
    weighted_total = (male.areas_cm2[:, None] * male.total_density).sum(axis=0) / male.areas_cm2.sum()
    np.testing.assert_allclose(weighted_total, r.total_density, rtol=1e-12, atol=0)
    # the applied susceptibility is the pattern's share of the base's
    base = hs.presets.aga_moderate()
    for i, reg in enumerate(male.regions):
        s, o = scalp.pattern_table("male_pattern")[reg]
        assert male.susceptible_fraction[i] == pytest.approx(s * base.aga_susceptible_fraction)
        assert male.years_since_onset[i] == pytest.approx(o * base.years_since_onset)


# ---------------------------------------------------------------------------------------------
# what the patterns do
# ---------------------------------------------------------------------------------------------

def test_spared_occipital_region_stays_at_the_healthy_steady_state(male):
    occ = male.index("occipital")
    n = male.sizes[occ]
    th = hs.steady_state(hs.presets.aga_moderate().replace(aga_susceptible_fraction=0.0))
    q = th.density / 225.0
    se = 225.0 * np.sqrt(q * (1 - q) / n)
    z = np.abs(male.density[occ] - th.density) / se
    assert z.max() < 5.5, z.max()                        # every one of 3,651 days
    first, last = male.density[occ][:365].mean(), male.density[occ][-365:].mean()
    assert abs(last - first) < 5 * se                    # no drift (year means are steadier still)


def test_susceptible_regions_fall_in_the_male_pattern_order(male):
    d0, d10 = male.density[:, 0], male.density[:, -1]
    i = {r: male.index(r) for r in male.regions}
    for reg in ("frontal", "vertex", "midscalp"):
        assert d10[i[reg]] < 0.75 * d0[i[reg]], reg
    # frontal and vertex (most susceptible) < mid-scalp < sides < occipital (spared), by far more than
    # the noise (SE < 0.5 hairs/cm² in every region)
    worst = max(d10[i["frontal"]], d10[i["vertex"]])
    assert worst + 20 < d10[i["midscalp"]] < d10[i["left_side"]] - 20
    assert d10[i["left_side"]] + 10 < d10[i["occipital"]]
    assert d10[i["right_side"]] + 10 < d10[i["occipital"]]


def test_female_pattern_keeps_the_frontal_hairline(female):
    i = {r: female.index(r) for r in female.regions}
    d10 = female.density[:, -1]
    assert d10[i["midscalp"]] < 0.75 * female.density[i["midscalp"], 0]
    assert d10[i["frontal"]] > d10[i["midscalp"]] + 40
    assert d10[i["frontal"]] > d10[i["vertex"]] + 20
    occ = i["occipital"]
    th = hs.steady_state(hs.presets.aga_moderate().replace(aga_susceptible_fraction=0.0))
    q = th.density / 225.0
    assert abs(d10[occ] - th.density) < 4.5 * 225.0 * np.sqrt(q * (1 - q) / female.sizes[occ])


def test_uniform_pattern_is_the_plain_run():
    base = hs.presets.aga_moderate()
    s = scalp.simulate_scalp(base, "uniform", n_follicles=20_000, years=2, rng=7)
    plain = hs.simulate(base, n_follicles=20_000, years=2, rng=7)
    np.testing.assert_array_equal(s.result.visible_nonvellus, plain.visible_nonvellus)
    np.testing.assert_array_equal(s.result.anagen, plain.anagen)


def test_custom_pattern_dict_spares_the_regions_left_out():
    s = scalp.simulate_scalp("aga_severe", {"vertex": 1.0, "frontal": (0.5, 0.5)}, n_follicles=20_000,
                             years=4, rng=2)
    assert s.pattern == "custom"
    assert s.table["occipital"] == (0.0, 1.0) and s.table["frontal"] == (0.5, 0.5)
    i = {r: s.index(r) for r in s.regions}
    assert s.susceptible_fraction[i["midscalp"]] == 0
    assert s.density[i["vertex"], -1] < s.density[i["frontal"], -1] < s.density[i["midscalp"], -1]


def test_same_seed_same_scalp_and_stimulation_passes_through():
    base = hs.presets.aga_moderate()
    a = scalp.simulate_scalp(base, n_follicles=20_000, years=1, rng=5)
    b = scalp.simulate_scalp(base, n_follicles=20_000, years=1, rng=5)
    np.testing.assert_array_equal(a.density, b.density)
    stim = hs.examples.minoxidil_like()
    t = scalp.simulate_scalp(base, n_follicles=20_000, years=1, rng=5, stimulation=stim)
    assert t.result.stimulation is stim
    v = t.index("vertex")
    # common random numbers: identical before the stimulation acts; more hair on the vertex at week 48
    np.testing.assert_array_equal(t.density[:, 0], a.density[:, 0])
    assert t.density[v, 48 * 7] > a.density[v, 48 * 7]


def test_change_table_lists_every_region():
    s = scalp.simulate_scalp(n_follicles=20_000, years=2, rng=1)
    text = s.change_table(years=(0, 1, 2))
    for label in scalp.REGION_LABELS.values():
        assert label in text
    assert "whole scalp" in text and "year 2" in text


# ---------------------------------------------------------------------------------------------
# bad input: one sentence naming the parameter
# ---------------------------------------------------------------------------------------------

def _one_sentence(message: str) -> None:
    """One line, one sentence (a "Did you mean …?" may follow it)."""
    main = message.split(". Did you mean")[0]
    assert (message.endswith(".") or message.endswith("?")) and "\n" not in message
    assert main.count(". ") == 0, message


@pytest.mark.parametrize("kwargs, start, contains", [
    ({"pattern": "male"}, "The 'pattern' parameter must be one of 'uniform', 'male_pattern', 'female_pattern'",
     "Did you mean 'male_pattern'?"),
    ({"pattern": "femalepattern"}, "The 'pattern' parameter must be one of", "Did you mean 'female_pattern'?"),
    ({"pattern": 3}, "The 'pattern' parameter must be one of", "got 3."),
    ({"pattern": {"crown": 1.0}}, "The 'pattern' parameter must be a dict of region", "got a dict with the key 'crown'"),
    ({"pattern": {"vertx": 1.0}}, "The 'pattern' parameter must be a dict of region", "Did you mean 'vertex'?"),
    ({"pattern": {"vertex": 1.5}}, "The 'pattern' parameter must be a dict of region → relative susceptibility in [0, 1]",
     "got a dict with 1.5 for 'vertex'."),
    ({"pattern": {"vertex": (1.0, -1)}}, "The 'pattern' parameter must be",
     "got a dict with a tuple with -1 at index 1 for 'vertex'."),
    ({"n_follicles": 10}, "The 'n_follicles' parameter must be a whole number in [600, 100,000,000]", "got 10."),
    ({"n_follicles": 1000.5}, "The 'n_follicles' parameter must be a whole number", "got 1000.5."),
    ({"base": 3}, "The 'base' parameter must be a hairsim.Params", "got 3."),
    ({"base": hs.Params(aga_susceptible_fraction=np.full(999, 0.5))}, "The 'aga_susceptible_fraction' parameter",
     "n_follicles = 1000"),
])
def test_bad_input_is_refused_with_one_sentence(kwargs, start, contains):
    args = {"n_follicles": 1000, "years": 0.1, "rng": 1} | kwargs
    with pytest.raises(ValueError) as err:
        scalp.simulate_scalp(**args)
    msg = str(err.value)
    assert msg.startswith(start), msg
    assert contains in msg, msg
    _one_sentence(msg)


def test_unknown_preset_name_gets_did_you_mean():
    with pytest.raises(ValueError, match="Did you mean 'aga_moderate'"):
        scalp.simulate_scalp("aga_moderat", n_follicles=1000, years=0.1)


def test_bad_day_and_region_are_refused():
    s = scalp.simulate_scalp(n_follicles=1000, years=0.1, rng=1)
    with pytest.raises(ValueError, match=r"The 'day' parameter must be a whole number in \[0, 36\]; got 37\."):
        scalp.plot_scalp_map(s, 37)
    with pytest.raises(ValueError, match=r"The 'day' parameter must be a whole number in \[0, 36\]; got 2\.5\."):
        s.density_at(2.5)
    with pytest.raises(ValueError, match="Did you mean 'vertex'"):
        s.region_density("vertx")
    with pytest.raises(ValueError, match="The 'scalp_result' parameter must be a ScalpResult"):
        scalp.plot_region_density(s.result)


# ---------------------------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------------------------

def test_plots_are_labelled_and_leave_global_style_alone(male):
    before = dict(matplotlib.rcParams)
    ax = scalp.plot_scalp_map(male, male.n_days)
    fig = ax.figure
    assert "cm" in ax.get_xlabel() and "cm" in ax.get_ylabel()
    bars = [a for a in fig.axes if a is not ax]
    assert len(bars) == 1 and bars[0].get_ylabel() == "non-vellus hair density (hairs/cm²)"
    # every region is a patch coloured by its density on that day (cividis, 0 … the run's maximum)
    norm = matplotlib.colors.Normalize(0, 10 * np.ceil(male.density.max() / 10))
    cmap = matplotlib.colormaps["cividis"]
    patches = {p.get_label(): p for p in ax.patches if p.get_label() in scalp.REGIONS}
    assert set(patches) == set(scalp.REGIONS)
    for i, reg in enumerate(male.regions):
        np.testing.assert_allclose(patches[reg].get_facecolor(), cmap(norm(male.density[i, -1])), atol=1e-9)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "vertex" in texts and "occipital" in texts
    plt.close(fig)

    ax2 = scalp.plot_region_density(male)
    assert ax2.get_xlabel() == "time (years)"
    assert ax2.get_ylabel() == "non-vellus hair density (hairs/cm²)"
    labels = [line.get_label() for line in ax2.get_lines()]
    # regions with the same settings (frontal and vertex, the two sides) share one line
    n_settings = len(set(male.table.values()))
    assert "whole scalp" in labels and "occipital" in labels and len(labels) == n_settings + 1
    assert "frontal + vertex (crown) (same settings)" in labels and "both sides (same settings)" in labels
    plt.close(ax2.figure)

    fig3 = scalp.plot_scalp_maps(male, days=(0, 365, male.n_days))
    assert len(fig3.axes) == 4 and fig3.axes[-1].get_ylabel() == "non-vellus hair density (hairs/cm²)"
    plt.close(fig3)
    assert dict(matplotlib.rcParams) == before


def test_plots_draw_on_a_given_axes(male):
    fig, (a, b) = plt.subplots(1, 2)
    assert scalp.plot_scalp_map(male, 0, ax=a, colorbar=False) is a
    assert scalp.plot_region_density(male, ax=b) is b
    assert len(fig.axes) == 2
    plt.close(fig)
