"""Write the classroom bundle ``dist/hairsim-classroom.zip``.

Inside, under ``hairsim-classroom/``:

* ``README.md``: a short README for the teacher;
* ``notebooks/*.ipynb``: the student notebooks, with the hairsim wheel beside them
  (``notebooks/hairsim-<version>-py3-none-any.whl``), which every notebook's first cell installs;
* ``notebooks/solutions/*.ipynb``: the worked solutions, in their own folder;
* ``docs/glossary.md`` and ``docs/teacher-guide.md`` (the notebooks link the glossary there).

The layout mirrors the repository, so every link in the notebooks still works. The zip is
reproducible: its entries are sorted and dated 2026-01-01.

Usage::

    python scripts/make_bundle.py                   # dist/hairsim-classroom.zip
    python scripts/make_bundle.py --out OTHER.zip
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = "hairsim-classroom"
DATE = (2026, 1, 1, 0, 0, 0)

README = """\
# hairsim in the classroom

A ready-to-use copy of the hairsim teaching notebooks: a simulator of the hair follicles of a
scalp (anagen, catagen, telogen, kenogen), with androgenetic alopecia and a **hypothetical**
stimulation that stands for unproven "exosome" claims (never the effect of a real product).

## What is inside

| folder | what |
|---|---|
| `notebooks/` | the student notebooks `00`–`06` and `{wheel}`, the hairsim package they install |
| `notebooks/solutions/` | worked solutions to every exercise (leave this folder out of the copy you give students, if you like) |
| `docs/teacher-guide.md` | per notebook: time, objectives, demo script, answers, misconceptions, discussion questions, how to run the app for a class |
| `docs/glossary.md` | every word the notebooks use, in plain language, and the units |

## Three ways to open a notebook

1. **Jupyter on your own computer** (Python 3.10 or newer): in this folder run
   `python -m pip install jupyterlab notebooks/{wheel}` then `jupyter lab`, and open a notebook.
2. **Colab or another hosted notebook service**: upload the notebook *and* `{wheel}` into the
   same folder, then run the first cell. It installs hairsim and the interactive figures (about a
   minute) and switches on Colab's widget support.
3. **Anywhere else**: keep this folder as it is and open the notebooks from it. The first cell of
   every notebook installs hairsim from the wheel beside it; if there is no wheel, it says in one
   sentence what to do.

Start with `00_explorer.ipynb`: it has a 10-minute projector demo script. The printable handouts
(worksheets and this guide as PDF) are made with `make handouts` in the hairsim repository.
"""


def build_wheel(folder: Path) -> Path:
    """Build the hairsim wheel (no dependencies) into ``folder`` and return its path."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
                    str(folder), str(ROOT)], check=True)
    wheels = sorted(folder.glob("hairsim-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one hairsim wheel in {folder}; found {[w.name for w in wheels]}")
    return wheels[0]


def _add(zf: zipfile.ZipFile, arcname: str, data: bytes):
    info = zipfile.ZipInfo(f"{TOP}/{arcname}", date_time=DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "hairsim-classroom.zip",
                        help="the zip to write (default dist/hairsim-classroom.zip)")
    args = parser.parse_args(argv)

    students = sorted((ROOT / "notebooks").glob("*.ipynb"))
    solutions = sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
    if not students or not solutions:
        raise SystemExit("notebooks/ has no notebooks: run python scripts/make_notebooks.py first.")
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp))
        files = {f"notebooks/{p.name}": p.read_bytes() for p in students}
        files.update({f"notebooks/solutions/{p.name}": p.read_bytes() for p in solutions})
        files[f"notebooks/{wheel.name}"] = wheel.read_bytes()
        for doc in ("glossary.md", "teacher-guide.md"):
            files[f"docs/{doc}"] = (ROOT / "docs" / doc).read_bytes()
        files["README.md"] = README.format(wheel=wheel.name).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(args.out, "w") as zf:
        for name in sorted(files):
            _add(zf, name, files[name])
    print(f"wrote {args.out} ({len(files)} files, {args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
