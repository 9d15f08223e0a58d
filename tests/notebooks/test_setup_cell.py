"""The notebooks' first cell: installs hairsim from a wheel beside the notebook, else from the
repository it sits in, else says in one sentence what to do; installs ipympl if missing; switches
on Colab's widget manager when there is one; and always ends with ``%matplotlib widget``.

The cell is run here with a fake IPython shell that records the magics (with ``{...}`` expanded
from the cell's variables, as IPython does), so nothing is installed."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "notebooks"))
from _common import SETUP_CODE  # noqa: E402

PYTHON = TransformerManager().transform_cell(SETUP_CODE)  # %pip becomes run_line_magic


class FakeShell:
    def __init__(self, namespace):
        self.magics = []
        self.namespace = namespace

    def run_line_magic(self, name, line):
        self.magics.append((name, line.format(**self.namespace)))


def run_setup(monkeypatch, cwd, *, hairsim=False, ipympl=True, colab=None):
    real = importlib.util.find_spec
    present = {"hairsim": hairsim, "ipympl": ipympl}
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: (real(name, *a) if present.get(name, True) else None))
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "path", list(sys.path))
    if colab is not None:
        google = types.ModuleType("google")
        google.colab = types.ModuleType("google.colab")
        google.colab.output = colab
        monkeypatch.setitem(sys.modules, "google", google)
        monkeypatch.setitem(sys.modules, "google.colab", google.colab)
    else:
        monkeypatch.setitem(sys.modules, "google.colab", None)   # import raises ImportError
    namespace = {}
    shell = FakeShell(namespace)
    namespace["get_ipython"] = lambda: shell
    exec(compile(PYTHON, "<setup cell>", "exec"), namespace)  # noqa: S102 - our own cell
    return shell.magics


def test_does_nothing_but_the_backend_when_everything_is_installed(monkeypatch, tmp_path):
    assert run_setup(monkeypatch, tmp_path, hairsim=True) == [("matplotlib", "widget")]


def test_installs_the_wheel_beside_the_notebook(monkeypatch, tmp_path):
    (tmp_path / "hairsim-0.1.0-py3-none-any.whl").write_bytes(b"")
    magics = run_setup(monkeypatch, tmp_path, hairsim=False)
    assert magics[0] == ("pip", f'install --quiet "{tmp_path / "hairsim-0.1.0-py3-none-any.whl"}"')
    assert magics[-1] == ("matplotlib", "widget")


def test_a_solutions_notebook_finds_the_wheel_one_folder_up(monkeypatch, tmp_path):
    (tmp_path / "hairsim-0.1.0-py3-none-any.whl").write_bytes(b"")
    (tmp_path / "solutions").mkdir()
    magics = run_setup(monkeypatch, tmp_path / "solutions", hairsim=False)
    assert magics[0][1].endswith('hairsim-0.1.0-py3-none-any.whl"')


def test_installs_the_repository_it_was_opened_from(monkeypatch):
    magics = run_setup(monkeypatch, ROOT / "notebooks" / "solutions", hairsim=False)
    assert magics[0] == ("pip", f'install --quiet -e "{ROOT}"')


def test_says_in_one_sentence_what_to_do_when_nothing_is_found(monkeypatch, tmp_path):
    with pytest.raises(ModuleNotFoundError) as err:
        run_setup(monkeypatch, tmp_path, hairsim=False)
    message = str(err.value)
    assert message.count(". ") == 0 and message.endswith(".") and "hairsim-" in message and ".whl" in message


def test_installs_ipympl_before_the_widget_backend(monkeypatch, tmp_path):
    magics = run_setup(monkeypatch, tmp_path, hairsim=True, ipympl=False)
    assert magics == [("pip", "install --quiet ipympl"), ("matplotlib", "widget")]


def test_switches_on_colabs_widget_manager_only_on_colab(monkeypatch, tmp_path):
    calls = []
    colab = types.SimpleNamespace(enable_custom_widget_manager=lambda: calls.append("on"))
    run_setup(monkeypatch, tmp_path, hairsim=True, colab=colab)
    assert calls == ["on"]
    run_setup(monkeypatch, tmp_path, hairsim=True, colab=None)   # elsewhere: no error
