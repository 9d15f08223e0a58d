"""In-process tests of the explorer: no kernel, no browser (matplotlib's Agg backend)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def make_app():
    """Build Explorers (small by default, for speed) and close their figures afterwards."""
    from hairsim.widgets import Explorer

    apps = []

    def make(**kwargs):
        kwargs.setdefault("n_follicles", 5_000)
        kwargs.setdefault("years", 4)
        app = Explorer(**kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()
    plt.close("all")
