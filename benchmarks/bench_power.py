"""``hs.power_curve`` before and after SciPy: the Welch tests of every replicate trial, in one run.

Run from the repository root::

    .venv/bin/python benchmarks/bench_power.py            # 100 trials × 2 arms × 80, 2 endpoints
    .venv/bin/python benchmarks/bench_power.py --quick    # 20 trials (smoke test)
    .venv/bin/python benchmarks/bench_power.py --json out.json

The participants are simulated once (``hairsim.trial._simulate_people``, the same for both); then
the analysis is timed both ways on the same counts:

* before: a Welch test per replicate, endpoint and trial size in a Python loop, with the
  hand-written t distribution of commit b080961 (continued fractions, quantiles by bisection),
  kept in ``benchmarks/_stats_before.py`` for this comparison only;
* after: ``hairsim.trial.power_table``: ``scipy.stats.ttest_ind(equal_var=False, axis=1)`` over all
  replicates and endpoints at once, one call per trial size.

It checks that both give the same power (and p-values to 1e-8), and reports the analysis ratio
and the whole power curve's ratio (simulation + analysis). A report, not a test: nothing here
asserts a time. The machine is shared: the load average is printed beside the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
for p in (str(ROOT), str(ROOT / "benchmarks")):
    if p not in sys.path:
        sys.path.insert(0, p)

import hairsim as hs  # noqa: E402
from hairsim import trial  # noqa: E402
import _stats_before  # noqa: E402


def analysis_before(obs_a, obs_c, visits, sizes, alpha):
    """The power curve's loop of commit b080961, with its own Welch test."""
    n_trials = obs_a.shape[0]
    power = np.zeros((len(visits), len(sizes)))
    mean_diff = np.zeros_like(power)
    pvals = np.zeros((n_trials, len(visits), len(sizes)))
    for r in range(n_trials):
        for wi, v in enumerate(visits):
            ch_c = obs_c[r, :, v] - obs_c[r, :, 0]
            ch_a = obs_a[r, :, v] - obs_a[r, :, 0]
            for si, n in enumerate(sizes):
                res = _stats_before.welch_t(ch_a[:n], ch_c[:n], alpha=alpha)
                pvals[r, wi, si] = res["p"]
                power[wi, si] += res["p"] < alpha
                mean_diff[wi, si] += res["diff"]
    return power / n_trials, mean_diff / n_trials, pvals


def _best(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    n_trials = 20 if args.quick else 100
    sizes = np.array([10, 20, 40, 80])
    weeks = [0, 24, 48]
    alpha = 0.05
    arms = {"placebo": None, "treated": hs.examples.minoxidil_like()}
    population = hs.presets.aga_moderate()
    settings = trial.TrialSettings()
    days = np.round(np.array(weeks) * 7).astype(int)
    from hairsim._random import resolve_seed
    root = resolve_seed(1)
    n_max = int(sizes.max())
    groups = [((r, i), i, n_max) for r in range(n_trials) for i in (0, 1)]
    stims = list(arms.values())

    t = time.perf_counter()
    _, dens, zs = trial._simulate_people(population, stims, settings, days, root.entropy, root.spawn_key,
                                         groups, None)
    simulate_s = time.perf_counter() - t
    dens = dens.reshape(n_trials, 2, n_max, len(days))
    zs = zs.reshape(n_trials, 2, n_max, len(days))
    obs_c = trial._observe(settings, "placebo", days, dens[:, 0], zs[:, 0])
    obs_a = trial._observe(settings, "treated", days, dens[:, 1], zs[:, 1])
    visits = [1, 2]

    before_s, (p_before, d_before, pv_before) = _best(
        lambda: analysis_before(obs_a, obs_c, visits, sizes, alpha), 1 if not args.quick else 1)
    trial.power_table(obs_a, obs_c, visits, sizes, alpha)   # warm up (SciPy's import)
    after_s, (p_after, d_after) = _best(lambda: trial.power_table(obs_a, obs_c, visits, sizes, alpha), 3)

    # the same answers
    from hairsim.stats import welch_t_many
    ch_a = obs_a[:, :, visits] - obs_a[:, :, :1]
    ch_c = obs_c[:, :, visits] - obs_c[:, :, :1]
    pv_after = np.stack([welch_t_many(ch_a[:, :n], ch_c[:, :n], axis=1)[1] for n in sizes], axis=-1)
    same_p = bool(np.allclose(pv_after, pv_before, rtol=1e-8, atol=1e-12))
    same_power = bool(np.array_equal(p_after, p_before)) and bool(np.allclose(d_after, d_before))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    out = {
        "scenario": f"{n_trials} trials x 2 arms x {n_max} participants, endpoints weeks 24 and 48, "
                    f"sizes {sizes.tolist()}",
        "welch_tests": int(n_trials * len(visits) * len(sizes)),
        "simulate_s": simulate_s, "analysis_before_s": before_s, "analysis_after_s": after_s,
        "analysis_ratio": before_s / after_s,
        "power_curve_ratio": (simulate_s + before_s) / (simulate_s + after_s),
        "same_power": same_power, "same_p_values": same_p, "load_1min": load,
    }
    print(f"{out['scenario']}: {out['welch_tests']:,} Welch tests")
    print(f"  simulating the participants : {simulate_s:8.3f} s (the same before and after)")
    print(f"  analysis before (b080961)   : {before_s:8.3f} s")
    print(f"  analysis after (SciPy, axis): {after_s:8.3f} s   → {out['analysis_ratio']:.0f}× faster")
    print(f"  whole power curve           : {out['power_curve_ratio']:.2f}× faster")
    print(f"  same power: {same_power}; same p-values (1e-8): {same_p}; load average {load:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0 if same_power and same_p else 1


if __name__ == "__main__":
    sys.exit(main())
