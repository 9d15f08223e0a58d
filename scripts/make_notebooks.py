"""Write the teaching notebooks in ``notebooks/`` from the modules in ``scripts/notebooks/``.

Every module ``scripts/notebooks/nb*.py`` defines

* ``FILENAME``: the notebook's path under ``notebooks/``, e.g. ``"01_hair_cycle_basics.ipynb"`` or
  ``"solutions/01_hair_cycle_basics_solutions.ipynb"``;
* ``cells()``: a list of cell specs (see ``scripts/notebooks/_common.py``): ``("markdown", text)``,
  ``("code", source)``, and the teaching kinds ``predict`` (a prompt and the learner's answer box),
  ``explain`` (a "what you saw" box) and ``figure`` (a figure cell and its alt text).

The notebooks are written with nbformat v4, the ``python3`` kernelspec, no outputs and deterministic
cell ids (``<stem>-00``, ``<stem>-01``, ...), so that regenerating them changes nothing unless a
module changed. The first time a notebook uses a word of ``docs/glossary.md`` in its prose, the
word becomes a link to its entry (``GLOSSARY_TERMS``).

Usage::

    python scripts/make_notebooks.py           # (re)write every notebook
    python scripts/make_notebooks.py --check   # exit 1 if a notebook differs from what would be written

``--check`` also reports ``.ipynb`` files under ``notebooks/`` that no module generates.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "notebooks"
OUT = ROOT / "notebooks"

METADATA = {
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
}
_ID_OK = re.compile(r"^[A-Za-z0-9_-]+$")
GLOSSARY = ROOT / "docs" / "glossary.md"

# Glossary entry (its heading, which is also its anchor) -> the words in the prose that it explains.
# Matched case-insensitively unless the pattern starts with (?-i); only outside code, links,
# headings and formulas.
GLOSSARY_TERMS = {
    "follicle": r"\bfollicles?\b",
    "anagen": r"\banagen\b",
    "catagen": r"\bcatagen\b",
    "telogen": r"\btelogen\b(?! effluvium)",
    "kenogen": r"\bkenogen\b",
    "exogen": r"\bexogen\b",
    "club-hair": r"\bclub hairs?\b",
    "emergence": r"\bemerge(s|nce)?\b",
    "terminal-hair": r"\bterminal(?= (scalp )?hairs?\b)",
    "vellus": r"(?<![-\w])vellus\b",
    "miniaturization": r"\bminiaturi[sz](ation|es|e|ed|ing)\b",
    "hair-density": r"\b(hair )?density\b",
    "shedding": r"\bshedding\b",
    "androgenetic-alopecia": r"\bandrogenetic alopecia\b",
    "telogen-effluvium": r"\btelogen effluvium\b",
    "lognormal": r"\blognormal\b",
    "coefficient-of-variation": r"\bcoefficient of variation\b|(?-i:\bCVs?\b)",
    "standard-deviation": r"\bstandard deviation\b|(?-i:\bSDs?\b)",
    "standard-error": r"\bstandard errors?\b|(?-i:\bSEs?\b)",
    "binomial": r"\bbinomial\b",
    "moving-average": r"\bmoving average\b|\b\d+-day (average|mean)\b",
    "seed": r"\bseeds?\b",
    "steady-state": r"\bsteady[ -]state\b",
    "renewal-theory": r"\brenewal theory\b",
    "mean-field": r"\bmean[ -]field\b",
    "common-random-numbers": r"\bcommon random numbers\b",
    "counterfactual": r"\bcounterfactual\b",
    "exposure": r"\bexposure\b",
    "placebo": r"\bplacebo\b",
    "regression-to-the-mean": r"\bregression to the mean\b",
    "randomized-trial": r"\brandomi[sz]ed (clinical |controlled )?trials?\b|\brandomi[sz]ed\b",
    "confidence-interval": r"\bconfidence intervals?\b",
    "p-value": r"\bp-values?\b",
    "t-test": r"\bWelch's t-test\b|\bt-test\b|\bWelch\b",
    "power": r"\bpower\b",
}
# a space in a pattern matches any run of white space, so a word may run over a line break
_TERM_RES = {anchor: re.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE)
             for anchor, pattern in GLOSSARY_TERMS.items()}
# Parts of markdown where no link is added: fenced code, headings, code, existing links, images,
# formulas, HTML tags.
_PROTECTED = re.compile(r"```.*?```|^[ \t]*#[^\n]*$|`[^`]*`|!?\[[^\]]*\]\([^)]*\)|\$\$.*?\$\$|\$[^$\n]*\$|<[^>]+>",
                        re.DOTALL | re.MULTILINE)


def discover(sources: Path = SOURCES) -> list:
    """Import every ``nb*.py`` module in ``sources``, sorted by file name.

    Parameters
    ----------
    sources : Path
        Folder holding the notebook modules.

    Returns
    -------
    list of module
        Each has ``FILENAME`` and ``cells()``.
    """
    if str(sources) not in sys.path:
        sys.path.insert(0, str(sources))  # lets a solutions module import its notebook's module
    modules = []
    for path in sorted(sources.glob("nb*.py")):
        module = importlib.import_module(path.stem)
        for attr in ("FILENAME", "cells"):
            if not hasattr(module, attr):
                raise SystemExit(f"{path.relative_to(ROOT)} must define {attr}.")
        modules.append(module)
    return modules


def glossary_anchors(path: Path = GLOSSARY) -> list:
    """The anchors of the glossary's entries: each ``### heading``, lower-case words and hyphens."""
    anchors = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            anchors.append(re.sub(r"\s+", "-", line[4:].strip().lower()))
    return anchors


def link_glossary(texts: list, glossary_href: str) -> list:
    """Link the first use of every glossary word in a notebook's markdown cells to its entry.

    Parameters
    ----------
    texts : list of str or None
        The notebook's cells in order: markdown text to link, or None for cells left alone.
    glossary_href : str
        Relative path from the notebook to ``docs/glossary.md``.

    Returns
    -------
    list of str or None
        The same cells, each word linked once (its first use), outside headings, code, formulas
        and existing links. A word may run over a line break.
    """
    done = set()
    out = []
    for text in texts:
        if text is None:
            out.append(None)
            continue
        for anchor, regex in _TERM_RES.items():
            if anchor in done:
                continue
            pos, found = 0, None
            for m in list(_PROTECTED.finditer(text)) + [None]:
                end = m.start() if m else len(text)
                hit = regex.search(text, pos, end)
                if hit:
                    found = hit
                    break
                if m is None:
                    break
                pos = m.end()
            if found:
                word = found.group(0)
                text = text[:found.start()] + f"[{word}]({glossary_href}#{anchor})" + text[found.end():]
                done.add(anchor)
        out.append(text)
    return out


def expand(filename: str, specs: list) -> list:
    """Turn a module's cell specs into ``(cell_type, source, tags)`` triples.

    ``predict`` becomes the prompt (tag ``prediction``) and an answer box (tag ``answer``);
    ``explain`` a "what you saw" box (tag ``answer``); ``figure`` a code cell (tag ``figure``, and
    ``key-figure`` if it is one of the worksheet's figures) followed by its alt text (tag ``alt``).
    """
    from _common import ANSWER_TEXT  # noqa: PLC0415 - scripts/notebooks is on sys.path by now

    cells = []
    for i, spec in enumerate(specs):
        kind = spec[0]
        if kind in ("markdown", "code") and len(spec) == 2:
            cells.append((kind, spec[1], []))
        elif kind == "predict" and len(spec) == 3:
            if not str(spec[2]).strip():
                raise SystemExit(f"{filename}: prediction {spec[1][:40]!r} has no answer for the teacher guide.")
            cells.append(("markdown", spec[1], ["prediction"]))
            cells.append(("markdown", ANSWER_TEXT, ["answer"]))
        elif kind == "explain" and len(spec) == 2:
            cells.append(("markdown", spec[1], ["answer", "explain"]))
        elif kind == "figure" and len(spec) == 4:
            cells.append(("code", spec[1], ["figure", "key-figure"] if spec[3] else ["figure"]))
            cells.append(("markdown", f"*Figure:* {spec[2].strip()}", ["alt"]))
        else:
            raise SystemExit(f"{filename}: cell spec {i} {spec[:1]!r} is not one of markdown, code, "
                             "predict, explain, figure.")
    return cells


def build(filename: str, cells: list) -> str:
    """Return the text of the notebook ``filename`` made of ``cells``.

    Parameters
    ----------
    filename : str
        Path of the notebook under ``notebooks/``; its stem prefixes the cell ids.
    cells : list of tuple
        Cell specs (see :func:`expand`).

    Returns
    -------
    str
        The notebook as nbformat v4 JSON, ending with a newline.
    """
    stem = Path(filename).stem
    if not _ID_OK.match(stem) or len(stem) > 60:
        raise SystemExit(f"Notebook name {filename!r} must be letters, digits, '-' or '_' (at most 60).")
    cells = expand(filename, cells)
    href = "../" * len(Path(filename).parts) + "docs/glossary.md"
    linked = link_glossary([src if kind == "markdown" and "answer" not in tags else None
                            for kind, src, tags in cells], href)
    nb = new_notebook(metadata=METADATA)
    for i, ((kind, source, tags), text) in enumerate(zip(cells, linked)):
        source = text if text is not None else source
        cell = new_markdown_cell(source.strip("\n")) if kind == "markdown" else new_code_cell(source.strip("\n"))
        if tags:
            cell.metadata["tags"] = list(tags)
        cell.id = f"{stem}-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if any notebook differs from what would be written")
    args = parser.parse_args(argv)

    known = set(glossary_anchors())
    missing = [a for a in GLOSSARY_TERMS if a not in known]
    if missing:
        raise SystemExit(f"docs/glossary.md has no entry for {', '.join(missing)} (GLOSSARY_TERMS).")
    wanted = {}
    for module in discover():
        path = OUT / module.FILENAME
        if path in wanted:
            raise SystemExit(f"Two modules write {module.FILENAME}.")
        wanted[path] = build(module.FILENAME, module.cells())

    if args.check:
        problems = []
        for path, text in wanted.items():
            rel = path.relative_to(ROOT)
            if not path.exists():
                problems.append(f"{rel}: missing")
            elif path.read_text(encoding="utf-8") != text:
                problems.append(f"{rel}: differs from what scripts/make_notebooks.py writes")
        for path in sorted(OUT.rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in path.parts and path not in wanted:
                problems.append(f"{path.relative_to(ROOT)}: not generated by any scripts/notebooks/nb*.py")
        if problems:
            print("Notebooks out of date (run: python scripts/make_notebooks.py):")
            print("\n".join(f"  {p}" for p in problems))
            return 1
        print(f"{len(wanted)} notebooks up to date.")
        return 0

    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
