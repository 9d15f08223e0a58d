"""Notebook 03b: a hypothetical stimulation, part 2: its time course, stopping, and the six-week ceiling."""

from _common import (GLOSSARY_NOTE, HYPOTHETICAL_NOTE, Exercise, closing_cells, explain, figure,
                     objectives_md, predict, setup_cells)

FILENAME = "03b_stimulation_time_course.ipynb"
STEM = "03b_stimulation_time_course"
TITLE = "A hypothetical stimulation, part 2: the time course and its limits"
PREVIOUS = "03_hypothetical_stimulation.ipynb"

OBJECTIVES = [
    "predict and explain the time course of a hypothetical stimulation: the early shed, the gain, "
    "the plateau;",
    "say what happens after stopping, and why \"does it last?\" is a knob (`persistence`) and not "
    "a hidden assumption;",
    "compute from the hair cycle's own numbers the largest gain possible in six weeks;",
    "judge a claim of \"+70 % in six weeks\", and explain why a percentage needs its starting "
    "point.",
]

GUIDE = {
    "minutes": "50–60 minutes",
    "prior": "Part 1 (`03_hypothetical_stimulation`): the knobs and the exposure. Percentages of a "
             "starting value; the glossary's emergence and counterfactual.",
    "demo": [
        "Before section 1, ask the class to sketch shedding and density for the first 12 weeks of "
        "a treatment that wakes resting follicles.",
        "Run section 1 and point at weeks 2–8 of the shedding panel, then at the density panel.",
        "Section 3: do the counting and speed limits on the board with the class first, then run "
        "the cell.",
    ],
    "misconceptions": [
        ("\"Stopping makes it worse than before.\"",
         "In the example (persistence 0) density returns to the *untreated course* within about "
         "24 weeks, as minoxidil does in Price et al. 1999: it loses the gain, but AGA underneath "
         "went on all along. Compare with the dashed line, not with day 0."),
        ("\"An early shed means the treatment failed.\"",
         "A waking stimulus pushes out club hairs that would have fallen weeks later; the new hairs "
         "need about four weeks to emerge."),
        ("\"Before/after photos prove it works.\"",
         "Six weeks is too short for the hair cycle to add many hairs; a big before/after gain says "
         "more about photographs, counting and missing controls (section 3 and notebook 06)."),
    ],
    "discussion": [
        "Why does a gain in per cent depend on where you start? Which number should a study report?",
        "If a treatment's effect stops when you stop, is it still worth using? What would you ask?",
        "What would convince you that a \"+70 % in six weeks\" claim is real?",
    ],
}

PREAMBLE = [
    ("code", """\
p = hs.presets.aga_moderate()
s = hs.examples.minoxidil_like()          # a HYPOTHETICAL example, not a drug model
untreated = hs.simulate(p, n_follicles=20_000, years=2, rng=4)
treated = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=s)"""),
]

EXERCISES = [
    Exercise(
        "try to make \"+70 % in 6 weeks\"",
        """\
Choose any knob values allowed by `hs.Stimulation` (wake and extend up to 50, thicken up to 1,
responders 1) and, starting on day 0 on the moderate-AGA scalp `p`, try to raise the non-vellus
density by 70 % at week 6 compared with the untreated run. What is the best you can do? Explain
the result with `teaching.max_possible_gain`.""",
        [
            ("code", """\
best = None
base = hs.simulate(p, n_follicles=20_000, years=0.25, rng=4)
for wake in (0, 5, 50):
    for extend in (0, 50):
        for thicken in (0, 1):
            stim = hs.Stimulation(start_day=0, wake=wake, extend=extend, thicken=thicken)
            r = hs.simulate(p, n_follicles=20_000, years=0.25, rng=4, stimulation=stim)
            gain = 100 * (r.density[42] / base.density[42] - 1)
            if best is None or gain > best[0]:
                best = (gain, wake, extend, thicken)
print(f"best gain at week 6: {best[0]:+.1f} % (wake {best[1]}, extend {best[2]}, thicken {best[3]})")
print(f"ceiling from the cycle's numbers: +{teaching.max_possible_gain(untreated, day=0, weeks=6)['max_gain_percent']:.1f} %")"""),
            ("markdown", """\
Compare the best simulated gain with +70 % and with the ceiling (both printed). Only `wake` can
add hairs quickly, and only by starting new anagens in follicles that were resting; each new hair
then still needs about four weeks to emerge. `extend` keeps hairs that are already there, which
matters over months, not weeks. `thicken` acts on hairs that *start* growing under exposure, and
those are few in six weeks. A before-and-after series reporting +70 % in six weeks on such a
scalp is telling us about something other than the hair cycle: the photographs, the counting, or
the absence of a control group."""),
        ],
        "On moderate AGA the best combination stays far below +70 % at week 6, and below the "
        "ceiling `max_possible_gain` prints (a few tens of % at most, with this version's numbers); "
        "only `wake` adds hairs quickly, and new hairs need about four weeks to emerge.",
    ),
    Exercise(
        "one person's patch",
        """\
A trial photographs a 1 cm² patch (225 follicles). Simulate 20 *untreated* patches of moderate
AGA (`rng=seed` for seed 0 to 19) and count how many show a *gain* over their own start (day 0) at
week 16, with no treatment at all. Then give the same patches the example stimulation (same
seeds) and compare the before/after changes with the true effect (treated minus untreated, same
seed). What does that mean for a person judging a treatment by a before/after photo?""",
        [
            ("code", """\
untreated_change, treated_change, effect = [], [], []
for seed in range(20):
    u = hs.simulate(p, n_follicles=225, years=0.5, rng=seed)
    r = hs.simulate(p, n_follicles=225, years=0.5, rng=seed, stimulation=s)
    untreated_change.append(u.density[16 * 7] - u.density[0])
    treated_change.append(r.density[16 * 7] - r.density[0])
    effect.append(r.density[16 * 7] - u.density[16 * 7])
gains = sum(c > 0 for c in untreated_change)
print(f"untreated patches that 'gained' by week 16: {gains} of 20 "
      f"(changes from {min(untreated_change):+.1f} to {max(untreated_change):+.1f} hairs/cm²)")
print(f"treated patches, before/after: from {min(treated_change):+.1f} to {max(treated_change):+.1f} hairs/cm²")
print(f"the true effect on the same patches: mean {np.mean(effect):+.1f}, "
      f"from {min(effect):+.1f} to {max(effect):+.1f} hairs/cm²")"""),
            ("markdown", """\
The first line counts untreated patches that "improved" with nothing done to them: the hair
cycle alone moves a 1 cm² patch up or down by a few hairs per cm², while AGA removes hairs slowly
underneath. The last line is the effect the stimulation really had on the same patches, measured
against each patch's own untreated run, which a real person never sees. A before/after change is
the true effect *plus* this noise and the course of the disease, and a real photo adds counting
errors on top (notebook 06). One person's before/after photo cannot separate them."""),
        ],
        "The solution prints how many of 20 untreated 1 cm² patches 'gain' hair by week 16 with "
        "nothing done (a sizeable minority, with this version's numbers), the treated patches' "
        "before/after changes and the true effect on the same patches: a before/after change mixes "
        "the effect with the cycle's noise and the disease's course.",
    ),
]

THINGS_TO_TRY = """\
Every stimulation here is hypothetical.

- Start the example at year 1 instead of day 0 (`s.replace(start_day=365, stop_day=365 + 336)`)
  and check that the treated and untreated curves are identical before it starts.
- Run the example on `aga_mild` and `aga_severe`: where is the gain largest, in hairs per cm²
  and in per cent? Why?
- Give the example a half-life of 60 days after stopping (`half_life_days=60`): how does the
  return to the untreated course change?"""

LIMITS = """\
- **The stimulation is hypothetical.** `wake`, `extend`, `thicken`, `responders` and
  `persistence` are what-if knobs. The values in `hs.examples.minoxidil_like()` were chosen to
  reproduce the *shape* of published minoxidil time courses (Olsen 2002, Price 1999); they are
  not a pharmacological model of minoxidil and say nothing about exosomes, whose effect sizes
  are unknown.
- **Hard-coded constants**: the healthy cycle of notebook 01, `emergence_days`, the vellus
  threshold (30 µm), the growth rate (0.3–0.44 mm a day), the `aga_moderate` preset, the 48-week
  treatment window, the knob values used in section 3, 20,000 follicles and seed 4.
- The 6-week ceiling is an *upper bound*: it pretends every resting follicle is woken at once
  and none was counted before. Real gains must be smaller. The counting limit uses the model's
  follicles per cm²; real scalps vary (normal adults have 175–300 hairs per cm², Barman et
  al., *J Invest Dermatol* 1965).
- The model has no photographs, no lighting and no hair styling: the very things that can make
  an uncontrolled before-and-after series look better than the hair cycle allows."""


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

Part 1 (`{PREVIOUS}`) mapped an article's claims about stem-cell "exosomes" to what-if knobs and
looked at the evidence. This part follows one hypothetical stimulation through time: what you
would see in the mirror, in the shower and after stopping, and how fast the hair cycle lets
anything add hair at all.

{HYPOTHETICAL_NOTE}

{objectives_md(OBJECTIVES)}

{GLOSSARY_NOTE}"""),
        *setup_cells(),
        ("markdown", """\
## 1. A named hypothetical example on moderate AGA

`hs.examples.minoxidil_like()` is a hypothetical stimulation whose knob values were chosen so
that its *time course* resembles what is known about topical minoxidil, a real, approved drug.
Measured in trials: about +10–20 non-vellus hairs per cm² over placebo at 48 weeks (Olsen et
al., *J Am Acad Dermatol* 2002: +18.6 with 5 % minoxidil, +3.9 with placebo), and a return to
placebo levels within 24 weeks of stopping (Price et al., *J Am Acad Dermatol* 1999). Commonly
described, though less well measured: an early shedding phase in weeks 2–8 (its likely
mechanism is discussed by Messenger & Rundegren, *Br J Dermatol* 2004) and a gain visible by
weeks 6–8 that levels off by weeks 12–16. It is **not** a model of minoxidil's pharmacology,
and it says nothing about exosomes: it is a yardstick, the shape of a known treatment's time
course.

The stimulation starts on day 0 and stops at week 48. The untreated run uses the same seed, so
the two runs are identical except for the stimulation (common random numbers): every difference
you see is caused by the knobs, not by chance. The dashed line is that counterfactual."""),
        predict("""\
**Before you run the next cell, predict:** in the first weeks, will daily shedding go up or down?
And will density rise at once?""",
                "Shedding goes up first (weeks 2–8): waking ends telogen early, so club hairs that "
                "would have fallen later fall now. Density does not rise at once: it may dip a "
                "little, and rises only after the new hairs emerge, a month or more later."),
        figure("""\
p = hs.presets.aga_moderate()
s = hs.examples.minoxidil_like()
print(s.describe())
untreated = hs.simulate(p, n_follicles=20_000, years=2, rng=4)
treated = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=s)
with hs.plot.projector():
    fig = plt.figure(figsize=(11, 12), layout="constrained")
    hs.plot.plot_overview(treated, counterfactual=untreated, fig=fig)
    plt.show()""", """\
Three stacked panels over two years with the stimulation window shaded: density of the treated
scalp against the dashed untreated one, the phases of the follicles in %, and shedding with the
dashed untreated shedding. Shedding rises above the dashed line in the first weeks; density
later rises above its dashed line and comes back to it after the window ends.""", key=True),
        explain(),
        ("code", """\
print(teaching.difference_table(treated, untreated, weeks=(2, 4, 8, 12, 16, 24, 48, 60, 72, 96)))
shed_t, shed_u = teaching.smooth(treated.shed, 7), teaching.smooth(untreated.shed, 7)
print("shedding, treated / untreated (7-day averages):",
      ", ".join(f"week {w}: {shed_t[7 * w] / shed_u[7 * w]:.1f}x" for w in (1, 2, 4, 8, 12)))"""),
        ("markdown", """\
Read the panels, and the two printouts, in the order things happen.

- **The early shed.** `wake` makes telogen end faster, so club hairs that would have fallen over
  the next weeks fall *now*: the shedding ratio is above 1 in the first weeks. Density does not
  rise yet, because a new hair needs about four weeks to emerge.
- **The gain.** New anagen hairs emerge, `extend` keeps growing hairs longer, and `thicken`
  makes some new hairs thick enough to count as non-vellus.
- **The plateau.** The gain levels off within months: once the resting pool has been woken,
  there are few resting follicles left to wake, and the scalp settles to a new balance.
- **After stopping** (week 48): with `persistence = 0` the effect fades and density returns to
  the untreated course. Look at the differences at weeks 60–96: how fast do they go to zero, and
  do they go below it?

Compare the difference at week 48 with Olsen 2002 (about +15 hairs per cm² over placebo)."""),
        ("markdown", """\
## 2. Does it last after you stop? `persistence`

"Will it last?" is the first question people ask about any hair treatment, so hairsim makes the
answer a knob rather than a hidden assumption. `persistence=0`: follicles held in anagen by the
exposure move on as it fades, and the gain goes. `persistence=1`: the follicles it woke finish
their natural cycles, so the gain fades only as those cycles end."""),
        predict("""\
**Predict:** with `persistence=1`, is the gain kept for ever? And with `persistence=0`, does the
scalp end up worse off than if it had never been treated?""",
                "Not for ever: with persistence 1 the gain fades more slowly, as the woken follicles "
                "finish their cycles and AGA goes on underneath. With persistence 0 the scalp returns "
                "to the untreated course (within about 24 weeks, like minoxidil in Price 1999) and "
                "not below it: it loses the gain, it is not made worse."),
        figure("""\
keeps = s.replace(persistence=1)
untreated3 = hs.simulate(p, n_follicles=20_000, years=3, rng=4)
runs = {"untreated": untreated3,
        "persistence 0": hs.simulate(p, n_follicles=20_000, years=3, rng=4, stimulation=s),
        "persistence 1": hs.simulate(p, n_follicles=20_000, years=3, rng=4, stimulation=keeps)}
with hs.plot.projector():
    ax = teaching.plot_series(runs, "density")
    hs.plot.shade_stimulation(ax, runs["persistence 0"])
    ax.legend(frameon=False, loc="lower left")
    plt.show()
for label in ("persistence 0", "persistence 1"):
    print(teaching.difference_table(runs[label], untreated3, weeks=(48, 60, 72, 96, 144)).replace("density", label))""", """\
Density over three years on an axis from zero for the untreated scalp and the example with
persistence 0 and 1, with the treatment window shaded: both treated lines rise above the
untreated one during treatment; afterwards the persistence-0 line returns to it quickly and the
persistence-1 line more slowly.""", key=True),
        explain(),
        ("markdown", """\
Look at the first weeks after the stop on the persistence-1 line: it *rises* a little (in this run
from about +15 to about +19 hairs per cm² over untreated, five weeks after the stop) before it
falls. Once the exposure is gone, no follicle is woken early any more, so for a few weeks fewer
club hairs fall than on the untreated scalp (the shedding dips below the dashed line: the hairs
that would have fallen now had already fallen early), while the thicker hairs grown during the
exposure stay. It is the mirror image of the early shed, and a model consequence, not a measured
one.

Even with `persistence = 1` the gain does not last for ever: AGA keeps progressing underneath,
the woken follicles complete their cycles and the scalp returns towards the untreated course,
more slowly. A real treatment's persistence is a measured fact about that treatment (for
minoxidil, Price 1999: back to placebo levels within 24 weeks); none of the exosome studies
of part 1 followed people after stopping. Notice what "back to the untreated course" means: the
treated scalp after stopping is compared with the *same scalp untreated* (the dashed line), not
with how it looked on day 0, because AGA went on all along."""),
        ("markdown", """\
## 3. "+70 % in six weeks": what the hair cycle allows

Claims such as "+70 % density in six weeks" circulate about uncontrolled case series (hairsim's
science notes record such a figure among the uncontrolled series of part 1; treat it as a claim
to test, not as a result). Can the hair cycle do that, under the most generous assumptions we
can make? Work it out from the model's own numbers, in two steps.

**A counting limit.** A follicle grows one hair at a time (a club hair kept for a few weeks can
briefly make it two, but the old one then falls). So density cannot exceed about one counted hair
per follicle, and a scalp starting at D hairs per cm² can gain at most about
(follicles per cm²) ÷ D − 1. Trials of pattern hair loss start around 172 hairs per cm² on the
vertex (Kaufman et al., *J Am Acad Dermatol* 1998); the cell below uses the simulated scalp's own
starting density and follicles per cm².

**A speed limit.** Within six weeks, new hairs can only come from follicles that are *not* in
anagen on day 0:

- A new hair comes only from a new anagen. Follicles already in anagen cannot produce a new
  hair in six weeks: no knob ends a growing phase early, and even if one did, the follicle would
  go through catagen and then need `emergence_days` before its new hair shows.
- So the new hairs can only come from follicles in catagen, telogen or kenogen on day 0. Be
  generous: wake all of them instantly on day 0, give each a full terminal hair, and pretend
  none of them was counted before.
- Each of those hairs is visible only after `emergence_days`, so by day 42 it has been above the
  skin for a couple of weeks at most and, at 0.3–0.44 mm a day, is only a few mm long."""),
        predict("""\
**Before you run the next cell, estimate** both limits for moderate AGA from the phase shares
you know (about how many follicles per cm² are not in anagen? how many hairs are counted?). Which
limit is smaller, and is it above or below +70 %?""",
                "The speed limit is the smaller one: the follicles not in anagen are a minority "
                "(a few tens per cm² on a moderate-AGA scalp), so the ceiling at week 6 is a few "
                "tens of % at most, far below +70 %. The counting limit allows more, but not in "
                "six weeks."),
        ("code", """\
ceiling = teaching.max_possible_gain(untreated, day=0, weeks=6)
print(f"follicles per cm² in the model:              {p.follicles_per_cm2:g} "
      f"(a +70 % gain needs a start below {p.follicles_per_cm2 / 1.7:.0f} counted hairs per cm²)")
print(f"non-vellus hairs on day 0:                  {ceiling['counted_hairs']:.0f} per cm² "
      f"(Kaufman 1998's trial vertex: about 172)")
print(f"follicles not in anagen on day 0:           {ceiling['not_in_anagen']:.0f} per cm²")
print(f"counting limit (every follicle counted):    +{ceiling['all_follicles_percent']:.0f} %")
print(f"speed limit (every resting follicle woken): +{100 * ceiling['not_in_anagen'] / ceiling['counted_hairs']:.0f} %")
print(f"ceiling by week 6, the smaller of the two:  +{ceiling['max_gain_per_cm2']:.0f} per cm² "
      f"(+{ceiling['max_gain_percent']:.0f} %)")
lo, hi = ceiling["max_length_mm"]
print(f"length of such a new hair at week 6:        at most {lo:.1f}–{hi:.1f} mm")

extreme = hs.Stimulation(start_day=0, wake=50, extend=50, thicken=1)
r_extreme = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=extreme)
print()
print("the most extreme knobs hairsim allows (hypothetical), simulated:")
print(teaching.difference_table(r_extreme, untreated, weeks=(2, 4, 6, 8, 12)))"""),
        explain(),
        ("markdown", """\
For moderate AGA, even with every resting follicle woken at once and given a thick hair, the
cycle's own numbers put the ceiling far below +70 % at week 6, and the simulation with the
largest knob values hairsim allows stays below that ceiling (some of the hairs it wakes are
shed first: look at weeks 2–4)."""),
        predict("""\
**Percentages depend on the starting point.** Now do the same for every preset. **Predict**
first: on which scalp could a 6-week gain *in per cent* be largest, and why?""",
                "On the scalp with the fewest counted hairs and the most resting or empty follicles "
                "(severe AGA): the same kind of absolute gain is a larger percentage of a smaller "
                "number, so its ceiling in per cent is the highest. Even there the model stays far "
                "below +70 % (this version: no preset gets there)."),
        ("code", """\
print(f"{'preset':<18}{'hairs/cm² day 0':>16}{'ceiling':>10}{'extreme knobs, week 6':>27}")
above_70 = []
for name in hs.presets.names():
    params = hs.presets.get(name)
    base = hs.simulate(params, n_follicles=20_000, years=0.25, rng=4)
    best = hs.simulate(params, n_follicles=20_000, years=0.25, rng=4, stimulation=extreme)
    limit = teaching.max_possible_gain(base, day=0, weeks=6)
    gain = best.density[42] - base.density[42]
    pct = 100 * gain / base.density[42]
    if pct > 70:
        above_70.append(name)
    print(f"{name:<18}{base.density[0]:>16.0f}{limit['max_gain_percent']:>+9.0f}%"
          f"{gain:>+16.0f} /cm² ({pct:+.0f} %)")
print(f"presets where the extreme knobs pass +70 % at week 6: {', '.join(above_70) or 'none'}")"""),
        explain(),
        ("markdown", """\
Read the table down: the fewer hairs a scalp starts with, the larger its ceiling *in per cent*,
because the same kind of absolute gain is then a larger share of a smaller number. A gain of
40 hairs per cm² is +20 % of 200 but +70 % of 57. The last line says whether any preset gets to
+70 %. And look at what even the simulated gains require: every resting follicle woken on the
same day, and `thicken = 1`, meaning a hair that took years to miniaturize comes back fully
terminal in a single cycle, something no study has shown; and the new hairs are still only a few
millimetres long at week 6.

So: for scalps like those in trials, +70 % in six weeks is beyond what the hair cycle allows.
Any such claim should come with the starting density, the gain in hairs per cm² (not only in
per cent), the hair length at which hairs were counted, and a control group. A before-and-after
series without those can be moved a long way by different photographs, lighting, hair styling
or counting methods, or by a patch too small to be representative (notebook 06 runs such a
study)."""),
        *closing_cells(STEM, EXERCISES, THINGS_TO_TRY, LIMITS),
    ]
