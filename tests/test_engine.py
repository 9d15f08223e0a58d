"""The engine: reproducibility, bookkeeping, agreement with renewal theory, common random numbers."""

import numpy as np
import pytest

import hairsim as hs
from hairsim import Phase


def _z(observed, expected, se):
    return abs(observed - expected) / se


# ---- reproducibility (SPEC 7) -----------------------------------------------------------------

def test_same_seed_same_run_different_seed_different_run():
    p = hs.presets.aga_moderate()
    a = hs.simulate(p, 5_000, 2, rng=7)
    b = hs.simulate(p, 5_000, 2, rng=7)
    c = hs.simulate(p, 5_000, 2, rng=8)
    assert a.equals(b)
    for name in ("anagen", "shed", "density"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
        assert not np.array_equal(getattr(a, name), getattr(c, name))


def test_rng_forms_are_equivalent():
    p = hs.Params()
    by_int = hs.simulate(p, 2_000, 1, rng=3)
    by_gen = hs.simulate(p, 2_000, 1, rng=np.random.default_rng(3))
    by_seq = hs.simulate(p, 2_000, 1, rng=np.random.SeedSequence(3))
    assert np.array_equal(by_int.anagen, by_gen.anagen)
    assert np.array_equal(by_int.anagen, by_seq.anagen)
    assert by_int.seed == 3 and by_gen.seed is None


def test_no_global_random_state_is_used_or_changed():
    np.random.seed(0)
    before = np.random.random()
    np.random.seed(0)
    hs.simulate(hs.Params(), 1_000, 1, rng=1)
    assert np.random.random() == before
    fresh1 = hs.simulate(hs.Params(), 1_000, 1)   # rng=None: fresh entropy
    fresh2 = hs.simulate(hs.Params(), 1_000, 1)
    assert fresh1.key != fresh2.key


@pytest.mark.parametrize("chunk", [1_000, 4_096, 10_000])
def test_result_does_not_depend_on_chunk_size(chunk):
    p = hs.presets.aga_moderate()
    s = hs.examples.minoxidil_like(start_day=30)
    ref = hs.simulate(p, 10_000, 2, stimulation=s, rng=5)
    other = hs.simulate(p, 10_000, 2, stimulation=s, rng=5, chunk_size=chunk)
    assert ref.equals(other)


# ---- bookkeeping ------------------------------------------------------------------------------

@pytest.mark.parametrize("preset", hs.presets.names())
def test_phases_sum_to_the_follicle_count_every_day(preset):
    r = hs.simulate(hs.presets.get(preset), 3_000, 3, stimulation=hs.examples.minoxidil_like(start_day=100), rng=2)
    total = r.anagen + r.catagen + r.telogen + r.kenogen
    assert np.all(total == 3_000)
    for name in ("anagen", "catagen", "telogen", "kenogen", "shed", "visible", "visible_nonvellus"):
        assert np.all(getattr(r, name) >= 0), name
    assert np.all(r.visible_nonvellus <= r.visible)
    assert np.all(r.visible <= 2 * 3_000)  # a follicle shows its hair and at most one held club


def test_per_follicle_constant_arrays_equal_scalars_exactly():
    n = 4_000
    scalar = hs.presets.aga_moderate()
    arrays = scalar.replace(anagen_mean_days=np.full(n, scalar.anagen_mean_days),
                            aga_susceptible_fraction=np.full(n, scalar.aga_susceptible_fraction),
                            miniaturization_per_year=np.full(n, scalar.miniaturization_per_year),
                            exogen_mean_days=np.full(n, scalar.exogen_mean_days),
                            vellus_follicle_fraction=np.full(n, scalar.vellus_follicle_fraction),
                            aga_onset_spread_years=np.full(n, scalar.aga_onset_spread_years))
    assert hs.simulate(scalar, n, 2, rng=9).anagen.tolist() == hs.simulate(arrays, n, 2, rng=9).anagen.tolist()


def test_regional_susceptibility_map():
    n = 20_000
    frac = np.where(np.arange(n) < n // 2, 0.0, 1.0)   # first half spared (occipital), second half affected
    p = hs.presets.aga_moderate().replace(aga_susceptible_fraction=frac)
    both = hs.simulate(p, n, 3, rng=1)
    spared = hs.simulate(hs.presets.healthy(), n, 3, rng=1)
    assert both.density[-1] < spared.density[-1] - 20


# ---- renewal theory ---------------------------------------------------------------------------

CYCLES = {
    "healthy": hs.Params(),
    "deterministic durations (cv 0)": hs.Params(anagen_cv=0, catagen_cv=0, telogen_cv=0, kenogen_cv=0),
    "very skewed (cv 2)": hs.Params(anagen_cv=2.0, telogen_cv=1.5, kenogen_cv=2.0),
    "short anagen, frequent kenogen": hs.Params(anagen_mean_days=200, p_kenogen=0.6, kenogen_mean_days=150),
    "long telogen": hs.Params(telogen_mean_days=300, telogen_cv=0.8, emergence_days=60),
}


@pytest.mark.parametrize("name", list(CYCLES))
def test_steady_state_matches_renewal_theory(name):
    p = CYCLES[name]
    n = 50_000
    r = hs.simulate(p, n, 4, rng=11)
    th = hs.steady_state(p, n_follicles=n)
    # one day's phase counts are sums of independent Bernoullis: SE = sqrt(p(1-p)/n)
    for day in (0, 500, 1460):
        for ph, expected in th.fractions().items():
            se = np.sqrt(max(expected * (1 - expected), 1e-6) / n)
            assert _z(r.fraction(ph)[day], expected, se) < 4.5, (ph, day)
    # shedding over a year: a count with variance at most its mean (Poisson bound)
    window = slice(1, 366)
    expected = th.shed_per_day * 365
    assert _z(r.shed[window].sum(), expected, np.sqrt(expected)) < 4.5
    # density: visible share of follicles
    vis = th.total_density / p.follicles_per_cm2
    assert _z(r.total_density[730] / p.follicles_per_cm2, vis, np.sqrt(vis * (1 - vis) / n)) < 4.5


def test_clubs_held_into_the_next_cycle_follow_renewal_theory():
    """Clubs held 120 days (CV 0.3) into the next anagen on a 126-day cycle: most are released only
    when the new hair ends its telogen, so there are more visible hairs than follicles, and renewal
    theory still holds (visible hairs (A + C + T + (1 − p_kenogen)·E[min(R, next A + C + T)] −
    emergence)/cycle per follicle, n/cycle shed a day). The start holds no clubs (start_from
    without retention), so every club comes from the run's own cycles; by year 2 they are in
    equilibrium."""
    p = hs.Params(anagen_mean_days=60, anagen_cv=0.5, telogen_mean_days=40, exogen_mean_days=120,
                  exogen_cv=0.3)
    n, n_groups = 50_000, 50
    r = hs.simulate(p, n, 4, rng=13, start_from=p.replace(exogen_mean_days=0),
                    groups=np.arange(n) % n_groups)
    th = hs.steady_state(p, n_follicles=n)
    late = slice(730, None)
    assert np.all(r.visible[late] > 1.2 * n)
    assert np.all(r.visible[late] > (r.anagen + r.catagen + r.telogen)[late] + 0.4 * n)
    # window totals: sums over the 50 independent groups, standard errors from their spread
    for name, expected in (("visible", th.total_density / p.follicles_per_cm2 * n * r.days[late].size),
                           ("shed", th.shed_per_day * r.days[late].size)):
        per_group = r.group_series(name)[:, late].sum(axis=1).astype(float)
        se = np.sqrt(n_groups * np.var(per_group, ddof=1))
        assert _z(per_group.sum(), expected, se) < 4.5, name   # t with 49 dof: P(|t| > 4.5) < 1e-4
    # the club's release is capped: a full retention R would give far more visible hairs
    act = p.anagen_mean_days + p.catagen_mean_days + p.telogen_mean_days
    uncapped = (act + (1 - p.p_kenogen) * p.exogen_mean_days - p.emergence_days) / th.cycle_days
    assert r.visible[late].mean() < (uncapped - 0.1) * n


def test_healthy_run_is_flat_from_day_zero():
    """No start-up transient: every day's anagen share is within the binomial band of theory."""
    p = hs.presets.healthy()
    n = 200_000
    r = hs.simulate(p, n, 10, rng=4)
    th = hs.steady_state(p, n)
    for ph, expected in th.fractions().items():
        se = np.sqrt(expected * (1 - expected) / n)
        worst = np.max(np.abs(r.fraction(ph) - expected)) / se
        assert worst < 5.5, (ph, worst)   # max |z| over 3,651 days
    # the first month looks like the last
    first, last = r.density[:30].mean(), r.density[-30:].mean()
    assert abs(first - last) < 1.0


def test_start_from_healthy_then_shorter_anagen_converges_to_new_steady_state():
    short = hs.Params(anagen_mean_days=365)
    r = hs.simulate(short, 40_000, 12, start_from=hs.presets.healthy(), rng=2)
    old = hs.steady_state(hs.presets.healthy())
    new = hs.steady_state(short)
    assert abs(r.fraction(Phase.ANAGEN)[0] - old.anagen) < 0.01
    assert abs(r.fraction(Phase.ANAGEN)[-365:].mean() - new.anagen) < 0.01
    assert abs(r.shed_per_day()[-365:].mean() - new.shed_per_day) < 5


def test_telogen_effluvium_sheds_two_to_three_months_after_the_stress():
    """Headington 1993, and reviews: shedding starts 2–3 months after the trigger, recovers within
    about 6 months. The stressed hairs go through catagen and telogen and are held into the next
    anagen before they fall: the 7-day mean rises past 1.25× the usual shedding no earlier than
    week 6, peaks in weeks 8–17, and is back to normal afterwards."""
    stress = 30
    p = hs.presets.telogen_effluvium(stress_day=stress)
    n = 100_000
    r = hs.simulate(p, n, 1.5, rng=1)
    base = hs.steady_state(p, n_follicles=n).shed_per_day
    week = np.convolve(r.shed, np.ones(7) / 7, mode="valid")    # week[i]: mean of days i … i + 6
    start_week = (np.arange(week.size) - stress) / 7
    # a 7-day mean of about 83 Poisson-like counts a day: its SE is about 3.4, so 1.25× is 6 SE away
    above = np.flatnonzero(week > 1.25 * base)
    assert start_week[above[0]] >= 6, start_week[above[0]]
    peak = int(np.argmax(week))
    assert 8 <= start_week[peak] <= 17, start_week[peak]
    assert week[peak] > 3 * base
    assert start_week[above[-1]] <= 30                          # recovered within about 7 months
    assert r.shed[-90:].mean() < 1.1 * base                     # (then below it for a while: the
    # stressed follicles regrow together and none of them sheds again for a long anagen)
    dip = r.density[stress + 56: stress + 180].min()             # the shed hairs regrow after emergence
    assert dip < r.density[0] - 5
    assert abs(r.density[-30:].mean() - r.density[:30].mean()) < 0.02 * r.density[0]


# ---- stimulation ------------------------------------------------------------------------------

def test_common_random_numbers_identical_until_the_stimulation_starts():
    p = hs.presets.aga_moderate()
    s = hs.Stimulation(start_day=200, stop_day=500, wake=3, extend=1, thicken=0.5)
    u = hs.simulate(p, 20_000, 3, rng=12)
    t = hs.simulate(p, 20_000, 3, stimulation=s, rng=12)
    for name in ("anagen", "catagen", "telogen", "kenogen", "visible", "visible_nonvellus"):
        a, b = getattr(u, name), getattr(t, name)
        assert np.array_equal(a[:201], b[:201]), name   # the state at the instant the stimulation starts
        assert not np.array_equal(a, b), name
    assert np.array_equal(u.shed[:200], t.shed[:200])    # every shedding before day 200
    assert np.array_equal(u.diameter_sum[:201], t.diameter_sum[:201])


def test_each_knob_does_what_it_claims():
    """wake shortens the rests (telogen and kenogen), extend keeps anagens going, thicken makes new
    hairs thicker; each moves its own quantity far beyond the binomial noise of one day."""
    p = hs.presets.aga_moderate()
    n, day = 40_000, 300
    u = hs.simulate(p, n, 1, rng=3)

    def z(a, b, f):  # two runs share their noise until the stimulation: this bound is conservative
        return (a - b) / np.sqrt(2 * f * (1 - f) / n)

    rest = lambda r: r.fraction(hs.Phase.TELOGEN)[day] + r.fraction(hs.Phase.KENOGEN)[day]  # noqa: E731
    t = hs.simulate(p, n, 1, stimulation=hs.Stimulation(start_day=0, wake=2.0), rng=3)
    assert z(rest(u), rest(t), rest(u)) > 5
    # waking an empty (kenogen) follicle adds a hair; waking a telogen one only swaps its club for
    # a new hair (thinner, in a miniaturizing follicle): wake alone adds little density
    ken = lambda r: r.fraction(hs.Phase.KENOGEN)[day]  # noqa: E731
    assert z(ken(u), ken(t), ken(u)) > 5
    t = hs.simulate(p, n, 1, stimulation=hs.Stimulation(start_day=0, extend=2.0), rng=3)
    ana = lambda r: r.fraction(hs.Phase.ANAGEN)[day]  # noqa: E731
    assert z(ana(t), ana(u), ana(u)) > 5
    assert t.density[day] > u.density[day] + 2
    t = hs.simulate(p, n, 1, stimulation=hs.Stimulation(start_day=0, thicken=0.5), rng=3)
    assert t.density[day] > u.density[day] + 5 and t.mean_diameter[day] > u.mean_diameter[day] + 1
    assert np.array_equal(t.visible, u.visible)  # thickening changes no hair's timing
    none = hs.simulate(p, n, 1, stimulation=hs.Stimulation(wake=5, responders=0), rng=3)
    assert np.array_equal(none.density, u.density)


def test_persistence_zero_returns_to_the_untreated_course_and_one_keeps_the_gain():
    p = hs.presets.aga_moderate()
    n, stop = 100_000, 335
    u = hs.simulate(p, n, 2, rng=21)
    gains = {}
    for keep in (0.0, 1.0):
        s = hs.examples.minoxidil_like(persistence=keep)
        t = hs.simulate(p, n, 2, stimulation=s, rng=21)
        gains[keep] = (t.density[stop] - u.density[stop], t.density[stop + 168] - u.density[stop + 168], t)
    g0, after0, t0 = gains[0.0]
    g1, after1, _ = gains[1.0]
    assert g0 > 8 and g1 > 8
    # back within 24 weeks of stopping (Price 1999, science.md §6): the design band is a residual
    # under a tenth of the gain at the stop
    assert abs(after0) < 0.1 * g0
    # keepers finish their treated cycles: the gain fades at the pace of the (short, AGA) cycle
    assert after1 > 0.15 * g1 and after1 > after0 + 2
    # each responder falls back onto its own untreated course (it waits for that course's next
    # anagen, which a long telogen or kenogen can delay): 40 weeks on, almost every follicle has
    late = stop + 7 * 40
    # not a statistical tolerance: a follicle back on its untreated course counts exactly as in the
    # untreated run (same random numbers), so each series may differ by at most 1 or 2 (a held club
    # beside a new hair) per follicle still off it; allow 1 in 10,000 follicles
    for name in ("anagen", "catagen", "telogen", "kenogen", "visible", "visible_nonvellus"):
        assert np.abs(getattr(t0, name)[late:] - getattr(u, name)[late:]).max() <= 1e-4 * n, name


def test_stimulation_sessions_schedule_runs_and_helps():
    p = hs.presets.aga_moderate()
    s = hs.Stimulation(start_day=0, stop_day=300, schedule="sessions", interval_days=28,
                       half_life_days=10, wake=3, thicken=0.3)
    u = hs.simulate(p, 20_000, 1, rng=4)
    t = hs.simulate(p, 20_000, 1, stimulation=s, rng=4)
    assert t.density[250] > u.density[250]


# ---- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,match", [
    ({"n_follicles": 0}, "'n_follicles' parameter must be a whole number in \\[1, 100,000,000\\]; got 0"),
    ({"n_follicles": 10.5}, "'n_follicles'"),
    ({"years": -1}, "'years' parameter must be a float in \\(0, 200\\]; got -1"),
    ({"years": float("nan")}, "'years'"),
    ({"rng": "abc"}, "'rng' parameter must be None, a non-negative int"),
    ({"rng": -3}, "'rng'"),
    ({"chunk_size": 0}, "'chunk_size'"),
])
def test_bad_simulate_arguments(kwargs, match):
    args = {"n_follicles": 100, "years": 1}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        hs.simulate(hs.Params(), **args)


def test_bad_types_and_presets():
    with pytest.raises(TypeError, match="must be a hairsim.Params"):
        hs.simulate({"anagen_mean_days": 3}, 10, 1)
    with pytest.raises(TypeError, match="must be a hairsim.Stimulation"):
        hs.simulate(hs.Params(), 10, 1, stimulation={"wake": 1})
    with pytest.raises(ValueError, match="Did you mean 'aga_moderate'"):
        hs.simulate("aga_moderat", 10, 1)
    assert hs.simulate("healthy", 10, 1, rng=1).n_follicles == 10


def test_impossible_workload_is_refused_with_an_explanation():
    p = hs.Params(anagen_mean_days=0.01, catagen_mean_days=0.01, telogen_mean_days=0.01)
    with pytest.raises(ValueError, match="It looks like this run would need"):
        hs.simulate(p, 1_000_000, 100)


# ---- groups, per-follicle onset and responders ------------------------------------------------

def test_groups_split_the_totals_exactly():
    p = hs.presets.aga_moderate()
    s = hs.examples.minoxidil_like(start_day=20)
    n = 6_000
    groups = np.arange(n) % 7
    plain = hs.simulate(p, n, 1, stimulation=s, rng=3)
    split = hs.simulate(p, n, 1, stimulation=s, rng=3, groups=groups)
    for name in ("diameter_sum", "exposure"):
        assert np.array_equal(getattr(split, name), getattr(plain, name)), name
    assert split.n_groups == 7 and split.group_sizes().sum() == n
    for name in ("anagen", "catagen", "telogen", "kenogen", "shed", "visible", "visible_nonvellus"):
        g = split.group_series(name)
        assert g.shape == (7, plain.days.size)
        assert np.array_equal(g.sum(axis=0), getattr(plain, name)), name
    phases = sum(split.group_series(x) for x in ("anagen", "catagen", "telogen", "kenogen"))
    assert np.all(phases == split.group_sizes()[:, None])
    with pytest.raises(ValueError, match="has no groups"):
        plain.group_series("density")
    with pytest.raises(ValueError, match="'groups' parameter must be a 1-D array"):
        hs.simulate(p, 10, 1, groups=np.arange(9))


def test_group_densities_follow_each_groups_parameters():
    n = 20_000
    region = (np.arange(n) >= n // 2).astype(int)           # 0: spared, 1: affected
    p = hs.presets.aga_moderate().replace(aga_susceptible_fraction=region * 1.0)
    r = hs.simulate(p, n, 3, rng=6, groups=region)
    d = r.group_series("density")
    assert d[1, -1] < d[0, -1] - 30
    th = hs.steady_state(hs.presets.healthy())
    assert abs(d[0].mean() - th.density) < 3


def test_per_follicle_onset_and_responders_arrays_equal_scalars():
    n = 5_000
    p = hs.presets.aga_moderate()
    s = hs.examples.minoxidil_like(start_day=30)
    ref = hs.simulate(p, n, 1.5, stimulation=s, rng=8)
    arr = hs.simulate(p.replace(years_since_onset=np.full(n, p.years_since_onset)), n, 1.5,
                      stimulation=s.replace(responders=np.full(n, s.responders)), rng=8)
    assert ref.equals(arr) is False  # the parameters differ in form (arrays)…
    for name in ("anagen", "telogen", "kenogen", "shed", "visible_nonvellus"):
        assert np.array_equal(getattr(ref, name), getattr(arr, name)), name   # …but not in effect


def test_later_onset_means_less_loss():
    n = 20_000
    onset = np.where(np.arange(n) < n // 2, 2.0, 10.0)
    p = hs.presets.aga_moderate().replace(years_since_onset=onset, aga_susceptible_fraction=1.0)
    r = hs.simulate(p, n, 1, rng=2, groups=(onset > 5).astype(int))
    d = r.group_series("density")
    assert d[0, 0] > d[1, 0] + 30    # two years after onset vs ten


def test_many_groups_are_counted_per_chunk_with_the_same_result():
    # 300 groups × 367 days is past the size where counts are collected once per chunk
    p = hs.presets.aga_moderate()
    s = hs.examples.minoxidil_like(start_day=20)
    n = 6_000
    groups = np.arange(n) % 300
    plain = hs.simulate(p, n, 1, stimulation=s, rng=3, chunk_size=2_500)
    split = hs.simulate(p, n, 1, stimulation=s, rng=3, groups=groups, chunk_size=2_500)
    for name in ("anagen", "catagen", "telogen", "kenogen", "visible", "visible_nonvellus", "shed", "diameter_sum"):
        assert np.array_equal(getattr(split, name), getattr(plain, name)), name  # the totals
    assert not split.equals(plain)  # (a grouped result also holds its groups)
    few = hs.simulate(p, n, 1, stimulation=s, rng=3, groups=groups % 3)
    for name in ("anagen", "visible_nonvellus", "shed", "diameter_sum"):
        many = split.group_series(name)
        folded = np.stack([many[g::3].sum(axis=0) for g in range(3)])   # 300 groups → 3
        if name == "diameter_sum":
            assert np.allclose(folded, few.group_series(name), rtol=1e-12)
        else:
            assert np.array_equal(folded, few.group_series(name)), name


def test_the_workload_guard_admits_the_large_benchmark_and_refuses_endless_runs():
    from hairsim.engine import _check_workload
    s = hs.examples.minoxidil_like(start_day=365)
    _check_workload(hs.presets.aga_moderate(), 10_000_000, 7300, s)   # 1e7 × 20 y: fine
    tiny = hs.Params(anagen_mean_days=0.05, catagen_mean_days=0.05, telogen_mean_days=0.5, p_kenogen=0)
    with pytest.raises(ValueError, match="It looks like this run would need"):
        _check_workload(tiny, 1_000_000, 36500, hs.Stimulation(wake=50))


# ---- the start at each follicle's own onset (issue 9) -------------------------------------------

@pytest.mark.parametrize("preset", ["aga_mild", "aga_moderate", "aga_severe"])
def test_starting_at_each_follicles_onset_has_the_same_law(preset):
    """A follicle whose cycle does not change before day 0 is started on day 0, in that cycle's
    stationary state, instead of being simulated from the earliest onset: the same law, other random
    numbers. Window means of every series over several seeds agree with the old start within their
    standard errors (estimated from the seeds themselves)."""
    from hairsim.engine import _Run, _Sums, _prepare, _result

    p = hs.presets.get(preset)
    n, years, seeds = 20_000, 3, range(6)
    windows = [slice(0, 30), slice(350, 380), slice(700, 730), slice(1060, 1090)]
    names = ("anagen", "telogen", "kenogen", "visible", "visible_nonvellus", "shed", "diameter_sum")
    new, old = [], []
    for seed in seeds:
        for out, own in ((new, True), (old, False)):
            spec = _prepare(p, n, years, None, seed, None, None, None)
            run = _Run(p, n, spec.n_days, None, spec.key, p, own_onset_start=own)
            run.run_chunk(slice(0, n))
            r = _result(spec, _Sums.of(run), None)
            out.append([[getattr(r, k)[w].mean() for w in windows] for k in names])
    new, old = np.array(new), np.array(old)             # (seed, series, window)
    se = np.sqrt(new.var(axis=0, ddof=1) / len(seeds) + old.var(axis=0, ddof=1) / len(seeds))
    z = np.abs(new.mean(axis=0) - old.mean(axis=0)) / np.maximum(se, 1e-9)
    assert z.max() < 4.5, (names[np.unravel_index(z.argmax(), z.shape)[0]], z.max())
    # and the new start does less work
    assert hs.simulate(p, n, years, rng=1).phase_changes < run.phase_changes


def test_results_carry_the_engine_version(tmp_path):
    r = hs.simulate("healthy", 200, 0.2, rng=1)
    assert r.engine_version == hs.engine.ENGINE_VERSION == 2
    assert hs.Result.from_csv(r.to_csv(tmp_path / "r.csv")).engine_version == 2
