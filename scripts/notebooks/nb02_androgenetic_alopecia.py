"""Notebook 02: androgenetic alopecia, shortened anagen and miniaturization."""

from _common import (GLOSSARY_NOTE, Exercise, closing_cells, explain, figure, objectives_md, predict,
                     setup_cells)

FILENAME = "02_androgenetic_alopecia.ipynb"
STEM = "02_androgenetic_alopecia"
TITLE = "Androgenetic alopecia: shorter cycles, thinner hairs"

OBJECTIVES = [
    "explain why a shorter anagen *alone* raises shedding but lowers density only a little;",
    "describe how miniaturization and kenogen turn a slow change into visible thinning;",
    "tell terminal from vellus hairs and say why trials count non-vellus hairs;",
    "compare the model's loss per year with published untreated progression;",
    "explain why the loss measured on the vertex differs from the loss over the whole scalp.",
]

GUIDE = {
    "minutes": "60 minutes (45 without section 5, the scalp maps)",
    "prior": "Notebook 01 (the phases, renewal theory, shedding per 100,000 follicles). Percent "
             "change. The idea that hormones act on some tissues and not others helps but is not needed.",
    "demo": [
        "Before section 1, write the three options (5 %, 25 %, 65 %) on the board and take a vote.",
        "Run section 1: density drops only a little while shedding jumps. Ask: how can more "
        "hair fall out while almost as much stays?",
        "Run section 3 and point at the gap between the two density curves: hairs that are still "
        "there but too thin to count.",
        "Run section 5's male-pattern maps: the occipital fringe stays the same colour.",
    ],
    "misconceptions": [
        ("\"Hair loss means follicles die.\"",
         "In AGA follicles mostly miniaturize: they keep cycling but make thinner hairs, and spend "
         "longer empty. The hair count falls because thin hairs stop counting as non-vellus."),
        ("\"More shedding always means more baldness.\"",
         "A shorter anagen alone multiplies shedding but changes density little (section 1)."),
        ("\"If it were happening I would have noticed within a year.\"",
         "Losses of a few % a year take years to pass the roughly 15 % people notice (exercise 1)."),
    ],
    "discussion": [
        "Why do trials count non-vellus hairs, and what would counting all hairs hide?",
        "Why might studies of different people disagree on how fast AGA progresses?",
        "A treatment that thickens vellus hairs raises the count without any new hair. Is that a "
        "real benefit?",
    ],
}

PREAMBLE = [
    ("code", """\
runs = {name: hs.simulate(hs.presets.get(name), n_follicles=20_000, years=10, rng=1)
        for name in ("healthy", "aga_mild", "aga_moderate", "aga_severe")}"""),
]

EXERCISES = [
    Exercise(
        "when would you notice?",
        """\
Rushton et al. (1991) note that more than 15 % of the hair has to be lost before a person notices
thinning. With the `aga_mild`, `aga_moderate` and `aga_severe` runs above, after how many years
has the non-vellus density fallen by 15 %? (Hint: `teaching.percent_change(r, "density", years)`
accepts an array of years.)""",
        [
            ("code", """\
years = np.arange(0, 10.01, 0.25)
for name in ("aga_mild", "aga_moderate", "aga_severe"):
    change = teaching.percent_change(runs[name], "density", years)
    below = np.flatnonzero(change <= -15)
    when = f"after about {years[below[0]]:.2f} years" if below.size else "not within 10 years"
    print(f"{name:<13} 15 % of density lost {when}")"""),
            ("markdown", """\
The printout gives, for each preset, the first quarter-year at which 15 % is gone. Because the
loss is gradual and a mirror needs about 15 % before anyone notices, a person can have had AGA
for years before it shows. That is one reason why "it worked for me" stories about hair are
hard to interpret: people start treatments at different points of a slow decline."""),
        ],
        "With this version of the model: severe after about 1¼ years, moderate after about 3, "
        "mild after about 5 (the solution prints them). The point: years pass before a loss is "
        "noticeable.",
    ),
    Exercise(
        "why does the non-vellus count fall faster than the total?",
        """\
Over 24 months, Rushton et al. (1991) measured a fall of 11.9 % in total hair density but
22.7 % in non-vellus density in untreated young men. Compute the 2-year change of `density`
(non-vellus) and `total_density` (all visible hairs) for the three AGA presets. Which preset
comes closest to Rushton's pair of numbers? Why must the non-vellus count fall faster than the
total?""",
        [
            ("code", """\
rushton = np.array([-22.7, -11.9])   # non-vellus, all visible hairs: % change over 24 months
distance = {}
for name in ("aga_mild", "aga_moderate", "aga_severe"):
    r = runs[name]
    model = np.array([teaching.percent_change(r, "density", 2), teaching.percent_change(r, "total_density", 2)])
    distance[name] = float(np.hypot(*(model - rushton)))
    print(f"{name:<13} 2 years: non-vellus {model[0]:+6.1f} %, all visible {model[1]:+6.1f} % "
          f"(distance from Rushton: {distance[name]:.1f} percentage points)")
closest = min(distance, key=distance.get)
print(f"closest to Rushton et al. 1991: {closest}")"""),
            ("markdown", """\
The last line names the preset closest to Rushton's pair (the smallest distance, in percentage
points, between the model's two changes and the measured two). A miniaturizing follicle does not
vanish: its hair gets thinner cycle by cycle and, once thinner than 30 µm, it stops counting as
non-vellus while still counting as a visible hair. So the non-vellus count loses every hair that
is lost *and* every hair that became vellus; the total loses only the hairs that are gone
(shorter anagen, longer and more frequent kenogen). The presets are calibrated to other targets
(placebo arms of long trials), and a single study of young men is one population, measured one
way, so "closest" is not "equal"."""),
        ],
        "`aga_severe` comes closest (it is the preset calibrated to Rushton 1991; the solution "
        "prints each preset's 2-year changes and its distance to −22.7 % / −11.9 %). In every "
        "preset the non-vellus count falls faster than the total, because hairs that become "
        "vellus stop counting without disappearing.",
    ),
    Exercise(
        "can a shorter anagen alone make someone bald?",
        """\
Keep every hair terminal (no miniaturization) and only shorten anagen. Using
`hs.steady_state(hs.presets.healthy().replace(anagen_mean_days=A)).density` for A from 1095 down
to 30 days, find how short anagen must be for the density to fall by 20 %. What do you conclude
about the role of miniaturization?""",
        [
            ("code", """\
healthy = hs.presets.healthy()
base = hs.steady_state(healthy)
first_20 = None
for A in (1095, 730, 365, 180, 120, 90, 60, 45, 30):
    th = hs.steady_state(healthy.replace(anagen_mean_days=A))
    change = 100 * (th.density / base.density - 1)
    if first_20 is None and change <= -20:
        first_20 = A
    print(f"anagen {A:>5} days: density {th.density:6.1f} per cm² ({change:+5.1f} %), "
          f"shedding {th.shed_per_day / base.shed_per_day:4.1f} x the default")
if first_20 is None:
    print(f"even a {A}-day anagen leaves density less than 20 % below the default")
else:
    print(f"density is 20 % lower once anagen is down to about {first_20} days")"""),
            ("markdown", """\
With terminal hairs everywhere, the last line says how short anagen must be before density is
20 % lower, if it ever is in this range: a matter of weeks at the very least. A follicle keeps a
visible hair through most of even a short cycle (anagen after emergence, catagen, telogen and the
time the club hair is held). Visible thinning in AGA comes mostly from
hairs becoming thin (and from empty kenogen follicles), not from the shorter cycle alone. A
shorter cycle does, though, multiply the shedding (last column) and limit how long hair can
grow."""),
        ],
        "With this version's defaults density never falls by 20 %: even a 30-day anagen costs only "
        "about 15 %, while shedding is then about 9 times the default. Shortening alone barely thins "
        "the scalp; miniaturization (and kenogen) do the visible damage.",
    ),
]

THINGS_TO_TRY = """\
- Change `aga_susceptible_fraction` of `aga_moderate` to 0.3 and to 0.9. Is the loss proportional?
- Set `miniaturization_per_year=0` in `aga_moderate`: which part of the loss is left?
- Make kenogen dramatic: `p_kenogen_miniaturized=0.8`, `kenogen_miniaturized_days=365`.
- Start a run 10 years after onset with `years_since_onset=10`: is the loss per year faster or
  slower than at onset?
- Make your own pattern: `scalp.simulate_scalp(hs.presets.aga_moderate(), {"vertex": 1.0},
  n_follicles=50_000, rng=1)` affects only the vertex (regions left out are spared). Which
  Norwood–Hamilton stage does it resemble?"""

LIMITS = """\
- **Hard-coded constants**: the healthy cycle of notebook 01, the vellus threshold (30 µm), the
  terminal and vellus diameters, the growth rate (0.3–0.44 mm a day), and the AGA presets' values
  of `aga_susceptible_fraction`, `anagen_shortening_per_year`, `miniaturization_per_year`,
  `aga_onset_spread_years`, `anagen_min_days`, `p_kenogen_miniaturized` and
  `kenogen_miniaturized_days` (print a preset to see them). The
  presets are calibrated to published untreated progression (`docs/calibration.md`), not fitted to
  any patient. This notebook's own choices: 20,000 follicles (50,000 for the scalp maps),
  6–10 years, seed 1.
- Shortening and thinning happen by a fixed factor per year under androgen in susceptible
  follicles (so a stimulation that adds cycles does not speed them up); real follicles vary, and
  the androgen biology behind it is not modelled.
- The scalp regions of section 5 are a schematic: six regions with rough areas (the spared
  occipital fringe about a quarter of the scalp), and patterns that are readings of the
  Norwood–Hamilton and Ludwig scales, not measured maps. Within a region every follicle has the
  same chance of being susceptible; real patterns have gradients and vary from person to person.
- Published progression rates come from small groups and different measurement methods; the
  model's numbers are illustrations, not predictions for a person."""


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

Androgenetic alopecia (AGA, "pattern hair loss") is the most common kind of hair loss in men and
women. In a growing share of follicles, three things happen year after year (Courtois et al.,
*Skin Pharmacol* 1994; Sinclair, *Exp Dermatol* 2016; Rebora & Guarrera, *Dermatology* 2002):

- anagen gets **shorter**;
- each new hair is **thinner** (miniaturization: terminal hairs turn into fine vellus hairs);
- the follicle spends **more time empty** (kenogen becomes longer and more frequent).

It affects the vertex and the front of the scalp and spares the back (Norwood–Hamilton pattern
in men, Ludwig in women); section 5 maps it.

{objectives_md(OBJECTIVES)}

{GLOSSARY_NOTE}"""),
        *setup_cells(),
        ("markdown", """\
## 1. A shorter anagen, and nothing else

Start with the simplest idea: every follicle's mean anagen drops from about 3 years to 1 year,
overnight. Hairs stay as thick as before. `start_from=hs.presets.healthy()` starts the run in the
*healthy* steady state, so we watch the scalp move to its new one."""),
        predict("""\
**Before you run the next cell, predict:** will density fall by about 5 %, 25 % or 65 %? And
will shedding go up or down?""",
                "About 5 % (in fact a few %, less than 5): a follicle with a 1-year anagen still "
                "carries a visible hair most of the time. Shedding goes up, about 2.5-fold, because "
                "every follicle now sheds about every 16 months instead of every 3.3 years."),
        figure("""\
healthy = hs.presets.healthy()
short = healthy.replace(anagen_mean_days=365)
r_healthy = hs.simulate(healthy, n_follicles=20_000, years=6, rng=1)
r_short = hs.simulate(short, n_follicles=20_000, years=6, rng=1, start_from=healthy)

with hs.plot.projector():
    fig, axes = plt.subplots(1, 2, figsize=(14, 5), layout="constrained")
    teaching.plot_series({"healthy": r_healthy, "anagen 1 year": r_short}, "density", ax=axes[0])
    teaching.plot_series({"healthy": r_healthy, "anagen 1 year": r_short}, "shed", ax=axes[1])
    plt.show()
for label, params in (("healthy", healthy), ("anagen 1 year", short)):
    th = hs.steady_state(params)
    print(f"{label:<14} steady state: anagen {100 * th.anagen:.1f} %, density {th.density:.0f} per cm², "
          f"{th.shed_per_day:.0f} hairs shed per day per 100,000 follicles")
print(f"after 6 years: density {teaching.percent_change(r_short, 'density'):+.1f} % from day 0")""", """\
Two panels over 6 years, both on axes from zero. Left: the density of the shortened-anagen scalp
slides a little below the healthy one and levels off. Right: its shedding climbs to well above
the healthy scalp's flat line.""", key=True),
        explain(),
        ("markdown", """\
Read the printout: the steady-state density changes only by a few %, while the shedding
multiplies. A follicle with a 1-year anagen still carries a visible hair most of the time, but it
sheds and regrows that hair every cycle, and the cycle is now much shorter. The change takes
several years to complete, because each follicle only feels the new, shorter anagen when its
current one ends, and some current anagens still have years to run. A shorter anagen also limits
length: at 0.3–0.44 mm a day, a 1-year anagen grows at most about 11–16 cm of hair, against
roughly 33–48 cm for a 3-year one."""),
        ("markdown", """\
## 2. Progressive AGA: the presets

The AGA presets make a share of follicles *susceptible*. In those, anagen gets shorter (down to a
floor), each new hair thinner (down to a vellus diameter), and a thinner follicle is more likely
to rest empty in kenogen, for longer."""),
        ("code", """\
for name in ("aga_mild", "aga_moderate", "aga_severe"):
    print(f"{name:<13} {hs.presets.describe(name)}")"""),
        predict("""\
**Predict:** after 10 years, how much non-vellus density will each preset have lost? Which
phase will have grown most?""",
                "With this version of the model: mild about a third, moderate about half, severe "
                "about two thirds (the table in section 4 prints them). Kenogen (empty follicles) "
                "and telogen grow most; the vellus share of the visible hairs climbs."),
        figure("""\
runs = {name: hs.simulate(hs.presets.get(name), n_follicles=20_000, years=10, rng=1)
        for name in ("healthy", "aga_mild", "aga_moderate", "aga_severe")}
with hs.plot.projector():
    fig, axes = plt.subplots(1, 2, figsize=(14, 5), layout="constrained")
    teaching.plot_series(runs, "density", ax=axes[0])
    teaching.plot_series(runs, "vellus_fraction", ax=axes[1])
    plt.show()""", """\
Two panels over 10 years, four presets each. Left: non-vellus density, flat for the healthy
scalp and falling steadily for the three AGA presets, most for the severe one. Right: the vellus
share of the visible hairs in %, flat for the healthy scalp and rising for the AGA presets.""",
               key=True),
        figure("""\
with hs.plot.projector():
    hs.plot.plot_phases(runs["aga_moderate"])
    plt.show()
mod = runs["aga_moderate"]
print(f"moderate AGA, follicles empty (kenogen): {100 * mod.kenogen[0] / mod.n_follicles:.1f} % on day 0, "
      f"{100 * mod.kenogen[-1] / mod.n_follicles:.1f} % after 10 years")""", """\
A stacked area chart of the phases of the moderate preset over 10 years: the green anagen band at
the bottom narrows, while the blue telogen and grey kenogen bands above it widen."""),
        explain(),
        ("markdown", """\
Density falls steadily, and the share of visible hairs that are vellus climbs. In the stacked
phase plot of the moderate preset, look at the grey kenogen band and the blue telogen band: the
follicles spend more and more of their time resting or empty (the printout gives the share of
empty follicles). For comparison, Rebora & Guarrera (*Dermatology* 2002) followed two women
with progressing AGA and found 22 % of their follicles in kenogen, the highest share reported."""),
        ("markdown", """\
## 3. Terminal and vellus hairs

Terminal scalp hairs are typically 60–90 µm thick; vellus hairs are under 30 µm (many
trichoscopy tools also use 40 µm as a "thin hair" cut-off). Clinical trials count **non-vellus**
hairs per cm², and so does hairsim's `density`; `total_density` counts every visible hair."""),
        predict("""\
**Predict:** in the moderate preset, will the *total* density fall as fast as the non-vellus
density?""",
                "No: the total falls more slowly. Miniaturized hairs are still there (they count in "
                "the total) but too thin to count as non-vellus."),
        figure("""\
r = runs["aga_moderate"]
with hs.plot.projector():
    hs.plot.plot_density(r, show_total=True)
    plt.show()
print(f"mean diameter of visible hairs: {r.mean_diameter[0]:.0f} µm at the start, "
      f"{r.mean_diameter[-1]:.0f} µm after 10 years")""", """\
Moderate AGA over 10 years on an axis from zero: the solid non-vellus density line falls faster
than the dotted line of all visible hairs, and the gap between them widens.""", key=True),
        explain(),
        ("markdown", """\
The gap between the two curves is the miniaturized hairs: still there, too thin to count. This
is why a scalp can look much thinner than a count of "all hairs" suggests, and why a treatment
that makes vellus hairs a bit thicker could raise the non-vellus count without a single new
hair."""),
        ("markdown", """\
## 4. How fast? The model against published progression

Published figures for untreated AGA:

| source | who | change |
|---|---|---|
| Sinclair & Asgari (*Medicine Today*, review) | typical course | 5–10 % of density a year |
| Rushton et al. 1991 | young men, 24 months | total density −11.9 %, non-vellus density −22.7 % |
| Price et al. (*J Am Acad Dermatol* 2006), placebo arm | 4 years (192 weeks) | hair count −13.0 %, hair weight −24.5 % |
| Kaufman et al. (*Eur J Dermatol* 2008), placebo arm | 5 years | hair count −26.3 % |"""),
        predict("""\
**Predict:** which preset loses 5–10 % a year? Which one looks like the 4-year placebo arm of
Price et al. (−13 %)?""",
                "The mild preset is calibrated to Price 2006 (about −13 % at 4 years) and the "
                "moderate one to Kaufman 2008 (about −26 % at 5 years), so the moderate one loses "
                "roughly 5 % a year; the severe one more. The printed table gives the values."),
        ("code", """\
aga_runs = {k: v for k, v in runs.items() if k != "healthy"}
print(teaching.change_table(aga_runs, "density", years=(1, 2, 4, 5, 6, 8, 10)))
print()
for name, r in aga_runs.items():
    print(f"{name:<13} average change of non-vellus density: "
          f"{teaching.percent_change(r, 'density', 4) / 4:+.1f} % a year over the first 4 years")"""),
        explain(),
        ("markdown", """\
The published numbers do not agree with each other perfectly: they come from different people
(age, sex, stage of hair loss), different scalp areas and different counting methods (a 1 cm²
photographed patch, hair weight, a global photograph). A model calibrated to some of them should
land inside that spread, not on every study's number. Also note the shape: in the model, the
loss per year is not constant, because follicles that are already vellus cannot get much
thinner."""),
        ("markdown", """\
## 5. Where on the scalp?

So far every run was one patch of scalp. Real AGA has a *pattern*: in men the front and the
vertex (crown) thin first and the fringe at the back and sides is spared (the Norwood–Hamilton
scale); in women the top of the head thins diffusely while the frontal hairline stays (the Ludwig
scale). Halloy et al. (*PNAS* 2000) pointed out that giving each part of the scalp its own
parameters turns a follicle model into such patterns.

`scalp.simulate_scalp` splits a scalp into six regions (a schematic: the areas are rough
proportions, not anatomy) and gives each region a share of the preset's susceptible follicles:
all of them on the vertex, none on the occipital fringe. The regions are simulated together and
the map is coloured by each region's non-vellus density. To keep the notebook quick we simulate
50,000 follicles, a half-size scalp: the areas halve, the densities per cm² do not change."""),
        ("code", """\
from hairsim import scalp

for name in scalp.patterns():
    print(f"{name:<15} {scalp.describe_pattern(name)}")
male = scalp.simulate_scalp(hs.presets.aga_moderate(), "male_pattern", n_follicles=50_000, years=10, rng=1)
print(f"simulated area: {male.areas_cm2.sum():.0f} cm²")"""),
        predict("""\
**Predict:** after 10 years of the moderate preset in the male pattern, which region keeps the
most hair, and which the least? Will the *whole scalp* lose as large a share of its density as the
vertex does, or less?""",
                "The occipital fringe keeps all its hair; the frontal scalp and the vertex lose the "
                "most. The whole scalp loses a smaller share than the vertex, because it averages "
                "spared and affected regions."),
        figure("""\
with hs.plot.projector():
    scalp.plot_scalp_maps(male, days=(0, 10 * 365))
    plt.show()""", """\
Two schematic top views of the head, at year 0 and year 10, each region coloured by its hair
density on a shared colour scale: at year 10 the front and the crown are much darker (fewer
hairs), the back stays as bright as at year 0.""", key=True),
        figure("""\
with hs.plot.projector():
    scalp.plot_region_density(male)
    plt.show()
print(male.change_table(years=(0, 5, 10)))""", """\
Density over 10 years for each group of regions, on an axis from zero: the occipital line stays
flat, the frontal-and-vertex line falls most, mid-scalp and the sides fall less, and the dashed
whole-scalp line lies between them."""),
        explain(),
        ("markdown", """\
The occipital fringe has no susceptible follicles, so it stays at the healthy steady state: a flat
line, up to the noise of counting. The frontal scalp and the vertex have the same settings in this
pattern, so they share one line; the mid-scalp (where AGA started later here) and the sides lose
less. The whole-scalp density is the area-weighted mean of the regions, so it falls by a smaller
share than the vertex. That is why it matters *where* hair is counted: trials photograph a small
target area on the vertex (Kaufman et al. 1998 used a 1-inch circle, 5.1 cm²), where the change
is largest."""),
        predict("""\
**Predict:** in the Ludwig-like female pattern, where will the map be darkest after 10 years, and
what happens at the front?""",
                "Darkest on the mid-scalp and the crown; the frontal region (with the hairline) "
                "keeps most of its hair and the back is spared: diffuse thinning on top."),
        figure("""\
female = scalp.simulate_scalp(hs.presets.aga_moderate(), "female_pattern", n_follicles=50_000, years=10, rng=1)
with hs.plot.projector():
    scalp.plot_scalp_maps(female, days=(0, 10 * 365))
    plt.show()""", """\
The same two top views for the female pattern: at year 10 the top of the head and the crown are
darkest, the front stays fairly bright and the back keeps its colour."""),
        ("markdown", """\
The mid-scalp and crown thin, the frontal region (which holds the hairline) keeps most of its hair
and the back is spared: diffuse thinning on top rather than a receding hairline. Both patterns
use the *same* follicle rules; only how many follicles are susceptible, and since when, differs
from region to region."""),
        *closing_cells(STEM, EXERCISES, THINGS_TO_TRY, LIMITS),
    ]
