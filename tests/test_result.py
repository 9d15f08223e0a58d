"""Result: summaries, views, lossless CSV round trip, malformed CSVs rejected clearly."""

import numpy as np
import pytest

import hairsim as hs
from hairsim import Phase


@pytest.fixture(scope="module")
def result():
    p = hs.presets.aga_moderate().replace(anagen_mean_days=np.linspace(800, 1200, 2_000))
    return hs.simulate(p, 2_000, 1.2, stimulation=hs.examples.minoxidil_like(start_day=30), rng=5,
                       start_from=hs.presets.healthy())


def test_views(result):
    assert result.days[0] == 0 and result.days[-1] == result.n_days == 438
    fr = result.fractions()
    assert np.allclose(sum(fr.values()), 1.0)
    assert np.array_equal(result.counts(Phase.TELOGEN), result.telogen)
    row = result.at(100)
    assert row["day"] == 100 and 0 < row["anagen_fraction"] < 1
    with pytest.raises(ValueError, match="'day' parameter must be a whole number in \\[0, 438\\]; got 500"):
        result.at(500)
    rows = result.summary()
    assert [r["day"] for r in rows] == [0, 365, 438]
    assert "density" in result.format_summary()
    assert "hypothetical" in repr(result)


def test_csv_round_trip_is_lossless(result, tmp_path):
    path = result.to_csv(tmp_path / "run.csv")
    back = hs.Result.from_csv(path)
    assert back.equals(result)
    assert back.params == result.params and back.stimulation == result.stimulation
    assert back.start_from == result.start_from and back.seed == 5 and back.key == result.key
    for name in ("density", "total_density", "mean_diameter", "exposure"):
        assert np.array_equal(getattr(back, name), getattr(result, name), equal_nan=True)
    # and the settings reproduce the run
    again = hs.simulate(back.params, back.n_follicles, back.years, stimulation=back.stimulation,
                        rng=back.seed, start_from=back.start_from)
    assert again.equals(result)


def _corrupt(text, how):
    lines = text.splitlines()
    if how == "magic":
        lines[0] = "day,anagen"
    elif how == "json":
        lines[1] = "# meta: {not json"
    elif how == "param":
        lines[1] = lines[1].replace('"anagen_cv":0.45', '"anagen_cv":-1')
    elif how == "unknown_param":
        lines[1] = lines[1].replace('"anagen_cv":0.45', '"anagen_cvv":0.45')
    elif how == "columns":
        lines[2] = lines[2].replace("anagen", "growing", 1)
    elif how == "number":
        f = lines[5].split(",")
        f[2] = "abc"
        lines[5] = ",".join(f)
    elif how == "fraction":
        f = lines[5].split(",")
        f[1] = "12.5"
        lines[5] = ",".join(f)
    elif how == "gap":
        del lines[10]
    elif how == "sum":
        f = lines[5].split(",")
        f[1] = str(int(f[1]) + 1)
        lines[5] = ",".join(f)
    elif how == "short":
        lines = lines[:2]
    elif how == "truncated":
        lines = lines[:50]
    elif how == "negative":
        f = lines[5].split(",")
        f[5] = "-3"          # shed
        lines[5] = ",".join(f)
    elif how == "nan":
        f = lines[5].split(",")
        f[9] = "nan"         # exposure
        lines[5] = ",".join(f)
    elif how == "exposure":
        f = lines[5].split(",")
        f[9] = "1.5"
        lines[5] = ",".join(f)
    elif how == "derived":
        f = lines[5].split(",")
        f[10] = "999.0"      # density, edited by hand
        lines[5] = ",".join(f)
    elif how == "seed":
        lines[1] = lines[1].replace('"seed":5', '"seed":"five"')
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("how,match", [
    ("magic", "first line should be"),
    ("json", "not valid JSON"),
    ("param", "The 'anagen_cv' parameter must be a float in \\[0, 3\\]; got -1"),
    ("unknown_param", "Did you mean 'anagen_cv'"),
    ("columns", "its columns should be"),
    ("number", "non-number 'abc'"),
    ("fraction", "must be a whole number"),
    ("gap", "without gaps"),
    ("sum", "do not add up"),
    ("short", "first line should be"),
    ("truncated", "it has 47 days, but its settings"),
    ("negative", "column 'shed' has a negative count"),
    ("nan", "column 'exposure' has a value that is not a finite number"),
    ("exposure", "outside \\[0, 1\\]"),
    ("derived", "column 'density' does not match"),
    ("seed", "its seed must be a whole number or null"),
])
def test_malformed_csv_is_rejected_with_a_sentence(result, tmp_path, how, match):
    good = (tmp_path / "good.csv")
    result.to_csv(good)
    bad = tmp_path / "bad.csv"
    bad.write_text(_corrupt(good.read_text(encoding="utf-8"), how), encoding="utf-8")
    with pytest.raises(ValueError, match=match) as info:
        hs.Result.from_csv(bad)
    assert str(info.value).startswith("It looks like 'bad.csv' is not a hairsim result CSV:")


def test_binary_file_is_rejected(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"\x80\x81\x82\xff")
    with pytest.raises(ValueError, match="not UTF-8"):
        hs.Result.from_csv(bad)
