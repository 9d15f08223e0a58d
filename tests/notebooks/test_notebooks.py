"""Every notebook runs top to bottom in a real kernel, matches what the generator writes, and its
figures are readable on a projector.

The execution tests are marked ``notebooks`` (``pytest -m notebooks`` runs only them,
``-m "not notebooks"`` skips them on purpose). A failing cell fails its test with the cell's
traceback. For some notebooks a last cell asserts the notebook's key claim inside the kernel, on
the notebook's own variables (``conftest.CHECKS``); each notebook is executed once per session.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from nbexec import CHECKS, NB_DIR, NOTEBOOKS, ROOT, cell_text, figure_audit

# A figure names its units when its title (or, for a panel of a shared figure, its y label) holds
# one of these. A time word counts as a unit only in brackets ("duration (days)"): "over 10 years"
# says what the x axis spans, not what the panel's values are in.
UNIT = re.compile(r"hairs/cm²|per cm²|/cm²|%|µm|per day|/day|per 100,000|\((weeks|days|months|years)\)|"
                  r"\bmm\b|E\(t\)|0 to 1|hairs/day")
MIN_LEGEND_PT = 11


def test_notebooks_found():
    stems = {p.stem for p in NOTEBOOKS}
    for stem in CHECKS:
        assert stem in stems, f"notebooks/{stem}.ipynb is missing"
        assert f"{stem}_solutions" in stems, f"notebooks/solutions/{stem}_solutions.ipynb is missing"


def test_generated_notebooks_are_up_to_date():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_notebooks.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(NB_DIR)) for p in NOTEBOOKS])
def test_notebook_runs(path, executed):
    nb = executed(path)
    if path.stem in CHECKS:
        check = next(c for c in nb.cells if "check" in c.metadata.get("tags", []))
        assert "CHECK OK" in cell_text(check), check.outputs


def _categorical(axes) -> bool:
    """A y axis of named rows ("follicle 1", "frontal"), not a quantity: its unit is the x axis's."""
    labels = [t for t in axes.get("yticklabels", []) if t.strip()]
    return bool(labels) and not any(re.fullmatch(r"[−\-+]?[\d.,]+(e[−\-+]?\d+)?%?", t) for t in labels)


def _figure_problems(fig, where):
    problems = []
    small = [s for s in fig["legend_sizes"] if s < MIN_LEGEND_PT]
    if small:
        problems.append(f"{where}: legend text of {min(small):g} pt (at least {MIN_LEGEND_PT} in the projector style)")
    data = [a for a in fig["axes"] if a["data"]]
    titles = [fig["suptitle"]] + [a["title"] for a in fig["axes"]]
    measured = [a for a in data if not _categorical(a)]
    if measured and not any(UNIT.search(t) for t in titles if t):
        problems.append(f"{where}: no title names the units ({titles})")
    for a in data:  # every panel that draws data says what it shows (and, for a quantity, its unit)
        if not (a["ylabel"] + a["title"]).strip():
            problems.append(f"{where}: a panel has neither a title nor a y label")
        elif a not in measured and not UNIT.search(a["title"] + " " + a.get("xlabel", "")):
            problems.append(f"{where}: a panel of named rows names no unit (title {a['title']!r}, "
                            f"x label {a.get('xlabel', '')!r})")
        elif a in measured and not UNIT.search(a["title"] + " " + a["ylabel"]):
            problems.append(f"{where}: a panel names no unit (title {a['title']!r}, y label {a['ylabel']!r})")
    return problems


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(NB_DIR)) for p in NOTEBOOKS])
def test_figures_are_readable_and_name_their_units(path, executed):
    """Checked on the executed notebook's own Figures, through matplotlib (not on pictures)."""
    nb = executed(path)
    figures = [f for f in figure_audit(nb) if not f["explorer"]]
    drawn = sum("figure" in c.metadata.get("tags", []) for c in nb.cells)
    assert len(figures) >= drawn - sum("Explorer()" in c.source for c in nb.cells), (len(figures), drawn)
    problems = [p for i, fig in enumerate(figures) for p in _figure_problems(fig, f"figure {i + 1}")]
    assert not problems, "\n".join(problems)


@pytest.mark.notebooks
def test_explorer_figure_is_projector_ready(executed):
    nb = executed(NB_DIR / "00_explorer.ipynb")
    figures = [f for f in figure_audit(nb) if f["explorer"]]
    assert figures and not _figure_problems(figures[0], "the explorer")
