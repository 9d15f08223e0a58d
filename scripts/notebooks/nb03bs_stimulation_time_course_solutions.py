"""Solutions to notebook 03b."""

from _common import HYPOTHETICAL_NOTE, solution_notebook
from nb03b_stimulation_time_course import EXERCISES, PREAMBLE, STEM, TITLE

FILENAME = f"solutions/{STEM}_solutions.ipynb"


def cells():
    preamble = [("markdown", HYPOTHETICAL_NOTE),
                ("markdown", "The runs of the notebook, again (same seed, so the same numbers):"),
                *PREAMBLE]
    return solution_notebook(STEM, TITLE, EXERCISES, preamble)
