"""Solutions to notebook 06."""

from _common import HYPOTHETICAL_NOTE, solution_notebook
from nb06_virtual_trial import EXERCISES, PREAMBLE, STEM, TITLE

FILENAME = f"solutions/{STEM}_solutions.ipynb"


def cells():
    preamble = [("markdown", HYPOTHETICAL_NOTE),
                ("markdown", "The trial of the notebook, again (same seed, so the same numbers):"),
                *PREAMBLE]
    return solution_notebook(STEM, TITLE, EXERCISES, preamble)
