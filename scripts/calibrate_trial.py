"""Check the virtual trial's calibration against Olsen et al. 2002 (48 weeks, 1 cm², non-vellus).

Runs a large trial (default 2,000 per arm) of the moderate-AGA population, placebo vs the
hypothetical ``hs.examples.minoxidil_like()``, with the default trial settings, and prints the
simulated change from baseline next to the published one, each with its standard error::

    .venv/bin/python scripts/calibrate_trial.py [--n 2000] [--seed 1] [--workers 2]
    .venv/bin/python scripts/calibrate_trial.py --sweep 100   # the test's check over 100 seeds

Published SEs use Olsen's arm sizes (393 men randomized 2:2:1: about 157 on 5 %, 78 on placebo):
SE of a mean = SD/√n, SE of an SD ≈ SD/√(2(n − 1)).

``--sweep N`` repeats ``tests/test_trial.py::test_olsen_2002_calibration`` (140 per arm, every mean
and SD within 2 combined SEs, the difference significant) for seeds 2002 … 2002 + N − 1 and
reports how many fail and the largest |z|.
"""

from __future__ import annotations

import argparse
import math
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import hairsim as hs  # noqa: E402
from hairsim.trial import OLSEN_2002, TrialSettings  # noqa: E402

ARMS = [("placebo", "placebo", 78), ("minoxidil_like", "minoxidil 5%", 157)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="participants per arm (default 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sweep", type=int, default=0,
                    help="instead: run the calibration test's check for this many seeds")
    args = ap.parse_args(argv)
    if args.sweep:
        return sweep(args.sweep)

    arms = {"placebo": None, "minoxidil_like": hs.examples.minoxidil_like()}
    with ProcessPoolExecutor(args.workers) as ex:
        tr = hs.run_trial("aga_moderate", arms, args.n, [0, 8, 16, 24, 48], rng=args.seed,
                          executor=ex)
    s = TrialSettings()
    print(f"Settings: count_cv {s.count_cv}, placebo_response_per_cm2 {s.placebo_response_per_cm2}, "
          f"placebo_weeks {s.placebo_weeks}, response_spread {s.response_spread}, "
          f"severity_cv {s.severity_cv}, density_cv {s.density_cv}; n = {args.n} per arm, "
          f"seed {args.seed}.\n")
    print("| arm | Olsen 2002 mean (SE) | simulated mean (SE) | z | Olsen SD (SE) | simulated SD (SE) | z |")
    print("|---|---|---|---|---|---|---|")
    for arm, key, n_pub in ARMS:
        pub = OLSEN_2002[key]
        ch = tr.change(arm, 48)
        n = ch.size
        m, sd = ch.mean(), ch.std(ddof=1)
        se_pm, se_ps = pub["sd"] / math.sqrt(n_pub), pub["sd"] / math.sqrt(2 * (n_pub - 1))
        se_m, se_s = sd / math.sqrt(n), sd / math.sqrt(2 * (n - 1))
        zm = (m - pub["mean"]) / math.hypot(se_pm, se_m)
        zs = (sd - pub["sd"]) / math.hypot(se_ps, se_s)
        print(f"| {arm} | {pub['mean']:+.1f} ({se_pm:.2f}) | {m:+.2f} ({se_m:.2f}) | {zm:+.2f} "
              f"| {pub['sd']:.1f} ({se_ps:.2f}) | {sd:.2f} ({se_s:.2f}) | {zs:+.2f} |")
    c = tr.compare("minoxidil_like", 48)
    pub_diff = OLSEN_2002["minoxidil 5%"]["mean"] - OLSEN_2002["placebo"]["mean"]
    print(f"\nDifference at week 48: simulated {c['diff']:+.2f} [{c['ci_low']:+.2f}, {c['ci_high']:+.2f}]"
          f" hairs/cm²; Olsen 2002 {pub_diff:+.1f}.")
    print("The simulated scalps' own mean change (no placebo response, no counting error):")
    for w in (8, 16, 24, 48):
        parts = [f"{a} {tr.true_change(a, w).mean():+.2f}" for a in tr.arms]
        counted = [f"{a} {tr.change(a, w).mean():+.2f}" for a in tr.arms]
        print(f"  week {w:>2}: true {', '.join(parts)}; counted {', '.join(counted)}")
    return 0


def _olsen_check(tr, n):
    """Largest |z| of the four comparisons and whether the test's check passes."""
    worst, ok = 0.0, True
    for arm, key, n_pub in ARMS:
        pub = OLSEN_2002[key]
        ch = tr.change(arm, 48)
        m, sd = ch.mean(), ch.std(ddof=1)
        se_mean = math.hypot(pub["sd"] / math.sqrt(n_pub), sd / math.sqrt(n))
        se_sd = math.hypot(pub["sd"] / math.sqrt(2 * (n_pub - 1)), sd / math.sqrt(2 * (n - 1)))
        for z in ((m - pub["mean"]) / se_mean, (sd - pub["sd"]) / se_sd):
            worst = max(worst, abs(z))
            ok &= abs(z) < 2
    c = tr.compare("minoxidil_like", 48)
    return worst, bool(ok and c["p"] < 0.05 and c["ci_low"] > 0)


def sweep(n_seeds, n=140, first=2002):
    arms = {"placebo": None, "minoxidil_like": hs.examples.minoxidil_like()}
    worst, failed = [], []
    for seed in range(first, first + n_seeds):
        tr = hs.run_trial("aga_moderate", arms, n, [0, 48], rng=seed)
        w, ok = _olsen_check(tr, n)
        worst.append(w)
        if not ok:
            failed.append(seed)
    print(f"Olsen-sized trials ({n} per arm), seeds {first}–{first + n_seeds - 1}: "
          f"{len(failed)} of {n_seeds} fail the test's check {failed}; largest |z| {max(worst):.2f}; "
          f"seed {first}: largest |z| {worst[0]:.2f}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
