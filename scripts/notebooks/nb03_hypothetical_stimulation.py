"""Notebook 03: a hypothetical stimulation, part 1: the article's claims, the evidence and the knobs.

Part 2 (the time course and its limits) is ``03b_stimulation_time_course``.
"""

from _common import (GLOSSARY_NOTE, HYPOTHETICAL_NOTE, Exercise, closing_cells, explain, figure,
                     objectives_md, predict, setup_cells)

FILENAME = "03_hypothetical_stimulation.ipynb"
STEM = "03_hypothetical_stimulation"
TITLE = "A hypothetical stimulation, part 1: the claims, the evidence and the knobs"
NEXT = "03b_stimulation_time_course.ipynb"

OBJECTIVES = [
    "map each claim of a popular article on exosomes to a model knob, or to \"outside the model\";",
    "say what the human evidence is (trials, case series, the regulator), and what it is not;",
    "describe what each knob (`wake`, `extend`, `thicken`) does to the hair cycle, and which one "
    "gives an early shed;",
    "explain why a what-if knob is not a measured effect.",
]

GUIDE = {
    "minutes": "45 minutes",
    "prior": "Notebooks 01 and 02 (phases, shedding, AGA). What a randomized trial is helps; the "
             "glossary defines placebo and randomized trial.",
    "demo": [
        "Read the article's claims aloud (the first table) and ask, for each, \"could you measure "
        "this in a person? how?\"",
        "Show the evidence table: count the people in all the controlled studies together.",
        "Run section 3 (one knob at a time) and ask which knob shows extra shedding first.",
    ],
    "misconceptions": [
        ("\"Studies demonstrate efficacy.\"",
         "The controlled human studies are few, small and short (38 and 20 people, 16 weeks; one "
         "6-week split-scalp study found no difference); the rest have no control group; there is "
         "no FDA-approved exosome product."),
        ("\"The model shows exosomes work.\"",
         "The knobs are what-ifs: they say what an effect would do *if* it existed. Their values "
         "are chosen by us, not measured."),
        ("\"Waking follicles can only be good.\"",
         "Waking pushes out resting club hairs first (an early shed), and what matters is what the "
         "new cycles produce."),
    ],
    "discussion": [
        "Which claims in the article could a randomized trial test directly, and which not?",
        "Why might a clinic's before-and-after photos look better than a trial's result?",
        "What would you want to know about a product before trusting its \"studies\"?",
    ],
}

PREAMBLE = [
    ("code", """\
p = hs.presets.aga_moderate()
s = hs.examples.minoxidil_like()          # a HYPOTHETICAL example (see part 2), not a drug model
untreated = hs.simulate(p, n_follicles=20_000, years=2, rng=4)
treated = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=s)"""),
]

EXERCISES = [
    Exercise(
        "sessions instead of daily use",
        """\
Many clinics give injections in sessions rather than daily. Make a hypothetical stimulation with
`schedule="sessions"`, `interval_days=28`, `half_life_days=7`, four sessions
(`start_day=0`, `stop_day=84`), and the same `wake`, `extend` and `thicken` as the example `s`
(printed by `s.describe()`). Plot its exposure with `teaching.plot_exposure`, then compare its
density gain at weeks 8, 16 and 48 with the daily example's. Why is it smaller?""",
        [
            figure("""\
sessions = s.replace(schedule="sessions", interval_days=28, half_life_days=7, start_day=0, stop_day=84)
with hs.plot.projector():
    teaching.plot_exposure({"example (daily)": s, "4 monthly sessions": sessions}, n_days=26 * 7)
    plt.show()""", """\
The exposure E(t) of the two schedules over 26 weeks: the daily one rises and stays near 1, the
sessions make four short spikes that fade within two or three weeks."""),
            ("code", """\
r_sessions = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=sessions)
for label, run in (("daily example", treated), ("4 sessions", r_sessions)):
    gains = [run.density[7 * w] - untreated.density[7 * w] for w in (8, 16, 48)]
    print(f"{label:>14}: gain over untreated at weeks 8, 16, 48: "
          + ", ".join(f"{g:+.1f}" for g in gains) + " hairs/cm²")"""),
            ("markdown", """\
Compare the two rows of the printout: the sessions' gain is smaller at every week. With a
half-life of one week, each session's exposure is mostly gone after two or three weeks, so the
follicles see the effect only a fraction of the time, and not at all after the last session. A
hypothetical effect given in short pulses can only act on follicles that happen to be at the
right point of their cycle during a pulse. Whether a real product's effect lasts days or months
is exactly what nobody has measured for exosome products."""),
        ],
        "The sessions' gain is smaller at weeks 8, 16 and 48 (the solution prints both rows): with a "
        "7-day half-life the exposure is near zero most of the time and gone after week 12 or so, "
        "so fewer follicles are acted on.",
    ),
    Exercise(
        "responders and averages",
        """\
In the example only a share of the follicles respond (print `s.responders`). Compare the gain
over untreated at week 48 for `responders` = 1, the example's value and 0.3. Is the gain
proportional to the share? In a trial where the knob stood for *people* instead of follicles,
what would the average gain hide?""",
        [
            ("code", """\
gains = {}
for share in (1.0, s.responders, 0.3):
    r = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=s.replace(responders=share))
    gains[share] = r.density[48 * 7] - untreated.density[48 * 7]
    print(f"responders {share:.0%}: week-48 gain {gains[share]:+.1f} non-vellus hairs per cm² "
          f"({gains[share] / share:+.1f} per cm² per 100 % responding)")"""),
            ("markdown", """\
The last column, the gain divided by the responding share, is nearly the same in the three rows:
the gain is roughly proportional to the share, because follicles are independent. In a trial,
an average of, say, +5 hairs per cm² could mean everyone gained a little or a third of the
people gained a lot and the rest nothing; the mean alone cannot tell. Trials report the spread
too (Olsen 2002: SD about 20–25 hairs per cm² in every arm), and that spread includes the hair
cycle's own noise in a small photographed patch (notebook 01)."""),
        ],
        "Roughly proportional: the gain per 100 % responding is about the same for 100 %, the "
        "example's share and 30 % (the solution prints it). An average over people cannot tell "
        "\"everyone a little\" from \"a few a lot\".",
    ),
    Exercise(
        "which knob for which claim?",
        """\
Without running anything: for each of these sentences, name the knob (`wake`, `extend`,
`thicken`, `responders`, `persistence`) it would be, or say that it is outside the model.
(a) "It wakes up dormant follicles." (b) "Results last for years." (c) "It reduces
inflammation." (d) "Hair grows back thicker." (e) "It works for most patients."
Then check (a) and (d) with a run: which of the two changes the mean diameter more by week 48?""",
        [
            ("markdown", """\
(a) `wake`; (b) `persistence` (what is kept after stopping); (c) outside the model: at most it
would act through `extend` or `thicken`; (d) `thicken`; (e) `responders`. The run compares the
two knobs alone, each at the strength used in section 3."""),
            ("code", """\
for knob, value in (("wake", 2.0), ("thicken", 0.5)):
    r = hs.simulate(p, n_follicles=20_000, years=2, rng=4,
                    stimulation=hs.Stimulation(start_day=0, stop_day=336, **{knob: value}))
    d = r.mean_diameter[48 * 7] - untreated.mean_diameter[48 * 7]
    print(f"{knob} = {value:g}: mean diameter at week 48 {d:+.2f} µm compared with untreated")"""),
        ],
        "(a) wake, (b) persistence, (c) outside the model, (d) thicken, (e) responders. In the run "
        "`thicken` changes the mean diameter far more than `wake` (the solution prints both).",
    ),
]

THINGS_TO_TRY = """\
Every stimulation here is hypothetical.

- Make a stimulation with only `extend` and stop it after 12 weeks: what happens to the density
  when it stops?
- Change the half-life of the sessions in section 2 to 30 days: how does the exposure look?
- Set `responders=0.5` on the `wake` run of section 3: is its early shed half as large?
- Continue with part 2, `03b_stimulation_time_course.ipynb`: the example's time course, stopping,
  and what the hair cycle allows in six weeks."""

LIMITS = """\
- **The stimulation is hypothetical.** `wake`, `extend`, `thicken`, `responders` and
  `persistence` are what-if knobs, not measured effects of exosomes or of any product.
- **Hard-coded constants**: the healthy cycle of notebook 01, the `aga_moderate` preset, the knob
  values of sections 2 and 3 (chosen to show each knob clearly, not measured), 20,000 follicles
  and seed 4.
- The exposure is a number between 0 and 1 on a daily grid; no dose, no skin penetration, no
  blood levels, no side effects.
- The evidence tables summarize hairsim's science notes (`docs/model.md`); they are not a
  systematic review."""


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

A popular article claims that stem-cell "exosomes" wake up resting follicles, keep them growing
longer and make hair denser and thicker, and that "studies demonstrate efficacy". hairsim cannot
test that claim: it is a model of the hair cycle, not of a product. What it *can* do is answer a
different question: **if** such effects existed, what would the hair cycle let them do? This
first part sets out the claims, the evidence and the model's knobs; part 2
(`{NEXT}`) follows a stimulation through time and asks what the hair cycle allows.

{HYPOTHETICAL_NOTE}

{objectives_md(OBJECTIVES)}

{GLOSSARY_NOTE}"""),
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
| improvement "within a few months" after a series of injections | the schedule (sessions, half-life) and the time course the hair cycle allows (part 2) |
| "studies demonstrate efficacy" | the evidence table below |

The claims describe mechanisms and testimonials, not measured effect sizes."""),
        predict("""\
**Predict:** the article says "studies demonstrate efficacy". Before you read the table below,
guess: how many people, in total, took part in *controlled* human trials of stem-cell or
"exosome" products for this kind of hair loss: about 50, 500 or 5,000?""",
                "About 50: the two randomized trials in the table had 38 and 20 people (plus one "
                "small 6-week split-scalp study); the larger series had no control group at all."),
        ("markdown", """\
Here is the human evidence for androgenetic alopecia collected in hairsim's science notes:

| study | design | people | result |
|---|---|---|---|
| Tak et al., *Stem Cells Transl Med* 2020 | double-blind randomized trial against a vehicle; an adipose stem-cell *constituent extract* (not purified exosomes), on the skin, 16 weeks | 38 | hair count +28.1 % vs +7.1 %; diameter +14.2 % vs +6.3 % |
| Amini et al., *Life* 2025 | industry-sponsored pilot randomized trial; a plant-extract "exosome" product, 4 sessions, 16 weeks | 20 | median hair-count change 9.5 vs 1.5 |
| split-scalp trial of conditioned medium on top of minoxidil, *Stem Cell Res Ther* 2023 | double-blind, 6 weeks | small | no difference between treated and placebo sides |
| several uncontrolled case series | no control group | 8–300 | density gains reported within 3–6 weeks |

And the regulator: the FDA's public safety alert (9 December 2019) and consumer alert (22 July
2020) state that exosome products meant to treat diseases are drugs or biologics that need
approval, and **there are no FDA-approved exosome products**. The one double-blind trial with a
clear positive result (Tak 2020) tested a stem-cell *extract*, not purified exosomes, in 38
people for 16 weeks. Small, short, partly industry-sponsored trials and uncontrolled series are
a reason to ask questions, not a demonstration of efficacy; the article itself ends by asking
for larger randomized trials, and on that point everyone agrees.

**Question.** Which rows of the first table could a randomized trial measure directly, and which
could it not?"""),
        explain("*Your answer:* …"),
        ("markdown", """\
## 2. The knobs and the exposure

A `hs.Stimulation` describes *when* the hypothetical effect is present, as an exposure E(t)
between 0 and 1, and *what* it does (`wake`, `extend`, `thicken`). It can be applied daily (the
exposure builds up and, after stopping, fades with a half-life), or in sessions whose effect
fades with the same half-life between sessions. Again: these numbers are knobs to explore, not
properties of any product."""),
        predict("""\
**Predict:** draw on paper how the exposure of four monthly sessions with a one-week half-life
looks over six months, next to daily use for 16 weeks.""",
                "Daily use: the exposure rises quickly to 1, stays there for 16 weeks and then "
                "fades. Sessions: four sharp spikes a month apart, each fading to almost nothing "
                "within two or three weeks; nothing after the last one."),
        figure("""\
daily = hs.Stimulation(start_day=0, stop_day=16 * 7, wake=2)
sessions = hs.Stimulation(schedule="sessions", start_day=0, stop_day=12 * 7, interval_days=28,
                          half_life_days=7, wake=2)
print(daily.describe())
print(sessions.describe())
with hs.plot.projector():
    teaching.plot_exposure({"daily for 16 weeks": daily, "4 monthly sessions": sessions}, n_days=26 * 7)
    plt.show()""", """\
The exposure E(t), from 0 to 1, over 26 weeks: the daily schedule rises to 1 and stays there
until week 16, then fades; the sessions make four narrow spikes a month apart that fade within
a couple of weeks."""),
        ("markdown", """\
## 3. One knob at a time

Moderate AGA, each knob alone for 48 weeks from day 0, against the untreated scalp (same seed,
common random numbers: every difference is caused by the knob, not by chance)."""),
        predict("""\
**Predict** for each knob alone (`wake`, `extend`, `thicken`): which one gives an early shed?
Which one raises density fastest? Which one needs the longest to show?""",
                "Only `wake` gives an early shed (it ends resting phases sooner); its density "
                "first dips, and it adds little afterwards, because it only moves hairs forward in "
                "time. `extend` needs the longest: it builds up over months (it keeps hairs that "
                "would have been lost). `thicken` needs new anagens, so it shows only after some "
                "weeks (about six here), yet in this version of the model it is the first to raise "
                "the density and gives the largest gain by week 48, as thickened hairs cross the "
                "30 µm vellus threshold and start to count."),
        ("code", """\
p = hs.presets.aga_moderate()
untreated = hs.simulate(p, n_follicles=20_000, years=2, rng=4)
one_at_a_time = {"untreated": untreated}
for knob, value in (("wake", 2.0), ("extend", 1.0), ("thicken", 0.5)):
    stim = hs.Stimulation(start_day=0, stop_day=336, **{knob: value})
    one_at_a_time[f"{knob} = {value:g}"] = hs.simulate(p, n_follicles=20_000, years=2, rng=4, stimulation=stim)"""),
        figure("""\
with hs.plot.projector():
    fig, axes = plt.subplots(3, 1, figsize=(12, 14), sharex=True, layout="constrained")
    teaching.plot_series(one_at_a_time, "shed", ax=axes[0])
    teaching.plot_series(one_at_a_time, "density", ax=axes[1])
    teaching.plot_series(one_at_a_time, "mean_diameter", ax=axes[2])
    for ax in axes:
        ax.axvline(336 / (365 / 12), color="grey", ls=":", label="stop (week 48)")
        ax.legend(loc="lower left", ncols=5, frameon=True, framealpha=0.9, fontsize="small")
    for ax in axes[:-1]:
        ax.set_xlabel("")
    plt.show()
for label, run in one_at_a_time.items():
    if label != "untreated":
        print(f"{label:<14}" + "".join(
            f"  week {w}: {run.density[7 * w] - untreated.density[7 * w]:+5.1f}" for w in (4, 12, 48, 96))
            + "  hairs/cm² over untreated")""", """\
Three stacked panels over two years, each with the untreated scalp (black, dashed) and the
three knobs alone,
and a dotted line at the stop (week 48). Top, shedding: only the wake line jumps up in the first
weeks. Middle, density: thicken rises first (from about week 6) and furthest, to about 20 hairs
per cm² above untreated by week 48; extend builds up slowly over months to a small gain of a few
hairs per cm²; wake dips a little below untreated in the first two months and then stays close
to it. After the stop, all three lines come back to the untreated one within about six months.
Bottom, mean diameter: only thicken raises it clearly.""", key=True),
        explain(),
        ("markdown", """\
Only `wake` sheds early, because only `wake` ends resting phases sooner: club hairs that would
have fallen over the next weeks fall now, and the density dips until their replacements emerge.
Waking does not make a follicle grow more hair; it only moves the next hair forward in time, so
look at how little it adds after the dip. `extend` adds density slowly: it works by *not losing*
hairs that would otherwise have entered catagen, so its effect builds over months. `thicken`
needs hairs to start a new anagen under exposure, so it works at the pace of the cycle, and it
adds to the *count* only when a thickened hair crosses the 30 µm vellus threshold. Compare the
printed differences at weeks 4, 12 and 48: which knob gives the largest gain, and when?

Now look at the printed differences after the stop at week 48 (week 96). Does each gain last,
shrink or vanish? What happens after stopping depends on how the model keeps or loses what each
knob did, and on the `persistence` knob: part 2 looks at that in detail."""),
        *closing_cells(STEM, EXERCISES, THINGS_TO_TRY, LIMITS),
    ]
