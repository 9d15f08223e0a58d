"""Notebook 04: synchrony of follicles, waves of shedding and telogen effluvium."""

from _common import exercise_cells, setup_cells

FILENAME = "04_synchrony_and_shedding.ipynb"
STEM = "04_synchrony_and_shedding"
TITLE = "Synchrony and shedding: why we don't moult, and why stress shows months later"

PREAMBLE = [
    ("code", """\
te = hs.presets.telogen_effluvium(stress_day=30)
r_te = hs.simulate(te, n_follicles=20_000, years=2, rng=6)"""),
]

EXERCISES = [
    (
        "where does the delay come from?",
        """\
From the mean durations (catagen 14 days, telogen 90 days), predict how long after the stress the
shedding peak should come. The simulated peak comes somewhat *earlier* than that sum. Why? (Hint:
a lognormal with mean m and CV c has its most likely value, the mode, at m / (1 + c²)^(3/2).)""",
        [
            ("code", """\
stress = int(te.stress_day)
delay = teaching.peak_day(r_te, after_day=stress) - stress
mode_telogen = te.telogen_mean_days / (1 + te.telogen_cv**2) ** 1.5
print(f"sum of the means: {te.catagen_mean_days + te.telogen_mean_days:.0f} days")
print(f"catagen mean + telogen mode: {te.catagen_mean_days + mode_telogen:.0f} days")
print(f"simulated peak: {delay} days after the stress (7-day average)")"""),
            ("markdown", """\
The pushed follicles all enter catagen on the stress day, so each sheds after its own catagen
plus telogen. The *peak* of shedding is where most of those sums fall, near the most likely
telogen length, which for a right-skewed (lognormal) distribution is shorter than the mean.
The *average* delay is still catagen + telogen ≈ 104 days; a few follicles keep their club hair
for five months or more, which gives the long tail of the shedding."""),
        ],
    ),
    (
        "a small and a large shock",
        """\
Change `stress_anagen_fraction` of the preset to 0.1 and to 0.6 (same seed). For each, report the
peak of the 7-day average shedding as a multiple of the shedding before the stress, and the
lowest non-vellus density as a % change from day 0. Is the density dip as dramatic as the
shedding peak? Why not?""",
        [
            ("code", """\
for share in (0.1, te.stress_anagen_fraction, 0.6):
    r = hs.simulate(te.replace(stress_anagen_fraction=share), n_follicles=20_000, years=2, rng=6)
    shed = teaching.smooth(r.shed, 7)
    before = r.shed[1:stress].mean()
    peak = shed[stress:].max()
    dip = 100 * (r.density.min() / r.density[0] - 1)
    print(f"stress fraction {share:.2f}: peak shedding {peak / before:4.1f} × baseline, "
          f"lowest density {dip:+.1f} %")"""),
            ("markdown", """\
Shedding is a *rate*: a normal day sheds only about 1 in 1,200 follicles' hairs, so pushing even
a tenth of the anagen follicles through at once multiplies it. Density is a *stock*: the pushed
follicles keep their club hair through catagen and telogen, and their new hairs emerge about a
month after the old ones fall, so at any moment only a small share of follicles is empty. That
is why telogen effluvium is more alarming in the shower than in the mirror. In the model the
density recovers by itself within months once the new hairs have emerged."""),
        ],
    ),
    (
        "when does the echo come back?",
        """\
With a duration CV of 0.05, the follicles pushed by the stress stay together. Predict from the
mean cycle length (`hs.steady_state(te).cycle_days`) when their *second* wave of shedding should
come, then find it with `teaching.peak_day(..., after_day=...)` on a 10-year run.""",
        [
            ("code", """\
tight = teaching.with_duration_spread(te, 0.05)
r_tight = hs.simulate(tight, n_follicles=20_000, years=10, rng=6)
first = teaching.peak_day(r_tight, after_day=tight.stress_day, smooth_days=14)
second = teaching.peak_day(r_tight, after_day=first + 365, smooth_days=14)
cycle = hs.steady_state(tight).cycle_days
print(f"first wave day {first}, second wave day {second}: {second - first} days apart")
print(f"mean cycle length: {cycle:.0f} days")"""),
            ("markdown", """\
The echo comes back about one cycle later (anagen + catagen + telogen, plus the occasional
kenogen), a little over three years. With a realistic spread of durations the cohort has
blurred long before then, which is why nobody gets a second telogen effluvium three years after
a fever."""),
        ],
    ),
]


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

Many mammals moult: a large share of their follicles change phase together, in waves. Adult
human scalps do not. Halloy et al. (*J Theor Biol* 2002) showed with the follicular-automaton
model that this comes down to two things: whether something pushes follicles into step, and how
variable the phase durations are. A short, sharp push does happen to human scalps: a sudden
shock to the body, such as a high fever or a severe stress, can push many growing follicles into
catagen at once, and months later a lot of hair falls out. This is **telogen effluvium**.

**Learning objectives.** By the end you will be able to

1. explain why a stress shows up as shedding months later, and estimate the delay from the
   phase durations;
2. explain why a shedding peak can be dramatic while the loss of density is modest;
3. explain, with Halloy's model, why a low spread of phase durations keeps follicles in step and
   a large spread washes waves out;
4. connect these to what a clinician asks: "what happened 2–3 months ago?" """),
        *setup_cells(),
        ("markdown", """\
## 1. Telogen effluvium: a stress on day 30

The preset `telogen_effluvium` is the healthy scalp with one event: on `stress_day`, each
follicle in anagen is pushed into catagen with probability `stress_anagen_fraction`."""),
        ("code", """\
te = hs.presets.telogen_effluvium(stress_day=30)
print(hs.presets.describe("telogen_effluvium"))
print(f"stress on day {te.stress_day:g}, share of anagen follicles pushed: {te.stress_anagen_fraction}")"""),
        ("markdown", """\
**Before you run the next cell, predict:** when will shedding peak: the same week, after about
one month, after about three months, or after a year? And how deep will the dip in density be?"""),
        ("code", """\
r_te = hs.simulate(te, n_follicles=20_000, years=2, rng=6)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
hs.plot.plot_shedding(r_te, ax=axes[0])
hs.plot.plot_density(r_te, ax=axes[1])
x, _ = hs.plot.time_axis(r_te.days)
for ax in axes:
    ax.axvline(x[int(te.stress_day)], color="grey", ls=":", lw=1)   # the stress
plt.show()

stress = int(te.stress_day)
peak = teaching.peak_day(r_te, after_day=stress)
before = r_te.shed[1:stress].mean()
print(f"shedding peaks on day {peak}: {peak - stress} days "
      f"(about {(peak - stress) / 30.4:.1f} months) after the stress")
print(f"peak of the 7-day average: {teaching.smooth(r_te.shed, 7).max() / before:.1f} × the shedding before the stress")
print(f"lowest density: {100 * (r_te.density.min() / r_te.density[0] - 1):+.1f} % from day 0")"""),
        ("markdown", """\
The follicles pushed on day 30 do not lose their hair that day. They go through catagen (about
two weeks) and telogen (about three months, with the club hair still anchored), and only then
shed: the peak comes roughly three months after the stress. Textbooks describe telogen
effluvium as starting 2–3 months after its trigger, which is why people rarely connect the hair
in the shower with the fever or the stress that caused it.

For scale, Li et al. (*Clin Cosmet Investig Dermatol* 2022) counted 125.5 ± 62.7 hairs per wash
in people with telogen effluvium against 27.9 ± 12.2 without hair loss, about 4.5 times more.
Those patients were seen at different points of their episode, so the number is not a peak;
compare the order of magnitude, not the digits.

Density dips too, with the same delay, by roughly a tenth here, and recovers within a few
months. The dip is far smaller than the six-fold jump in shedding: the pushed follicles keep
their club hairs until they shed, and their new hairs emerge about a month later, so at any
moment only a part of them is empty."""),
        ("markdown", """\
## 2. Synchrony: why the scalp does not moult

Every run in hairsim starts at steady state: follicles are spread evenly through their cycles.
If nothing pushes them, they stay spread, *whatever* the spread of durations. Check it:
**predict** what the shedding of a healthy scalp looks like if every phase lasts almost exactly
its mean (a duration CV of 0.05)."""),
        ("code", """\
healthy = hs.presets.healthy()
teaching.plot_synchrony(healthy, cvs=(0.05, 0.45), n_follicles=20_000, years=10, rng=6)
plt.show()"""),
        ("markdown", """\
Flat, apart from noise: without a common push there is nothing to synchronize. The stress of
telogen effluvium *is* a common push: it sends a cohort of follicles through catagen together.
What happens to that cohort afterwards depends on how variable the durations are.

**Predict:** with a duration CV of 0.05, what will shedding look like over the next 10 years?
And with the realistic 0.45?"""),
        ("code", """\
teaching.plot_synchrony(te, cvs=(0.05, 0.2, 0.45), n_follicles=20_000, years=10, rng=6)
plt.show()"""),
        ("markdown", """\
With nearly fixed durations (CV 0.05) the cohort stays together: it sheds again about one cycle
later, and again, in waves, like a moult. With more spread each wave is lower and wider, and
with the realistic spread of anagen durations (CV 0.45: a 3-year mean with an SD of about
16 months) the cohort has blurred into the background after one cycle. This is Halloy's point:
large variability of the phase durations keeps a human scalp desynchronized, so we shed a
little every day rather than a lot once a season."""),
        *exercise_cells(STEM, EXERCISES),
        ("markdown", """\
## Things to try

- Move the stress to day 400 of a 3-year run: does the delay or the size of the peak change?
- Make telogen longer (`telogen_mean_days=150`): when does the shedding peak now?
- Give 225 follicles (1 cm²) a stress: could you see the peak in a single patch?
- Set all duration CVs to 0 with `teaching.with_duration_spread(te, 0)`: how many echoes do you
  get in 20 years?"""),
        ("markdown", """\
## Assumptions and limits

- **Hard-coded constants**: the healthy cycle (anagen 1095 days, CV 0.45; catagen 14 days,
  CV 0.2; telogen 90 days, CV 0.35; kenogen 120 days after 1 cycle in 10), the preset's
  `stress_day` and `stress_anagen_fraction`, 20,000 follicles, seed 6, smoothing windows of 7 and
  14 days, duration CVs 0.05, 0.2 and 0.45.
- The stress is instantaneous and acts on anagen follicles only; real triggers last days or
  weeks, and the biology of *how* a fever or a stress ends anagen is not modelled.
- Follicles are independent. In mice and rabbits follicles signal to their neighbours and
  produce travelling waves (Plikus et al. 2008, 2011; Murray et al. 2012); adult human scalp
  follicles appear to cycle autonomously, and hairsim has no coupling.
- `plot_synchrony` sets *all four* phase CVs to the same value; in a real scalp they differ."""),
    ]
