"""Cells shared by the teaching notebooks (imported by the nb*.py modules; not a notebook itself)."""

from __future__ import annotations

# The install cell. It does nothing when hairsim is importable (a local install, or a notebook run
# from inside a copy of the repository). On Colab or a fresh Jupyter it pip-installs hairsim from
# HAIRSIM_PIP_SOURCE, which the reader fills in: no address is invented here.
SETUP_CODE = '''\
# Setup: makes `import hairsim` work on Colab or in a fresh Jupyter. Does nothing if hairsim is there.
import importlib.util, pathlib, sys

# Only needed if hairsim is not installed and this notebook is not inside a copy of the hairsim
# repository: replace the text below with where you got hairsim, e.g. a "git+https://..." address
# or a path to the folder that holds pyproject.toml.
HAIRSIM_PIP_SOURCE = "FILL-IN-WHERE-YOU-GOT-HAIRSIM"

if importlib.util.find_spec("hairsim") is None:
    here = pathlib.Path.cwd().resolve()
    repo = next((d for d in (here, *here.parents)
                 if (d / "pyproject.toml").is_file() and (d / "hairsim" / "__init__.py").is_file()), None)
    if repo is not None:
        sys.path.insert(0, str(repo))   # use the copy this notebook sits in, without installing it
        print("Using hairsim from", repo)
    elif HAIRSIM_PIP_SOURCE.startswith("FILL-IN"):
        raise ModuleNotFoundError("hairsim is not installed: set HAIRSIM_PIP_SOURCE in this cell, then run it again.")
    else:
        %pip install --quiet {HAIRSIM_PIP_SOURCE}'''

IMPORTS_CODE = '''\
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
import hairsim as hs
import hairsim.plot  # the figures: hs.plot.plot_density, plot_phases, plot_shedding, plot_overview
from hairsim import teaching'''

SETUP_MD = """\
**Setup.** Run the next two cells first. The first one does nothing if hairsim is already installed;
on Colab, fill in `HAIRSIM_PIP_SOURCE` with where you got hairsim. Every simulation below uses a
fixed seed (`rng=...`), so you will see the same numbers as your classmates."""

HYPOTHETICAL_NOTE = """\
> **The stimulation in hairsim is hypothetical.** Its knobs (`wake`, `extend`, `thicken`) say what
> an effect *would* do to the hair cycle *if it existed*. They are not measured effects of exosomes,
> of any product or of any real treatment. There is no FDA-approved exosome product (FDA alerts of
> 9 Dec 2019 and 22 Jul 2020)."""


def setup_cells():
    """The setup markdown, the install cell and the imports cell."""
    return [("markdown", SETUP_MD), ("code", SETUP_CODE), ("code", IMPORTS_CODE)]


def exercise_cells(stem, exercises):
    """Exercise questions for the student notebook, each followed by an empty answer cell.

    ``exercises`` is a list of ``(title, question_markdown, solution_cells)``.
    """
    cells = [("markdown", f"## Exercises\n\nTry each one before you look at the worked solutions in "
                          f"`solutions/{stem}_solutions.ipynb`.")]
    for i, (title, question, _) in enumerate(exercises, 1):
        cells.append(("markdown", f"### Exercise {i}: {title}\n\n{question}"))
        cells.append(("code", f"# Your answer to exercise {i}\n"))
    return cells


def solution_notebook(stem, title, exercises, preamble=()):
    """Cells of a solutions notebook: setup, ``preamble`` cells, then each question and its solution."""
    cells = [("markdown", f"# Solutions: {title}\n\nWorked solutions to the exercises of `../{stem}.ipynb`. "
                          "Try them yourself first: a wrong prediction you can explain teaches more "
                          "than a right one you copied.")]
    cells += setup_cells()
    cells += list(preamble)
    for i, (t, question, solution) in enumerate(exercises, 1):
        cells.append(("markdown", f"## Exercise {i}: {t}\n\n{question}"))
        cells += list(solution)
    return cells
