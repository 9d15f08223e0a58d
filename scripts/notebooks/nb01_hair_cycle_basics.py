"""Notebook 01: the hair cycle, from one follicle to a population."""

from _common import exercise_cells, setup_cells

FILENAME = "01_hair_cycle_basics.ipynb"
STEM = "01_hair_cycle_basics"
TITLE = "The hair cycle: from one follicle to a scalp"

EXERCISES = [
    (
        "a shorter anagen, by hand first",
        """\
Suppose every follicle's mean anagen were 500 days instead of 1095 (everything else unchanged:
catagen 14 days, telogen 90 days, kenogen with probability 0.1 lasting 120 days).

1. With pencil and paper, use renewal theory to predict the share of follicles in anagen and in
   telogen, and the number of hairs shed per day per 100,000 follicles.
2. Check your answer with `hs.steady_state(p.replace(anagen_mean_days=500))`.
3. Check it again with a simulation of 20,000 follicles. Which of the two checks is exact, and why
   does the other one differ a little?""",
        [
            ("markdown", """\
**By hand.** The mean time a follicle spends in each phase per cycle: anagen 500, catagen 14,
telogen 90, kenogen 0.1 × 120 = 12 days (only one cycle in ten has a kenogen). The mean cycle is
500 + 14 + 90 + 12 = 616 days. So anagen 500/616 ≈ 81.2 %, catagen 2.3 %, telogen 90/616 ≈ 14.6 %,
kenogen 1.9 %. Each follicle sheds one club hair per cycle, so 100,000 follicles shed about
100,000 / 616 ≈ 162 hairs a day, about twice as many as with a 3-year anagen."""),
            ("code", """\
p = hs.presets.healthy()
short = p.replace(anagen_mean_days=500)
theory = hs.steady_state(short)
print(f"theory: anagen {100*theory.anagen:.1f} %, telogen {100*theory.telogen:.1f} %, "
      f"cycle {theory.cycle_days:.0f} days, {theory.shed_per_day:.0f} hairs/day per 100,000")
r_short = hs.simulate(short, n_follicles=20_000, years=5, rng=11)
print(teaching.phase_table(r_short))"""),
            ("markdown", """\
Renewal theory is the exact long-run average; the simulation is one random sample of 20,000
follicles, so its averages differ from theory by a small random amount (of the order of
sqrt(f(1 − f)/N), well under a percentage point here). Note that the simulation starts in the
equilibrium of its *own* cycle, so there is no transient to wait for."""),
        ],
    ),
    (
        "how many hairs fall from *your* scalp?",
        """\
Scalps have about 100,000–150,000 follicles (Halloy et al. 2002), and mean anagen is quoted as
anywhere from 2 to 7 years. Take 120,000 follicles and compute the hairs shed per day for a mean
anagen of 2 years and of 7 years (use `hs.steady_state(..., n_follicles=120_000)`). Does the
folklore "50–100 hairs a day" fall inside your range? Does the range tell you whether the folklore
was *measured*?""",
        [
            ("code", """\
p = hs.presets.healthy()
for years_anagen in (2, 3, 7):
    th = hs.steady_state(p.replace(anagen_mean_days=365 * years_anagen), n_follicles=120_000)
    print(f"mean anagen {years_anagen} y: cycle {th.cycle_days:.0f} days, "
          f"{th.shed_per_day:.0f} hairs shed per day")"""),
            ("markdown", """\
From about 140 hairs a day (2-year anagen) to about 45 (7-year anagen). "50–100 a day" sits
inside that range, but that only shows it is *plausible arithmetic* (follicles ÷ cycle length),
not that anyone counted it. The measured wash counts of Li et al. (2022), 27.9 ± 12.2 hairs per
wash in people without hair loss, are lower: a wash collects only the hairs that come loose
during that wash. The model's number is all club hairs shed in a day, wherever they land."""),
        ],
    ),
    (
        "how big a patch do you need?",
        """\
A trial photographs a small patch of scalp. Using the binomial standard deviation
sqrt(f(1 − f)/N) with f ≈ 0.90, how many follicles N must a patch hold so that its anagen share
is within ±1 percentage point of the scalp's (about 2 standard deviations) on a typical day? How
many cm² is that at 225 follicles per cm²? Check with `teaching.anagen_fluctuations`.""",
        [
            ("markdown", """\
We need 2·sqrt(f(1 − f)/N) ≤ 0.01, so N ≥ 4·f(1 − f)/0.0001 = 4 × 0.09 / 0.0001 ≈ 3,600
follicles, about 16 cm², much more than the 1 cm² (or 5.1 cm²) target areas trials use. So part
of the change a trial measures in a small patch is the hair cycle's own noise."""),
            ("code", """\
p = hs.presets.healthy()
for row in teaching.anagen_fluctuations(p, sizes=(225, 3_600, 22_500), years=5, rng=5):
    print(f"{row['n_follicles']:>7,} follicles: SD of the anagen share {row['sd_simulated']:.2f} "
          f"points (binomial: {row['sd_binomial']:.2f})")"""),
        ],
    ),
]


def cells():
    c = [
        ("markdown", f"""\
# {TITLE}

Every hair on your head grows from a **follicle**, a tiny organ in the skin that does not grow
hair all the time. It cycles: it grows a hair for years, shrinks, rests, lets the old hair fall,
and starts again. This notebook follows one follicle, then a whole scalp, with the simulator
**hairsim**.

**Learning objectives.** By the end you will be able to

1. name the four phases of the hair cycle and their typical lengths;
2. explain why the share of follicles in a phase equals the mean time spent in it divided by the
   mean cycle length (renewal theory), and check it against a simulation;
3. estimate how many hairs a scalp sheds per day, and compare the "100 hairs a day" folklore with
   measured wash counts;
4. explain why a small patch of follicles fluctuates more than a whole scalp."""),
        *setup_cells(),
        ("markdown", """\
## 1. One follicle's life

The phases, with the durations usually quoted in reviews (science notes of hairsim, §2):

| phase | what happens | typical length | hairsim default |
|---|---|---|---|
| **anagen** | the follicle grows a hair, about 0.3–0.44 mm a day | 2–7 years, about 3 on average | mean 1095 days |
| **catagen** | the follicle regresses | 2–3 weeks | mean 14 days |
| **telogen** | the follicle rests; the old "club" hair stays anchored | about 3 months (2–4) | mean 90 days |
| **kenogen** | the follicle sits empty after the club hair fell, before the next anagen (Rebora & Guarrera, *Dermatology* 2002) | about 4 months; not every cycle | 1 cycle in 10, mean 120 days |

At the end of telogen the club hair is shed. Each duration is random: in hairsim it is drawn from
a lognormal distribution with the mean above and a coefficient of variation (CV), as in the
follicular automaton of Halloy et al. (*PNAS* 2000), where every follicle cycles on its own.
A new hair needs about four weeks (`emergence_days = 28`) to push through the skin."""),
        ("code", """\
p = hs.presets.healthy()
print(hs.presets.describe("healthy"))
print(f"anagen {p.anagen_mean_days} d (CV {p.anagen_cv}), catagen {p.catagen_mean_days} d, "
      f"telogen {p.telogen_mean_days} d, kenogen {p.kenogen_mean_days} d with probability {p.p_kenogen}")"""),
        ("markdown", """\
**Before you run the next cell, predict:** over 10 years, how many times will one follicle shed
its hair? Will four different follicles do it at the same times?"""),
        ("code", """\
teaching.plot_follicle_timeline(p, n_follicles=4, years=10, rng=7)
plt.show()"""),
        ("markdown", """\
Each row is one follicle. The long green bars are anagen; the short orange slivers catagen; blue
is telogen; grey, when it appears, is kenogen. The black line shows when a hair is visible above
the skin, and each red triangle is a club hair falling out. With a mean anagen of three years, a
follicle sheds a hair only every three years or so, and different follicles are completely out
of step with each other. Look closely at the black line after each shed: there is a short gap,
about four weeks, while the follicle is empty and the new hair has not yet emerged."""),
        ("markdown", """\
## 2. From one follicle to a population

Now 20,000 independent follicles, about 89 cm² of scalp. hairsim starts every run at the
population's *steady state*: each follicle is already somewhere in its cycle, as on a real
scalp, so there is no start-up wave.

**Predict:** what share of follicles is in anagen on a given day? Will it change over 5 years?"""),
        ("code", """\
r = hs.simulate(p, n_follicles=20_000, years=5, rng=1)
hs.plot.plot_phases(r)
plt.show()"""),
        ("markdown", """\
### Why is the anagen share so steady? Renewal theory

Pick a moment at random. The chance that a particular follicle is in anagen at that moment is the
share of its life that it spends in anagen. Over many cycles that share is

$$\\text{fraction in phase } i = \\frac{\\text{mean time in phase } i \\text{ per cycle}}{\\text{mean cycle length}}$$

whatever the *shape* of the duration distributions (this is a classic result of renewal theory).
With the defaults: anagen 1095, catagen 14, telogen 90 and kenogen 0.1 × 120 = 12 days per cycle on
average, so the mean cycle is 1211 days and the anagen share is 1095/1211 ≈ 90 %. Reviews quote
85–90 % anagen, 1–2 % catagen and 10–15 % telogen; a histology series of normal scalp found
92.2 / 1.6 / 6.2 %. `hs.steady_state` does this arithmetic; the table compares it with the
simulation's average over 5 years."""),
        ("code", """\
theory = hs.steady_state(p, n_follicles=r.n_follicles)
print(teaching.phase_table(r, theory))"""),
        ("markdown", """\
## 3. How many hairs fall each day?

Each follicle sheds one club hair per cycle, so a population of N follicles sheds on average
N / (mean cycle length) hairs a day: 100,000 / 1211 ≈ 83 for a whole scalp with these defaults.

You may have heard that "we lose 50–100 hairs a day". That figure is folklore: it is the same
arithmetic (about 100,000 follicles × 10 % in telogen ÷ about 100 days), not a measurement. What
*has* been measured is the number of hairs collected in one wash: 27.9 ± 12.2 (mean ± SD) in people
without hair loss, 52.2 ± 28.5 with androgenetic alopecia and 125.5 ± 62.7 with telogen effluvium
(Li et al., *Clin Cosmet Investig Dermatol* 2022, 176 people).

**Predict:** for a whole scalp of 100,000 follicles, how much does the number shed vary from one
day to the next?"""),
        ("code", """\
scalp = hs.simulate(p, n_follicles=100_000, years=1, rng=2)
shed = scalp.shed[1:]
print(f"hairs shed per day over one year: mean {shed.mean():.1f}, SD {shed.std():.1f}, "
      f"range {shed.min()}–{shed.max()}")
print(f"renewal theory: {hs.steady_state(p, n_follicles=100_000).shed_per_day:.1f} per day")
hs.plot.plot_shedding(scalp)
plt.show()"""),
        ("markdown", """\
The simulated scalp sheds about 80 hairs a day with a day-to-day SD of about 9, close to the
square root of the mean, as for independent random events. That is about three times the
27.9 hairs of an average measured wash. The two numbers answer different questions: the model
counts *every* club hair shed in a day, wherever it falls; a wash count collects the hairs that
come loose in the shower. Neither is wrong, but only one of them was measured, and it was not
the "100 a day"."""),
        ("markdown", """\
## 4. Small and large populations

Halloy et al. (*J Theor Biol* 2002) showed that a population of independent stochastic follicles
follows the deterministic "mean-field" curve more and more closely as it grows, while small
populations fluctuate. At about 225 follicles per cm², 225 follicles are a 1 cm² patch, the size
of the target areas photographed in many trials.

**Predict:** which line will wobble most, and by roughly how many percentage points?"""),
        ("code", """\
teaching.plot_population_sizes(p, sizes=(225, 2_250, 22_500), years=5, rng=3)
plt.show()
for row in teaching.anagen_fluctuations(p, sizes=(225, 2_250, 22_500), years=5, rng=3):
    print(f"{row['n_follicles']:>7,} follicles: SD of the daily anagen share {row['sd_simulated']:.2f} "
          f"percentage points (binomial formula: {row['sd_binomial']:.2f})")"""),
        ("markdown", """\
The wobble shrinks like 1/√N: ten times more follicles, about three times less noise. For a
1 cm² patch the anagen share moves by one to two percentage points, just from the cycle itself.
(The simulated SDs are a little below the binomial formula because the share drifts slowly: in
5 years each follicle completes only one or two cycles, so one run does not see all the
variation the formula describes.) Remember this when you read that a treatment changed a small patch by a few
percent."""),
        *exercise_cells(STEM, EXERCISES),
        ("markdown", """\
## Things to try

- Set `anagen_cv` to 0.1 and to 1.0 with `p.replace(...)`: does the *average* anagen share change?
  (Renewal theory says it should not. Does the simulation agree?)
- Set `p_kenogen` to 0.5: how do the phase shares and the shedding change?
- The defaults give about 7 % of follicles in telogen, below the 10–15 % quoted in reviews but
  above the 6.2 % of the histology series. Which `telogen_mean_days` would give 12 %? What would
  that do to the daily shedding?
- Draw 10 follicle timelines with a 1-year anagen. What does the scalp look like?
- Simulate 225 follicles for 20 years with two different seeds and compare."""),
        ("markdown", """\
## Assumptions and limits

- **Hard-coded constants** (hairsim's healthy defaults): mean anagen 1095 days (CV 0.45), catagen
  14 days (CV 0.2), telogen 90 days (CV 0.35), kenogen 120 days (CV 0.5) after 1 cycle in 10,
  `emergence_days` 28, 225 follicles per cm², hair diameter 70 µm. They sit inside the ranges
  quoted in reviews; they are not one person's measurements. This notebook adds its own
  choices: 20,000 follicles, 5 years and the seeds in each cell.
- Durations are lognormal and follicles are independent (Halloy et al. 2000). Mouse and rabbit
  follicles signal to their neighbours (Plikus et al. 2008, 2011); adult human scalp follicles
  appear to cycle autonomously, and hairsim has no coupling.
- No seasons, no ageing, no exogen as a separate phase (shedding is an event at the end of
  telogen), no hair length or breakage.
- "Hairs shed per day" in the model counts every club hair; a wash count collects only part of
  them, so the two are not directly comparable."""),
    ]
    return c
