"""Notebook 05: guided open questions with the interactive explorer."""

from _common import (GLOSSARY_NOTE, HYPOTHETICAL_NOTE, Exercise, explain, figure, objectives_md,
                     predict, setup_cells)

FILENAME = "05_explore_on_your_own.ipynb"
STEM = "05_explore_on_your_own"
TITLE = "Explore on your own"

OBJECTIVES = [
    "design a small experiment: change one setting, keep the others and the seed fixed;",
    "tell signal from noise by changing the seed and the number of follicles;",
    "connect what you see (density, phases, shedding) to the mechanisms of notebooks 01–04;",
    "explain why the treated line is compared with the dashed, untreated line from the same seed.",
]

GUIDE = {
    "minutes": "45–90 minutes, in pairs; pick 3–4 questions for a single lesson",
    "prior": "Notebooks 01–04, or at least 01 and the 10-minute demo of notebook 00.",
    "demo": [
        "Show the explorer once on the projector (notebook 00's script, first two steps), then let "
        "pairs work through the questions, writing the prediction before touching a slider.",
        "Stop the class after question 4 and ask two pairs to show what happened in months 24–28.",
    ],
    "misconceptions": [
        ("\"If I move a slider and the line moves, I have found an effect.\"",
         "Press New seed: if the change is smaller than the seed-to-seed wobble, it is noise."),
        ("\"Stopping makes it worse.\"",
         "Compare with the dashed, untreated line of the same seed, not with the start: AGA went on "
         "all along (question 5)."),
        ("\"The solid line above the dashed one proves the stimulation works.\"",
         "It shows what the *hypothetical* knobs do by construction; a real product needs a trial."),
    ],
    "discussion": [
        "Which of your predictions was most wrong, and what did you learn from it?",
        "How would you convince a friend that a change they saw was not just noise?",
        "What can the explorer never tell you about a real treatment?",
    ],
}

# (title, question for the student, solution cells worked out with the library)
EXERCISES = [
    Exercise(
        "how noisy is a 1 cm² patch?",
        """\
Choose the **Healthy scalp** preset. Set **Follicles simulated** to a 1 cm² patch, then press
**New seed** a few times. How much does the density wander, in hairs per cm²? Now choose a whole
scalp. What changed, and what does it mean for a trial that photographs a 1 cm² patch?""",
        [
            ("code", """\
healthy = hs.presets.healthy()
for n in (225, 100_000):
    sds = [hs.simulate(healthy, n_follicles=n, years=2, rng=seed).density.std() for seed in range(5)]
    print(f"{n:>7,} follicles: day-to-day SD of density about {np.mean(sds):.1f} hairs per cm²")"""),
            ("markdown", """\
A 1 cm² patch wanders by several hairs per cm² from month to month with no change at all in
the biology; a whole scalp wanders by a fraction of a hair. A small trial measuring a 1 cm²
patch sees this noise in every person, treated or not, which is one reason trials need a
control group and enough people."""),
        ],
        'A 1 cm² patch wanders by several hairs per cm² from seed to seed; a whole scalp by a fraction of a hair (the solution prints both SDs). A trial measuring 1 cm² sees this noise in every person.',
    ),
    Exercise(
        "a shorter growth phase",
        """\
Still **Healthy scalp**: lower **Mean anagen (years)** from 3 to 1. Read the "Follicles in anagen" and
"Shedding" readouts at the end of the run. Which one changed more, in proportion? Did the density
change much?""",
        [
            ("code", """\
for years_anagen in (3, 1):
    th = hs.steady_state(hs.presets.healthy().replace(anagen_mean_days=365 * years_anagen))
    print(f"mean anagen {years_anagen} y: {100 * th.anagen:.1f} % in anagen, "
          f"{th.shed_per_day:.0f} shed per day per 100,000, density {th.density:.0f} per cm²")
    if years_anagen == 3:
        before = th
print(f"ratio, 1 year / 3 years: shedding x{th.shed_per_day / before.shed_per_day:.1f}, "
      f"anagen share x{th.anagen / before.anagen:.2f}, density x{th.density / before.density:.2f}")"""),
            ("markdown", """\
The last line answers the question: shedding changes far more in proportion than the anagen
share, and density hardly at all (notebook 02 explains why): shorter cycles mean more turnover,
not necessarily fewer hairs."""),
        ],
        'Shedding changes far more in proportion (about 2.5-fold) than the anagen share (about 91 % to 78 %), and density falls by only a few %.',
    ),
    Exercise(
        "which part of AGA does the damage?",
        """\
Choose **Moderate androgenetic alopecia**. Note the density after 10 years. Then set **Miniaturization per year
(%)** to 0 and look again; then put it back and set **Anagen shortening per year (%)** to 0.
Which of the two does more damage to the non-vellus density?""",
        [
            ("code", """\
aga = hs.presets.aga_moderate()
variants = {"moderate AGA": aga,
            "no miniaturization": aga.replace(miniaturization_per_year=0.0),
            "no anagen shortening": aga.replace(anagen_shortening_per_year=1.0)}
for label, params in variants.items():
    r = hs.simulate(params, n_follicles=20_000, years=10, rng=1)
    print(f"{label:<22} density change over 10 years: {teaching.percent_change(r, 'density'):+.1f} %")"""),
            ("markdown", """\
Without miniaturization most of the loss of *non-vellus* density disappears: hairs that stay
thick keep counting even when their cycles are short. Shortening on its own mostly raises
shedding (and, through more frequent kenogen, leaves some follicles empty)."""),
        ],
        'Miniaturization: without it most of the non-vellus loss disappears; without anagen shortening most of it remains (the solution prints the three 10-year changes).',
    ),
    Exercise(
        "a hypothetical stimulation: the first weeks",
        """\
Choose **Moderate androgenetic alopecia** and tick **Hypothetical stimulation on** (remember: hypothetical knobs,
not any product). Start it at month 24 and stop it at month 48, daily, with **Wake resting
follicles** 2, **Extend growth phase** 1, **Thicken new hairs (%)** 30 and all follicles
responding. Move the **Time (month)** cursor over months 24–28. What happens first to shedding,
and to density? Why? When does the solid line rise above the dashed one?""",
        [
            ("code", """\
aga = hs.presets.aga_moderate()
start, stop = 104 * 7, 208 * 7   # week 104 (about month 24) to week 208 (about month 48)
stim = hs.Stimulation(start_day=start, stop_day=stop, wake=2.0, extend=1.0, thicken=0.3)
untreated = hs.simulate(aga, n_follicles=20_000, years=6, rng=1)
treated = hs.simulate(aga, n_follicles=20_000, years=6, rng=1, stimulation=stim)
shed_u, shed_t = teaching.smooth(untreated.shed, 7), teaching.smooth(treated.shed, 7)
print("hairs shed per day (7-day average), weeks from the start:")
for week in (-1, 1, 2, 4, 8):
    day = start + 7 * week
    print(f"  week {week:+d}: untreated {shed_u[day]:5.1f}, treated {shed_t[day]:5.1f}")
print(teaching.difference_table(treated, untreated, weeks=(104, 106, 108, 112, 116, 120, 156, 208)))"""),
            ("markdown", """\
Waking ends telogen early, so club hairs that would have fallen over the coming weeks fall at
once: shedding more than doubles first, and density *dips* for about two months, because each
new hair needs about four weeks to emerge. Only after that does the solid line climb above the
dashed one. A shedding flare at the start of a treatment is therefore not, by itself, a sign
that it "works" or "fails"."""),
        ],
        'Shedding jumps first (more than double in the first weeks) and density dips for a month or two; the solid line rises above the dashed one only after the new hairs emerge.',
    ),
    Exercise(
        "does it last?",
        """\
Keep the stimulation of the previous question (hypothetical). After month 48, how long does it
take for the solid line to come back to the dashed, untreated one? Now set **Gain kept after
stopping (%)** to 100. What changes?""",
        [
            ("code", """\
for keep in (0.0, 1.0):
    r = hs.simulate(aga, n_follicles=20_000, years=6, rng=1, stimulation=stim.replace(persistence=keep))
    diffs = [r.density[stop + 7 * w] - untreated.density[stop + 7 * w] for w in (0, 12, 24, 52)]
    print(f"persistence {keep:.0%}: gain at 0, 12, 24, 52 weeks after stopping: "
          + ", ".join(f"{d:+.1f}" for d in diffs))"""),
            ("markdown", """\
Read the gains after stopping: with nothing kept, the gain is gone (close to 0) by about 24
weeks, as minoxidil's is in Price et al. 1999. With everything kept, the follicles finish their
natural cycles, so the gain fades more slowly, but AGA goes on underneath and the curves still
come together."""),
        ],
        'With nothing kept, the solid line is back on the dashed one within about 24 weeks of stopping; with everything kept, the gain fades more slowly but the lines still come together.',
    ),
    Exercise(
        "waking alone, in the long run",
        """\
Same settings, but set **Extend growth phase** and **Thicken new hairs (%)** to 0, so the
(hypothetical) stimulation only wakes resting follicles. Compare the two lines a year after
stopping. Is the treated scalp better or worse off than the untreated one? Can you explain it
with what you know about how AGA progresses in this model (notebook 02)?""",
        [
            ("code", """\
wake_only = stim.replace(extend=0.0, thicken=0.0)
r = hs.simulate(aga, n_follicles=20_000, years=6, rng=1, stimulation=wake_only)
print(teaching.difference_table(r, untreated, weeks=(112, 156, 208, 260, 300)))"""),
            ("markdown", """\
Compare the printed differences with zero. Waking alone first pushes out club hairs that would
have fallen weeks later (the early shed) and starts new cycles sooner: it borrows hairs from the
future and then gives them back, so a year after stopping the treated scalp should be back on the
untreated course. Whether it could end *below* it depends on what drives AGA in the model: if
follicles miniaturized once per cycle, making them cycle faster would make them miniaturize
sooner; in hairsim they thin with time under androgen, not with the number of cycles
(`docs/model.md`), and its calibration requires
that stopping returns density to the untreated course and not below it, as minoxidil does in
Price et al. (1999). "Waking follicles" is not automatically good: what matters is what the new
cycles produce."""),
        ],
        'A year after stopping, waking alone leaves the scalp about where the untreated scalp is: it borrowed hairs from the future (the early shed) and gave them back. The solution prints the differences; the model must not end below the untreated course (Price 1999).',
    ),
    Exercise(
        "who responds?",
        """\
With the stimulation on, lower **Responding follicles (%)** from 100 to 30. How does the gain at
the end of the treatment change? If "responding" were a property of *people* instead of
follicles, what would a trial's average hide?""",
        [
            ("code", """\
for share in (1.0, 0.3):
    r = hs.simulate(aga, n_follicles=20_000, years=6, rng=1, stimulation=stim.replace(responders=share))
    print(f"responders {share:.0%}: gain at the stop (month 48) "
          f"{r.density[stop] - untreated.density[stop]:+.1f} per cm²")"""),
            ("markdown", """\
The gain scales with the responding share. An average over people can hide a few large
responders among many non-responders; a trial report needs the spread, not only the mean."""),
        ],
        "The gain scales with the responding share (30 % gives about a third of the gain); a trial's mean can hide a few large responders among many non-responders.",
    ),
    Exercise(
        "the delay of telogen effluvium",
        """\
Choose **Telogen effluvium**. Move the **Time (month)** cursor (or press **Play**) and find when
the shedding peaks. How many months after the stress is that? Try **Mean anagen (years)** at 1:
does the delay change? Why (or why not)?""",
        [
            ("code", """\
te = hs.presets.telogen_effluvium(stress_day=30)
for years_anagen in (3, 1):
    r = hs.simulate(te.replace(anagen_mean_days=365 * years_anagen), n_follicles=20_000, years=2, rng=6)
    delay = teaching.peak_day(r, after_day=te.stress_day) - te.stress_day
    print(f"mean anagen {years_anagen} y: shedding peaks {delay} days after the stress")"""),
            ("markdown", """\
The delay is set by catagen plus telogen (about three months), not by anagen, so changing anagen
hardly moves it. A shorter anagen raises the everyday shedding, so the peak stands out less."""),
        ],
        'About three months after the stress; with a 1-year anagen the delay hardly changes (it is set by catagen + telogen), but the peak stands out less over a higher everyday shedding.',
    ),
]

OWN_QUESTION = """\
### Your own question

Write down a question of your own, a prediction, and what the explorer showed. Some starting
points: Does the mean-field curve (**Show mean-field curve**) match the simulation better for a
whole scalp or for a 1 cm² patch? What does **Anagen spread (CV)** near 0 do to a telogen
effluvium? What is the smallest stimulation (hypothetical) that a 1 cm² patch could reliably
show?"""


def cells():
    c = [
        ("markdown", f"""\
# {TITLE}

This notebook is a set of open questions for the interactive **explorer**: sliders and menus on
the left, plots on the right, and no code to write. For each question, first write down what you
expect, then try it, then explain what you saw. Worked answers, computed with the library rather
than the sliders, are in `solutions/{STEM}_solutions.ipynb`.

{HYPOTHETICAL_NOTE}

{objectives_md(OBJECTIVES)}

{GLOSSARY_NOTE}"""),
        *setup_cells(),
        ("markdown", """\
## The explorer

Run the next cell. It starts with **Moderate androgenetic alopecia** on a whole scalp (100,000 follicles) over
10 years. The dashed line is always the same settings *without* stimulation, drawn from the same
random numbers, so any gap between the lines is caused by the (hypothetical) stimulation and not
by chance. Sliders act when you release them."""),
        figure("""\
from hairsim.widgets import Explorer

with hs.plot.projector():   # larger fonts and thicker lines
    app = Explorer()
app""", """\
The explorer: controls on the left; on the right three panels over time, hair density
(hairs/cm²), the share of follicles in each phase (%) and shedding (hairs per day per 100,000
follicles), with a time cursor across them."""),
        ("markdown", """\
## Guided questions

For each one: first predict, then try, then explain. Write your prediction in the box under the
question *before* you touch a slider, then what you saw and why in the second box."""),
    ]
    for i, ex in enumerate(EXERCISES, 1):
        c.append(predict(f"### Question {i}: {ex.title}\n\n**Predict, then try:** {ex.question}", ex.answer))
        c.append(explain())
    c += [
        ("markdown", OWN_QUESTION),
        explain("*My question:* …\n\n*My prediction:* …\n\n*What I saw, and why:* …"),
        ("markdown", """\
## Things to try

- Press **Play** on a telogen effluvium and watch the shedding panel.
- Use **Reset** after a long exploration: it restores the preset but keeps your seed, so you can
  return to a known state.
- Export the current run (**CSV** in the **View** tab, then the *Save …* link). The file is a
  ZIP: unzip it and keep the two files it holds (the run as a CSV and its settings as a JSON file
  of the same name) together in one folder. Then read the run back with
  `hs.Result.from_csv(path)`, where `path` is the unzipped CSV, to analyse it in code.
- Re-run any question with a different seed. Does your conclusion survive?"""),
        ("markdown", """\
## Assumptions and limits

- **Hard-coded constants**: the explorer starts from hairsim's presets (print
  `hs.presets.healthy()` to see the healthy cycle, `emergence_days`, follicles per cm² and the
  vellus threshold) and the slider ranges of the explorer. The worked solutions use 20,000
  follicles and fixed seeds.
- **The stimulation is hypothetical**: its knobs are what-ifs, not effects of any product.
- The explorer shows one scalp patch of independent follicles: no regions, no seasons, no
  coupling between follicles, no hair length or breakage.
- The mean-field curve is the model's expected value without random noise, the deterministic
  version of the follicular automaton (Halloy et al. 2002)."""),
    ]
    return c
