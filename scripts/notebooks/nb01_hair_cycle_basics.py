"""Notebook 01: the hair cycle, from one follicle to a population."""

from _common import (GLOSSARY_NOTE, Exercise, closing_cells, explain, figure, objectives_md, predict,
                     setup_cells)

FILENAME = "01_hair_cycle_basics.ipynb"
STEM = "01_hair_cycle_basics"
TITLE = "The hair cycle: from one follicle to a scalp"

OBJECTIVES = [
    "name the four phases of the hair cycle and their typical lengths;",
    "explain why the share of follicles in a phase equals the mean time spent in it divided by the "
    "mean cycle length (renewal theory), and check it against a simulation;",
    "estimate how many hairs a scalp sheds per day, and compare the \"100 hairs a day\" saying with "
    "measured wash counts;",
    "explain why a small patch of follicles fluctuates more than a whole scalp.",
]

GUIDE = {
    "minutes": "45–60 minutes (about 35 without the exercises)",
    "prior": "Percentages and averages; that hair grows from follicles in the skin. No programming: "
             "students run cells and read the printouts.",
    "demo": [
        "Project the table of section 1 and ask: if anagen lasts about 3 years and the whole cycle a "
        "bit more, what share of follicles is growing right now? Collect guesses on the board.",
        "Run the follicle timeline (section 1). Point at one row: green for years, a thin orange "
        "and a blue block, a red triangle, then a gap in the black line before the hair is back.",
        "Run section 2. The anagen share is flat: ask why it does not wobble when each follicle "
        "changes phase only every few years. Introduce renewal theory with the printed arithmetic.",
        "Run section 3 and compare the scalp's daily shedding with the measured wash count (27.9).",
    ],
    "misconceptions": [
        ("\"We lose 100 hairs a day, so losing more means balding.\"",
         "The figure is arithmetic, not a measurement; measured wash counts are lower (27.9 ± 12.2 "
         "in people without hair loss, Li et al. 2022), and daily shedding varies with the number "
         "of follicles and the cycle length. Shedding is a rate; baldness is about density."),
        ("\"Hairs grow, fall out and regrow all at the same time.\"",
         "Human scalp follicles cycle independently (Halloy et al. 2000): the timeline rows are out "
         "of step, so the scalp sheds a little every day."),
        ("\"A follicle that has lost its hair is dead.\"",
         "After the shed it is empty for a while (kenogen, or the weeks before the new hair "
         "emerges), then grows a new hair."),
    ],
    "discussion": [
        "Why does a whole scalp look the same from month to month although every follicle changes?",
        "What would you need to measure to check the \"100 hairs a day\" saying properly?",
        "A 1 cm² patch wobbles by a percentage point or two. What does that mean for a study that "
        "photographs one small patch before and after a treatment?",
    ],
}

EXERCISES = [
    Exercise(
        "a shorter anagen, by hand first",
        """\
Suppose every follicle's mean anagen were 500 days instead of the default (everything else
unchanged: print `p` to see catagen, telogen and kenogen).

1. With pencil and paper, use renewal theory to predict the share of follicles in anagen and in
   telogen, and the number of hairs shed per day per 100,000 follicles.
2. Check your answer with `hs.steady_state(p.replace(anagen_mean_days=500))`.
3. Check it again with a simulation of 20,000 follicles. Which of the two checks is exact, and why
   does the other one differ a little?""",
        [
            ("markdown", """\
**By hand.** Add the mean time a follicle spends in each phase per cycle: anagen 500 days, plus
catagen, plus telogen, plus kenogen × its probability (only some cycles have a kenogen). The
share in a phase is its time divided by that sum, and 100,000 follicles shed 100,000 ÷ (mean
cycle) hairs a day, because each follicle sheds one club hair per cycle. The cell does the
arithmetic with the default values and then asks renewal theory and a simulation."""),
            ("code", """\
p = hs.presets.healthy()
kenogen_per_cycle = p.p_kenogen * p.kenogen_mean_days
cycle = 500 + p.catagen_mean_days + p.telogen_mean_days + kenogen_per_cycle
print(f"by hand: cycle = 500 + {p.catagen_mean_days:g} + {p.telogen_mean_days:g} + "
      f"{p.p_kenogen:g} x {p.kenogen_mean_days:g} = {cycle:.0f} days")
print(f"         anagen {100 * 500 / cycle:.1f} %, telogen {100 * p.telogen_mean_days / cycle:.1f} %, "
      f"{100_000 / cycle:.0f} hairs shed per day per 100,000 follicles")
short = p.replace(anagen_mean_days=500)
theory = hs.steady_state(short)
print(f"renewal theory: anagen {100 * theory.anagen:.1f} %, telogen {100 * theory.telogen:.1f} %, "
      f"cycle {theory.cycle_days:.0f} days, {theory.shed_per_day:.0f} hairs/day per 100,000")
r_short = hs.simulate(short, n_follicles=20_000, years=5, rng=11)
print(teaching.phase_table(r_short))"""),
            ("markdown", """\
With a 500-day anagen the cycle is about half as long as with the default, so shedding roughly
doubles and the anagen share drops by several percentage points (compare the printed numbers
with the default's in section 2). Renewal theory is the exact long-run average; the simulation
is one random sample of 20,000 follicles, so its averages differ from theory by a small random
amount, of the order of sqrt(f(1 − f)/N): compare the two columns of the table. The simulation
starts in the equilibrium of its *own* cycle, so there is no transient to wait for."""),
        ],
        "By hand: cycle = 500 + catagen + telogen + p_kenogen × kenogen days (about 606 days with "
        "the defaults of this version), anagen ≈ 82 %, telogen ≈ 13 %, about 165 hairs a day per "
        "100,000 follicles, roughly twice the default. `steady_state` gives the exact long-run values; "
        "the 20,000-follicle simulation differs from them by a fraction of a percentage point "
        "(binomial noise).",
    ),
    Exercise(
        "how many hairs fall from *your* scalp?",
        """\
Scalps have about 100,000–150,000 follicles (Halloy et al. 2002), and mean anagen is quoted as
anywhere from 2 to 7 years. Take 120,000 follicles and compute the hairs shed per day for a mean
anagen of 2 years and of 7 years (use `hs.steady_state(..., n_follicles=120_000)`). Does the
saying "50–100 hairs a day" fall inside your range? Does the range tell you whether anyone
*measured* it?""",
        [
            ("code", """\
p = hs.presets.healthy()
for years_anagen in (2, 3, 7):
    th = hs.steady_state(p.replace(anagen_mean_days=365 * years_anagen), n_follicles=120_000)
    print(f"mean anagen {years_anagen} y: cycle {th.cycle_days:.0f} days, "
          f"{th.shed_per_day:.0f} hairs shed per day")"""),
            ("markdown", """\
The printout gives the range, from the 2-year anagen (most shedding) to the 7-year one (least).
"50–100 a day" sits inside it, but that only shows it is *plausible arithmetic* (follicles ÷
cycle length), not that anyone counted it. The measured wash counts of Li et al. (2022),
27.9 ± 12.2 hairs per wash in people without hair loss, are lower: a wash collects only the
hairs that come loose during that wash. The model's number is all club hairs shed in a day,
wherever they land."""),
        ],
        "About 140 hairs a day with a 2-year anagen and about 45 with a 7-year one (120,000 "
        "follicles). 50–100 lies inside the range, so it is plausible arithmetic, but a range "
        "computed from assumptions is not a measurement; the measured wash counts (27.9 ± 12.2) "
        "are lower.",
    ),
    Exercise(
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
of the change a trial measures in a small patch is the hair cycle's own noise. The cell checks
the formula against simulations of three patch sizes."""),
            ("code", """\
p = hs.presets.healthy()
f = hs.steady_state(p).anagen
n_needed = 4 * f * (1 - f) / 0.01**2
print(f"f = {f:.3f}: N >= {n_needed:,.0f} follicles, {n_needed / p.follicles_per_cm2:.0f} cm²")
for row in teaching.anagen_fluctuations(p, sizes=(225, 3_600, 22_500), years=5, rng=5):
    print(f"{row['n_follicles']:>7,} follicles: SD of the anagen share {row['sd_simulated']:.2f} "
          f"points (binomial: {row['sd_binomial']:.2f})")"""),
        ],
        "N ≥ 4 × 0.9 × 0.1 / 0.01² ≈ 3,600 follicles, about 16 cm² at 225 follicles per cm²: far "
        "more than a trial's 1 cm² (or 5.1 cm²) target area. The simulated SD at 3,600 follicles is "
        "about half a percentage point, as the formula says.",
    ),
]

THINGS_TO_TRY = """\
- Set `anagen_cv` to 0.1 and to 1.0 with `p.replace(...)`: does the *average* anagen share change?
  (Renewal theory says it should not. Does the simulation agree?)
- Set `p_kenogen` to 0.5: how do the phase shares and the shedding change?
- Reviews quote 10–15 % of follicles in telogen; the table of section 2 shows the model's share.
  Which `telogen_mean_days` would give 12 %? What would that do to the daily shedding?
- Draw 10 follicle timelines with a 1-year anagen. What does the scalp look like?
- Simulate 225 follicles for 20 years with two different seeds and compare."""

LIMITS = """\
- **Hard-coded constants**: hairsim's healthy defaults (print `p` to see them: mean anagen,
  catagen, telogen and kenogen durations and their CVs, the share of cycles with a kenogen,
  `emergence_days`, follicles per cm², hair diameter). They sit inside the ranges quoted in
  reviews; they are not one person's measurements. This notebook adds its own choices: 20,000
  follicles, 5 years and the seeds in each cell.
- Durations are lognormal and follicles are independent (Halloy et al. 2000). Mouse and rabbit
  follicles signal to their neighbours (Plikus et al. 2008, 2011); adult human scalp follicles
  appear to cycle autonomously, and hairsim has no coupling.
- No seasons, no ageing, no hair length or breakage.
- "Hairs shed per day" in the model counts every club hair; a wash count collects only part of
  them, so the two are not directly comparable."""


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

Every hair on your head grows from a **follicle**, a tiny organ in the skin that does not grow
hair all the time. It cycles: it grows a hair for years, shrinks, rests, lets the old hair fall,
and starts again. This notebook follows one follicle, then a whole scalp, with the simulator
**hairsim**.

{objectives_md(OBJECTIVES)}

{GLOSSARY_NOTE}"""),
        *setup_cells(),
        ("markdown", """\
## 1. One follicle's life

The phases, with the durations usually quoted in reviews (hairsim's science notes, §2):

| phase | what happens | typical length |
|---|---|---|
| **anagen** | the follicle grows a hair, about 0.3–0.44 mm a day | 2–7 years, about 3 on average |
| **catagen** | the follicle regresses | 2–3 weeks |
| **telogen** | the follicle rests; the old "club hair" stays anchored | about 3 months (2–4) |
| **kenogen** | the follicle sits empty after the club hair fell, before the next anagen (Rebora & Guarrera, *Dermatology* 2002) | about 4 months; not every cycle |

At the end of telogen the club hair is shed (exogen). Each duration is random: in hairsim it is
drawn from a lognormal distribution with a mean and a coefficient of variation (CV), as in the
follicular automaton of Halloy et al. (*PNAS* 2000), where every follicle cycles on its own.
A new hair needs a few weeks to emerge through the skin. The next cell prints hairsim's
defaults for each of these."""),
        ("code", """\
p = hs.presets.healthy()
print(hs.presets.describe("healthy"))
print(f"anagen {p.anagen_mean_days:g} days (CV {p.anagen_cv:g}), catagen {p.catagen_mean_days:g} days, "
      f"telogen {p.telogen_mean_days:g} days, kenogen {p.kenogen_mean_days:g} days in a share "
      f"{p.p_kenogen:g} of cycles; a new hair emerges {p.emergence_days:g} days after anagen starts")"""),
        predict("""\
**Before you run the next cell, predict:** over 10 years, how many times will one follicle shed
its hair? Will four different follicles do it at the same times?""",
                "Two or three times each, sometimes once or four times: one shed per cycle and a "
                "cycle of a little over 3 years on average, with durations that vary a lot. No: "
                "the follicles are completely out of step with each other."),
        figure("""\
with hs.plot.projector():
    teaching.plot_follicle_timeline(p, n_follicles=4, years=10, rng=7)
    plt.show()""", """\
Four rows, one per follicle, over 10 years. Each row is a coloured bar: long green stretches of
anagen, short orange catagen, blue telogen and sometimes grey kenogen. Above the bar, a black line
shows when a hair is visible; each red triangle marks a club hair falling out, and the black line
has a gap after it.""", key=True),
        explain(),
        ("markdown", """\
Each row is one follicle. With a mean anagen of about three years, a follicle sheds a hair only
every three years or so, and different follicles are completely out of step with each other.
Look closely at the black line just after each red triangle: there is a short gap while the
follicle is empty and the new hair has not yet emerged (`emergence_days`, printed above, plus any
kenogen). Count the triangles in each row and compare with your prediction."""),
        ("markdown", """\
## 2. From one follicle to a population

Now 20,000 independent follicles, about 89 cm² of scalp. hairsim starts every run at the
population's steady state: each follicle is already somewhere in its cycle, as on a real
scalp, so there is no start-up wave."""),
        predict("""\
**Predict:** what share of follicles is in anagen on a given day? Will it change over 5 years?""",
                "About 90 % (anagen is about 90 % of the mean cycle), and it stays flat over the 5 "
                "years apart from a tiny wobble: 20,000 independent follicles average out."),
        figure("""\
r = hs.simulate(p, n_follicles=20_000, years=5, rng=1)
with hs.plot.projector():
    hs.plot.plot_phases(r)
    plt.show()""", """\
A stacked area chart over 5 years: the green anagen band fills most of the height and stays
flat; thin orange catagen, blue telogen and grey kenogen bands sit on top of it, also flat.""",
               key=True),
        explain(),
        ("markdown", """\
### Why is the anagen share so steady? Renewal theory

Pick a moment at random. The chance that a particular follicle is in anagen at that moment is the
share of its life that it spends in anagen. Over many cycles that share is

> **share of follicles in a phase = mean time spent in that phase per cycle ÷ mean cycle length**

whatever the *shape* of the duration distributions (this is a classic result of renewal theory).
The mean cycle is anagen + catagen + telogen + kenogen × (the share of cycles that have one).
`hs.steady_state` does this arithmetic; the table compares it with the simulation's average over
5 years. For comparison, reviews quote 85–90 % anagen, 1–2 % catagen and 10–15 % telogen; counts
of normal scalp under the microscope vary with the method and the people (one series often
quoted in reviews, whose original paper we have not traced, found 92.2 / 1.6 / 6.2 %)."""),
        ("code", """\
theory = hs.steady_state(p, n_follicles=r.n_follicles)
print(f"mean cycle from renewal theory: {theory.cycle_days:.0f} days")
print(teaching.phase_table(r, theory))"""),
        ("markdown", """\
## 3. How many hairs fall each day?

Each follicle sheds one club hair per cycle, so a population of N follicles sheds on average
N ÷ (mean cycle length) hairs a day. hairsim always reports shedding per 100,000 follicles,
about one whole scalp.

You may have heard that "we lose 50–100 hairs a day". We could not find a measurement behind
that saying; it matches the same arithmetic (about 100,000 follicles × 10 % in telogen ÷ about
100 days). What *has* been measured is the number of hairs collected in one wash: 27.9 ± 12.2
(mean ± SD) in people without hair loss, 52.2 ± 28.5 with androgenetic alopecia and
125.5 ± 62.7 with telogen effluvium (Li et al., *Clin Cosmet Investig Dermatol* 2022, 176
people)."""),
        predict("""\
**Predict:** for a whole scalp of 100,000 follicles, how much does the number shed vary from one
day to the next: by about 1, 10 or 50 hairs?""",
                "By about 10 (the day-to-day SD is close to the square root of the mean, about 9 "
                "for about 80 hairs a day): independent random events, like raindrops."),
        figure("""\
scalp = hs.simulate(p, n_follicles=100_000, years=1, rng=2)
shed = scalp.shed[1:]
print(f"hairs shed per day over one year: mean {shed.mean():.1f}, SD {shed.std():.1f} "
      f"(square root of the mean: {shed.mean() ** 0.5:.1f}), range {shed.min()}–{shed.max()}")
print(f"renewal theory: {hs.steady_state(p, n_follicles=100_000).shed_per_day:.1f} per day; "
      f"the simulated mean is {shed.mean() / 27.9:.1f} times an average measured wash (27.9 hairs)")
with hs.plot.projector():
    hs.plot.plot_shedding(scalp, show_daily=True)
    plt.show()""", """\
Daily shedding of a whole scalp over one year, on an axis from zero: a pale jagged line of each
day's count jumps up and down around a steady level, and a darker 7-day average runs flat through
the middle of it.""", key=True),
        explain(),
        ("markdown", """\
The pale line is each day's count, the dark line its 7-day moving average. Compare the printed
SD with the square root of the mean: they are close, as for independent random events. Compare
the mean with the measured wash count, too. The two numbers answer different questions: the
model counts *every* club hair shed in a day, wherever it falls; a wash count collects the hairs
that come loose in the shower. Neither is wrong, but only one of them was measured, and it was
not the "100 a day"."""),
        ("markdown", """\
## 4. Small and large populations

Halloy et al. (*J Theor Biol* 2002) showed that a population of independent stochastic follicles
follows the deterministic mean-field curve more and more closely as it grows, while small
populations fluctuate. At about 225 follicles per cm², 225 follicles are a 1 cm² patch, the size
of the target areas photographed in many trials."""),
        predict("""\
**Predict:** of a 1 cm² patch (225 follicles), 10 cm² and 100 cm², which line will wobble most,
and by roughly how many percentage points?""",
                "The 1 cm² patch, by one to two percentage points (binomial: sqrt(0.9 × 0.1 / 225) "
                "≈ 2 points); ten times more follicles wobble about three times less."),
        figure("""\
with hs.plot.projector():
    teaching.plot_population_sizes(p, sizes=(225, 2_250, 22_500), years=5, rng=3)
    plt.show()
for row in teaching.anagen_fluctuations(p, sizes=(225, 2_250, 22_500), years=5, rng=3):
    print(f"{row['n_follicles']:>7,} follicles: SD of the daily anagen share {row['sd_simulated']:.2f} "
          f"percentage points (binomial formula: {row['sd_binomial']:.2f})")""", """\
The share of follicles in anagen over 5 years for three patch sizes, with the renewal-theory
value as a dashed line: the 1 cm² line wanders widely around it, the 10 cm² line less, and the
100 cm² line stays close to it.""", key=True),
        explain(),
        ("markdown", """\
The wobble shrinks like 1/√N: ten times more follicles, about three times less noise (compare
the printed SDs). The simulated SDs are a little below the binomial formula because the share
drifts slowly: in 5 years each follicle completes only one or two cycles, so one run does not see
all the variation the formula describes. Remember this when you read that a treatment changed a
small patch by a few percent."""),
        *closing_cells(STEM, EXERCISES, THINGS_TO_TRY, LIMITS),
    ]
