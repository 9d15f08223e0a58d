"""Helpers of the notebook tests: each notebook is executed once per test session and shared.

``executed(path)`` runs the notebook in a real kernel (nbclient), with two cells appended and
tagged ``test-only``: the notebook's kernel check (``CHECKS``, if any) and a figure audit that
reads every matplotlib Figure left in the kernel (legend font sizes, titles, axis labels), so the
tests look at the figures themselves, not at pictures of them. The executed notebooks are written
to one session folder, which the handout test turns into worksheets without running them again.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parents[2]
NB_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(p for p in NB_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
STUDENT_NOTEBOOKS = [p for p in NOTEBOOKS if p.parent == NB_DIR]

# Kernel-level checks, keyed by notebook stem, run after the last cell. Tolerances come from the
# sample sizes: with f ≈ 0.9 and 20,000 follicles one day's anagen share has a binomial SE of
# sqrt(0.9 · 0.1 / 20,000) ≈ 0.0021, so 0.0106 (5 SE) bounds even a single day; a year of daily
# shedding at ~83/day has a mean with SE ≈ sqrt(83 / 365) ≈ 0.48 hairs.
CHECKS = {
    "01_hair_cycle_basics": """\
sim_anagen = r.anagen.mean() / r.n_follicles
assert abs(sim_anagen - theory.anagen) < 5 * (0.9 * 0.1 / r.n_follicles) ** 0.5, (sim_anagen, theory.anagen)
th_scalp = hs.steady_state(p, n_follicles=scalp.n_follicles)
se = (th_scalp.shed_per_day / 365) ** 0.5
assert abs(scalp.shed[1:].mean() - th_scalp.shed_per_day) < 6 * se, (scalp.shed[1:].mean(), th_scalp.shed_per_day)
""",
    "02_androgenetic_alopecia": """\
mod = runs["aga_moderate"]
assert mod.density[-1] < 0.9 * mod.density[0], (mod.density[0], mod.density[-1])
assert mod.vellus_fraction[-1] > mod.vellus_fraction[0]
# shortening anagen alone keeps hairs thick and costs little density (renewal theory: about 5 %)
assert abs(r_short.mean_diameter[-1] - r_healthy.mean_diameter[-1]) < 1.0
assert 0.85 < r_short.density[-1] / r_healthy.density[-1] < 1.0
# where on the scalp: the occipital fringe is spared, the vertex thins (one SE ~0.35 hairs/cm²)
occ = male.region_density("occipital"); ver = male.region_density("vertex")
assert abs(occ[-1] - occ[0]) < 5.0 and ver[-1] < 0.75 * ver[0], (occ[[0, -1]], ver[[0, -1]])
""",
    "03_hypothetical_stimulation": """\
# only wake sheds early: in the first 8 weeks its shedding is above the untreated scalp's
wake_run = one_at_a_time["wake = 2"]
assert wake_run.shed[1:56].sum() > 1.2 * untreated.shed[1:56].sum()
assert one_at_a_time["thicken = 0.5"].mean_diameter[336] > untreated.mean_diameter[336]
""",
    "03b_stimulation_time_course": """\
assert ceiling["max_gain_percent"] < 70, ceiling
gain6 = 100 * (r_extreme.density[42] / untreated.density[42] - 1)
assert gain6 <= ceiling["max_gain_percent"], (gain6, ceiling)
assert treated.density[48 * 7] > untreated.density[48 * 7]
""",
    "04_synchrony_and_shedding": """\
delay = teaching.peak_day(r_te, after_day=te.stress_day) - te.stress_day
assert 45 <= delay <= 150, delay
assert echo - first > 2 * 365 and wave[echo] > base   # the low-spread cohort comes back, about a cycle later
""",
    "05_explore_on_your_own": """\
assert type(app).__name__ == "Explorer"
assert app.result is not None
""",
    "06_virtual_trial": """\
assert controlled["ci_low"] > 0, controlled
assert naive["mean"] > controlled["diff"], (naive, controlled)
assert trial.change("placebo", 48).mean() > trial.true_change("placebo", 48).mean()
""",
}

# Reads every Figure in the kernel. A data axes is one that draws something (lines, areas,
# patches, images); colour bars are reported with their label.
FIGURE_AUDIT = """\
import gc as _gc, json as _json
import matplotlib.figure as _mf
import matplotlib.colorbar as _cb
# the explorer's own figures (issue 10 owns them): every Figure reachable from `app` in a few steps
_explorer_figs, _todo, _seen = set(), [(globals().get("app"), 0)], set()
while _todo:
    _obj, _depth = _todo.pop()
    if _obj is None or id(_obj) in _seen or _depth > 3:
        continue
    _seen.add(id(_obj))
    if isinstance(_obj, _mf.Figure):
        _explorer_figs.add(id(_obj))
        continue
    if type(_obj).__module__.startswith("hairsim"):
        _todo += [(v, _depth + 1) for v in vars(_obj).values()] if hasattr(_obj, "__dict__") else []
_report = []
for _fig in [o for o in _gc.get_objects() if isinstance(o, _mf.Figure)]:
    _legends = list(_fig.legends) + [a.get_legend() for a in _fig.axes if a.get_legend() is not None]
    _axes = []
    for _ax in _fig.axes:
        _draws = bool(_ax.lines or _ax.collections or _ax.images or len(_ax.patches) > 0)
        _is_cbar = getattr(_ax, "_colorbar", None) is not None
        _axes.append({"title": " ".join(_ax.get_title(loc) for loc in ("left", "center", "right")).strip(),
                      "ylabel": _ax.get_ylabel(), "xlabel": _ax.get_xlabel(),
                      "yticklabels": [t.get_text() for t in _ax.get_yticklabels()],
                      "data": _draws and not _is_cbar, "colorbar": _is_cbar})
    _report.append({
        "explorer": id(_fig) in _explorer_figs,
        "suptitle": _fig._suptitle.get_text() if _fig._suptitle is not None else "",
        "legend_sizes": [t.get_fontsize() for lg in _legends for t in lg.get_texts()],
        "axes": _axes,
    })
print("FIGURE-AUDIT " + _json.dumps(_report))
"""

_CACHE = {}


def execute_cached(path, out_dir):
    """Execute the notebook ``path`` (once per session) with its check and audit cells; write the
    executed copy under ``out_dir`` and return it."""
    from nbclient import NotebookClient

    path = Path(path)
    if path not in _CACHE:
        nb = nbformat.read(path, as_version=4)
        check = CHECKS.get(path.stem)
        if check:
            nb.cells.append(new_code_cell(check + "print('CHECK OK')", metadata={"tags": ["test-only", "check"]}))
        nb.cells.append(new_code_cell(FIGURE_AUDIT, metadata={"tags": ["test-only", "audit"]}))
        client = NotebookClient(nb, timeout=240, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()  # raises CellExecutionError, with the cell's traceback, if any cell fails
        out = Path(out_dir) / path.relative_to(NB_DIR)
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out)
        _CACHE[path] = nb
    return _CACHE[path]


def cell_text(cell) -> str:
    """All the text a cell printed."""
    return "".join(o.get("text", "") for o in cell.get("outputs", []))


def figure_audit(nb) -> list:
    """The figure report printed by the audit cell of an executed notebook."""
    for cell in nb.cells:
        if "audit" in cell.metadata.get("tags", []):
            for line in cell_text(cell).splitlines():
                if line.startswith("FIGURE-AUDIT "):
                    return json.loads(line[len("FIGURE-AUDIT "):])
    raise AssertionError("the figure audit printed nothing")
