"""This checkout against an earlier commit, in one run: virtual trials and the whole scalp.

Issue 9's targets compare with commit b080961 (the first version): trials ≥ 1.5× and the
whole-scalp run ≥ 1.25× as fast. The engine's own benchmark runs (the main scenario and the
healthy preset) are timed too, so its table can be read against the earlier engine on the same
machine. The earlier commit is exported with ``git archive`` into a
temporary folder, and each workload is timed in fresh subprocesses, alternating between the two
trees (best of ``--repeat`` runs each, CPU time of the child, wall time beside it), so both see the
same machine. The two versions run different models (the earlier one has no exogen, vellus
follicles or AGA by time under androgen); the workloads are the same calls.

    .venv/bin/python benchmarks/bench_versus.py [--commit b080961] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKLOADS = {
    "trial: 2 arms × 300 participants, 48 weeks (1 cm² each)": """
import hairsim as hs
arms = {"placebo": None, "minoxidil_like": hs.examples.minoxidil_like()}
hs.run_trial("aga_moderate", arms, 300, [0, 8, 16, 24, 48], rng=1)
""",
    "whole scalp: 100,000 follicles × 10 years, male pattern": """
import hairsim as hs
hs.scalp.simulate_scalp("aga_moderate", "male_pattern", 100_000, 10, rng=1)
""",
    "engine: 100,000 follicles × 10 years, aga_moderate + minoxidil_like(start_day=365)": """
import hairsim as hs
hs.simulate(hs.presets.aga_moderate(), 100_000, 10,
            stimulation=hs.examples.minoxidil_like(start_day=365), rng=1)
""",
    "engine: 100,000 follicles × 10 years, healthy": """
import hairsim as hs
hs.simulate(hs.presets.healthy(), 100_000, 10, rng=1)
""",
}

TIMER = """
import resource, sys, time
src = sys.stdin.read()
exec(compile("import hairsim", "warm", "exec"))
t, c = time.perf_counter(), time.process_time()
exec(compile(src, "workload", "exec"))
print(time.perf_counter() - t, time.process_time() - c)
"""


def export(commit: str, dest: Path) -> Path:
    tar = dest / "old.tar"
    with open(tar, "wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", commit], stdout=fh, check=True)
    out = dest / commit
    out.mkdir()
    with tarfile.open(tar) as t:
        t.extractall(out, filter="data")
    return out


def time_in(tree: Path, code: str):
    env = dict(os.environ, PYTHONPATH=str(tree))
    p = subprocess.run([sys.executable, "-c", TIMER], input=code, capture_output=True, text=True, env=env,
                       cwd=str(tree), check=True)
    wall, cpu = map(float, p.stdout.split()[-2:])
    return wall, cpu


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--commit", default="b080961")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        old = export(args.commit, Path(tmp))
        for name, code in WORKLOADS.items():
            best = {"old": (float("inf"), float("inf")), "new": (float("inf"), float("inf"))}
            for _ in range(args.repeat):
                for which, tree in (("old", old), ("new", ROOT)):
                    w, c = time_in(tree, code)
                    best[which] = (min(best[which][0], w), min(best[which][1], c))
            rows.append({"workload": name, "old_cpu_s": best["old"][1], "new_cpu_s": best["new"][1],
                         "old_wall_s": best["old"][0], "new_wall_s": best["new"][0],
                         "speedup_cpu": best["old"][1] / best["new"][1]})
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"| workload (this checkout vs {args.commit}) | {args.commit} CPU | now CPU | speed-up |")
    print("|---|---:|---:|---:|")
    for r in rows:
        print(f"| {r['workload']} | {r['old_cpu_s']:.2f} s | {r['new_cpu_s']:.2f} s | {r['speedup_cpu']:.2f}× |")
    print(f"\n(best of {args.repeat} fresh processes each, alternating; 1-minute load average {load:.2f})")
    if args.json:
        Path(args.json).write_text(json.dumps({"commit": args.commit, "rows": rows, "load": load}, indent=1))


if __name__ == "__main__":
    main()
