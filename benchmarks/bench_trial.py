"""Participants simulated per second by ``hs.run_trial``: in-process, with threads, with processes.

Run from the repository root::

    .venv/bin/python benchmarks/bench_trial.py            # 2 arms × 300 participants, 48 weeks
    .venv/bin/python benchmarks/bench_trial.py --quick    # 2 arms × 60 (smoke test)
    .venv/bin/python benchmarks/bench_trial.py --json out.json

The scenario: the moderate-AGA population, a placebo arm and the hypothetical
``hs.examples.minoxidil_like()`` arm, 1 cm² per participant (about 225 follicles), visits at weeks
0, 8, 16, 24 and 48. Participants are simulated in blocks of ``hairsim.trial._BLOCK`` (64), one
``hs.simulate(..., groups=...)`` call per block and arm, with each person's years since onset,
susceptible share and responding share as per-follicle arrays (the run includes the years of AGA
history before the trial, from the block's earliest onset). The blocks are the tasks an executor
runs; every executor must give the identical trial. The script checks that, and reports the
speed-up of a 2-process pool over in-process, with the CPU time of the in-process runs and the
1-minute load average (the machine is shared). Benchmarks are reports, not tests: nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

import hairsim as hs  # noqa: E402
from hairsim import trial as _trial  # noqa: E402
from hairsim.trial import run_trial  # noqa: E402

WEEKS = [0, 8, 16, 24, 48]


def _time(fn, repeat):
    """Best wall time of ``repeat`` runs, the CPU time (this process) of that run, the output."""
    best, cpu, out = float("inf"), float("nan"), None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        wall = time.perf_counter() - t
        if wall < best:
            best, cpu = wall, time.process_time() - c
    return best, cpu, out


def _load():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def _commit():
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="60 participants per arm instead of 300")
    ap.add_argument("--workers", type=int, default=2, help="pool size (default 2)")
    ap.add_argument("--json", type=Path, help="also save the results as JSON here")
    args = ap.parse_args(argv)

    n = 60 if args.quick else 300
    arms = {"placebo": None, "minoxidil_like": hs.examples.minoxidil_like()}
    population = hs.presets.aga_moderate()
    total = n * len(arms)

    def trial(executor=None):
        return run_trial(population, arms, n, WEEKS, rng=1, executor=executor)

    load_start = _load()
    trial()  # warm-up (imports, caches)
    rows = []
    t_in, c_in, ref = _time(trial, 3)
    rows.append(("in-process", t_in, c_in, ref))
    with ThreadPoolExecutor(max_workers=args.workers) as ex:
        t_th, _, out = _time(lambda: trial(ex), 3)
    rows.append((f"ThreadPoolExecutor({args.workers})", t_th, None, out))
    with ProcessPoolExecutor(max_workers=args.workers) as ex:
        trial(ex)  # start the workers and import hairsim in them
        t_pr, _, out = _time(lambda: trial(ex), 3)
    rows.append((f"ProcessPoolExecutor({args.workers})", t_pr, None, out))
    load_end = _load()

    block = getattr(_trial, "_BLOCK", 1)
    print(f"hs.run_trial: {len(arms)} arms × {n} participants = {total} participants, "
          f"1 cm² (≈ {population.follicles_per_cm2:.0f} follicles) each, 48 weeks, "
          f"{block} participants per hs.simulate call, {os.cpu_count()} CPUs, "
          f"1-minute load average {load_start:.1f} → {load_end:.1f}\n")
    print("| executor | time (s, best of 3) | CPU time of that run (s) | participants / s "
          "| same trial as in-process |")
    print("|---|---|---|---|---|")
    results = []
    for name, t, cpu, out in rows:
        same = all(np.array_equal(ref.observed[a], out.observed[a]) for a in arms)
        cpu_text = f"{cpu:.3f}" if cpu is not None else "(other threads/processes)"
        print(f"| {name} | {t:.3f} | {cpu_text} | {total / t:,.0f} | {'yes' if same else 'NO'} |")
        results.append({"executor": name, "seconds": t, "cpu_seconds": cpu,
                        "participants_per_s": total / t, "identical": bool(same)})
    print(f"\nprocess pool speed-up over in-process: {t_in / t_pr:.2f}×")

    if args.json:
        args.json.write_text(json.dumps({
            "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "machine": platform.platform(), "python": platform.python_version(),
            "numpy": np.__version__, "cpus": os.cpu_count(), "participants": total,
            "participants_per_simulate_call": block, "commit": _commit(),
            "load_average_1min": [load_start, load_end], "results": results,
        }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
