"""Notebook 06: a virtual randomized trial — why controls matter, and how big a trial must be."""

from _common import (GLOSSARY_NOTE, HYPOTHETICAL_NOTE, Exercise, closing_cells, explain, figure,
                     objectives_md, predict, setup_cells)

FILENAME = "06_virtual_trial.ipynb"
STEM = "06_virtual_trial"
TITLE = "A virtual clinical trial: controls, noise and sample size"

OBJECTIVES = [
    "read a trial's table: change from baseline per arm (mean, SD), the difference between arms "
    "with its 95 % confidence interval, and the p-value;",
    "explain why a before/after reading of a treated group is not evidence of efficacy (placebo "
    "response, regression to the mean, counting drift) and what a control arm removes;",
    "see how the same true effect is found or lost depending on the number of participants and the "
    "length of the trial (power);",
    "judge whether a small, short, uncontrolled study could show what the article says.",
]

GUIDE = {
    "minutes": "60 minutes (the power curve takes about 10 seconds to run)",
    "prior": "Notebooks 01 and 03 (noise in a small patch; the hypothetical example). Mean and "
             "standard deviation. The glossary entries on placebo, randomized trial, confidence "
             "interval, p-value and power.",
    "demo": [
        "Before section 1, ask: untreated AGA loses hair. Will the placebo arm's count go up or down?",
        "Run the report and read one row aloud, column by column, with the glossary open.",
        "Run section 4 and put the two 12-person readings side by side: which one was 'nothing at all'?",
    ],
    "misconceptions": [
        ('"Before/after proves it works."',
         "The placebo arm also 'improves' (placebo response, regression to the mean, counting "
         "drift); only the difference from a randomized control measures the treatment."),
        ('"Not significant means it does not work."',
         "A trial with little power misses real effects most of the time; look at the confidence "
         "interval, which is wide when the trial is small."),
        ('"p < 0.05 means a 95 % chance that it works."',
         "The p-value is how often chance alone would give such a difference if the treatment did "
         "nothing; it is not the probability that the treatment works."),
    ],
    "discussion": [
        "Why do people on placebo 'grow' hair in trials?",
        "Which would you trust more: 300 before/after photos, or a randomized trial of 40 people? Why?",
        "How many people would a trial of an exosome product need, and for how long?",
    ],
}

# Runs of the notebook that the exercises and the solutions reuse (small, so it runs in seconds).
PREAMBLE = [
    ("code", """\
population = hs.presets.aga_moderate()
stim = hs.examples.minoxidil_like()          # a HYPOTHETICAL example, not a drug model
arms = {"placebo": None, "stimulation": stim}
trial = hs.run_trial(population, arms, n_per_arm=60, weeks=[0, 8, 16, 24, 48], rng=1)"""),
]

EXERCISES = [
    Exercise(
        "a bigger target area",
        """\
Olsen et al. 2002 counted hairs in a 1 cm² area; finasteride trials (Kaufman 1998) counted a
1-inch circle of 5.1 cm² (`hs.trial.CIRCLE_CM2`). Re-run the trial of section 1 with
`area_cm2=hs.trial.CIRCLE_CM2`, with 200 people per arm in both (with 60, the SD itself is
uncertain by about ± 2 hairs/cm²). Predict first: does the SD of the change shrink by √5.1 ≈ 2.3?
Why or why not?""",
        [
            ("code", """\
square = hs.run_trial(population, arms, n_per_arm=200, weeks=[0, 48], rng=1)
circle = hs.run_trial(population, arms, n_per_arm=200, weeks=[0, 48], rng=1,
                      area_cm2=hs.trial.CIRCLE_CM2)
for name, t in [("1 cm²", square), ("5.1 cm² circle", circle)]:
    sd = t.change("placebo", 48).std(ddof=1)
    print(f"{name:>15}: SD of the placebo arm's change at week 48 = {sd:.1f} hairs/cm²")"""),
            ("markdown", """\
The SD barely moves. A bigger area averages away the *hair cycle's own* randomness (which
follicles happen to shed), but that was never the main part of the spread. Most of it comes
from differences between people (how fast each one's AGA progresses) and from the counting
error, which in hairsim is a share of the count (`count_cv`) and so does not shrink with area.
Bigger areas help less than more people."""),
        ],
        'No: the SD at week 48 barely shrinks (the solution prints both); most of the spread comes from differences between people and from a counting error proportional to the count, not from which follicles happen to shed, so a bigger area helps less than more people.',
    ),
    Exercise(
        "no placebo response",
        """\
Set `placebo_response_per_cm2=0` and re-run the trial of section 1 with the same seed. Which
numbers of the report change, and which stay exactly the same? Explain.""",
        [
            ("code", """\
no_placebo = hs.run_trial(population, arms, n_per_arm=60, weeks=[0, 8, 16, 24, 48], rng=1,
                          placebo_response_per_cm2=0)
print(no_placebo.report())
print()
print(trial.report())"""),
            ("markdown", """\
Every before/after number moves (the placebo arm now *declines*, as untreated AGA does), while
the difference between the arms, its confidence interval and its p-value are identical: the
same people, the same counts, and a shift that every arm shares cancels in the comparison.
That is what a control arm is for."""),
        ],
        'Every before/after number moves down (the placebo arm now declines, as untreated AGA does); the difference between arms, its confidence interval and its p-value are exactly the same.',
    ),
    Exercise(
        "not everyone responds",
        """\
Let only half of the *people* be able to respond at all (`responder_share=0.5`). Use 300 people per
arm so that the noise does not hide the answer. Compare the stimulation arm's mean change and its
SD at week 48 with everyone able to respond. What does the average hide?""",
        [
            ("code", """\
for share in (1.0, 0.5):
    t = hs.run_trial(population, arms, n_per_arm=300, weeks=[0, 48], rng=1, responder_share=share)
    ch = t.change("stimulation", 48)
    print(f"responder_share {share:.0%}: stimulation arm {ch.mean():+.1f} hairs/cm² (SD {ch.std(ddof=1):.1f}); "
          f"difference vs placebo {t.compare('stimulation', 48)['diff']:+.1f} "
          f"(the scalps themselves: {t.true_change('stimulation', 48).mean() - t.true_change('placebo', 48).mean():+.1f})")"""),
            ("markdown", """\
The gain over placebo is roughly halved. A trial's mean can be the same for "everyone gains a
little" and "some gain a lot, the rest nothing"; only the individual data (the dots of the
endpoint plot) or a pre-specified responder analysis can tell them apart. hairsim's default
already lets people differ in how much of their scalp responds (`response_spread=1`: each person
responds with all follicles or none, with the example's 60 % chance), because Olsen 2002's
treated arm varied more than its placebo arm (SD 25.4 vs 21.7 hairs/cm²)."""),
        ],
        "With half the people able to respond the gain over placebo is roughly halved and the treated arm's SD grows; a mean cannot tell 'everyone a little' from 'some a lot, the rest nothing'.",
    ),
    Exercise(
        "how many people for 80 % power at week 16?",
        """\
Use `hs.power_curve` with endpoint weeks 16 and 48 and sizes 10, 20, 40, 80, 160 per arm (use
`n_trials=50` to keep it quick). Roughly how many participants per arm give 80 % power at each
endpoint? Why is the earlier endpoint harder?""",
        [
            figure("""\
pc = hs.power_curve(population, arms, n_per_arm=[10, 20, 40, 80, 160], weeks=[16, 48], n_trials=50,
                    rng=3)
with hs.plot.projector():
    pc.plot()
    plt.show()""", """\
Power in % against participants per arm (10 to 160, log scale) for endpoints at weeks 16 and 48,
with error bars, a dashed 80 % target line and a dotted 5 % line: both curves rise with the
number of people, the week-48 curve above the week-16 one."""),
            ("code", """\
for row in pc.rows():
    print(f"week {row['week']:>4.0f}, {row['n_per_arm']:>3} per arm: power {row['power']:.0%} "
          f"(± {row['se']:.0%})")
for i, week in enumerate(pc.weeks):
    power = np.asarray(pc.power[i])
    n = np.asarray(pc.n_per_arm, dtype=float)
    above = np.flatnonzero(power >= 0.8)
    if above.size == 0:
        print(f"week {week:g}: below 80 % even with {n[-1]:.0f} per arm")
    elif above[0] == 0:
        print(f"week {week:g}: 80 % power already with {n[0]:.0f} per arm")
    else:
        k = above[0]   # interpolate on a log scale between the two sizes around 80 %
        f = (0.8 - power[k - 1]) / (power[k] - power[k - 1])
        print(f"week {week:g}: about {np.exp(np.log(n[k - 1]) + f * np.log(n[k] / n[k - 1])):.0f} "
              f"participants per arm for 80 % power")"""),
            ("markdown", """\
The last two lines answer the question: the number of participants per arm at which each curve
crosses 80 % (read between the simulated sizes, on the log scale of the plot). The effect grows
over the first months (new hairs need weeks to emerge, and to be counted they must be thick
enough), while the noise does not shrink, so the earlier endpoint needs more people for the same
power. With 50 simulated trials per point, each power has a standard error of up to 7 percentage
points: read the curve, not the last digit."""),
        ],
        "The solution prints where each curve crosses 80 %: with this version's numbers a few tens of people per arm at week 48 and clearly more at week 16 (the effect is still small at week 16 while the noise is not).",
    ),
]


THINGS_TO_TRY = """\
* Change the seed (`rng=`) of the 12-person study a few times. How often does "nothing at all"
  look like a success?
* Add a third arm with a weaker stimulation (`stim.replace(wake=stim.wake / 2)`) and compare all
  three with `print(trial.report())`.
* Stop the stimulation at week 24 (`treatment_weeks=24, follow_up_weeks=24`) and add visits at
  weeks 36 and 48: what happens after stopping?
* Make the counting perfect (`count_cv=0`) or people identical (`density_cv=0, severity_cv=0`).
  Which part of the SD goes away?
* Run a large trial with a `concurrent.futures.ProcessPoolExecutor` (`executor=`): the result is
  the same as in-process, only faster."""

LIMITS = """\
* **The stimulation is hypothetical.** `minoxidil_like()` reproduces the *shape* and the size of a
  published trial's result; it is not a model of minoxidil, of exosomes or of any product.
* **The placebo response is one number**, added to every arm with a smooth time course. Real
  vehicle effects, regression to the mean and counting drift are separate mechanisms that hairsim
  does not model; the number is calibrated to Olsen 2002's placebo arm.
* **People differ in a few ways only**: follicle density (lognormal, CV `density_cv`), AGA severity
  (years since onset and share of susceptible follicles, CV `severity_cv`), whether they can respond
  at all (`responder_share`) and how much of their scalp responds (`response_spread`). Age, sex,
  hormones, adherence and drop-outs are not modelled.
* **Counting error** is independent at each visit, a fixed share (`count_cv`) of the count. Real
  photographic counts also have systematic errors.
* **Statistics**: Welch's t-test and its confidence interval, one endpoint at a time, no
  correction for looking at many visits or many arms, no adjustment for baseline.
* The calibrated settings (`placebo_response_per_cm2`, `count_cv`, `response_spread`; with
  `severity_cv` and `density_cv` set by judgement) were chosen so that an Olsen-sized trial
  reproduces Olsen 2002's placebo and 5 % arms (means and SDs) within their standard errors
  (`docs/virtual_trial.md`); other trials and populations may need other values."""


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

A popular article on stem-cell "exosomes" for hair loss says that "studies demonstrate efficacy".
Many of the studies behind such claims have **no control arm**: they photograph the scalp before
and after, and report the difference. In this notebook you run randomized trials on simulated
people, and see why that is not enough.

{HYPOTHETICAL_NOTE}

The example stimulation, `hs.examples.minoxidil_like()`, is tuned so that its time course looks
like the published minoxidil trials (Olsen et al. 2002); it is still a what-if, not a model of
minoxidil or of anything else.

{objectives_md(OBJECTIVES)}

{GLOSSARY_NOTE}"""),
        *setup_cells(),
        ("markdown", """\
## 1. A randomized trial in one call

Each simulated participant is a 1 cm² patch of their own scalp, simulated follicle by follicle with
`hs.simulate`. People differ: their follicle density, how far and how fast their androgenetic
alopecia (AGA) progresses, and how much of their scalp responds to the stimulation. At
each visit the hairs in the patch are counted, with a counting error. Participants are assigned
at random to an arm: placebo (vehicle only) or the hypothetical stimulation."""),
        predict("""\
**Predict:** untreated AGA loses hair every year. Over 48 weeks, will the *placebo* arm's counted
hairs go down, stay the same or go up?""",
                "Up, a little (about +4 hairs/cm² at 48 weeks, as in Olsen 2002's placebo arm): "
                "trials see a placebo response, regression to the mean and counting drift that "
                "outweigh a year of slow AGA."),
        *PREAMBLE,
        ("code", """\
print(trial.report(weeks=[16, 48]))"""),
        ("markdown", """\
How to read the table, row by row:

* **mean, SD**: the change from baseline in non-vellus hairs per cm² in that arm: its average and
  how much it varies from person to person. Published trials report exactly these (Olsen 2002,
  48 weeks: placebo +3.9, SD 21.7; 5 % minoxidil +18.6, SD 25.4).
* **before/after alone**: what you would report if you had *only this arm*: the mean change in
  percent of the baseline, and the p-value of "did it change at all?".
* **vs placebo**: the randomized comparison: the difference between the arms' mean changes, its
  95 % confidence interval and Welch's t-test p-value.

**Question.** Look at the placebo arm's own before/after reading and its p-value. What would an
uncontrolled study of the placebo have concluded?"""),
        explain("*Your answer:* …"),
        figure("""\
with hs.plot.projector():
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(15, 5.5), layout="constrained")
    trial.plot_trajectories(ax=ax1, show_people=5)
    trial.plot_endpoints(ax=ax2)
    plt.show()""", """\
Left: the mean change in counted hairs per cm² of each arm at each visit, with a shaded band of
± 1 SD and five thin lines of single participants; the stimulation arm's mean rises above the
placebo arm's. Right: one dot per participant's change at week 48, in two overlapping clouds,
with each arm's mean and 95 % confidence interval in black.""", key=True),
        ("markdown", """\
On the left, each arm's mean change with a band of ± 1 SD (thin lines: five participants each).
On the right, every participant's change at week 48. The arms overlap a lot: many people on
placebo "gained" more than many on the stimulation. The difference is in the averages, and only
a large enough trial can see it.

## 2. The same data, read two ways

Why does the placebo arm go *up*, when untreated AGA loses hair (about 5–10 % of density a
year)? Trials see a placebo (vehicle) response: the vehicle itself, the care of being in a trial,
**regression to the mean** (people enrol when their hair looks worst) and **counting drift**
(assessors get better at finding hairs in the same patch). hairsim does not pretend to model these
mechanisms. It adds one documented, trial-level number to every arm, `placebo_response_per_cm2`,
reached with a time constant of `placebo_weeks`; its default is chosen so that the placebo arm
matches Olsen 2002 (+3.9 hairs/cm² at 48 weeks). Here are the trial's settings and what the
simulated scalps themselves did:"""),
        figure("""\
s = trial.settings
print(f"placebo response: {s.placebo_response_per_cm2:+.1f} hairs/cm² at plateau, "
      f"time constant {s.placebo_weeks:g} weeks; counting error {s.count_cv:.0%} of the count")
for arm in trial.arms:
    print(f"{arm:>12}: counted change {trial.change(arm, 48).mean():+5.1f}, "
          f"the scalps' own change {trial.true_change(arm, 48).mean():+5.1f} hairs/cm² at week 48")

with hs.plot.projector():
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(15, 5.5), sharey=True, layout="constrained")
    trial.plot_trajectories(ax=ax1, band="ci")
    ax1.set_title("What the trial counted (change in hairs/cm²; band: 95 % CI)")
    trial.plot_trajectories(ax=ax2, band="ci", true=True)
    ax2.set_title("What the simulated scalps did (hairs/cm²)")
    plt.show()""", """\
Two panels with the same vertical axis. Left, what the trial counted: both arms' mean changes go
up, the stimulation arm more. Right, what the simulated scalps did: the placebo arm goes down
(AGA goes on) and the stimulation arm stays higher than the placebo arm by about the same gap.""",
               key=True),
        ("code", """\
naive = trial.naive("stimulation", 48)
controlled = trial.compare("stimulation", 48)
print(f"Uncontrolled reading: the stimulation group gained {naive['mean']:+.1f} hairs/cm² "
      f"({naive['pct']:+.1f} %), p = {naive['p']:.2g}.")
print(f"Controlled reading:   stimulation minus placebo = {controlled['diff']:+.1f} hairs/cm² "
      f"(95 % CI {controlled['ci_low']:+.1f} to {controlled['ci_high']:+.1f}), p = {controlled['p']:.2g}.")"""),
        ("markdown", """\
Both readings come from the *same* participants and the *same* counts. The uncontrolled one
credits the stimulation with everything that happened to the group, including the placebo
response that the placebo arm shows just as well. The controlled one subtracts what happened to
comparable people who got no stimulation. Here the stimulation does have an effect (we built it
in), and a trial of this size usually finds it, with an honest interval around it.

## 3. Shrink the trial until the effect is lost in the noise

Same population, same hypothetical stimulation, fewer people. Watch the confidence interval
widen until it includes 0."""),
        predict("""\
**Predict:** with how many people per arm (60, 30, 15, 8 or 4) will the trial stop finding the
effect (p ≥ 0.05)?""",
                "Somewhere around 15 or fewer per arm the interval starts to include 0, but it is a "
                "roll of the dice: one trial per size can find or miss the effect by chance, which "
                "is why power is defined over many trials."),
        ("code", """\
for n in (60, 30, 15, 8, 4):
    t = hs.run_trial(population, arms, n_per_arm=n, weeks=[0, 48], rng=7)
    c = t.compare("stimulation", 48)
    verdict = "effect found" if c["p"] < 0.05 else "not distinguishable from placebo"
    print(f"{n:>3} per arm: difference {c['diff']:+6.1f} hairs/cm², 95 % CI [{c['ci_low']:+6.1f}, "
          f"{c['ci_high']:+6.1f}], p = {c['p']:.3f}  -> {verdict}")"""),
        ("markdown", """\
One trial per size is a single roll of the dice. The **power** of a design is the share of
trials of that design that would find the effect. `hs.power_curve` runs many trials per size (here
100, so each point has a standard error of up to 5 percentage points: read the trend, not the
digits) and for two trial lengths."""),
        figure("""\
pc = hs.power_curve(population, arms, n_per_arm=[5, 10, 20, 40], weeks=[16, 48],
                    n_trials=100, rng=3)
with hs.plot.projector():
    pc.plot()
    plt.show()""", """\
Power in % against participants per arm (5 to 40, log scale) for endpoints at weeks 16 and 48,
with error bars, a dashed line at the 80 % target and a dotted line at 5 %, the share of trials
that would find an effect by chance if there were none: both curves rise with the number of
people, the week-48 curve higher.""", key=True),
        ("markdown", """\
**Question.** A trial with too little power that finds "no significant difference" has not shown
that the stimulation does nothing. What *has* it shown?"""),
        explain("*Your answer:* …"),
        ("markdown", """\
## 4. Could a small, short, uncontrolled study show what the article says?

Many of the reports behind such claims are small uncontrolled series: hairsim's science notes list
several, of 8 to 300 patients, reporting gains within 3–6 weeks and no control group. Let us run a
study of that kind: 12 people, photographed before and six weeks after, no control group; once
with the hypothetical stimulation, and once with **nothing at all**."""),
        predict("""\
**Predict:** will the 12-person, 6-week before/after study with *nothing at all* look like a
success, a failure, or something you cannot tell apart from the stimulation?""",
                "You cannot tell them apart: both readings mix the placebo response, the counting "
                "noise and what the follicles did, and their confidence intervals are many hairs "
                "wide; at week 6 even the stimulation has barely acted."),
        ("code", """\
for label, arm in [("hypothetical stimulation", stim), ("nothing at all (vehicle only)", None)]:
    study = hs.run_trial(population, {"treated": arm}, n_per_arm=12, weeks=[0, 6], rng=12)
    r = study.naive("treated", 6)
    print(f"{label:>30}: {r['mean']:+5.1f} hairs/cm² ({r['pct']:+5.1f} %), "
          f"95 % CI [{r['ci_low']:+.1f}, {r['ci_high']:+.1f}], p = {r['p']:.2f}")

six = hs.run_trial(population, arms, n_per_arm=200, weeks=[0, 6], rng=6)
print(f"\\nWith 200 per arm and a control: stimulation minus placebo at week 6 = "
      f"{six.compare('stimulation', 6)['diff']:+.1f} hairs/cm²; the simulated scalps themselves changed by "
      f"{six.true_change('stimulation', 6).mean() - six.true_change('placebo', 6).mean():+.1f} hairs/cm² "
      f"relative to placebo.")"""),
        explain(),
        ("markdown", """\
Two lessons. First, with 12 people and no control, "nothing at all" and the stimulation give
before/after numbers that are hard to tell apart: each reading mixes the placebo response, the
counting noise and whatever the follicles did, and its confidence interval is many hairs wide.
Second, six weeks leaves the hair cycle little time: a new hair needs about four weeks from the
start of anagen to emerge (hairsim's `emergence_days`), so only follicles woken in the first two
weeks can show a new hair by week 6, and it must be thick enough to count. Even a large
hypothetical effect has barely begun. Look at the 200-per-arm controlled trial's week-6
difference, and at what the scalps themselves did: waking resting follicles first sheds their
club hairs, and the new hairs are not out yet. Notebook 03b (`03b_stimulation_time_course.ipynb`)
shows that, on scalps like those in trials (moderate AGA), no setting of the knobs gives a claim
like "+70 % in six weeks". A report of large gains after six weeks in a small uncontrolled series
is evidence about the study design (photographs, counting, who was included), not about the
follicles."""),
        *closing_cells(STEM, EXERCISES, THINGS_TO_TRY, LIMITS),
    ]
