"""Participants simulated per second by ``hs.run_trial``: in-process, with threads, with processes.

Run from the repository root::

    .venv/bin/python benchmarks/bench_trial.py            # 2 arms × 300 participants, 48 weeks
    .venv/bin/python benchmarks/bench_trial.py --quick    # 2 arms × 60 (smoke test)
    .venv/bin/python benchmarks/bench_trial.py --json out.json

The scenario: the moderate-AGA population, a placebo arm and the hypothetical
``hs.examples.minoxidil_like()`` arm, 1 cm² per participant (about 225 follicles), visits at weeks
0, 8, 16, 24 and 48. Each participant is one ``hs.simulate`` call (the run includes the years of AGA
history before the trial, ``years_since_onset``). Every executor must give the identical trial;
the script checks that, and reports the speed-up of a 2-process pool over in-process.
Benchmarks are reports, not tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

import hairsim as hs  # noqa: E402
from hairsim.trial import run_trial  # noqa: E402

WEEKS = [0, 8, 16, 24, 48]


def _time(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


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

    trial()  # warm-up (imports, caches)
    rows = []
    t_in, ref = _time(trial, 3)
    rows.append(("in-process", t_in, ref))
    with ThreadPoolExecutor(max_workers=args.workers) as ex:
        t_th, out = _time(lambda: trial(ex), 3)
    rows.append((f"ThreadPoolExecutor({args.workers})", t_th, out))
    with ProcessPoolExecutor(max_workers=args.workers) as ex:
        trial(ex)  # start the workers and import hairsim in them
        t_pr, out = _time(lambda: trial(ex), 3)
    rows.append((f"ProcessPoolExecutor({args.workers})", t_pr, out))

    print(f"hs.run_trial: {len(arms)} arms × {n} participants = {total} participants, "
          f"1 cm² (≈ {population.follicles_per_cm2:.0f} follicles) each, 48 weeks, "
          f"{os.cpu_count()} CPUs\n")
    print("| executor | time (s, best of 3) | participants / s | same trial as in-process |")
    print("|---|---|---|---|")
    results = []
    for name, t, out in rows:
        same = all(np.array_equal(ref.observed[a], out.observed[a]) for a in arms)
        print(f"| {name} | {t:.3f} | {total / t:,.0f} | {'yes' if same else 'NO'} |")
        results.append({"executor": name, "seconds": t, "participants_per_s": total / t,
                        "identical": bool(same)})
    print(f"\nprocess pool speed-up over in-process: {t_in / t_pr:.2f}×")

    if args.json:
        args.json.write_text(json.dumps({
            "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "machine": platform.platform(), "python": platform.python_version(),
            "numpy": np.__version__, "cpus": os.cpu_count(), "participants": total,
            "results": results,
        }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
