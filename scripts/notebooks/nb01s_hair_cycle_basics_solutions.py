"""Solutions to notebook 01."""

from _common import solution_notebook
from nb01_hair_cycle_basics import EXERCISES, STEM, TITLE

FILENAME = f"solutions/{STEM}_solutions.ipynb"


def cells():
    return solution_notebook(STEM, TITLE, EXERCISES)
