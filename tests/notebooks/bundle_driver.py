"""Run by the bundle test with the *fresh* venv's Python: execute notebooks as a reader would.

Usage: python bundle_driver.py REPORT.json NOTEBOOK.ipynb ...

Each notebook runs in its own folder (its setup cell looks for the wheel there). A last cell prints
where hairsim was imported from. The report holds, per notebook, whether it ran, the error if
not, the setup cell's printout and hairsim's location.
"""

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell

report = {}
for name in sys.argv[2:]:
    path = Path(name)
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(new_code_cell("import hairsim\nprint('HAIRSIM-FROM', hairsim.__file__)"))
    entry = {"ok": True, "error": "", "setup": "", "hairsim": ""}
    try:
        NotebookClient(nb, timeout=900, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except CellExecutionError as exc:
        entry.update(ok=False, error=str(exc)[-3000:])
    code = [c for c in nb.cells if c.cell_type == "code"]
    entry["setup"] = "".join(o.get("text", "") for o in code[0].get("outputs", []))
    last = "".join(o.get("text", "") for o in code[-1].get("outputs", []))
    entry["hairsim"] = last.split("HAIRSIM-FROM", 1)[-1].strip() if "HAIRSIM-FROM" in last else ""
    report[path.name] = entry
    print(path.name, "ok" if entry["ok"] else "FAILED", flush=True)
Path(sys.argv[1]).write_text(json.dumps(report, indent=1), encoding="utf-8")
