"""The calibration report: every published target passes, and docs/calibration.md is the current table."""

from pathlib import Path

import matplotlib
import pytest

import hairsim as hs
from hairsim import calibration

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rep():
    return calibration.report()


def test_every_target_passes(rep):
    failed = [f"{r.target.key}: {r.value:.3g} ± {r.se:.2g} {r.target.unit}, accepted {r.target.band_text()}"
              for r in rep.failures()]
    assert not failed, "; ".join(failed)


def test_every_target_has_a_source_a_band_and_an_se(rep):
    assert len(rep.rows) == len(calibration.TARGETS) >= 30
    for r in rep.rows:
        assert r.target.source and r.target.published and r.target.lo < r.target.hi
        assert r.se >= 0 and r.se == r.se  # a number (SD over replicates / √replicates)
    # a row that misses its band by more than 2 SE fails
    bad = calibration.Row(rep.rows[0].target, rep.rows[0].target.hi + 1, 0.1)
    assert not bad.passed


def test_the_committed_table_is_the_current_one(rep):
    text = (ROOT / "docs" / "calibration.md").read_text(encoding="utf-8")
    start, end = text.index(calibration.TABLE_START), text.index(calibration.TABLE_END)
    committed = text[start + len(calibration.TABLE_START):end].strip()
    assert committed == rep.to_markdown().strip(), (
        "docs/calibration.md is out of date: run `python -m hairsim calibrate --write docs`")
    assert (ROOT / "docs" / "calibration.png").is_file()


def test_figure_and_frame(rep, require):
    before = dict(matplotlib.rcParams)
    fig = rep.plot()
    assert dict(matplotlib.rcParams) == before
    ax = fig.axes[0]
    assert "targets" in ax.get_title() and ax.get_xlabel()
    texts = [t.get_text() for t in ax.texts]
    assert any("non-vellus density change over 5 years" in t for t in texts)
    matplotlib.pyplot.close(fig)
    require("pandas")
    df = rep.to_frame()
    assert list(df.index) == [r.target.key for r in rep.rows] and "passed" in df


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"'replicates' parameter must be a whole number in \[2, 1000\]; got 1"):
        calibration.report(replicates=1)
    with pytest.raises(ValueError, match="'folder' parameter must be an existing folder"):
        calibration.write(calibration.CalibrationReport([], 1, 2, 3), "/no/such/folder")
