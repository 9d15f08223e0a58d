"""Limits before work: each oversized request is refused from its arguments alone, with bounded memory.

Each request runs in a fresh subprocess that measures its own peak memory (Linux: VmHWM after
resetting it with /proc/self/clear_refs; elsewhere the whole process's ru_maxrss) and counts the
simulations it started (``hairsim.engine._Run``) and the trial blocks it ran. A refused request
must raise one sentence naming the argument to reduce, start no simulation, and allocate no more
than a few tens of MB. No wall-clock time is asserted (the time is printed, for the record); the
subprocess timeout only guards against a hang.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

PROBE = r"""
import json, os, resource, sys, time, traceback
import numpy as np
import hairsim as hs
from hairsim import engine, scalp, trial

started = {"runs": 0, "blocks": 0}
_Run = engine._Run
class CountingRun(_Run):
    def __init__(self, *a, **k):
        started["runs"] += 1
        super().__init__(*a, **k)
engine._Run = CountingRun
_block = trial._run_block
def counting_block(task):
    started["blocks"] += 1
    return _block(task)
trial._run_block = counting_block

def rss_kb(field):
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

exec(__SETUP__)
started.update(runs=0, blocks=0)   # what the setup simulated does not count
before = rss_kb("VmRSS:")
try:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")   # reset the peak (VmHWM) to the current size
except OSError:
    pass
t = time.perf_counter()
error = None
try:
    exec(__CODE__)
except Exception as exc:
    error = f"{type(exc).__name__}: {exc}"
print(json.dumps({"error": error, "seconds": time.perf_counter() - t,
                  "peak_mb": (rss_kb("VmHWM:") - before) / 1024, **started}))
"""


def probe(code: str, setup: str = "") -> dict:
    script = PROBE.replace("__SETUP__", repr(textwrap.dedent(setup))).replace("__CODE__", repr(textwrap.dedent(code)))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout.strip().splitlines()[-1])
    print(info)
    return info


FAST = "hs.Params(anagen_mean_days=10, catagen_mean_days=5, telogen_mean_days=10, p_kenogen=0)"

OVERSIZED = {
    "simulate: 1e8 follicles x 200 years": (
        "hs.simulate('aga_moderate', 100_000_000, years=200, rng=1)", "", "'n_follicles'"),
    "simulate: a fast cycle for 200 years on 1e7 follicles": (
        f"hs.simulate({FAST}, 10_000_000, years=200, rng=1)", "", "'n_follicles'"),
    "power_curve: 100,000 trials x 100,000 per arm x 520 weeks": (
        "hs.power_curve('aga_moderate', {'placebo': None, 'treated': hs.examples.minoxidil_like()},"
        " n_per_arm=(100_000,), weeks=(520,), n_trials=100_000, rng=1)", "",
        "the product 'n_trials' × 'n_per_arm' can be at most"),
    "run_trial: 100,000 per arm, 520 weeks, 100 cm2": (
        "hs.run_trial('aga_moderate', {'placebo': None, 'treated': hs.examples.minoxidil_like()},"
        " 100_000, [520], rng=1, area_cm2=100)", "", "'n_per_arm' parameter can be at most"),
    "simulate_scalp: 1e8 follicles x 200 years": (
        "scalp.simulate_scalp('aga_moderate', n_follicles=100_000_000, years=200, rng=1)", "",
        "'n_follicles' parameter can be at most"),
    "from_csv: a 300 MB file": (
        "hs.Result.from_csv(path)",
        "import tempfile, os\npath = os.path.join(tempfile.mkdtemp(), 'big.csv')\n"
        "hs.simulate('healthy', 100, 1, rng=1).to_csv(path)\n"
        "head = open(path).readline()\nopen(path, 'w').write(head)\n"
        "os.truncate(path, 300_000_000)   # a valid header, then 300 MB",
        "more than a result of the longest run"),
    "from_csv: a 400 MB file with a wrong first line": (
        "hs.Result.from_csv(path)",
        "import tempfile, os\npath = os.path.join(tempfile.mkdtemp(), 'big.csv')\n"
        "open(path, 'w').write('not,a,result\\n')\nos.truncate(path, 400_000_000)",
        "is not a hairsim result CSV"),
}


@pytest.mark.parametrize("what", list(OVERSIZED))
def test_oversized_requests_are_refused_before_any_work(what):
    code, setup, names = OVERSIZED[what]
    info = probe(code, setup)
    assert info["error"] is not None, f"{what} was accepted"
    assert info["error"].startswith("InvalidParameterError: "), info["error"]
    assert names in info["error"] and "\n" not in info["error"], info["error"]
    assert info["runs"] == 0 and info["blocks"] == 0, info       # refused before any simulation
    assert info["peak_mb"] < 40, info                             # without allocating the request


def test_the_refusal_says_what_fits():
    info = probe("hs.run_trial('aga_moderate', {'placebo': None}, 100_000, [520], rng=1, area_cm2=100)")
    msg = info["error"]
    most = int(msg.split("can be at most ")[1].split(" ")[0].replace(",", ""))
    assert 2 <= most < 100_000
    # and that many fit: the same trial with `most` participants passes the check
    from hairsim import trial
    import hairsim as hs
    settings = trial.TrialSettings(area_cm2=100)
    days = [0, 520 * 7]
    trial._check_study(hs.presets.aga_moderate(), [None], settings, days, most, [("n_per_arm", most, 2)], "t")
    with pytest.raises(ValueError):
        trial._check_study(hs.presets.aga_moderate(), [None], settings, days, 2 * most + 2,
                           [("n_per_arm", 2 * most + 2, 2)], "t")


@pytest.mark.slow
def test_a_200_year_run_of_a_fast_cycle_stays_under_200_mb():
    """The deferred counts are flushed as they grow (in b080961 every cycle's indices were kept for
    the whole chunk, about 80 bytes per follicle and cycle: 470 MB here, 8 GB at 20,000 × 180 y;
    flushed every 4 million indices, as for a while on main, 206 MB)."""
    info = probe(f"r = hs.simulate({FAST}, 2_000, years=200, rng=1)\nassert r.phase_changes > 2e7")
    assert info["error"] is None, info
    assert info["runs"] == 1
    assert info["peak_mb"] < 200, info


def test_when_counts_are_flushed_changes_nothing(monkeypatch):
    """The bound on collected indices decides when they are counted, never what they count: a run
    that flushes after every record equals one that flushes rarely, array for array, and a long
    run of one group collects at most about 2**17 indices before counting them."""
    import numpy as np
    import hairsim as hs
    from hairsim import engine

    p = hs.Params(anagen_mean_days=10, catagen_mean_days=5, telogen_mean_days=10, p_kenogen=0)
    s = hs.Stimulation(start_day=30, stop_day=200, wake=2, extend=1, thicken=0.5, persistence=0.3)
    groups = np.arange(300) % 7
    rare = hs.simulate(p, 300, years=1, stimulation=s, rng=4, groups=groups)
    monkeypatch.setattr(engine, "_FLUSH_AT", 1)          # count after every record
    often = hs.simulate(p, 300, years=1, stimulation=s, rng=4, groups=groups)
    assert often.equals(rare)
    assert np.array_equal(often.group_series("shed"), rare.group_series("shed"))
    monkeypatch.undo()
    assert engine._Acc(1, 73_000)._flush_at <= 1 << 17
