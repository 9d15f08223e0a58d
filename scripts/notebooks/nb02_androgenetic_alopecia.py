"""Notebook 02: androgenetic alopecia, shortened anagen and miniaturization."""

from _common import exercise_cells, setup_cells

FILENAME = "02_androgenetic_alopecia.ipynb"
STEM = "02_androgenetic_alopecia"
TITLE = "Androgenetic alopecia: shorter cycles, thinner hairs"

PREAMBLE = [
    ("code", """\
runs = {name: hs.simulate(hs.presets.get(name), n_follicles=20_000, years=10, rng=1)
        for name in ("healthy", "aga_mild", "aga_moderate", "aga_severe")}"""),
]

EXERCISES = [
    (
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
Because the loss is gradual and a mirror needs about 15 % before anyone notices, a person can
have had AGA for years before it shows. That is one reason why "it worked for me" stories about
hair are hard to interpret: people start treatments at different points of a slow decline."""),
        ],
    ),
    (
        "why does the non-vellus count fall faster than the total?",
        """\
Over 24 months, Rushton et al. (1991) measured a fall of 11.9 % in total hair density but
22.7 % in non-vellus density in untreated young men. Compute the 2-year change of `density`
(non-vellus) and `total_density` (all visible hairs) for the three AGA presets. Which preset
comes closest? Why must the non-vellus count fall faster than the total?""",
        [
            ("code", """\
for name in ("aga_mild", "aga_moderate", "aga_severe"):
    r = runs[name]
    print(f"{name:<13} 2 years: non-vellus {teaching.percent_change(r, 'density', 2):+6.1f} %, "
          f"all visible {teaching.percent_change(r, 'total_density', 2):+6.1f} %")"""),
            ("markdown", """\
A miniaturizing follicle does not vanish: its hair gets thinner cycle by cycle and, once thinner
than 30 µm, it stops counting as non-vellus while still counting as a visible hair. So the
non-vellus count loses every hair that is lost *and* every hair that became vellus; the total
loses only the hairs that are gone (shorter anagen, longer and more frequent kenogen). The
model's presets are calibrated to a 5–10 % a year loss; compare which one lies closest to
Rushton's pair of numbers, and keep in mind that a single study of young men is one population,
measured one way."""),
        ],
    ),
    (
        "can a shorter anagen alone make someone bald?",
        """\
Keep every hair terminal (no miniaturization) and only shorten anagen. Using
`hs.steady_state(hs.presets.healthy().replace(anagen_mean_days=A)).density` for A from 1095 down
to 30 days, find how short anagen must be for the density to fall by 20 %. What do you conclude
about the role of miniaturization?""",
        [
            ("code", """\
healthy = hs.presets.healthy()
base = hs.steady_state(healthy).density
for A in (1095, 730, 365, 180, 120, 90, 60, 45, 30):
    d = hs.steady_state(healthy.replace(anagen_mean_days=A)).density
    print(f"anagen {A:>5} days: density {d:6.1f} per cm² ({100 * (d / base - 1):+5.1f} %)")"""),
            ("markdown", """\
With terminal hairs everywhere, anagen must fall to about two months before density is 20 %
lower: a follicle keeps a visible hair through most of a short cycle (anagen after emergence,
catagen and telogen). Visible thinning in AGA comes mostly from hairs becoming thin (and from
empty kenogen follicles), not from the shorter cycle alone. A shorter cycle does, though,
multiply the shedding (about 2.5-fold with a 1-year anagen, about 7-fold with a 2-month one)
and limit how long hair can grow."""),
        ],
    ),
]


def cells():
    return [
        ("markdown", f"""\
# {TITLE}

Androgenetic alopecia (AGA, "pattern hair loss") is the most common kind of hair loss in men and
women. In a growing share of follicles, three things happen cycle after cycle (Courtois et al.,
*Skin Pharmacol* 1994; Sinclair, *Exp Dermatol* 2016; Rebora & Guarrera, *Dermatology* 2002):

- anagen gets **shorter**;
- each new hair is **thinner** (miniaturization: terminal hairs turn into fine vellus hairs);
- the follicle spends **more time empty** (kenogen becomes longer and more frequent).

It affects the vertex and the front of the scalp and spares the back (Norwood–Hamilton pattern
in men, Ludwig in women); section 5 maps it.

**Learning objectives.** By the end you will be able to

1. explain why a shorter anagen *alone* raises shedding but lowers density only a little;
2. describe how miniaturization and kenogen turn a slow change into visible thinning;
3. tell terminal from vellus hairs and say why trials count non-vellus hairs;
4. compare the model's loss per year with published untreated progression;
5. explain why the loss measured on the vertex differs from the loss over the whole scalp."""),
        *setup_cells(),
        ("markdown", """\
## 1. A shorter anagen, and nothing else

Start with the simplest idea: every follicle's mean anagen drops from 3 years (1095 days) to
1 year, overnight. Hairs stay as thick as before. `start_from=hs.presets.healthy()` starts the
run in the *healthy* equilibrium, so we watch the scalp move to its new one.

**Before you run the next cell, predict:** will density fall by about 5 %, 25 % or 65 %? And
will shedding go up or down?"""),
        ("code", """\
healthy = hs.presets.healthy()
short = healthy.replace(anagen_mean_days=365)
r_healthy = hs.simulate(healthy, n_follicles=20_000, years=6, rng=1)
r_short = hs.simulate(short, n_follicles=20_000, years=6, rng=1, start_from=healthy)

fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
teaching.plot_series({"healthy": r_healthy, "anagen 1 year": r_short}, "density", ax=axes[0])
teaching.plot_series({"healthy": r_healthy, "anagen 1 year": r_short}, "shed", ax=axes[1])
plt.show()
for label, params in (("healthy", healthy), ("anagen 1 year", short)):
    th = hs.steady_state(params)
    print(f"{label:<14} steady state: anagen {100 * th.anagen:.1f} %, density {th.density:.0f} per cm², "
          f"{th.shed_per_day:.0f} hairs shed per day per 100,000 follicles")"""),
        ("markdown", """\
Density falls only about 5 %: a follicle with a 1-year anagen still carries a visible hair
most of the time. But it sheds and regrows that hair about every 16 months instead of every
3.3 years, so shedding rises about 2.5-fold. The change takes several years to complete,
because each follicle only feels the new, shorter anagen when its current one ends, and some
current anagens still have years to run. A shorter anagen also
limits length: at 0.3–0.44 mm a day, a 1-year anagen grows at most about 11–16 cm of hair,
against roughly 33–48 cm for a 3-year one."""),
        ("markdown", """\
## 2. Progressive AGA: the presets

The AGA presets make a share of follicles *susceptible*. In those, each new anagen is shorter
than the last (down to a floor), each new hair thinner (down to a vellus diameter), and a
thinner follicle is more likely to rest empty in kenogen, for longer."""),
        ("code", """\
for name in ("aga_mild", "aga_moderate", "aga_severe"):
    print(f"{name:<13} {hs.presets.describe(name)}")"""),
        ("markdown", """\
**Predict:** after 10 years, how much non-vellus density will each preset have lost? Which
phase will have grown most?"""),
        ("code", """\
runs = {name: hs.simulate(hs.presets.get(name), n_follicles=20_000, years=10, rng=1)
        for name in ("healthy", "aga_mild", "aga_moderate", "aga_severe")}
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
teaching.plot_series(runs, "density", ax=axes[0])
teaching.plot_series(runs, "vellus_fraction", ax=axes[1])
plt.show()
hs.plot.plot_phases(runs["aga_moderate"])
plt.show()"""),
        ("markdown", """\
Density falls steadily, and the share of visible hairs that are vellus climbs. In the stacked
phase plot of the moderate preset, look at the grey kenogen band and the blue telogen band: the
follicles spend more and more of their time resting or empty. By year 10 about a quarter of the
follicles are empty at any moment; for comparison, Guarrera & Rebora (*Dermatology* 2005) found
22 % of follicles in kenogen in women with progressing AGA."""),
        ("markdown", """\
## 3. Terminal and vellus hairs

Terminal scalp hairs are typically 60–90 µm thick; vellus hairs are under 30 µm (many
trichoscopy tools also use 40 µm as a "thin hair" cut-off). Clinical trials count **non-vellus**
hairs per cm², and so does hairsim's `density`; `total_density` counts every visible hair.

**Predict:** in the moderate preset, will the *total* density fall as fast as the non-vellus
density?"""),
        ("code", """\
r = runs["aga_moderate"]
hs.plot.plot_density(r, show_total=True)
plt.show()
print(f"mean diameter of visible hairs: {r.mean_diameter[0]:.0f} µm at the start, "
      f"{r.mean_diameter[-1]:.0f} µm after 10 years")"""),
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

**Predict:** which preset loses 5–10 % a year?"""),
        ("code", """\
aga_runs = {k: v for k, v in runs.items() if k != "healthy"}
print(teaching.change_table(aga_runs, "density", years=(1, 2, 4, 6, 8, 10)))
print()
for name, r in aga_runs.items():
    print(f"{name:<13} average change of non-vellus density: "
          f"{teaching.percent_change(r, 'density', 4) / 4:+.1f} % a year over the first 4 years")"""),
        ("markdown", """\
The published numbers do not agree with each other perfectly: they come from different people
(age, sex, stage of hair loss), different scalp areas and different counting methods (a 1 cm²
photographed patch, hair weight, a global photograph). A model calibrated to "5–10 % a year"
should land inside that spread, not on one study's number. Also note the shape: in the model,
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
50,000 follicles, a half-size scalp (222 cm² instead of about 444 cm²): the areas halve, the
densities per cm² do not change."""),
        ("code", """\
from hairsim import scalp

for name in scalp.patterns():
    print(f"{name:<15} {scalp.describe_pattern(name)}")
male = scalp.simulate_scalp(hs.presets.aga_moderate(), "male_pattern", n_follicles=50_000, years=10, rng=1)"""),
        ("markdown", """\
**Predict:** after 10 years of the moderate preset in the male pattern, which region keeps the
most hair, and which the least? Will the *whole scalp* lose as large a share of its density as the
vertex does, or less?"""),
        ("code", """\
scalp.plot_scalp_maps(male, days=(0, 10 * 365))
plt.show()
scalp.plot_region_density(male)
plt.show()
print(male.change_table(years=(0, 5, 10)))"""),
        ("markdown", """\
The occipital fringe has no susceptible follicles, so it stays at the healthy steady state: a flat
line, up to the noise of counting. The frontal scalp and the vertex follow the preset; the
mid-scalp (where AGA started later here) and the sides lose less. The whole-scalp density is the
area-weighted mean of the regions, so it falls by a smaller share than the vertex. That is why it
matters *where* hair is counted: trials photograph a small target area on the vertex (Kaufman et
al. 1998 used a 1-inch circle, 5.1 cm²), where the change is largest.

**Predict:** in the Ludwig-like female pattern, where will the map be darkest after 10 years, and
what happens at the front?"""),
        ("code", """\
female = scalp.simulate_scalp(hs.presets.aga_moderate(), "female_pattern", n_follicles=50_000, years=10, rng=1)
scalp.plot_scalp_maps(female, days=(0, 10 * 365))
plt.show()"""),
        ("markdown", """\
The mid-scalp and crown thin, the frontal region (which holds the hairline) keeps most of its hair
and the back is spared: diffuse thinning on top rather than a receding hairline. Both patterns
use the *same* follicle rules; only how many follicles are susceptible, and since when, differs
from region to region."""),
        *exercise_cells(STEM, EXERCISES),
        ("markdown", """\
## Things to try

- Change `aga_susceptible_fraction` of `aga_moderate` to 0.3 and to 0.9. Is the loss proportional?
- Set `miniaturization=0` in `aga_moderate`: which part of the loss is left?
- Make kenogen dramatic: `p_kenogen_miniaturized=0.8`, `kenogen_miniaturized_days=365`.
- Start a run 10 years after onset with `years_since_onset=10`: is the loss per year faster or
  slower than at onset?
- Make your own pattern: `scalp.simulate_scalp(hs.presets.aga_moderate(), {"vertex": 1.0},
  n_follicles=50_000, rng=1)` affects only the vertex (regions left out are spared). Which
  Norwood–Hamilton stage does it resemble?"""),
        ("markdown", """\
## Assumptions and limits

- **Hard-coded constants**: the healthy cycle of notebook 01 (anagen 1095 days, catagen 14,
  telogen 90, kenogen 120 days in 1 cycle of 10), vellus threshold 30 µm, terminal diameter 70 µm
  (CV 0.15), vellus diameter 20 µm, growth rate 0.3–0.44 mm a day, and the AGA presets' values
  of `aga_susceptible_fraction`, `anagen_shortening`, `anagen_min_days`, `miniaturization`,
  `p_kenogen_miniaturized` and `kenogen_miniaturized_days` (print a preset to see them). The
  presets are calibrated to the 5–10 % a year of Sinclair & Asgari, not fitted to any patient.
  This notebook's own choices: 20,000 follicles (50,000 for the scalp maps), 6–10 years, seed 1.
- Shortening and thinning happen by a fixed factor per cycle in susceptible follicles; real
  follicles vary, and the androgen biology behind it is not modelled.
- The scalp regions of section 5 are a schematic: six regions with rough areas (the spared
  occipital fringe about a quarter of the scalp), and patterns that are readings of the
  Norwood–Hamilton and Ludwig scales, not measured maps. Within a region every follicle has the
  same chance of being susceptible; real patterns have gradients and vary from person to person.
- Published progression rates come from small groups and different measurement methods; the
  model's numbers are illustrations, not predictions for a person."""),
    ]
