"""Every notebook runs top to bottom in a real kernel, and matches what the generator writes.

The execution tests are marked ``notebooks`` (``pytest -m notebooks`` runs only them,
``-m "not notebooks"`` skips them on purpose). A failing cell fails its test with the cell's
traceback. For some notebooks a last cell is appended that asserts the notebook's key claim
inside the kernel, on the notebook's own variables.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parents[2]
NB_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(p for p in NB_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)

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
assert ceiling["max_gain_percent"] < 70, ceiling
gain6 = 100 * (r_extreme.density[42] / untreated.density[42] - 1)
assert gain6 <= ceiling["max_gain_percent"], (gain6, ceiling)
assert treated.density[48 * 7] > untreated.density[48 * 7]
""",
    "04_synchrony_and_shedding": """\
delay = teaching.peak_day(r_te, after_day=te.stress_day) - te.stress_day
assert 45 <= delay <= 150, delay
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
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    check = CHECKS.get(path.stem)
    if check:
        nb.cells.append(new_code_cell(check + "print('CHECK OK')"))
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, with the cell's traceback, if any cell fails
    if check:
        text = "".join(out.get("text", "") for out in nb.cells[-1].outputs)
        assert "CHECK OK" in text, nb.cells[-1].outputs
