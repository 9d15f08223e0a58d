"""Shared fixtures. In-process tests draw with Agg; notebooks and the browser app use their own
backends (MPLBACKEND is never exported, see recipes)."""

import matplotlib
import pytest

matplotlib.use("Agg")


def _require(module: str):
    """Import a module the test extra installs: in CI a missing one fails (nothing skips
    silently there); elsewhere the test is skipped and says why."""
    import importlib
    import os

    try:
        return importlib.import_module(module)
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is missing, but the test extra installs it (pip install -e .[test]).",
                        pytrace=False)
        pytest.skip(f"{module} is not installed (pip install -e .[test])")


@pytest.fixture
def require():
    """``require("pandas")``: the module, or a failure in CI / a skip elsewhere (see _require)."""
    return _require
