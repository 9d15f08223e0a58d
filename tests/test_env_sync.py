"""environment.yml (conda/Binder) and pyproject.toml (pip) list the same packages and versions."""

import re
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: the test extra installs tomli
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
CONDA_TO_PIP = {"matplotlib-base": "matplotlib"}


@pytest.fixture(scope="module")
def env():
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _conda(env):
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, spec = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", dep).groups()
            out[name] = spec
    return out


def _pip_section(env):
    sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(sections) == 1, "environment.yml must have exactly one pip: section"
    return sections[0]


def test_shape(env):
    assert env["name"] == "hairsim"
    assert "conda-forge" in env["channels"]
    assert any(line.startswith("-e .") for line in _pip_section(env))


def test_python_pin_satisfies_requires_python(env, project):
    pin = _conda(env)["python"].lstrip("=")
    assert Version(pin) in SpecifierSet(project["requires-python"])


def test_same_packages_and_versions(env, project):
    wanted = {}
    for line in project["dependencies"] + project["optional-dependencies"]["notebooks"]:
        req = Requirement(line)
        wanted[req.name] = str(req.specifier)
    conda = {CONDA_TO_PIP.get(k, k): v for k, v in _conda(env).items() if k not in ("python", "pip")}
    assert set(conda) == set(wanted), f"only in environment.yml: {set(conda) - set(wanted)}; only in pyproject: {set(wanted) - set(conda)}"
    for name, spec in conda.items():
        assert SpecifierSet(spec) == SpecifierSet(wanted[name]), name


def test_pip_extras_exist(env, project):
    extras = project["optional-dependencies"]
    for line in _pip_section(env):
        m = re.match(r"-e \.\[(.+)\]", line)
        if m:
            for extra in m.group(1).split(","):
                assert extra.strip() in extras
