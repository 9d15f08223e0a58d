"""Notebook 04: synchrony of follicles, waves of shedding and telogen effluvium."""

from _common import (GLOSSARY_NOTE, Exercise, closing_cells, explain, figure, objectives_md, predict,
                     setup_cells)

FILENAME = "04_synchrony_and_shedding.ipynb"
STEM = "04_synchrony_and_shedding"
TITLE = "Synchrony and shedding: why we don't moult, and why stress shows months later"

OBJECTIVES = [
    "explain why a stress shows up as shedding months later, and estimate the delay from the "
    "phase durations;",
    "explain why a shedding peak can be dramatic while the loss of density is modest;",
    "explain, with Halloy's model, why a low spread of phase durations keeps follicles in step and "
    "a large spread washes waves out;",
    "connect these to what a clinician asks: \"what happened 2–3 months ago?\"",
]

GUIDE = {
    "minutes": "45 minutes",
    "prior": "Notebook 01 (phases, shedding per 100,000 follicles, the coefficient of variation). "
             "A rate (per day) versus an amount (per cm²).",
    "demo": [
        "Ask: someone had a high fever in January. When would they notice extra hair in the "
        "shower? Take answers: same week, a month, three months, a year.",
        "Run section 1 and read the printed delay; point at the density panel: a small dip.",
        "Run section 2's second figure and compare the CV 0.05 and 0.45 panels: waves versus a "
        "single blurred peak.",
    ],
    "misconceptions": [
        ("\"Hair falls out right after a stress.\"",
         "The pushed follicles go through catagen and telogen first: shedding peaks about three "
         "months later, which is why people rarely connect the two."),
        ("\"So much hair in the shower means I am going bald.\"",
         "Shedding is a rate and density a stock: a six-fold jump in shedding comes with a small, "
         "temporary dip in density, and the hairs regrow."),
        ("\"Humans shed in seasons like animals moult.\"",
         "Human scalp follicles are out of step; the large spread of anagen durations washes any "
         "wave out within one cycle (Halloy et al. 2002)."),
    ],
    "discussion": [
        "Why is a delay of months a problem for finding the cause of hair loss?",
        "What would a scalp look like if every anagen lasted exactly 3 years?",
        "Why is telogen effluvium more alarming in the shower than in the mirror?",
    ],
}

PREAMBLE = [
    ("code", """\
te = hs.presets.telogen_effluvium(stress_day=30)
r_te = hs.simulate(te, n_follicles=20_000, years=2, rng=6)
stress = int(te.stress_day)"""),
]

EXERCISES = [
    Exercise(
        "where does the delay come from?",
        """\
From the mean durations (print `te`'s `catagen_mean_days`, `telogen_mean_days` and
`exogen_mean_days`, the time a club hair is held before it is let go), predict how long after the
stress the shedding peak should come. Then compare with the simulated peak. Two things move the
peak away from the sum of the means: which, and in which direction? (Hint: a lognormal with mean
m and CV c has its most likely value, the mode, at m / (1 + c²)^(3/2).)""",
        [
            ("code", """\
delay = teaching.peak_day(r_te, after_day=stress) - stress
mode_telogen = te.telogen_mean_days / (1 + te.telogen_cv**2) ** 1.5
print(f"catagen + telogen, means:            {te.catagen_mean_days + te.telogen_mean_days:.0f} days")
print(f"catagen mean + telogen mode:         {te.catagen_mean_days + mode_telogen:.0f} days")
print(f"... plus the club hair held (mean):  {te.catagen_mean_days + mode_telogen + te.exogen_mean_days:.0f} days")
print(f"simulated peak:                      {delay} days after the stress (7-day average)")"""),
            ("markdown", """\
The pushed follicles all enter catagen on the stress day, so each sheds after its own catagen,
its telogen and the time its club hair is held before release (exogen). Two things move the
*peak* away from the sum of the catagen and telogen means: the skew of the lognormal, whose most
likely value (the mode) is shorter than its mean, moves it earlier; the time the club hair is
held moves it later. Compare the printed lines with the simulated peak. A few follicles keep
their club hair for five months or more, which gives the long tail of the shedding."""),
        ],
        "Catagen + telogen means: about 94 days with this version's defaults (14 + 80); the "
        "lognormal's mode makes the peak earlier (about 81 days), and the club hair held for "
        "about 20 more days makes it later, so the simulated peak is near 100 days after the "
        "stress. The solution prints each number.",
    ),
    Exercise(
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
Compare the two columns: the shedding multiple grows with the shock much faster than the density
dip. Shedding is a *rate*: a normal day sheds the hairs of only about one follicle in a thousand, so pushing
even a tenth of the anagen follicles through at once multiplies it. Density is a *stock*: the
pushed follicles keep their club hair through catagen and telogen, and their new hairs emerge
weeks after the old ones fall, so at any moment only a small share of follicles is empty. That is
why telogen effluvium is more alarming in the shower than in the mirror. In the model the density
recovers by itself within months once the new hairs have emerged."""),
        ],
        "The shedding peak grows to several times the baseline (more for the larger shock) while "
        "the lowest density falls by only a few % to about a tenth; the solution prints both for "
        "0.1, the preset's share and 0.6. Shedding is a rate, density a stock.",
    ),
    Exercise(
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
The two printed numbers agree to within a few weeks: the echo comes back about one cycle later
(anagen + catagen + telogen, plus the occasional kenogen), a little over three years. With a
realistic spread of durations the cohort has blurred long before then, which is why nobody gets
a second telogen effluvium three years after a fever."""),
        ],
        "About one mean cycle later, a little over 3 years (the solution prints the cycle length and "
        "the two wave days, which agree to within weeks).",
    ),
]

THINGS_TO_TRY = """\
- Move the stress to day 400 of a 3-year run: does the delay or the size of the peak change?
- Make telogen longer (`telogen_mean_days=150`): when does the shedding peak now?
- Give 225 follicles (1 cm²) a stress: could you see the peak in a single patch?
- Set all duration CVs to 0.01 with `teaching.with_duration_spread(te, 0.01)`: how many echoes do
  you get in 20 years?"""

LIMITS = """\
- **Hard-coded constants**: the healthy cycle of notebook 01 (print `te` to see it), the preset's
  `stress_day` and `stress_anagen_fraction`, 20,000 follicles, seed 6, smoothing windows of 7 and
  14 days, duration CVs 0.05, 0.2 and 0.45.
- The stress is instantaneous and acts on anagen follicles only; real triggers last days or
  weeks, and the biology of *how* a fever or a stress ends anagen is not modelled.
- Follicles are independent. In mice and rabbits follicles signal to their neighbours and
  produce travelling waves (Plikus et al. 2008, 2011; Murray et al. 2012); adult human scalp
  follicles appear to cycle autonomously, and hairsim has no coupling.
- `plot_synchrony` sets *all four* phase CVs to the same value; in a real scalp they differ."""


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

{objectives_md(OBJECTIVES)}

{GLOSSARY_NOTE}"""),
        *setup_cells(),
        ("markdown", """\
## 1. Telogen effluvium: a stress on day 30

The preset `telogen_effluvium` is the healthy scalp with one event: on `stress_day`, each
follicle in anagen is pushed into catagen with probability `stress_anagen_fraction`."""),
        ("code", """\
te = hs.presets.telogen_effluvium(stress_day=30)
print(hs.presets.describe("telogen_effluvium"))
print(f"stress on day {te.stress_day:g}, share of anagen follicles pushed: {te.stress_anagen_fraction}")"""),
        predict("""\
**Before you run the next cell, predict:** when will shedding peak: the same week, after about
one month, after about three months, or after a year? And how deep will the dip in density be:
a few %, a third, or half?""",
                "After about three months (2–3 months: catagen plus telogen). The density dip is "
                "only a few % to about a tenth, and it recovers within months."),
        figure("""\
r_te = hs.simulate(te, n_follicles=20_000, years=2, rng=6)
stress = int(te.stress_day)
x, _ = hs.plot.time_axis(r_te.days)
with hs.plot.projector():
    fig, axes = plt.subplots(1, 2, figsize=(15, 5), layout="constrained")
    hs.plot.plot_shedding(r_te, ax=axes[0])
    hs.plot.plot_density(r_te, ax=axes[1])
    for ax in axes:
        ax.axvline(x[stress], color="grey", ls=":", label="the stress (day 30)")
        ax.legend(loc="lower left", frameon=False)
    plt.show()

peak = teaching.peak_day(r_te, after_day=stress)
before = r_te.shed[1:stress].mean()
print(f"shedding peaks on day {peak}: {peak - stress} days "
      f"(about {(peak - stress) / 30.4:.1f} months) after the stress")
print(f"peak of the 7-day average: {teaching.smooth(r_te.shed, 7).max() / before:.1f} × the shedding before the stress")
print(f"lowest density: {100 * (r_te.density.min() / r_te.density[0] - 1):+.1f} % from day 0")""", """\
Two panels over two years with a dotted line at the stress. Left: shedding is flat, then
climbs to a tall peak a few months after the stress and falls back. Right: density, on an axis
from zero, dips only slightly at the same time and recovers.""", key=True),
        explain(),
        ("markdown", """\
The follicles pushed on day 30 do not lose their hair that day. They go through catagen (about
two weeks) and telogen (about three months, with the club hair still anchored), and only then
shed: read the delay in the printout. Textbooks describe telogen effluvium as starting 2–3
months after its trigger (Headington, *Arch Dermatol* 1993), which is why people rarely connect
the hair in the shower with the fever or the stress that caused it.

For scale, Li et al. (*Clin Cosmet Investig Dermatol* 2022) counted 125.5 ± 62.7 hairs per wash
in people with telogen effluvium against 27.9 ± 12.2 without hair loss, about 4.5 times more.
Those patients were seen at different points of their episode, so the number is not a peak;
compare the order of magnitude, not the digits.

Density dips too, with the same delay, and recovers within a few months. Compare the printed
dip with the printed shedding multiple: the dip is far smaller. The pushed follicles keep their
club hairs until they shed, and their new hairs emerge weeks later, so at any moment only a part
of them is empty."""),
        ("markdown", """\
## 2. Synchrony: why the scalp does not moult

Every run in hairsim starts at steady state: follicles are spread evenly through their cycles.
If nothing pushes them, they stay spread, *whatever* the spread of durations. Check it."""),
        predict("""\
**Predict:** what does the shedding of a healthy scalp look like over 10 years if every phase
lasts almost exactly its mean (a duration CV of 0.05)? Waves, or flat?""",
                "Flat, apart from day-to-day noise: the follicles start spread evenly through their "
                "cycles, and without a common push nothing brings them into step."),
        figure("""\
healthy = hs.presets.healthy()
with hs.plot.projector():
    teaching.plot_synchrony(healthy, cvs=(0.05, 0.45), n_follicles=20_000, years=10, rng=6)
    plt.show()""", """\
Two stacked panels of healthy shedding over 10 years, one for a duration CV of 0.05 and one for
0.45, on a shared axis from zero: both are flat lines with small wiggles."""),
        ("markdown", """\
Flat, apart from noise: without a common push there is nothing to synchronize. The stress of
telogen effluvium *is* a common push: it sends a cohort of follicles through catagen together.
What happens to that cohort afterwards depends on how variable the durations are."""),
        predict("""\
**Predict:** after the stress, with a duration CV of 0.05, what will shedding look like over the
next 10 years? And with the realistic 0.45?""",
                "With CV 0.05 the cohort sheds again about one cycle later (a little over 3 years), "
                "and again: a lower, wider wave each time. With CV 0.45 there is one peak and then "
                "the cohort blurs into the background: no echo."),
        figure("""\
with hs.plot.projector():
    teaching.plot_synchrony(te, cvs=(0.05, 0.2, 0.45), n_follicles=20_000, years=10, rng=6)
    plt.show()
tight = hs.simulate(teaching.with_duration_spread(te, 0.05), n_follicles=20_000, years=10, rng=6)
wave = teaching.smooth(tight.shed, 14)
base = tight.shed[1:stress].mean()
first = teaching.peak_day(tight, after_day=stress, smooth_days=14)
echo = teaching.peak_day(tight, after_day=first + 365, smooth_days=14)
print(f"CV 0.05: first wave on day {first}, echo on day {echo} ({(echo - first) / 365:.1f} years later)")
print(f"         height above the normal shedding: first wave {wave[first] / base - 1:+.0%}, "
      f"echo {wave[echo] / base - 1:+.0%} ({(wave[echo] - base) / (wave[first] - base):.0%} of the first)")""", """\
Three stacked panels of shedding over 10 years after a stress, for duration CVs of 0.05, 0.2 and
0.45, on a shared axis from zero. Each starts with a tall peak after the stress. With CV 0.05
lower, wider bumps follow about every three years; with 0.2 one faint bump; with 0.45 none.""",
               key=True),
        explain(),
        ("markdown", """\
With nearly fixed durations (CV 0.05) the cohort stays together: it sheds again about one cycle
later, and again. Each echo is lower and wider than the wave before it (the printout gives the
first echo's height as a share of the first wave): the anagen durations, years long, spread the
cohort much more than the weeks of catagen and telogen did before the first wave. It is a
moult-like rhythm, but a fading one. With more spread each wave is lower and wider still, and
with the realistic spread of anagen durations (CV 0.45: a 3-year mean with an SD of about
16 months) the cohort has blurred into the background after one cycle. This is Halloy's point:
large variability of the phase durations keeps a human scalp desynchronized, so we shed a
little every day rather than a lot once a season."""),
        *closing_cells(STEM, EXERCISES, THINGS_TO_TRY, LIMITS),
    ]
