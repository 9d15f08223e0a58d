"""Result: summaries, views, lossless CSV round trip, malformed CSVs rejected clearly."""

import json
from pathlib import Path

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


# ---- corruptions: each is one edit of the CSV or of its settings file -------------------------

def _csv_field(text, line, col, value):
    lines = text.splitlines()
    f = lines[line].split(",")
    f[col] = value(f[col]) if callable(value) else value
    lines[line] = ",".join(f)
    return "\n".join(lines) + "\n"


C = {name: i for i, name in enumerate(
    "day anagen catagen telogen kenogen shed visible visible_nonvellus diameter_sum exposure density "
    "total_density mean_diameter".split())}

CSV_CORRUPTIONS = {
    "header": (lambda t: t.replace("day,anagen", "day,growing", 1), "its first line should be the header"),
    "number": (lambda t: _csv_field(t, 5, C["catagen"], "abc"), "line 6 has a non-number 'abc' in column 'catagen'"),
    "fraction": (lambda t: _csv_field(t, 5, C["anagen"], "12.5"), "must be a whole number"),
    "gap": (lambda t: "\n".join(x for i, x in enumerate(t.splitlines()) if i != 10) + "\n", "has 438 days"),
    "sum": (lambda t: _csv_field(t, 5, C["anagen"], lambda v: str(int(v) + 1)), "do not add up"),
    "truncated": (lambda t: "\n".join(t.splitlines()[:50]) + "\n", "it has 49 days, but its settings"),
    "extra_rows": (lambda t: t + "\n".join(t.splitlines()[-3:]) + "\n", "more than 439 days"),
    "negative": (lambda t: _csv_field(t, 5, C["shed"], "-3"), "column 'shed' has a negative count"),
    "nan": (lambda t: _csv_field(t, 5, C["exposure"], "nan"), "column 'exposure' has a value that is not a finite number"),
    "exposure": (lambda t: _csv_field(t, 5, C["exposure"], "1.5"), "outside \\[0, 1\\]"),
    "derived": (lambda t: _csv_field(t, 5, C["density"], "999.0"), "column 'density' does not match"),
    "nonvellus_above_visible": (lambda t: _csv_field(t, 5, C["visible_nonvellus"], lambda v: "1999"),
                                "non-vellus hairs outnumber its visible hairs"),
    "visible_above_follicles": (lambda t: _csv_field(_csv_field(t, 5, C["visible"], "4001"), 5,
                                                     C["visible_nonvellus"], "4001"),
                                "visible hairs outnumber what the follicles in anagen, catagen and telogen"),
    "fields": (lambda t: _csv_field(t, 5, C["day"], "4,1"), "line 6 has 14 fields instead of 13"),
    "binary": (lambda t: t[:200] + "\udcff" + t[200:], "not UTF-8"),
}


def _meta_edit(**changes):
    def edit(meta):
        for k, v in changes.items():
            if callable(v):
                v(meta)
            else:
                meta[k] = v
        return meta
    return edit


def _set_param(name, value):
    return lambda meta: meta["params"].__setitem__(name, value)


SIDECAR_CORRUPTIONS = {
    "param": (_meta_edit(p=_set_param("anagen_cv", -1)),
              "The 'anagen_cv' parameter must be a float in \\[0, 3\\]; got -1"),
    "unknown_param": (_meta_edit(p=lambda m: m["params"].__setitem__("anagen_cvv", m["params"].pop("anagen_cv"))),
                      "Did you mean 'anagen_cv'"),
    "seed": (_meta_edit(seed="five"), "its seed must be a whole number"),
    "key_negative": (_meta_edit(key=-1), "its setting 'key' must be a whole number"),
    "key_fraction": (_meta_edit(key=12.5), "its setting 'key' must be a whole number"),
    "key_float": (_meta_edit(key=12.0), "written as an integer"),
    "n_follicles_fraction": (_meta_edit(n_follicles=2000.5), "its setting 'n_follicles' must be a whole number"),
    "years_str": (_meta_edit(years="1"), "its setting 'years' must be a number in \\(0, 200\\]; got \"1\""),
    "years_bool": (_meta_edit(years=True), "its setting 'years' must be a number"),
    "array_length": (_meta_edit(p=_set_param("anagen_mean_days", [800.0, 900.0, 1000.0])),
                     "one value per follicle \\(n_follicles = 2000\\)"),
    "stimulation_removed": (_meta_edit(stimulation=None), "column 'exposure' contradicts no stimulation"),
    "stimulation_changed": (_meta_edit(s=lambda m: m["stimulation"].__setitem__("start_day", 40)),
                            "column 'exposure' contradicts its stimulation"),
    "rows": (_meta_edit(rows=10), "its settings say 10 rows"),
    "version": (_meta_edit(version=3), "its format version is 3; .*newer hairsim"),
    "format": (_meta_edit(format="something"), "is not a hairsim settings file"),
    "stress_beyond_run": (_meta_edit(p=_set_param("stress_day", 5000.0), q=_set_param("stress_anagen_fraction", 0.3)),
                          "The 'stress_day' parameter must be a day of the run"),
}


@pytest.fixture
def good(result, tmp_path):
    path = tmp_path / "bad.csv"
    result.to_csv(path)
    return path


@pytest.mark.parametrize("how", list(CSV_CORRUPTIONS))
def test_corrupted_csv_is_rejected_with_a_sentence(good, how):
    edit, match = CSV_CORRUPTIONS[how]
    text = edit(good.read_text(encoding="utf-8"))
    good.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    with pytest.raises(ValueError, match=match) as info:
        hs.Result.from_csv(good)
    msg = str(info.value)
    assert msg.startswith("It looks like 'bad.csv' is not a hairsim result CSV:") and "\n" not in msg


@pytest.mark.parametrize("how", list(SIDECAR_CORRUPTIONS))
def test_corrupted_settings_are_rejected_with_a_sentence(good, how):
    edit, match = SIDECAR_CORRUPTIONS[how]
    side = good.with_suffix(".json")
    side.write_text(json.dumps(edit(json.loads(side.read_text(encoding="utf-8")))), encoding="utf-8")
    with pytest.raises(ValueError, match=match) as info:
        hs.Result.from_csv(good)
    msg = str(info.value)
    assert msg.startswith("It looks like 'bad.csv' is not a hairsim result CSV:") and "\n" not in msg


@pytest.mark.parametrize("text, match", [
    ('{"years": Infinity}', "Infinity, which is not a number JSON allows"),
    ("{not json", "is not valid JSON"),
    ("[1, 2]", "is not a hairsim settings file"),
])
def test_broken_settings_file_is_rejected(good, text, match):
    good.with_suffix(".json").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=match):
        hs.Result.from_csv(good)


def test_missing_settings_file_is_named(good):
    good.with_suffix(".json").unlink()
    with pytest.raises(ValueError, match=r"its settings file 'bad\.json' is missing .*keep the two files together"):
        hs.Result.from_csv(good)


def test_os_errors_become_sentences_naming_the_path(tmp_path, result):
    with pytest.raises(ValueError, match=r"^It looks like '.*nowhere\.csv' cannot be read: there is no such file\.$"):
        hs.Result.from_csv(tmp_path / "nowhere.csv")
    with pytest.raises(ValueError, match=r"^It looks like '.*' is a folder, not a result CSV file\.$"):
        hs.Result.from_csv(tmp_path)
    with pytest.raises(ValueError, match=r"cannot be written: the folder '.*missing' does not exist\.$"):
        result.to_csv(tmp_path / "missing" / "run.csv")
    with pytest.raises(ValueError, match=r"^The 'path' parameter must be a file path .*; got '' \(an empty str\)\.$"):
        result.to_csv("")
    with pytest.raises(ValueError, match=r"must be a CSV file name"):
        result.to_csv(tmp_path / "run.json")


def test_pandas_reads_the_csv_with_no_options(result, tmp_path, require):
    pd = require("pandas")
    path = result.to_csv(tmp_path / "run.csv")
    frame = pd.read_csv(path)
    assert list(frame.columns) == list(C)
    assert len(frame) == result.days.size
    assert np.array_equal(frame["anagen"].to_numpy(), result.anagen)
    assert np.array_equal(frame["density"].to_numpy(), result.density)
    assert np.array_equal(frame["exposure"].to_numpy(), result.exposure)
    assert frame["anagen"].dtype.kind == "i" and frame["density"].dtype.kind == "f"
    side = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert side["format"] == "hairsim result" and side["version"] == 2 and side["seed"] == 5


def test_a_day_with_no_visible_hair_is_an_empty_cell(tmp_path, require):
    pd = require("pandas")
    r = hs.simulate(hs.Params(emergence_days=300), 1, 1, rng=3)   # one follicle: days with no hair
    assert np.isnan(r.mean_diameter).any()
    path = r.to_csv(tmp_path / "one.csv")
    assert ",\n" in (tmp_path / "one.csv").read_text(encoding="utf-8")
    assert np.array_equal(pd.read_csv(path)["mean_diameter"].to_numpy(), r.mean_diameter, equal_nan=True)
    assert hs.Result.from_csv(path).equals(r)


def test_to_frame(result, require):
    pd = require("pandas")
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame) and frame.index.name == "day"
    assert list(frame.index) == list(result.days)
    for name in ("anagen", "shed", "density", "total_density", "mean_diameter", "exposure", "vellus_fraction"):
        assert np.array_equal(frame[name].to_numpy(), getattr(result, name), equal_nan=True), name
    assert frame.attrs["hairsim"]["seed"] == 5


def _v1_text(result):
    """The first file format: two comment lines with the settings, then the table."""
    meta = {"hairsim_result": 1, "n_follicles": result.n_follicles, "years": result.years, "seed": result.seed,
            "key": result.key, "phase_changes": result.phase_changes, "engine_version": result.engine_version,
            "params": result.params.to_dict(),
            "stimulation": result.stimulation.to_dict(), "start_from": result.start_from.to_dict()}
    lines = ["# hairsim result v1", "# meta: " + json.dumps(meta, separators=(",", ":")), ",".join(C)]
    cols = [getattr(result, c) for c in list(C)[1:]]
    for i, d in enumerate(result.days):
        lines.append(",".join([str(d)] + [str(int(c[i])) if c.dtype.kind == "i" else repr(float(c[i])) for c in cols]))
    return "\n".join(lines) + "\n"


def test_first_format_files_are_still_read(result, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(_v1_text(result), encoding="utf-8")
    assert hs.Result.from_csv(path).equals(result)
    path.write_text(_v1_text(result).replace('"seed":5', '"seed":"five"'), encoding="utf-8")
    with pytest.raises(ValueError, match="its seed must be a whole number"):
        hs.Result.from_csv(path)


def test_a_file_the_first_version_wrote_describes_its_model():
    """tests/data/first_version_run.csv was written by commit b080961 (engine version 1, no
    exogen retention, no vellus follicles, one AGA onset): read back, its settings say so rather
    than carrying today's defaults for the fields added since."""
    r = hs.Result.from_csv(Path(__file__).parent / "data" / "first_version_run.csv")
    assert r.engine_version == 1 and r.n_follicles == 200 and r.seed == 7
    p = r.params
    assert (p.exogen_mean_days, p.vellus_follicle_fraction, p.aga_onset_spread_years) == (0.0, 0.0, 0.0)
    assert (p.anagen_shortening_per_year, p.miniaturization_per_year) == (1.0, 0.0)
    assert p.telogen_mean_days == 90.0  # the first version's own value, stored in the file
    assert hs.Params().exogen_mean_days > 0 and hs.Params().vellus_follicle_fraction > 0  # not the defaults
    assert r.stimulation.start_day == 30.0


def test_equals_compares_the_years_asked_for():
    """Runs of 1 year and of 1.001 years have the same days (366) but not the same settings."""
    a = hs.simulate("healthy", 50, 1.0, rng=3)
    b = hs.simulate("healthy", 50, 1.001, rng=3)
    assert a.n_days == b.n_days and np.array_equal(a.density, b.density)
    assert a.equals(hs.simulate("healthy", 50, 1.0, rng=3)) and not a.equals(b)


def test_binary_file_is_rejected(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"\x80\x81\x82\xff")
    with pytest.raises(ValueError, match="not UTF-8"):
        hs.Result.from_csv(bad)


def test_pandas_is_imported_only_for_dataframes():
    """DESIGN §4: pandas only inside to_frame — the one helper (hairsim/_frames.py) or a method
    named to_frame; importing hairsim does not import it."""
    import ast
    import subprocess
    import sys

    root = Path(hs.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Module))]:
            for node in ast.iter_child_nodes(fn) if isinstance(fn, ast.Module) else ast.walk(fn):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(n.split(".")[0] == "pandas" for n in names):
                    where = "module level" if isinstance(fn, ast.Module) else fn.name
                    assert fn.name == "to_frame" if isinstance(fn, ast.FunctionDef) else False, \
                        f"{path.relative_to(root)} imports pandas at {where}"
    out = subprocess.run([sys.executable, "-c", "import sys, hairsim; print('pandas' in sys.modules)"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
