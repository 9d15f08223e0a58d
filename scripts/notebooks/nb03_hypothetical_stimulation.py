"""Notebook 03: a hypothetical stimulation, the article's claims and the hair cycle's speed limits."""

from _common import HYPOTHETICAL_NOTE, exercise_cells, setup_cells

FILENAME = "03_hypothetical_stimulation.ipynb"
STEM = "03_hypothetical_stimulation"
TITLE = "A hypothetical stimulation: what could \"waking up\" follicles do?"

PREAMBLE = [
    ("code", """\
p = hs.presets.aga_moderate()
s = hs.examples.minoxidil_like()
untreated = hs.simulate(p, n_follicles=20_000, years=2, rng=4)
treated = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=s)"""),
]

EXERCISES = [
    (
        "responders and averages",
        """\
In the example only a share of the follicles respond (print `s.responders`). Compare the gain
over untreated at week 48 for `responders` = 1, the example's value and 0.3. Is the gain
proportional to the share? In a trial where the knob stood for *people* instead of follicles,
what would the average gain hide?""",
        [
            ("code", """\
for share in (1.0, s.responders, 0.3):
    r = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=s.replace(responders=share))
    gain = r.density[48 * 7] - untreated.density[48 * 7]
    print(f"responders {share:.0%}: week-48 gain {gain:+.1f} non-vellus hairs per cm²")"""),
            ("markdown", """\
The gain scales roughly in proportion to the responding share, because follicles are
independent. In a trial, an average of, say, +5 hairs per cm² could mean everyone gained a
little or a third of the people gained a lot and the rest nothing; the mean alone cannot tell.
Trials report the spread too (Olsen 2002: SD about 20–25 hairs per cm² in every arm), and that
spread includes the hair cycle's own noise in a small photographed patch (notebook 01)."""),
        ],
    ),
    (
        "sessions instead of daily use",
        """\
Many clinics give injections in sessions rather than daily. Make a hypothetical stimulation with
`schedule="sessions"`, `interval_days=28`, `half_life_days=7`, four sessions
(`start_day=0`, `stop_day=84`), and the same `wake`, `extend` and `thicken` as the example.
Plot its exposure with `teaching.plot_exposure`, then compare its density gain at weeks 8, 16
and 48 with the example's. Why is it smaller?""",
        [
            ("code", """\
sessions = s.replace(schedule="sessions", interval_days=28, half_life_days=7, start_day=0, stop_day=84)
teaching.plot_exposure({"example (daily)": s, "4 monthly sessions": sessions}, n_days=26 * 7)
plt.show()
r_sessions = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=sessions)
print(teaching.difference_table(r_sessions, untreated, weeks=(8, 16, 48)))"""),
            ("markdown", """\
With a half-life of one week, each session's exposure is mostly gone after two or three weeks,
so the follicles see the effect only a fraction of the time, and not at all after the last
session. A hypothetical effect given in short pulses can only act on follicles that happen to
be at the right point of their cycle during a pulse. Whether a real product's effect lasts
days or months is exactly what nobody has measured for exosome products."""),
        ],
    ),
    (
        "try to make \"+70 % in 6 weeks\"",
        """\
Choose any knob values allowed by `hs.Stimulation` (wake and extend up to 50, thicken up to 1,
responders 1) and, starting on day 0 on the moderate-AGA scalp `p`, try to raise the non-vellus
density by 70 % at week 6 compared with the untreated run. What is the best you can do? Explain the result with
`teaching.max_possible_gain`.""",
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
On this scalp no combination comes near +70 %. Only `wake` can add hairs quickly, and only by starting new
anagens in follicles that were resting; each new hair then still needs about four weeks to
emerge. `extend` keeps hairs that are already there, which matters over months, not weeks.
`thicken` acts on hairs that *start* growing under exposure, and those are few in six weeks.
A real before-and-after series reporting +70 % in six weeks is telling us about something
other than the hair cycle: the photographs, the counting, or the absence of a control group."""),
        ],
    ),
]


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

A popular article claims that stem-cell "exosomes" wake up resting follicles, keep them growing
longer and make hair denser and thicker, and that "studies demonstrate efficacy". hairsim cannot
test that claim: it is a model of the hair cycle, not of a product. What it *can* do is answer a
different question: **if** such effects existed, what would the hair cycle let them do, how fast,
and what would you see in the mirror, in the shower and in a trial?

{HYPOTHETICAL_NOTE}

**Learning objectives.** By the end you will be able to

1. map each claim of the article to a model knob, or to "outside the model";
2. say what the human evidence is, and what it is not;
3. predict and explain the time course of a hypothetical stimulation: the early shed, the gain,
   the plateau, and what happens after stopping;
4. compute from the hair cycle's own numbers the largest gain possible in 6 weeks, and judge a
   claim of "+70 % in 6 weeks" (and why a percentage needs its starting point)."""),
        *setup_cells(),
        ("markdown", """\
## 1. The article's claims, the knobs and the evidence

| claim in the article | in hairsim |
|---|---|
| exosomes (30–150 nm vesicles, mostly from mesenchymal stem cells) carry growth factors (VEGF, FGF, EGF) and microRNAs to the follicle | the *source* of a hypothetical exposure E(t); nothing molecular is modelled |
| they "wake up" dormant follicles (telogen → anagen) | `wake`: telogen and kenogen end faster, their clock runs at 1 + wake·E(t) |
| they push follicles into the growth phase and keep them there | `extend`: anagen lasts longer, its clock runs at 1 / (1 + extend·E(t)) |
| new blood vessels and less inflammation make a healthier environment | no knob of its own; at most it would act through `extend` or `thicken` |
| hair becomes denser and thicker | the *outcome* (density, diameter); `thicken`: a new hair regains a share of its lost diameter |
| improvement "within a few months" after a series of injections | the schedule (sessions, half-life) and the time course the hair cycle allows |
| "studies demonstrate efficacy" | the evidence table below |

The claims describe mechanisms and testimonials, not measured effect sizes. Here is the human
evidence for androgenetic alopecia collected in hairsim's science notes:

| study | design | people | result |
|---|---|---|---|
| Tak et al., *Stem Cells Transl Med* 2020 | double-blind randomized trial against a vehicle; an adipose stem-cell *constituent extract* (not purified exosomes), on the skin, 16 weeks | 38 | hair count +28.1 % vs +7.1 %; diameter +14.2 % vs +6.3 % |
| Amini et al., *Life* 2025 | industry-sponsored pilot randomized trial; a plant-extract "exosome" product, 4 sessions, 16 weeks | 20 | median hair-count change 9.5 vs 1.5 |
| split-scalp trial of conditioned medium on top of minoxidil, *Stem Cell Res Ther* 2023 | double-blind, 6 weeks | small | no difference between treated and placebo sides |
| several uncontrolled case series | no control group | 8–300 | density gains reported within 3–6 weeks (one: +70 % in 6 weeks) |

And the regulator: the FDA's public safety alert (9 December 2019) and consumer alert (22 July
2020) state that exosome products meant to treat diseases are drugs or biologics that need
approval, and **there are no FDA-approved exosome products**. The one double-blind trial with a
clear positive result (Tak 2020) tested a stem-cell *extract*, not purified exosomes, in 38
people for 16 weeks. Small, short, partly industry-sponsored trials and uncontrolled series are
a reason to ask questions, not a demonstration of efficacy; the article itself ends by asking for larger randomized trials, and
on that point everyone agrees.

**Question.** Which rows of the first table could a randomized trial measure directly, and which
could it not?"""),
        ("markdown", """\
## 2. The knobs and the exposure

A `hs.Stimulation` describes *when* the hypothetical effect is present, as an exposure E(t)
between 0 and 1, and *what* it does (`wake`, `extend`, `thicken`). It can be applied daily (the
exposure builds up and, after stopping, fades with a half-life), or in sessions whose effect
fades with the same half-life between sessions. Again: these numbers are knobs to explore, not
properties of any product."""),
        ("code", """\
daily = hs.Stimulation(start_day=0, stop_day=16 * 7, wake=2)
sessions = hs.Stimulation(schedule="sessions", start_day=0, stop_day=12 * 7, interval_days=28,
                          half_life_days=7, wake=2)
print(daily.describe())
print(sessions.describe())
teaching.plot_exposure({"daily for 16 weeks": daily, "4 monthly sessions": sessions}, n_days=26 * 7)
plt.show()"""),
        ("markdown", """\
## 3. A named hypothetical example on moderate AGA

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
you see is caused by the knobs, not by chance.

**Before you run the next cell, predict:** in the first weeks, will daily shedding go up or down?
And will density rise at once?"""),
        ("code", """\
p = hs.presets.aga_moderate()
s = hs.examples.minoxidil_like()
print(s.describe())
untreated = hs.simulate(p, n_follicles=20_000, years=2, rng=4)
treated = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=s)
fig = plt.figure(figsize=(8, 8.5), layout="constrained")
hs.plot.plot_overview(treated, counterfactual=untreated, fig=fig)
plt.show()
print(teaching.difference_table(treated, untreated, weeks=(2, 4, 8, 12, 16, 24, 48, 60, 72, 96)))"""),
        ("markdown", """\
Read the panels in the order things happen.

- **The early shed.** `wake` makes telogen end faster, so club hairs that would have fallen over
  the next weeks fall *now*. Shedding rises first, and density can even dip, before any new hair
  appears: a new hair needs about four weeks to emerge.
- **The gain.** New anagen hairs emerge, `extend` keeps growing hairs longer, and `thicken`
  makes some new hairs thick enough to count as non-vellus.
- **The plateau.** The gain levels off within months: once the resting pool has been woken,
  there are few resting follicles left to wake, and the scalp settles to a new balance.
- **After stopping** (week 48): with `persistence = 0` the effect fades, the follicles held in
  anagen move on together, and density returns to the untreated course, possibly dipping a
  little below it for a while (a withdrawal shed; compare Van Neste, *Skin Res Technol* 2020, on
  minoxidil).

Compare the difference at week 48 with Olsen 2002 (about +15 hairs per cm² over placebo)."""),
        ("markdown", """\
## 4. Does it last after you stop? `persistence`

"Will it last?" is the first question people ask about any hair treatment, so hairsim makes the
answer a knob rather than a hidden assumption. `persistence=0`: follicles held in anagen by the
exposure move on as it fades, and the gain goes. `persistence=1`: the follicles it woke finish
their natural cycles, so the gain fades only as those cycles end.

**Predict:** with `persistence=1`, is the gain kept for ever?"""),
        ("code", """\
keeps = s.replace(persistence=1)
untreated3 = hs.simulate(p, n_follicles=20_000, years=3, rng=4)
runs = {"untreated": untreated3,
        "persistence 0": hs.simulate(p, n_follicles=20_000, years=3, rng=4, stimulation=s),
        "persistence 1": hs.simulate(p, n_follicles=20_000, years=3, rng=4, stimulation=keeps)}
ax = teaching.plot_series(runs, "density")
hs.plot.shade_stimulation(ax, runs["persistence 0"])
ax.legend(frameon=False, fontsize="small")
plt.show()
for label in ("persistence 0", "persistence 1"):
    print(teaching.difference_table(runs[label], untreated3, weeks=(48, 72, 96, 144)).replace("density", label))"""),
        ("markdown", """\
Even with `persistence = 1` the gain does not last for ever: AGA keeps progressing underneath,
the woken follicles complete their cycles and the scalp returns towards the untreated course,
more slowly. A real treatment's persistence is a measured fact about that treatment (for
minoxidil, Price 1999: back to placebo levels within 24 weeks); none of the exosome studies
above followed people after stopping."""),
        ("markdown", """\
## 5. One knob at a time

**Predict** for each knob alone: which one gives an early shed? Which one acts fastest? Which
one needs the longest to show?"""),
        ("code", """\
one_at_a_time = {"untreated": untreated}
for knob, value in (("wake", 2.0), ("extend", 1.0), ("thicken", 0.5)):
    stim = hs.Stimulation(start_day=0, stop_day=336, **{knob: value})
    one_at_a_time[f"{knob} = {value:g}"] = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=stim)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
teaching.plot_series(one_at_a_time, "density", ax=axes[0])
teaching.plot_series({k: v for k, v in one_at_a_time.items()}, "mean_diameter", ax=axes[1])
plt.show()"""),
        ("markdown", """\
Only `wake` sheds early, because only `wake` ends resting phases sooner. `extend` adds density
slowly: it works by *not losing* hairs that would otherwise have entered catagen, so its effect
builds over months. `thicken` needs hairs to start a new anagen under exposure, so it works at
the pace of the cycle: with a mean anagen of years, only a small share of hairs restart in a
few months. Density follows diameter when a thickened hair crosses the 30 µm vellus threshold.

Now look at what happens after the stop at week 48. The `extend` gain collapses: the follicles
it held in anagen all move on at once. The `thicken` gain lasts as long as the thickened hairs
do. And `wake` alone ends *below* the untreated line. That is a consequence of how hairsim
models AGA: a susceptible follicle shortens and thins *per cycle* (as in the follicular
automaton of Halloy et al. 2000, where follicles miniaturize after a number of cycles), so
anything that makes follicles cycle faster also makes them miniaturize sooner. Whether real
follicles behave this way is an open question; in the model it is an assumption worth
noticing."""),
        ("markdown", """\
## 6. "+70 % in 6 weeks": what the hair cycle allows

One uncontrolled series reported a 70 % density gain in six weeks. Can the hair cycle do that,
under the most generous assumptions we can make? Work it out from the model's own numbers, in
two steps.

**A counting limit.** A follicle carries at most one hair. With about 225 follicles per cm²,
density can never exceed 225 counted hairs per cm², so a scalp starting at D hairs per cm² can
gain at most 225/D − 1. Trials of pattern hair loss start around 172 hairs per cm² in the
vertex (Kaufman et al., *J Am Acad Dermatol* 1998), which allows at most about +31 % *ever*,
however long you wait. A +70 % gain needs a starting density below 225/1.7 ≈ 132 per cm².

**A speed limit.** Within six weeks, new hairs can only come from follicles that are *not* in
anagen on day 0:

- A new hair comes only from a new anagen. Follicles already in anagen cannot produce a new
  hair in six weeks: no knob ends a growing phase early, and even if one did, the follicle would
  go through catagen and then need `emergence_days` (28 days) before its new hair shows.
- So the new hairs can only come from follicles in catagen, telogen or kenogen on day 0. Be
  generous: wake all of them instantly on day 0, give each a full terminal hair, and pretend
  none of them was counted before.
- Each of those hairs is visible only from day 28, so by day 42 it has been above the skin for
  at most 14 days and, at 0.3–0.44 mm a day, is at most about 4–6 mm long.

**Before you run the next cell, estimate** both limits for moderate AGA from the phase shares
you know. The ceiling is the smaller of the two."""),
        ("code", """\
ceiling = teaching.max_possible_gain(untreated, day=0, weeks=6)
print(f"non-vellus hairs on day 0:                  {ceiling['counted_hairs']:.0f} per cm²")
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
        ("markdown", """\
For moderate AGA, even with every resting follicle woken at once and given a thick hair, the
cycle's own numbers put the ceiling far below +70 % at week 6, and the simulation with the
largest knob values hairsim allows stays below that ceiling (some of the hairs it wakes are
shed first, which is the dip in weeks 2–4).

**Percentages depend on the starting point.** Now do the same for every preset. **Predict**
first: where could a 6-week gain *in per cent* be largest?"""),
        ("code", """\
print(f"{'preset':<18}{'hairs/cm² day 0':>16}{'ceiling':>10}{'extreme knobs, week 6':>27}")
for name in hs.presets.names():
    params = hs.presets.get(name)
    base = hs.simulate(params, n_follicles=20_000, years=0.25, rng=4)
    best = hs.simulate(params, n_follicles=20_000, years=0.25, rng=4, stimulation=extreme)
    limit = teaching.max_possible_gain(base, day=0, weeks=6)
    gain = best.density[42] - base.density[42]
    print(f"{name:<18}{base.density[0]:>16.0f}{limit['max_gain_percent']:>+9.0f}%"
          f"{gain:>+16.0f} /cm² ({100 * gain / base.density[42]:+.0f} %)")"""),
        ("markdown", """\
In severe AGA, where few hairs are still counted and many follicles rest empty in kenogen, the
*same* kind of absolute gain becomes a huge percentage of a small number, and the model's
extreme knobs can exceed +70 %. But look at what that requires: every resting follicle woken on
the same day, and `thicken = 1`, meaning a hair that took many cycles to miniaturize comes back
fully terminal in a single cycle, something no study has shown; and the new hairs are still
only a few millimetres long at week 6.

So: for scalps like those in trials, +70 % in six weeks is beyond what the hair cycle allows.
Any such claim should come with the starting density, the gain in hairs per cm² (not only in
per cent), the hair length at which hairs were counted, and a control group. A before-and-after
series without those can be moved a long way by different photographs, lighting, hair styling
or counting methods, or by a patch too small to be representative."""),
        *exercise_cells(STEM, EXERCISES),
        ("markdown", """\
## Things to try

Every stimulation here is hypothetical.

- Start the example at year 1 instead of day 0 (`s.replace(start_day=365, stop_day=365 + 336)`)
  and check that the treated and untreated curves are identical before it starts.
- Run the example on `aga_mild` and `aga_severe`: where is the gain largest, in hairs per cm²
  and in per cent? Why?
- Give the example a half-life of 60 days after stopping (`half_life_days=60`): how does the
  return to the untreated course change?
- Run the example on a 1 cm² patch (225 follicles) with several seeds: how often would a single
  person's photographed patch show *no* gain at week 16?"""),
        ("markdown", """\
## Assumptions and limits

- **The stimulation is hypothetical.** `wake`, `extend`, `thicken`, `responders` and
  `persistence` are what-if knobs. The values in `hs.examples.minoxidil_like()` were chosen to
  reproduce the *shape* of published minoxidil time courses (Olsen 2002, Price 1999); they are
  not a pharmacological model of minoxidil and say nothing about exosomes, whose effect sizes
  are unknown.
- **Hard-coded constants**: the healthy cycle of notebook 01 (anagen 1095 days, catagen 14,
  telogen 90, kenogen 120 days), `emergence_days` 28, vellus threshold 30 µm, growth rate
  0.3–0.44 mm a day, the `aga_moderate` preset, the 48-week treatment window, the knob values
  used in sections 2, 5 and 6, 20,000 follicles and seed 4.
- The exposure is a number between 0 and 1 on a daily grid; no dose, no skin penetration, no
  blood levels, no side effects.
- The 6-week ceiling is an *upper bound*: it pretends every resting follicle is woken at once
  and none was counted before. Real gains must be smaller. The counting limit uses the model's
  225 follicles per cm²; real scalps vary (normal adults have 175–300 hairs per cm², Barman et
  al., *J Invest Dermatol* 1965).
- The model has no photographs, no lighting and no hair styling: the very things that can make
  an uncontrolled before-and-after series look better than the hair cycle allows."""),
    ]
