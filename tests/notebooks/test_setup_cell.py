"""The notebooks' install cell: a no-op when hairsim is importable, a clear path when it is not."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "notebooks"))
from _common import SETUP_CODE  # noqa: E402

PYTHON = TransformerManager().transform_cell(SETUP_CODE)  # %pip becomes run_line_magic


class FakeShell:
    def __init__(self):
        self.magics = []

    def run_line_magic(self, name, line):
        self.magics.append((name, line))


def run_setup(monkeypatch, cwd, hairsim_found, source=None):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: (real(name, *a) if hairsim_found or name != "hairsim" else None))
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "path", list(sys.path))
    shell = FakeShell()
    code = PYTHON
    if source is not None:
        code = code.replace('HAIRSIM_PIP_SOURCE = "FILL-IN-WHERE-YOU-GOT-HAIRSIM"',
                            f"HAIRSIM_PIP_SOURCE = {source!r}")
    namespace = {"get_ipython": lambda: shell}
    exec(compile(code, "<setup cell>", "exec"), namespace)
    return shell, namespace


def test_does_nothing_when_hairsim_is_installed(monkeypatch, tmp_path):
    before = list(sys.path)
    shell, _ = run_setup(monkeypatch, tmp_path, hairsim_found=True)
    assert shell.magics == [] and sys.path == before


def test_uses_the_repository_it_sits_in(monkeypatch):
    shell, _ = run_setup(monkeypatch, ROOT / "notebooks" / "solutions", hairsim_found=False)
    assert shell.magics == []
    assert sys.path[0] == str(ROOT)


def test_asks_for_the_source_when_nothing_is_found(monkeypatch, tmp_path):
    with pytest.raises(ModuleNotFoundError, match="set HAIRSIM_PIP_SOURCE"):
        run_setup(monkeypatch, tmp_path, hairsim_found=False)


def test_pip_installs_from_the_source_the_reader_gives(monkeypatch, tmp_path):
    shell, _ = run_setup(monkeypatch, tmp_path, hairsim_found=False, source="/some/hairsim")
    assert shell.magics == [("pip", "install --quiet {HAIRSIM_PIP_SOURCE}")]
