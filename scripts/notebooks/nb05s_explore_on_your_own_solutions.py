"""Solutions to notebook 05 (worked with the library instead of the sliders)."""

from _common import HYPOTHETICAL_NOTE, solution_notebook
from nb05_explore_on_your_own import EXERCISES, STEM, TITLE

FILENAME = f"solutions/{STEM}_solutions.ipynb"


def cells():
    preamble = [("markdown", "These answers use the library directly, so you can check what the sliders "
                             "showed you with exact numbers.\n\n" + HYPOTHETICAL_NOTE)]
    return solution_notebook(STEM, TITLE, EXERCISES, preamble)
