"""``make handouts``: a PDF per student notebook and the teacher guide, with text on every page.

The worksheets are made from the notebooks this session already executed (no second run). In CI
(the ``CI`` environment variable set) a missing Chromium, Playwright or poppler is a failure, never
a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nbexec import ROOT, STUDENT_NOTEBOOKS

sys.path.insert(0, str(ROOT / "scripts"))
import make_handouts  # noqa: E402


def _unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(f"The handout test cannot run in CI: {reason} (see .ci/run).", pytrace=False)
    pytest.skip(reason)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.notebooks
def test_handouts_print_a_worksheet_per_student_notebook_and_the_guide(executed, executed_dir, tmp_path):
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            _unavailable(f"{tool} is missing (apt-get install poppler-utils)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    if not make_handouts.CHROMIUM.exists():
        _unavailable(f"Chromium is missing at {make_handouts.CHROMIUM}")
    for path in STUDENT_NOTEBOOKS:
        executed(path)
    out = tmp_path / "handouts"
    # in its own process, as `make handouts` runs it (a Playwright session of another test may be open here)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_handouts.py"), "--executed", str(executed_dir),
                    "--out", str(out)], check=True, cwd=ROOT)

    expected = {"teacher-guide.pdf"} | {f"{p.stem}.pdf" for p in STUDENT_NOTEBOOKS}
    assert expected <= {p.name for p in out.glob("*.pdf")}
    for name in sorted(expected):
        pdf = out / name
        pages = _pages(pdf)
        assert pages >= 1, name
        for page in range(1, pages + 1):
            text = _text(pdf, page)
            assert len(text.split()) >= 20, f"{name}, page {page}: no text"
            assert "](" not in text and "**" not in text, f"{name}, page {page}: markdown left unrendered"
        if name != "teacher-guide.pdf":
            first = _text(pdf, 1)
            assert "Worksheet for" in first and "Learning objectives" in first, name
            texts = [_text(pdf, k) for k in range(1, pages + 1)]
            assert "My prediction" in "".join(texts), f"{name} has no prediction box"
            # ask before telling: every prediction box comes before Part B, which starts a new page
            # with the figures and the "what you saw" boxes
            part_b = next(k for k, t in enumerate(texts) if "Part B: what the simulation shows" in t)
            assert "Part A: your predictions" in texts[0], name
            assert all("My prediction" not in t for t in texts[part_b:]), f"{name}: a prediction after Part B"
            assert texts[part_b].lstrip().startswith("Part B") or "Part B" in texts[part_b].splitlines()[0], name
            assert not any("What you saw" in t for t in texts[:part_b]), f"{name}: an answer box before Part B"
    guide = "".join(_text(out / "teacher-guide.pdf", k) for k in range(1, _pages(out / "teacher-guide.pdf") + 1))
    assert "Answer:" in guide and "Running the explorer for a class" in guide
