"""The command line, end to end (a real subprocess) and in process."""

import subprocess
import sys

import pytest

import hairsim as hs
from hairsim.__main__ import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "hairsim", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_simulate_end_to_end_writes_csv_and_png(tmp_path):
    out = run("simulate", "--preset", "aga_moderate", "--years", "2", "--follicles", "20000", "--seed", "1",
              "--csv", str(tmp_path / "out.csv"), "--plot", str(tmp_path / "out.png"))
    assert out.returncode == 0, out.stderr
    assert "density" in out.stdout and "wrote" in out.stdout
    r = hs.Result.from_csv(tmp_path / "out.csv")
    same = hs.simulate(hs.presets.aga_moderate(), 20_000, 2, rng=1)
    assert r.equals(same)
    png = (tmp_path / "out.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_help_is_readable():
    out = run("--help")
    assert out.returncode == 0
    assert "anagen" in out.stdout and "HYPOTHETICAL" in out.stdout
    out = run("simulate", "--help")
    assert out.returncode == 0 and "--follicles" in out.stdout and "--wake" in out.stdout


@pytest.mark.parametrize("args,message", [
    (["simulate", "--set", "anagen_cv=-1", "--years", "1", "--follicles", "100"],
     "The 'anagen_cv' parameter must be a float in [0, 3]; got -1."),
    (["simulate", "--set", "anagen_cvv=1"], "Did you mean 'anagen_cv'?"),
    (["simulate", "--preset", "aga_moderat"], "Did you mean 'aga_moderate'?"),
    (["simulate", "--follicles", "0"], "The '--follicles' option must be a whole number"),
    (["simulate", "--stimulate", "--start-day", "100", "--stop-day", "50"],
     "The '--stop-day' option must be None or a float in [100, 100000] (not before start_day"),
    (["calibrate", "--follicles", "1e2"],                      # a number form argparse used to refuse
     "error: The '--follicles' option must be a whole number in [225, 100,000,000]; got 100."),
])
def test_bad_arguments_give_one_sentence_and_no_traceback(args, message):
    out = run(*args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_in_process_commands(capsys, tmp_path):
    assert main(["presets"]) == 0
    assert "aga_severe" in capsys.readouterr().out
    assert main(["steady-state", "--preset", "healthy"]) == 0
    assert "anagen 91" in capsys.readouterr().out
    assert main(["simulate", "--years", "1", "--follicles", "2000", "--seed", "3", "--example", "minoxidil_like",
                 "--csv", str(tmp_path / "s.csv")]) == 0
    r = hs.Result.from_csv(tmp_path / "s.csv")
    assert r.stimulation == hs.examples.minoxidil_like()
    assert main(["simulate", "--years", "1", "--follicles", "500", "--wake", "2", "--start-day", "10"]) == 0
    text = capsys.readouterr().out
    assert "Hypothetical stimulation from day 10" in text and "seed=" in text


def test_plot_path_is_reported_as_written(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["simulate", "--years", "0.1", "--follicles", "1e3", "--seed", "1", "--plot", str(out),
                 "--csv", str(tmp_path / "run.csv")]) == 0
    text = capsys.readouterr().out
    assert f"wrote {out}.png" in text and (tmp_path / "out.png").exists() and not out.exists()
    assert f"wrote {tmp_path / 'run.csv'} and {tmp_path / 'run.json'}" in text


@pytest.mark.parametrize("args,message", [
    (["--csv", ""], "The '--csv' option must be a file path (a non-empty str or pathlib.Path); got '' (an empty str)."),
    (["--plot", "out.xyz"], "The '--plot' option must be a file name ending in one of"),
    (["--follicles", "2.5"], "The '--follicles' option must be a whole number in [1, 100,000,000]; got 2.5."),
    (["--seed", "-1"], "The '--seed' option must be a whole number ≥ 0; got -1."),  # the forms a command line has
    (["--years", "300"], "The '--years' option must be a float in (0, 200]; got 300."),
    (["--start-from", "helthy"], "The '--start-from' option must be a hairsim.Params, a preset name"),
    (["--start-from", "helthy"], "Did you mean 'healthy'?"),
    (["--wake", "-1"], "The '--wake' option must be a float in [0, 50]; got -1."),
    (["--follicles", "1e8", "--years", "200"], "the '--follicles' option can be at most"),
    (["--set", "anagen_cv=-1"], "The 'anagen_cv' parameter must be a float in [0, 3]; got -1."),  # as typed
])
def test_bad_options_are_refused_before_the_run(args, message, capsys):
    assert main(["simulate", "--years", "0.1", "--follicles", "100", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert err.startswith("error: ") and "'n_follicles'" not in err and "'rng'" not in err


@pytest.mark.parametrize("args,message", [
    (["--follicles", "2.5"], "error: The '--follicles' option must be a whole number in [225, 100,000,000]; got 2.5.\n"),
    (["--replicates", "1"], "error: The '--replicates' option must be a whole number in [2, 1000]; got 1.\n"),
    (["--seed", "-1"], "error: The '--seed' option must be a whole number in [0, 2,147,483,648]; got -1.\n"),
])
def test_calibrate_errors_name_its_flags(args, message, capsys):
    assert main(["calibrate", *args]) == 2
    assert capsys.readouterr().err == message


def test_whole_numbers_are_read_exactly():
    from hairsim.__main__ import number

    assert number("9007199254740993") == 2**53 + 1            # not rounded through a float
    assert (number("1e5"), number("7"), number("2.5"), number("none")) == (100_000, 7, 2.5, None)
    assert type(number("1e5")) is int and type(number("7")) is int


def test_calibrate_refuses_an_empty_write_folder_before_the_report(capsys, monkeypatch):
    import hairsim.calibration as cal

    seen = []
    monkeypatch.setattr(cal, "report", lambda *a: seen.append(a) or cal.CalibrationReport([], *a))
    assert main(["calibrate", "--write", ""]) == 2          # was: the report run, the folder ignored
    assert capsys.readouterr().err == ("error: The '--write' option must be a file path (a non-empty str "
                                       "or pathlib.Path); got '' (an empty str).\n")
    assert seen == []


def test_calibrate_takes_the_number_forms_simulate_takes(capsys, monkeypatch):
    import hairsim.calibration as cal

    seen = []
    monkeypatch.setattr(cal, "report", lambda *a: seen.append(a) or cal.CalibrationReport([], *a))
    assert main(["calibrate", "--follicles", "1e5", "--replicates", "3.0", "--seed", "7"]) == 0
    assert seen == [(100_000, 3, 7)] and all(type(x) is int for x in seen[0])


def test_stop_day_none_is_never_stopped_even_for_an_example(tmp_path):
    """'--stop-day none' is a value (no stop), not the same as leaving the option out."""
    out = tmp_path / "run.csv"
    assert main(["simulate", "--years", "1", "--follicles", "300", "--example", "minoxidil_like",
                 "--stop-day", "none", "--csv", str(out)]) == 0
    assert hs.Result.from_csv(out).stimulation.stop_day is None
    assert main(["simulate", "--years", "1", "--follicles", "300", "--example", "minoxidil_like",
                 "--csv", str(out)]) == 0
    assert hs.Result.from_csv(out).stimulation.stop_day == hs.examples.minoxidil_like().stop_day
