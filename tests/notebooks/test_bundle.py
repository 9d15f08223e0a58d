"""The classroom bundle runs anywhere: unzip ``dist/hairsim-classroom.zip`` into an empty folder
outside the repository, make a fresh venv with only what a hosted notebook service has before any
install (numpy, matplotlib, ipywidgets, ipykernel) plus nbclient to drive it, and execute every
student notebook there: all run, and their own setup cells install hairsim from the wheel.

Needs the network for pip (PyPI, or the configured index); marked ``notebooks`` and ``bundle``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nbexec import ROOT, STUDENT_NOTEBOOKS

HOSTED = ["numpy", "matplotlib", "ipywidgets", "ipykernel", "nbclient"]


@pytest.mark.notebooks
@pytest.mark.bundle
def test_the_bundle_runs_in_a_fresh_environment(tmp_path_factory):
    work = tmp_path_factory.mktemp("bundle")
    assert ROOT not in work.parents
    zip_path = work / "hairsim-classroom.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_bundle.py"), "--out", str(zip_path)],
                   check=True)
    unpacked = work / "unzipped"
    unpacked.mkdir()
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        zf.extractall(unpacked)
    top = unpacked / "hairsim-classroom"
    for path in STUDENT_NOTEBOOKS:
        assert f"hairsim-classroom/notebooks/{path.name}" in names
        assert f"hairsim-classroom/notebooks/solutions/{path.stem}_solutions.ipynb" in names or path.stem in (
            "00_explorer",)
    wheels = list((top / "notebooks").glob("hairsim-*.whl"))
    assert len(wheels) == 1 and (top / "README.md").exists() and (top / "docs" / "glossary.md").exists()

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *HOSTED],
                   check=True)
    # only the hosted packages: no hairsim, no ipympl before the notebooks install them
    probe = subprocess.run([str(python), "-c", "import importlib.util as u; "
                            "print(u.find_spec('hairsim') is None and u.find_spec('ipympl') is None)"],
                           capture_output=True, text=True, check=True, cwd=work)
    assert probe.stdout.strip() == "True"

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MPLBACKEND", "VIRTUAL_ENV")}
    env["JUPYTER_DATA_DIR"] = str(work / "jupyter-data")      # no user-level kernelspec can interfere
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    report_path = work / "report.json"
    notebooks = [str(top / "notebooks" / p.name) for p in STUDENT_NOTEBOOKS]
    subprocess.run([str(python), str(Path(__file__).with_name("bundle_driver.py")), str(report_path), *notebooks],
                   check=True, cwd=work, env=env, timeout=1800)
    report = json.loads(report_path.read_text(encoding="utf-8"))

    failed = {name: r["error"] for name, r in report.items() if not r["ok"]}
    assert not failed, "\n\n".join(f"{k}:\n{v}" for k, v in failed.items())
    first = report[STUDENT_NOTEBOOKS[0].name]
    assert f"Installing hairsim from {wheels[0].name}" in first["setup"], first["setup"]
    for name, r in report.items():
        assert str(venv) in r["hairsim"] and str(ROOT) not in r["hairsim"], (name, r["hairsim"])
