"""The teaching package, read from the generated notebooks (no kernel): the notebooks ask before
they tell, every figure has alt text, every notebook links the glossary where a word first
appears, the structure a teacher expects, and the teacher guide is current."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from nbexec import NB_DIR, NOTEBOOKS, ROOT, STUDENT_NOTEBOOKS

GLOSSARY = ROOT / "docs" / "glossary.md"
GUIDE = ROOT / "docs" / "teacher-guide.md"
IDS = [str(p.relative_to(NB_DIR)) for p in NOTEBOOKS]

# The words issue 11 asks the glossary to define, and how each is found in the notebooks' prose.
REQUIRED_WORDS = {
    "anagen": r"\banagen\b",
    "catagen": r"\bcatagen\b",
    "telogen": r"\btelogen\b(?! effluvium)",
    "kenogen": r"\bkenogen\b",
    "exogen": r"\bexogen\b",
    "vellus": r"(?<![-\w])vellus\b",
    "terminal": r"\bterminal(?= (scalp )?hairs?\b)",
    "miniaturization": r"\bminiaturi[sz]",
    "lognormal": r"\blognormal\b",
    "coefficient of variation": r"\bcoefficient of variation\b|\bCV\b",
    "steady state": r"\bsteady[ -]state\b",
    "renewal theory": r"\brenewal theory\b",
    "mean field": r"\bmean[ -]field\b",
    "common random numbers": r"\bcommon random numbers\b",
    "counterfactual": r"\bcounterfactual\b",
    "placebo": r"\bplacebo\b",
    "randomized trial": r"\brandomi[sz]ed\b",
    "confidence interval": r"\bconfidence intervals?\b",
    "p-value": r"\bp-values?\b",
    "power": r"\bpower\b",
}
CASE_SENSITIVE = {"coefficient of variation"}   # "CV" only in capitals
LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
CODE = re.compile(r"`[^`]*`")
PROMPT = re.compile(r"\*\*[^*\n]{0,60}\bpredict\b[^*\n]{0,30}\*\*|\bpredict:", re.IGNORECASE)  # a bold "predict"


def _read(path):
    return nbformat.read(path, as_version=4)


def _tags(cell):
    return cell.metadata.get("tags", [])


def _anchors():
    return [re.sub(r"\s+", "-", line[4:].strip().lower())
            for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("### ")]


def test_glossary_defines_every_word_of_the_issue():
    anchors = set(_anchors())
    for word in REQUIRED_WORDS:
        slug = word.replace(" ", "-")
        assert slug in anchors or f"{slug}-hair" in anchors, f"docs/glossary.md has no entry for {word!r}"
    text = GLOSSARY.read_text(encoding="utf-8")
    for entry in re.split(r"^### ", text, flags=re.M)[1:]:
        body = entry.split("\n", 1)[1].strip()
        assert len(body.split()) >= 15, f"the glossary entry {entry.splitlines()[0]!r} is too short to explain"


def test_glossary_states_the_units_once():
    text = GLOSSARY.read_text(encoding="utf-8")
    assert "per 100,000 follicles" in text and "hairs per cm²" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_prediction_prompt_has_an_answer_cell_before_the_reveal(path):
    cells = _read(path).cells
    prompts = 0
    for i, cell in enumerate(cells):
        if cell.cell_type != "markdown" or "answer" in _tags(cell):
            continue
        if "prediction" in _tags(cell) or PROMPT.search(cell.source):
            prompts += 1
            assert "prediction" in _tags(cell), f"cell {i} asks for a prediction but is not tagged 'prediction'"
            nxt = cells[i + 1]
            assert nxt.cell_type == "markdown" and "answer" in _tags(nxt), f"cell {i + 1} is not an answer cell"
            assert nxt.source.startswith("*Your prediction:*"), nxt.source
    if path.parent == NB_DIR and path.stem != "00_explorer":
        assert prompts >= 3, f"{path.name} has only {prompts} prediction prompts"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_figure_has_alt_text_under_it(path):
    cells = _read(path).cells
    for i, cell in enumerate(cells):
        draws = cell.cell_type == "code" and re.search(r"plt\.show\(\)|\bExplorer\(\)", cell.source)
        assert bool(draws) == ("figure" in _tags(cell)), f"cell {i}: a figure cell must be tagged 'figure'"
        if draws:
            alt = cells[i + 1]
            assert alt.cell_type == "markdown" and alt.source.startswith("*Figure:* "), f"cell {i + 1}"
            assert len(alt.source.split()) >= 12, f"cell {i + 1}: alt text too short to describe the figure"
        if cell.cell_type == "code" and "plt.show()" in cell.source:
            assert "hs.plot.projector()" in cell.source, f"cell {i}: figures are drawn in the projector style"


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=[p.name for p in STUDENT_NOTEBOOKS])
def test_student_notebooks_have_objectives_and_exercises_before_things_to_try(path):
    cells = _read(path).cells
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert "**Learning objectives.**" in text
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    if "## Exercises" in text:
        order = [heads.index(h) for h in ("## Exercises", "## Things to try", "## Assumptions and limits")]
        assert order == sorted(order), heads


def test_notebook_00_has_objectives_and_a_ten_minute_demo_script():
    text = "\n".join(c.source for c in _read(NB_DIR / "00_explorer.ipynb").cells if c.cell_type == "markdown")
    assert "**Learning objectives.**" in text and "## A 10-minute projector demo" in text
    rows = [line for line in text.splitlines() if re.match(r"\| \d+–\d+ \|", line)]
    assert len(rows) >= 4 and rows[-1].startswith("| 8–10 |")
    for row in rows:
        assert row.count("|") == 5 and "?" in row   # click, ask (a question), notice


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_first_cell_sets_up_everything_and_asks_for_no_edit(path):
    cells = _read(path).cells
    code = [c for c in cells if c.cell_type == "code"]
    setup = code[0].source
    for needed in ('glob("hairsim-*.whl")', "%pip install", "pyproject.toml", "ipympl",
                   "enable_custom_widget_manager", "except ImportError", "%matplotlib widget"):
        assert needed in setup, needed
    assert setup.index("ipympl") < setup.index("%matplotlib widget")
    assert "import matplotlib" not in setup and "import hairsim" not in setup   # nothing imports matplotlib first
    for cell in cells:
        assert not re.search(r"FILL[-_ ]?IN|<your |YOUR_[A-Z]|placeholder", cell.source), cell.source[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_links_the_glossary_where_a_word_first_appears(path):
    anchors = set(_anchors())
    first_seen = {}
    linked_somewhere = False
    hidden = re.compile(r"```.*?```|^[ \t]*#[^\n]*$|`[^`]*`", re.DOTALL | re.MULTILINE)
    for cell in _read(path).cells:
        if cell.cell_type != "markdown" or "answer" in _tags(cell):
            continue
        # the text as a reader sees it (links replaced by their text), and where the links are
        shown, links, pos = "", [], 0
        for m in LINK.finditer(cell.source):
            shown += cell.source[pos:m.start()]
            links.append((len(shown), len(shown) + len(m.group(1)), m.group(2)))
            shown += m.group(1)
            pos = m.end()
        shown += cell.source[pos:]
        for _, _, href in links:
            if "glossary.md" in href:
                linked_somewhere = True
                anchor = href.split("#", 1)[1] if "#" in href else None
                assert anchor is None or anchor in anchors, f"{href}: no such glossary entry"
        plain = hidden.sub(lambda m: re.sub(r"\S", " ", m.group(0)), shown)   # headings and code: not prose
        for word, pattern in REQUIRED_WORDS.items():
            if word in first_seen:
                continue
            flags = 0 if word in CASE_SENSITIVE else re.IGNORECASE
            m = re.search(pattern.replace(" ", r"\s+"), plain, flags)
            if m:
                first_seen[word] = any(a <= m.start() < b and "glossary.md#" in h for a, b, h in links)
    assert linked_somewhere, f"{path.name} never links docs/glossary.md"
    unlinked = [w for w, ok in first_seen.items() if not ok]
    assert not unlinked, f"{path.name}: first use not linked to the glossary: {unlinked}"


def test_readme_lists_every_student_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The notebooks", 1)[1].split("\n## ", 1)[0]
    for path in STUDENT_NOTEBOOKS:
        assert f"`{path.stem}`" in table, f"README's notebook table does not list {path.stem}"


def test_links_between_notebooks_point_at_notebooks_that_exist():
    names = {p.name for p in NOTEBOOKS}
    for path in NOTEBOOKS:
        for cell in _read(path).cells:
            for name in re.findall(r"\b(\d\d[a-z]?_\w+\.ipynb)", cell.source):
                assert name in names, f"{path.name} refers to {name}, which does not exist"


def test_teacher_guide_is_up_to_date_and_answers_every_prediction_and_exercise():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_teacher_guide.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    guide = GUIDE.read_text(encoding="utf-8")
    for path in STUDENT_NOTEBOOKS:
        assert f"`{path.name}`" in guide, path.name
    prompts = sum("prediction" in _tags(c) for p in STUDENT_NOTEBOOKS for c in _read(p).cells)
    assert guide.count("**Answer:**") >= prompts
    for heading in ("Time needed", "Objectives", "Prior knowledge", "Demo script", "Common misconceptions",
                    "Discussion questions", "Running the explorer for a class"):
        assert heading in guide, heading
    for myth in ("100 hairs a day", "Stopping makes it worse", "Before/after proves it works"):
        assert myth.lower() in guide.lower(), myth
