"""Notebook 00: the interactive explorer (also the page that ``make app`` serves with Voilà)."""

from _common import GLOSSARY_NOTE, SETUP_CODE, figure, objectives_md, predict

FILENAME = "00_explorer.ipynb"
STEM = "00_explorer"
TITLE = "hairsim explorer: a scalp's hair follicles over time"

OBJECTIVES = [
    "read the explorer's three panels: hair density, the share of follicles in each phase, and "
    "daily shedding;",
    "see that a small patch of scalp is noisy and a whole scalp is steady;",
    "describe how androgenetic alopecia changes the panels over years;",
    "explain why a (hypothetical) stimulation is compared with the dashed, untreated line of the "
    "same scalp, and why shedding can rise before density does.",
]

# The 10-minute projector demo: (minutes, what to click, what to ask the class, what they should notice).
DEMO = [
    ("0–1", "Run the setup cell and the explorer cell. It opens on **Moderate androgenetic "
            "alopecia**: choose **Healthy scalp** in **Preset**, and leave **Follicles simulated** "
            "on a whole scalp (100,000).",
     "\"About how many of your follicles are growing a hair right now?\"",
     "The green anagen band in the middle panel covers about 9/10 of it and stays flat."),
    ("1–3", "Set **Follicles simulated** to a 1 cm² patch (225). Press **New seed** three times.",
     "\"Is the patch's density steady? Would you trust a before/after photo of 1 cm²?\"",
     "The density line wobbles by several hairs per cm² with nothing changing; back on a whole "
     "scalp it is smooth."),
    ("3–5", "Set **Follicles simulated** back to a whole scalp (100,000) and choose **Moderate "
            "androgenetic alopecia** in **Preset**.",
     "\"Will the density fall within months or over years? Which phase will grow?\"",
     "A slow fall over years; the blue telogen and grey kenogen bands widen; shedding rises "
     "slowly too (it about doubles over the ten years)."),
    ("5–8", "Tick **Hypothetical stimulation on** (say out loud: a what-if, not a product). Set "
            "**Start (month)** 12 and **Stop (month)** 24. Drag **Time (month)** from 12 to 15.",
     "\"In the first weeks, will shedding go up or down? And density?\"",
     "Shedding jumps first (resting club hairs are pushed out), density dips, and only then rises "
     "above the dashed untreated line; after month 24 it returns to the dashed line."),
    ("8–10", "Untick **Hypothetical stimulation on**, choose **Telogen effluvium (shedding "
             "after a stress)**, drag **Time (month)** back to 0 and press **Play**.",
     "\"The stress happens in the first month. When will the hair fall?\"",
     "Shedding peaks about three months later, while density barely dips. Close with: a "
     "before/after photo shows density, not the shedding; which would worry a patient more?"),
]

GUIDE = {
    "minutes": "10 minutes as a projector demo (the script below); 20–30 minutes if students drive it",
    "prior": "None. The explorer needs no code; words such as anagen are in the glossary.",
    "demo": [f"**{t} min.** {click} Ask: {ask} Notice: {notice}" for t, click, ask, notice in DEMO],
    "misconceptions": [
        ("\"The treated line is above the dashed line, so the treatment works.\"",
         "In the explorer the stimulation is a hypothetical knob; and for a real treatment nobody "
         "ever sees the dashed line of the same person, which is why trials need a placebo group."),
        ("\"More shedding at the start means it is failing.\"",
         "Waking resting follicles pushes out club hairs that would have fallen a few weeks later; "
         "the new hairs need weeks to emerge."),
        ("\"A 1 cm² photo shows how the whole scalp changes.\"",
         "A patch of 225 follicles wobbles by several hairs per cm² by chance alone."),
    ],
    "discussion": [
        "Which panel would a patient notice first: density, phases or shedding? Which would a "
        "photograph show?",
        "Why must the dashed line use the same seed as the treated one?",
        "What would you need to know about a real product before you could move its sliders?",
    ],
}

INTRO = f"""\
# {TITLE}

Pick a preset, move the sliders and watch what happens to hair density, to the share of follicles
in each phase of the hair cycle (anagen, catagen, telogen, kenogen) and to daily shedding. Every
change re-runs the simulation. With the **hypothetical** stimulation on (a what-if, not a real
product's effect), the dashed line is the same scalp without it, from the same random numbers
(common random numbers), so the gap between the lines is the effect of the settings, not noise.
Press ▶ to move the time cursor.

{objectives_md(OBJECTIVES)}

{GLOSSARY_NOTE}"""

SETUP_MD = """\
**Setup.** Run the next cell first: it installs hairsim and the interactive figures if they are
missing (on Colab or a fresh Jupyter; it prints what it does) and does nothing if they are there.
Then run the explorer cell."""

CODE = """\
import hairsim as hs
from hairsim.widgets import Explorer

with hs.plot.projector():   # larger fonts and thicker lines, for the back of the room
    app = Explorer()
app"""

ALT = """\
The explorer: controls on the left; on the right three panels over time, hair density
(hairs/cm²), the share of follicles in each phase (%) and shedding (hairs per day per 100,000
follicles), with a time cursor across them."""


def demo_md():
    rows = "\n".join(f"| {t} | {click} | {ask} | {notice} |" for t, click, ask, notice in DEMO)
    return f"""\
## A 10-minute projector demo

For a teacher showing the explorer to a class. Minutes are a guide; each step asks the class
before it shows. Units in every panel: density in hairs per cm², phases in % of follicles,
shedding in hairs per day per 100,000 follicles (about a whole scalp).

| min | click | ask the class | what they should notice |
|---|---|---|---|
{rows}

More questions to explore alone are in `05_explore_on_your_own.ipynb`; the teacher guide
(`docs/teacher-guide.md`) has the answers and how to run the app for a whole class."""


def questions():
    """The demo's questions for the class, each with an answer box (a prediction before the click)."""
    cells = [("markdown", """\
## Your predictions during the demo

Write each answer *before* the explorer shows it (the teacher asks, then clicks).""")]
    for t, click, ask, notice in DEMO:
        cells.append(predict(f"**Predict ({t} min):** {ask.strip(chr(34))}", notice))
    return cells


def cells():
    """The notebook's cells as ``(kind, source)`` pairs."""
    return [("markdown", INTRO), ("markdown", SETUP_MD), ("code", SETUP_CODE), figure(CODE, ALT),
            ("markdown", demo_md()), *questions()]
