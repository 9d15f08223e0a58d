"""Solutions to notebook 02."""

from _common import solution_notebook
from nb02_androgenetic_alopecia import EXERCISES, PREAMBLE, STEM, TITLE

FILENAME = f"solutions/{STEM}_solutions.ipynb"


def cells():
    preamble = [("markdown", "The runs of the notebook, again (same seed, so the same numbers):"),
                *PREAMBLE]
    return solution_notebook(STEM, TITLE, EXERCISES, preamble)
