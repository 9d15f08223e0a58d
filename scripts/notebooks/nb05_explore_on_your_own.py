"""Notebook 05: guided open questions with the interactive explorer."""

from _common import HYPOTHETICAL_NOTE, SETUP_CODE, SETUP_MD

FILENAME = "05_explore_on_your_own.ipynb"
STEM = "05_explore_on_your_own"
TITLE = "Explore on your own"

WIDGET_SETUP = '''\
# The explorer needs ipympl. On Colab, also switch on Colab's widget manager.
if importlib.util.find_spec("ipympl") is None:
    %pip install --quiet ipympl
if "google.colab" in sys.modules:
    from google.colab import output
    output.enable_custom_widget_manager()

%matplotlib widget
from hairsim.widgets import Explorer'''

# (title, question for the student, solution cells worked out with the library)
EXERCISES = [
    (
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
    ),
    (
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
          f"{th.shed_per_day:.0f} shed per day per 100,000, density {th.density:.0f} per cm²")"""),
            ("markdown", """\
Shedding rises about 2.5-fold while the anagen share drops from about 90 % to about 76 % and
density by only about 5 % (notebook 02): shorter cycles mean more turnover, not necessarily
fewer hairs."""),
        ],
    ),
    (
        "which part of AGA does the damage?",
        """\
Choose **Moderate androgenetic alopecia**. Note the density after 10 years. Then set **Miniaturization per cycle
(%)** to 0 and look again; then put it back and set **Anagen shortening per cycle (%)** to 0.
Which of the two does more damage to the non-vellus density?""",
        [
            ("code", """\
aga = hs.presets.aga_moderate()
variants = {"moderate AGA": aga,
            "no miniaturization": aga.replace(miniaturization=0.0),
            "no anagen shortening": aga.replace(anagen_shortening=1.0)}
for label, params in variants.items():
    r = hs.simulate(params, n_follicles=20_000, years=10, rng=1)
    print(f"{label:<22} density change over 10 years: {teaching.percent_change(r, 'density'):+.1f} %")"""),
            ("markdown", """\
Without miniaturization most of the loss of *non-vellus* density disappears: hairs that stay
thick keep counting even when their cycles are short. Shortening on its own mostly raises
shedding (and, through more frequent kenogen, leaves some follicles empty)."""),
        ],
    ),
    (
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
    ),
    (
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
With nothing kept, most of the gain is gone within about 24 weeks of stopping. With everything
kept, the follicles finish their natural cycles, so the gain fades more slowly, but AGA goes on
underneath and the curves still come together within a year or two."""),
        ],
    ),
    (
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
Waking alone ends up slightly *below* the untreated line. In hairsim, a susceptible follicle
shortens and thins once per cycle (the follicular automaton of Halloy et al. 2000 also counts
cycles), so making follicles cycle faster makes them miniaturize sooner. This is an assumption
of the model, not an observation about any treatment, but it shows why "waking follicles" is
not automatically good: what matters is what the new cycles produce."""),
        ],
    ),
    (
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
    ),
    (
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

**Learning objectives.** By the end you will be able to

1. design a small experiment: change one setting, keep the others and the seed fixed;
2. tell signal from noise by changing the seed and the number of follicles;
3. connect what you see (density, phases, shedding) to the mechanisms of notebooks 01–04;
4. explain why the treated line is compared with the dashed, untreated line from the same seed."""),
        ("markdown", SETUP_MD + "\n\nThe third cell loads the explorer's interactive plots (ipympl)."),
        ("code", SETUP_CODE),
        ("code", """\
import numpy as np
import hairsim as hs
from hairsim import teaching"""),
        ("code", WIDGET_SETUP),
        ("markdown", """\
## The explorer

Run the next cell. It starts with **Moderate androgenetic alopecia** on a whole scalp (100,000 follicles) over
10 years. The dashed line is always the same settings *without* stimulation, drawn from the same
random numbers, so any gap between the lines is caused by the (hypothetical) stimulation and not
by chance. Sliders act when you release them."""),
        ("code", """\
app = Explorer()
app"""),
        ("markdown", """\
## Guided questions

For each one: **predict**, **try**, **explain**. Use the empty markdown cell under each question
for your notes."""),
    ]
    for i, (title, question, _) in enumerate(EXERCISES, 1):
        c.append(("markdown", f"### Question {i}: {title}\n\n{question}"))
        c.append(("markdown", "*My prediction:*\n\n*What I saw:*\n\n*Why:*"))
    c += [
        ("markdown", OWN_QUESTION),
        ("markdown", """\
## Things to try

- Press **Play** on a telogen effluvium and watch the shedding panel.
- Use **Reset** after a long exploration: it restores the preset but keeps your seed, so you can
  return to a known state.
- Export the current run (**Download CSV**) and read it back with `hs.Result.from_csv(path)` to
  analyse it in code.
- Re-run any question with a different seed. Does your conclusion survive?"""),
        ("markdown", """\
## Assumptions and limits

- **Hard-coded constants**: the explorer starts from hairsim's presets (healthy cycle: anagen
  1095 days, catagen 14, telogen 90, kenogen 120 days after 1 cycle in 10; `emergence_days` 28;
  225 follicles per cm²; vellus threshold 30 µm) and the slider ranges in
  `hairsim/widgets.py`. The worked solutions use 20,000 follicles and fixed seeds.
- **The stimulation is hypothetical**: its knobs are what-ifs, not effects of any product.
- The explorer shows one scalp patch of independent follicles: no regions, no seasons, no
  coupling between follicles, no hair length or breakage.
- The mean-field curve is the model's expected value without random noise, the deterministic
  version of the follicular automaton (Halloy et al. 2002)."""),
    ]
    return c
