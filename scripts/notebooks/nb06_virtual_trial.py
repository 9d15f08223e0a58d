"""Notebook 06: a virtual randomized trial — why controls matter, and how big a trial must be."""

from _common import HYPOTHETICAL_NOTE, exercise_cells, setup_cells

FILENAME = "06_virtual_trial.ipynb"
STEM = "06_virtual_trial"
TITLE = "A virtual clinical trial: controls, noise and sample size"

# Runs of the notebook that the exercises and the solutions reuse (small, so it runs in seconds).
PREAMBLE = [
    ("code", """\
population = hs.presets.aga_moderate()
stim = hs.examples.minoxidil_like()          # a HYPOTHETICAL example, not a drug model
arms = {"placebo": None, "stimulation": stim}
trial = hs.run_trial(population, arms, n_per_arm=60, weeks=[0, 8, 16, 24, 48], rng=1)"""),
]

EXERCISES = [
    (
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
    ),
    (
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
    ),
    (
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
    ),
    (
        "how many people for 80 % power at week 16?",
        """\
Use `hs.power_curve` with endpoint weeks 16 and 48 and sizes 10, 20, 40, 80, 160 per arm (use
`n_trials=50` to keep it quick). Roughly how many participants per arm give 80 % power at each
endpoint? Why is the earlier endpoint harder?""",
        [
            ("code", """\
pc = hs.power_curve(population, arms, n_per_arm=[10, 20, 40, 80, 160], weeks=[16, 48], n_trials=50,
                    rng=3)
pc.plot()
plt.show()
for row in pc.rows():
    print(f"week {row['week']:>4.0f}, {row['n_per_arm']:>3} per arm: power {row['power']:.0%} "
          f"(± {row['se']:.0%})")"""),
            ("markdown", """\
The effect grows over the first months (new hairs need weeks to emerge, and to be counted they
must be thick enough), while the noise does not shrink, so the earlier endpoint needs more
people for the same power. With 50 simulated trials per point, each power has a standard error
of up to 7 percentage points: read the curve, not the last digit."""),
        ],
    ),
]


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

A popular article on stem-cell "exosomes" for hair loss says that "studies demonstrate efficacy".
Most of the studies behind such claims have **no control arm**: they photograph the scalp before
and after, and report the difference. In this notebook you run randomized trials on simulated
people, and see why that is not enough.

{HYPOTHETICAL_NOTE}

The example stimulation, `hs.examples.minoxidil_like()`, is tuned so that its time course looks
like the published minoxidil trials (Olsen et al. 2002); it is still a what-if, not a model of
minoxidil or of anything else.

**Learning objectives.** By the end you will be able to

1. read a trial's table: change from baseline per arm (mean, SD), the difference between arms with
   its 95 % confidence interval, and the p-value;
2. explain why a before/after reading of a treated group is not evidence of efficacy (placebo
   response, regression to the mean, counting drift) and what a control arm removes;
3. see how the same true effect is found or lost depending on the number of participants and the
   length of the trial (power);
4. judge whether a 6-week, 12-person uncontrolled study could show what the article says."""),
        *setup_cells(),
        ("markdown", """\
## 1. A randomized trial in one call

Each simulated participant is a 1 cm² patch of their own scalp, simulated follicle by follicle with
`hs.simulate`. People differ: their follicle density, how far and how fast their androgenetic
alopecia (AGA) progresses, and how much of their scalp responds to the stimulation. At
each visit the hairs in the patch are counted, with a counting error. Participants are assigned
at random to an arm: placebo (vehicle only) or the hypothetical stimulation."""),
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
        ("code", """\
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.2))
trial.plot_trajectories(ax=ax1, show_people=5)
trial.plot_endpoints(ax=ax2)
plt.tight_layout()
plt.show()"""),
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
        ("code", """\
s = trial.settings
print(f"placebo response: {s.placebo_response_per_cm2:+.1f} hairs/cm² at plateau, "
      f"time constant {s.placebo_weeks:g} weeks; counting error {s.count_cv:.0%} of the count")
for arm in trial.arms:
    print(f"{arm:>12}: counted change {trial.change(arm, 48).mean():+5.1f}, "
          f"the scalps' own change {trial.true_change(arm, 48).mean():+5.1f} hairs/cm² at week 48")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.2), sharey=True)
trial.plot_trajectories(ax=ax1, band="ci")
ax1.set_title("what the trial counted (band: 95 % CI)")
trial.plot_trajectories(ax=ax2, band="ci", true=True)
ax2.set_title("what the simulated scalps did")
plt.tight_layout()
plt.show()"""),
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
        ("code", """\
pc = hs.power_curve(population, arms, n_per_arm=[5, 10, 20, 40], weeks=[16, 48],
                    n_trials=100, rng=3)
pc.plot()
plt.show()"""),
        ("markdown", """\
**Question.** A trial with too little power that finds "no significant difference" has not shown
that the stimulation does nothing. What *has* it shown?

## 4. Could a 6-week, 12-person uncontrolled study show what the article says?

The article's evidence is of this kind: a dozen or so people, photographed before and about six
weeks after a series of sessions, no control group. Let us run exactly that study: once with the
hypothetical stimulation, and once with **nothing at all**."""),
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
        ("markdown", """\
Two lessons. First, with 12 people and no control, "nothing at all" and the stimulation give
before/after numbers that cannot be told apart: each reading mixes the placebo response, the
counting noise and whatever the follicles did, and its confidence interval is many hairs wide.
Second, six weeks leaves the hair cycle little time: a new hair needs about four weeks from the
start of anagen to emerge (hairsim's `emergence_days`), so only follicles woken in the first two
weeks can show a new hair by week 6, and it must be thick enough to count. Even a large
hypothetical effect has barely begun. The 200-per-arm controlled trial shows that at week 6 the example's effect on
counted hairs is nil or even negative: waking resting follicles first sheds their club hairs,
and the new hairs are not out yet.
Notebook 03 shows that, on scalps like those in trials (moderate AGA), no setting of the knobs gives +70 % in six weeks. A report of large gains
after six weeks in a small uncontrolled series is evidence about the study design (photographs,
counting, who was included), not about the follicles.

## Things to try

* Change the seed (`rng=`) of the 12-person study a few times. How often does "nothing at all"
  look like a success?
* Add a third arm with a weaker stimulation (`stim.replace(wake=stim.wake / 2)`) and compare all
  three with `print(trial.report())`.
* Stop the stimulation at week 24 (`treatment_weeks=24, follow_up_weeks=24`) and add visits at
  weeks 36 and 48: what happens after stopping?
* Make the counting perfect (`count_cv=0`) or people identical (`density_cv=0, severity_cv=0`).
  Which part of the SD goes away?
* Run a large trial with a `concurrent.futures.ProcessPoolExecutor` (`executor=`): the result is
  the same as in-process, only faster.

## Assumptions and limits

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
  (`docs/virtual_trial.md`); other trials and populations may need other values."""),
        *exercise_cells(STEM, EXERCISES),
    ]
