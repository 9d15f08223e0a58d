"""Print the classroom handouts to PDF: the teacher guide, the glossary and one worksheet per
student notebook, in ``dist/handouts/``.

A worksheet is made from the *executed* notebook. Part A: its title and objectives, and every
prediction with a box to write in. Part B, from a new page (so no figure answers a prediction
before it is written): the key figures (cells tagged ``key-figure``) with their descriptions, the
"what you saw" boxes and questions, and the exercises with space for the answers. The pages are
HTML printed to PDF by Chromium through Playwright (no LaTeX); markdown becomes HTML with
nbconvert's renderer.

Usage::

    python scripts/make_handouts.py                     # execute the student notebooks, then print
    python scripts/make_handouts.py --executed DIR      # use notebooks already executed into DIR
    python scripts/make_handouts.py --out OTHER/DIR     # write somewhere else (default dist/handouts)

Chromium is looked for at ``$HAIRSIM_CHROMIUM`` or ``/usr/bin/chromium``.
"""

from __future__ import annotations

import argparse
import base64
import html
import os
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
DOCS = ROOT / "docs"
CHROMIUM = Path(os.environ.get("HAIRSIM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; }
h1 { font-size: 18pt; margin: 0 0 4pt 0; }
h2 { font-size: 13.5pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #999; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 10pt 0 3pt 0; page-break-after: avoid; }
table { border-collapse: collapse; margin: 6pt 0; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 2pt 5pt; vertical-align: top; text-align: left; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; background: #f2f2f2; }
pre { background: #f2f2f2; padding: 4pt; white-space: pre-wrap; font-size: 8.5pt; }
a { color: #111; text-decoration: underline; }
blockquote { border-left: 3px solid #999; margin: 6pt 0; padding: 0 8pt; color: #333; }
.meta { font-size: 10pt; margin-bottom: 8pt; }
.box { border: 1.2px solid #333; border-radius: 4px; margin: 4pt 0 10pt 0; padding: 4pt 8pt;
       page-break-inside: avoid; }
.box .label { font-weight: bold; font-size: 9.5pt; }
.box .lines { height: var(--h); background-image: repeating-linear-gradient(transparent, transparent 23px, #bbb 24px); }
.prompt { page-break-inside: avoid; }
.part-b { page-break-before: always; }
.see-a { color: #444; margin: 4pt 0; }
figure { margin: 6pt 0 12pt 0; page-break-inside: avoid; text-align: center; }
figure img { max-width: 100%; max-height: 120mm; }
figcaption { font-size: 9pt; color: #333; text-align: left; margin-top: 3pt; }
"""


def markdown_to_html(text: str) -> str:
    """Markdown to HTML with nbconvert's renderer (tables included), without heading anchors."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return re.sub(r"<a class=.anchor-link.[^>]*>.*?</a>", "", markdown2html_mistune(text))


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head><body>{body}</body></html>")


def _box(label: str, lines: int) -> str:
    return (f"<div class='box'><div class='label'>{html.escape(label)}</div>"
            f"<div class='lines' style='--h:{24 * lines}px'></div></div>")


def _tags(cell) -> list:
    return cell.metadata.get("tags", [])


def _figure_png(cell):
    for out in cell.get("outputs", []):
        png = out.get("data", {}).get("image/png")
        if png:
            return png if isinstance(png, str) else "".join(png)
    return None


def _box_label(source: str) -> str:
    m = re.match(r"\*([^*]+):\*", source.strip())
    return m.group(1) if m else "Your answer"


def worksheet_html(nb, name: str) -> str:
    """The printable worksheet of an executed notebook."""
    cells = [c for c in nb.cells if "test-only" not in _tags(c)]
    first = cells[0].source
    title = re.search(r"^#\s+(.+)$", first, flags=re.M)
    title = title.group(1) if title else name
    intro = first.split("**Learning objectives.**", 1)
    parts = [f"<h1>{html.escape(title)}</h1>",
             f"<div class='meta'>Worksheet for <code>{html.escape(name)}</code> · Name: "
             "______________________ · Date: ____________</div>"]
    if len(intro) == 2:
        objectives = "**Learning objectives.**" + intro[1].split("\n\nWords that are links", 1)[0]
        parts.append(markdown_to_html(objectives))
    # Part A: every prediction, under the notebook section it belongs to, before any answer (the
    # figures that answer them come on later pages)
    predictions, section = [], ""
    for c in cells[1:]:
        if c.cell_type == "markdown":
            heads = [ln[3:].strip() for ln in c.source.splitlines() if ln.startswith("## ")]
            section = heads[-1] if heads else section
            if "prediction" in _tags(c):
                predictions.append((section, c.source))
    if predictions:
        parts.append("<h2>Part A: your predictions</h2>")
        parts.append("<p><i>Work through the notebook; when it asks for a prediction, write it in its box "
                     "here <b>before</b> you run the cell (or try the explorer) that answers it. Part B, "
                     "from the next page, shows what the simulation gives: keep it folded back until "
                     "then.</i></p>")
        for k, (where, src) in enumerate(predictions, 1):
            head = f"Prediction {k}" + (f" (notebook section: {html.escape(where)})" if where else "")
            parts.append(f"<div class='prompt'><p><b>{head}.</b></p>{markdown_to_html(src)}"
                         f"{_box('My prediction', 3)}</div>")
        parts.append("<div class='part-b'><h2>Part B: what the simulation shows</h2></div>")
    n_pred = 0
    in_exercises = False
    for i, cell in enumerate(cells[1:], 1):
        tags = _tags(cell)
        src = cell.source
        if cell.cell_type == "markdown" and "prediction" in tags:
            n_pred += 1
            how = "try it in the explorer" if "then try" in src else "run the cell that answers it"
            parts.append(f"<p class='see-a'><i>Prediction {n_pred} (Part A): now {how}, and compare.</i></p>")
        elif cell.cell_type == "markdown" and "answer" in tags and "explain" in tags:
            prev = cells[i - 1]
            if prev.cell_type == "markdown" and not ({"prediction", "alt"} & set(_tags(prev))) and "**Question" in prev.source:
                question = prev.source[prev.source.index("**Question"):]
                parts.append(markdown_to_html(question))
            parts.append(_box(_box_label(src), 3))
        elif cell.cell_type == "code" and "key-figure" in tags:
            png = _figure_png(cell)
            alt = cells[i + 1].source.replace("*Figure:* ", "", 1) if i + 1 < len(cells) else ""
            plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", alt).replace("*", "").replace("`", "")
            if png:
                parts.append(f"<figure><img src='data:image/png;base64,{png}' alt='{html.escape(plain, quote=True)}'>"
                             f"<figcaption>{html.escape(plain)}</figcaption></figure>")
        elif cell.cell_type == "markdown":
            for line in src.splitlines():
                if line.startswith("## "):
                    in_exercises = line.strip() == "## Exercises"
                    if line.strip() in ("## Things to try", "## Assumptions and limits"):
                        in_exercises = False
                    if not line.startswith(("## Things to try", "## Assumptions")):
                        parts.append(f"<h2>{html.escape(line[3:].strip())}</h2>")
                    break
            if in_exercises and src.startswith("### Exercise"):
                parts.append(f"<div class='prompt'>{markdown_to_html(src)}{_box('My answer', 6)}</div>")
    return _page(title, "\n".join(parts))


def markdown_page(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^#\s+(.+)$", text, flags=re.M)
    return _page(title.group(1) if title else path.stem, markdown_to_html(text))


def execute(paths, out_dir: Path) -> Path:
    """Execute the notebooks into ``out_dir`` (each in its own folder, as in notebooks/)."""
    from nbclient import NotebookClient

    for path in paths:
        nb = nbformat.read(path, as_version=4)
        print(f"running {path.relative_to(ROOT)}", flush=True)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        out = out_dir / path.relative_to(NB_DIR)
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out)
    return out_dir


def print_pdfs(pages: dict, out_dir: Path) -> list:
    """Print ``{file name: html}`` to PDFs in ``out_dir`` with headless Chromium."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"Chromium is missing at {CHROMIUM}: install it (apt-get install chromium) "
                         "or set HAIRSIM_CHROMIUM.")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for name, text in pages.items():
                page.set_content(text, wait_until="load")
                target = out_dir / name
                page.pdf(path=str(target), format="A4", print_background=True,
                         display_header_footer=True, header_template="<span></span>",
                         footer_template="<div style='font-size:8pt;width:100%;text-align:center;color:#555'>"
                                         "hairsim · <span class='title'></span> · page <span class='pageNumber'></span>"
                                         " of <span class='totalPages'></span></div>",
                         margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
                written.append(target)
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        finally:
            browser.close()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--executed", type=Path, default=None,
                        help="folder of already executed notebooks (same layout as notebooks/)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "handouts", help="output folder")
    args = parser.parse_args(argv)

    students = sorted(NB_DIR.glob("*.ipynb"))
    executed = args.executed or execute(students, ROOT / "build" / "handouts" / "executed")
    pages = {"teacher-guide.pdf": markdown_page(DOCS / "teacher-guide.md"),
             "glossary.pdf": markdown_page(DOCS / "glossary.md")}
    for path in students:
        done = Path(executed) / path.name
        if not done.exists():
            raise SystemExit(f"{done} is missing: execute the notebooks first (run without --executed).")
        pages[f"{path.stem}.pdf"] = worksheet_html(nbformat.read(done, as_version=4), path.name)
    print_pdfs(pages, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
