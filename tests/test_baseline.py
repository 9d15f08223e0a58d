"""Pinned-output regression test: a small fixed-seed summary of every preset, number for number.

Any change of the model's numbers must be deliberate: refresh ``tests/baseline/summary.json`` with
``scripts/refresh_baseline.py`` in a commit that says why the numbers moved.
"""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import refresh_baseline as rb  # noqa: E402

PINNED = json.loads(rb.PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def now():
    """Today's numbers (simulated once, when the first test needs them, not at collection)."""
    return rb.summary()


def test_the_settings_are_the_pinned_ones(now):
    assert now["settings"] == PINNED["settings"]
    assert sorted(now["runs"]) == sorted(PINNED["runs"])


@pytest.mark.parametrize("name", sorted(PINNED["runs"]))
def test_numbers_are_the_pinned_ones(now, name):
    now, pinned = now["runs"][name], PINNED["runs"][name]
    for key in pinned:
        assert now[key] == pinned[key], (
            f"{name}: '{key}' moved from {pinned[key]} to {now[key]}. If the change is deliberate, run "
            "scripts/refresh_baseline.py and commit the new baseline saying why.")
