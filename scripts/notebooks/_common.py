"""Cells shared by the teaching notebooks (imported by the nb*.py modules; not a notebook itself).

A module's ``cells()`` returns a list of cell specs, which ``scripts/make_notebooks.py`` turns
into notebook cells:

* ``("markdown", text)`` and ``("code", source)``: plain cells;
* ``predict(prompt, answer)``: a prediction prompt (tagged ``prediction``) followed by an empty
  answer box for the learner (tagged ``answer``, "Your prediction: …"); ``answer`` is the
  teacher's answer, which goes only into ``docs/teacher-guide.md``;
* ``explain()``: a "what you saw, and why" box for the learner (tagged ``answer``);
* ``figure(code, alt, key=False)``: a code cell that draws a figure (tagged ``figure``, and
  ``key-figure`` for the figures the printed worksheet shows) and, under it, its alt text: one
  sentence saying what the figure shows, for readers who cannot see it.
"""

from __future__ import annotations

from collections import namedtuple

#: An exercise: ``answer`` is the short answer the teacher guide prints; ``solution`` the cells
#: of the worked solution (in the solutions notebook).
Exercise = namedtuple("Exercise", "title question solution answer")

# The first cell of every notebook. It installs what is missing and nothing else, in this order:
# hairsim from a wheel beside the notebook (the classroom bundle), else from the repository the
# notebook was opened from, else it says in one sentence what to do; then ipympl, and only then
# the widget backend, before anything imports matplotlib (a late install needs a kernel restart).
SETUP_CODE = '''\
# Setup: run this cell first. It installs only what is missing, so it is quick the second time.
import importlib, importlib.util, pathlib, sys

here = pathlib.Path.cwd().resolve()
if importlib.util.find_spec("hairsim") is None:
    wheels = [w for d in (here, *list(here.parents)[:2]) for w in sorted(d.glob("hairsim-*.whl"))]
    repo = next((d for d in (here, *here.parents)
                 if (d / "pyproject.toml").is_file() and (d / "hairsim" / "__init__.py").is_file()), None)
    if wheels:
        wheel = max(wheels, key=lambda w: w.stat().st_mtime)
        print("Installing hairsim from", wheel.name)
        %pip install --quiet "{wheel}"
    elif repo is not None:
        print("Installing hairsim from the copy this notebook sits in:", repo)
        %pip install --quiet -e "{repo}"
    else:
        raise ModuleNotFoundError("hairsim is not installed: put the file hairsim-….whl from the "
                                  "classroom bundle in the same folder as this notebook, then run this cell again.")
if importlib.util.find_spec("ipympl") is None:
    %pip install --quiet ipympl
importlib.invalidate_caches()
try:
    from google.colab import output  # only on Colab: let it show interactive figures
    output.enable_custom_widget_manager()
except ImportError:
    pass
%matplotlib widget'''

IMPORTS_CODE = '''\
import numpy as np
import matplotlib.pyplot as plt
import hairsim as hs
import hairsim.plot  # the figures; `with hs.plot.projector():` makes them readable on a projector
from hairsim import teaching'''

SETUP_MD = """\
**Setup.** Run the next two cells first. The first one installs hairsim and the interactive
figures if they are missing (on Colab or a fresh Jupyter it takes a minute; it prints what it
does) and does nothing if they are there. Every simulation below uses a fixed *seed* (`rng=...`),
so you will see the same numbers as your classmates."""

HYPOTHETICAL_NOTE = """\
> **The stimulation in hairsim is hypothetical.** Its knobs (`wake`, `extend`, `thicken`) say what
> an effect *would* do to the hair cycle *if it existed*. They are not measured effects of exosomes,
> of any product or of any real treatment. There is no FDA-approved exosome product (FDA alerts of
> 9 Dec 2019 and 22 Jul 2020)."""

GLOSSARY_NOTE = "Words that are links are explained in the [glossary](../docs/glossary.md)."

ANSWER_TEXT = "*Your prediction:* …"
EXPLAIN_TEXT = "*What you saw, and why:* …"


def predict(prompt, answer):
    """A prediction prompt and the learner's answer box (``answer`` is for the teacher guide)."""
    return ("predict", prompt, answer)


def explain(text=EXPLAIN_TEXT):
    """A box for the learner to write what they saw and why, after a reveal."""
    return ("explain", text)


def figure(code, alt, key=False):
    """A code cell that draws a figure, with its alt text under it."""
    return ("figure", code, alt, bool(key))


def objectives_md(objectives):
    """The "Learning objectives" paragraph of a notebook's introduction."""
    items = "\n".join(f"{i}. {text}" for i, text in enumerate(objectives, 1))
    return f"**Learning objectives.** By the end you will be able to\n\n{items}"


def setup_cells():
    """The setup markdown, the install cell and the imports cell."""
    return [("markdown", SETUP_MD), ("code", SETUP_CODE), ("code", IMPORTS_CODE)]


def closing_cells(stem, exercises, things_to_try, limits):
    """The end of a student notebook, always in this order: exercises, things to try, limits."""
    return [*exercise_cells(stem, exercises),
            ("markdown", "## Things to try\n\n" + things_to_try.strip("\n")),
            ("markdown", "## Assumptions and limits\n\n" + limits.strip("\n"))]


def exercise_cells(stem, exercises):
    """Exercise questions for the student notebook, each followed by an empty answer cell."""
    cells = [("markdown", f"## Exercises\n\nTry each one before you look at the worked solutions in "
                          f"`solutions/{stem}_solutions.ipynb`.")]
    for i, ex in enumerate(exercises, 1):
        cells.append(("markdown", f"### Exercise {i}: {ex.title}\n\n{ex.question}"))
        cells.append(("code", f"# Your answer to exercise {i}\n"))
    return cells


def solution_notebook(stem, title, exercises, preamble=()):
    """Cells of a solutions notebook: setup, ``preamble`` cells, then each question and its solution."""
    cells = [("markdown", f"# Solutions: {title}\n\nWorked solutions to the exercises of `../{stem}.ipynb`. "
                          "Try them yourself first: a wrong prediction you can explain teaches more "
                          "than a right one you copied. "
                          "Words that are links are explained in the [glossary](../../docs/glossary.md).")]
    cells += setup_cells()
    cells += list(preamble)
    for i, ex in enumerate(exercises, 1):
        cells.append(("markdown", f"## Exercise {i}: {ex.title}\n\n{ex.question}"))
        cells += list(ex.solution)
    return cells
