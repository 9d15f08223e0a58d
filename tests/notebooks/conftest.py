"""Fixtures of the notebook tests: one executed copy of each notebook per session (see nbexec)."""

from __future__ import annotations

import pytest

from nbexec import execute_cached


@pytest.fixture(scope="session")
def executed_dir(tmp_path_factory):
    """The folder the executed notebooks are written to (one per session)."""
    return tmp_path_factory.mktemp("executed")


@pytest.fixture(scope="session")
def executed(executed_dir):
    """``executed(path)`` -> the executed notebook (run once per session, then cached)."""
    return lambda path: execute_cached(path, executed_dir)
