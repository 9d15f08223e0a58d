"""Latency of the explorer: a slider change to a redrawn figure, at 100,000 follicles × 10 years.

Runs the in-process :class:`hairsim.widgets.Explorer` (Agg backend, no browser) and changes

* a stimulation slider ("Wake"): one simulation (the untreated run is cached), and
* a non-stimulation slider ("Mean anagen"): two simulations (untreated and treated),

``--repeats`` times each, timing simulate + redraw (``Explorer.last_update_seconds``) and the
rendering of the figure (``fig.canvas.draw()``, what ipympl does before sending the image).
It then prints the browser-measured latency recorded by ``tests/browser/test_app.py`` in
``benchmarks/results/app_latency.json``, if present. Target (DESIGN.md §5): under 300 ms.

Usage::

    python benchmarks/bench_app_latency.py [--repeats 7] [--follicles 100000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from hairsim.widgets import Explorer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BROWSER_JSON = ROOT / "benchmarks" / "results" / "app_latency.json"
TARGET_MS = 300


def _time_changes(app, name, values):
    update, total = [], []
    for value in values:
        t0 = time.perf_counter()
        app.controls[name].value = value
        app.fig.canvas.draw()
        total.append(time.perf_counter() - t0)
        update.append(app.last_update_seconds)
        if app.error:
            raise RuntimeError(f"the explorer reported an error: {app.error}")
    return update, total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="changes per slider (default 7)")
    parser.add_argument("--follicles", type=int, default=100_000, help="default 100000")
    parser.add_argument("--years", type=int, default=10, help="default 10")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)

    app = Explorer(n_follicles=args.follicles, years=args.years, preset="aga_moderate", seed=1)
    app.controls["stimulation"].value = True
    app.fig.canvas.draw()
    wake = [round(1.0 + 0.25 * (i % 8), 2) for i in range(1, args.repeats + 1)]
    anagen = [round(2.0 + 0.05 * (i % 10), 2) for i in range(1, args.repeats + 1)]
    rows = {}
    for label, name, values, sims in [
        ("stimulation slider (wake)", "wake", wake, 1),
        ("non-stimulation slider (mean anagen)", "anagen_years", anagen, 2),
    ]:
        before = app.simulation_count
        update, total = _time_changes(app, name, values)
        assert app.simulation_count - before == sims * len(values)
        rows[label] = {
            "simulations_per_change": sims,
            "median_update_ms": 1000 * statistics.median(update),
            "median_update_and_render_ms": 1000 * statistics.median(total),
            "samples_update_and_render_ms": [round(1000 * t, 1) for t in total],
        }
    app.close()

    print(f"Explorer latency, {args.follicles:,} follicles x {args.years} years, AGA (moderate) + "
          f"hypothetical stimulation, {args.repeats} changes each (target < {TARGET_MS} ms); "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}:")
    for label, row in rows.items():
        print(f"  {label:40s} simulate+redraw {row['median_update_ms']:6.0f} ms   "
              f"+ render figure {row['median_update_and_render_ms']:6.0f} ms   "
              f"({row['simulations_per_change']} simulation(s) per change)")
    if BROWSER_JSON.exists():
        rec = json.loads(BROWSER_JSON.read_text(encoding="utf-8"))
        print(f"Browser (Voila + headless Chromium, recorded {rec.get('recorded', '?')}): "
              f"median {rec['median_ms']:.0f} ms from key press to changed canvas, samples "
              f"{rec['samples_ms']} ms, load average {rec.get('load_average_1min', '?')} "
              f"({rec.get('what', '')})")
    else:
        print(f"No browser measurement yet ({BROWSER_JSON.relative_to(ROOT)} is written by "
              "pytest tests/browser).")
    if args.json:
        args.json.write_text(json.dumps({"follicles": args.follicles, "years": args.years,
                                         "rows": rows}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
