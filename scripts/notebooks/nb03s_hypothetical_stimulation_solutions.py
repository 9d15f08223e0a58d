"""Solutions to notebook 03."""

from _common import HYPOTHETICAL_NOTE, solution_notebook
from nb03_hypothetical_stimulation import EXERCISES, PREAMBLE, STEM, TITLE

FILENAME = f"solutions/{STEM}_solutions.ipynb"


def cells():
    preamble = [("markdown", HYPOTHETICAL_NOTE),
                ("markdown", "The runs of the notebook, again (same seed, so the same numbers):"),
                *PREAMBLE]
    return solution_notebook(STEM, TITLE, EXERCISES, preamble)
