"""Notebook 00: the interactive explorer (also the page that ``make app`` serves with Voilà)."""

FILENAME = "00_explorer.ipynb"

INTRO = """\
# hairsim explorer: a scalp's hair follicles over time

Pick a preset, move the sliders and watch what happens to hair density, to the share of follicles in
each phase of the hair cycle (anagen, catagen, telogen, kenogen) and to daily shedding. Every change
re-runs the simulation. With the **hypothetical** stimulation on (a what-if, not a real product's
effect), the dashed line is the same scalp without it, from the same random numbers, so the gap
between the lines is the effect of the settings, not noise. Press ▶ to move the time cursor."""

CODE = """\
%matplotlib widget
import hairsim as hs
from hairsim.widgets import Explorer

app = Explorer()
app"""


def cells():
    """The notebook's cells as ``(kind, source)`` pairs."""
    return [("markdown", INTRO), ("code", CODE)]
