"""Latency of the explorer: a slider change to a redrawn figure, at 100,000 follicles × 10 years.

In process (:class:`hairsim.widgets.Explorer`, no browser), it changes

* a stimulation slider ("Wake"): the treated run only (the untreated run is cached; through
  ``hs.Scenario``'s incremental path once the engine has it), and
* a non-stimulation slider ("Mean anagen"): both runs,

``--repeats`` times each, and times simulate + redraw + PNG of the figure
(``Explorer.last_update_seconds``, what the browser waits for), against a fresh treated
``hs.simulate`` of the same settings timed in the same run (the ratio is the target:
a stimulation move ≤ 0.6× a fresh treated simulate, issue 10).

The browser latency (key press on the slider → changed figure image, Voilà + headless Chromium) is
measured by ``tests/browser/test_app.py`` into ``benchmarks/results/app_latency.json``;
``--browser`` runs that test first (target: median < 150 ms).

Usage::

    python benchmarks/bench_app_latency.py [--repeats 7] [--follicles 100000] [--browser] [--json out.json]

Run it on a quiet machine: the numbers are wall times and the machine's load is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import hairsim as hs  # noqa: E402
from hairsim.widgets import Explorer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BROWSER_JSON = ROOT / "benchmarks" / "results" / "app_latency.json"
BROWSER_TARGET_MS = 150
RATIO_TARGET = 0.6


def _time_changes(app, name, values):
    update, world, sim_artists = [], [], []
    for value in values:
        t0 = time.perf_counter()
        app.set(**{name: value})
        world.append(time.perf_counter() - t0)
        update.append(app.last_update_seconds)
        sim_artists.append(app.timings["simulate"] + app.timings["update_artists"])
        if app.error:
            raise RuntimeError(f"the explorer reported an error: {app.error}")
    return update, world, sim_artists


def _fresh_treated(app, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        hs.simulate(app.params(), n_follicles=app.n_follicles, years=app.years,
                    stimulation=app.stimulation(), rng=app.seed)
        times.append(time.perf_counter() - t0)
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="changes per slider (default 7)")
    parser.add_argument("--follicles", type=int, default=100_000, help="default 100000")
    parser.add_argument("--years", type=int, default=10, help="default 10")
    parser.add_argument("--browser", action="store_true",
                        help="first run the browser test that records the browser latency")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)

    if args.browser:
        subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                        str(ROOT / "tests" / "browser"), "-k", "stimulation_slider"], check=True,
                       cwd=ROOT)

    app = Explorer(n_follicles=args.follicles, years=args.years, preset="aga_moderate", seed=1)
    app.set(stimulation=True, time_month=20)
    wake = [round(1.0 + 0.25 * (i % 8), 2) for i in range(1, args.repeats + 1)]
    anagen = [round(2.0 + 0.05 * (i % 10), 2) for i in range(1, args.repeats + 1)]
    rows = {}
    for label, name, values, sims in [
        ("stimulation slider (wake)", "wake", wake, 1),
        ("non-stimulation slider (mean anagen)", "anagen_years", anagen, 2),
    ]:
        before = app.simulation_count
        update, world, sim_artists = _time_changes(app, name, values)
        assert app.simulation_count - before == sims * len(values)
        rows[label] = {
            "simulations_per_change": sims,
            "median_simulate_and_artists_ms": 1000 * statistics.median(sim_artists),
            "median_to_figure_ms": 1000 * statistics.median(update),
            "median_with_world_view_ms": 1000 * statistics.median(world),
            "samples_to_figure_ms": [round(1000 * t, 1) for t in update],
        }
    fresh = 1000 * statistics.median(_fresh_treated(app, args.repeats))
    stim = rows["stimulation slider (wake)"]
    ratio = stim["median_simulate_and_artists_ms"] / fresh
    ratio_png = stim["median_to_figure_ms"] / fresh
    app.close()

    print(f"Explorer latency, {args.follicles:,} follicles x {args.years} years, AGA (moderate) + "
          f"hypothetical stimulation, {args.repeats} changes each; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; scenario: "
          f"{'hs.Scenario' if hasattr(hs, 'Scenario') else 'hs.simulate (no hs.Scenario yet)'}:")
    for label, row in rows.items():
        print(f"  {label:40s} simulate + artists {row['median_simulate_and_artists_ms']:6.0f} ms   "
              f"+ PNG {row['median_to_figure_ms']:6.0f} ms   "
              f"with the world view {row['median_with_world_view_ms']:6.0f} ms   "
              f"({row['simulations_per_change']} simulation(s) per change)")
    print(f"  fresh treated hs.simulate               {fresh:6.0f} ms   -> a stimulation move "
          f"(simulation + redrawn artists) is {ratio:.2f}x a fresh treated run (target <= "
          f"{RATIO_TARGET}x); with the PNG sent to the page {ratio_png:.2f}x")
    if BROWSER_JSON.exists():
        rec = json.loads(BROWSER_JSON.read_text(encoding="utf-8"))
        print(f"Browser (Voila + headless Chromium, recorded {rec.get('recorded', '?')}): "
              f"median {rec['median_ms']:.0f} ms from key press to changed figure "
              f"(target < {BROWSER_TARGET_MS} ms), samples {rec['samples_ms']} ms, load average "
              f"{rec.get('load_average_1min', '?')} ({rec.get('what', '')})")
    else:
        print(f"No browser measurement yet ({BROWSER_JSON.relative_to(ROOT)} is written by "
              "pytest tests/browser, or --browser).")
    if args.json:
        args.json.write_text(json.dumps({"follicles": args.follicles, "years": args.years,
                                         "rows": rows, "fresh_treated_ms": fresh,
                                         "ratio": ratio, "ratio_with_png": ratio_png},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
