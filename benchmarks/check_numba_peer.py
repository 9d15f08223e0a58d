"""Check that the numba peer (benchmarks/numba_peer.py) runs the same model as hs.simulate.

Run from the repository root (needs the ``bench`` extra, for numba)::

    .venv/bin/python benchmarks/check_numba_peer.py            # 40,000 follicles × 4 years
    .venv/bin/python benchmarks/check_numba_peer.py --n 100000 --years 6

The two use their own random numbers, so they agree statistically, not number for number. For the
healthy preset, ``aga_moderate`` (untreated), ``telogen_effluvium`` and two settings for the rules the
presets hardly reach (emergence longer than the cycle; per-cycle AGA without exogen), over yearly
windows (and the first months), it compares the window
means of the phase shares (anagen, catagen, telogen, kenogen), the visible and the non-vellus
visible hairs per follicle and the shedding per follicle-day, each within Z = 4 standard errors of
the difference, with the conservative bounds of ``tests/test_baselines.py``:

* a day's count is a sum of independent per-follicle values in [0, M] (M = 1 for a phase, 2 for
  visible hairs: a held club and a new hair), so its variance is at most N·μ(M − μ)
  (Bhatia–Davis); a mean over days has at most the variance of one day;
* the hairs shed in a window are counted as Poisson (the hair cycle is less variable than a
  Poisson process).

It also checks that the peer's serial and 2-thread runs are identical, number for number (each
follicle has its own generator). Exits with status 1 if any check fails. numba is not a test
dependency, so this is a script, not a test; ``bench_engine.py`` prints the same kind of
agreement for its rows.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

import hairsim as hs  # noqa: E402

from benchmarks import numba_peer  # noqa: E402

Z = 4.0
# (name, series, per-follicle maximum): the window means compared
QUANTITIES = [("anagen", "anagen", 1), ("catagen", "catagen", 1), ("telogen", "telogen", 1),
              ("kenogen", "kenogen", 1), ("visible", "visible", 2),
              ("visible non-vellus", "visible_nonvellus", 2)]


def compare(eng, peer, windows):
    """Rows (window, quantity, engine, peer, difference in SEs, ok) for every window."""
    ne, nb = eng.n_follicles, peer.n_follicles
    rows = []
    for lo, hi in windows:
        for label, attr, top in QUANTITIES:
            me = float(np.mean(np.asarray(getattr(eng, attr))[lo:hi])) / ne
            mb = float(np.mean(np.asarray(getattr(peer, attr))[lo:hi])) / nb
            var = max(me * (top - me), 1e-12)  # Bhatia–Davis, per follicle
            se = math.sqrt(var * (1 / ne + 1 / nb))
            rows.append(((lo, hi), label, me, mb, (mb - me) / se))
        te = float(np.sum(np.asarray(eng.shed)[lo:hi]))
        tb = float(np.sum(np.asarray(peer.shed)[lo:hi]))
        days = hi - lo
        se = math.hypot(math.sqrt(max(te, 1.0)) / days / ne, math.sqrt(max(tb, 1.0)) / days / nb)
        rows.append(((lo, hi), "shed per day", te / days / ne, tb / days / nb,
                     (tb / days / nb - te / days / ne) / se))
    return [r + (abs(r[4]) < Z,) for r in rows]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=40_000, help="follicles (default 40,000)")
    ap.add_argument("--years", type=float, default=4.0, help="years (default 4)")
    args = ap.parse_args(argv)
    n, years = args.n, args.years
    n_days = int(round(365 * years))
    yearly = [(lo, min(lo + 365, n_days + 1)) for lo in range(0, n_days + 1, 365)]
    yearly = [w for w in yearly if w[1] - w[0] >= 30]
    # telogen effluvium (stress on day 30): the shedding wave 2–5 months after it, then yearly
    wave = [(0, 30), (30, 90), (90, 150), (150, 240), (240, 365)]

    t = time.perf_counter()
    comp = numba_peer.compile()
    print(f"compiled (or loaded from numba's cache) in {time.perf_counter() - t:.1f} s "
          f"(serial {comp['serial_s']:.1f} s, threaded {comp['threaded_s']:.1f} s)")
    failed = 0
    early = [(0, 30), (30, 120), (120, 365)] + yearly[1:]
    cases = [("healthy", hs.presets.healthy(), yearly),
             ("aga_moderate", hs.presets.aga_moderate(), yearly),
             ("telogen_effluvium", hs.presets.telogen_effluvium(), wave + yearly[1:]),
             # the rules the presets hardly reach: a club held at the start that shows only once
             # its hair emerged (emergence longer than the cycle), per-cycle AGA, no exogen
             ("long emergence, short anagen", hs.Params(anagen_mean_days=150.0, anagen_cv=1.0,
                                                        emergence_days=200.0, exogen_mean_days=60.0), early),
             ("per-cycle AGA, no exogen", hs.Params(
                 aga_susceptible_fraction=0.7, anagen_shortening=0.7, miniaturization=0.25,
                 anagen_min_days=40.0, exogen_mean_days=0.0, p_kenogen_miniaturized=0.5,
                 kenogen_miniaturized_days=200.0, years_since_onset=2.0, aga_onset_spread_years=3.0), early)]
    for name, p, windows in cases:
        eng = hs.simulate(p, n_follicles=n, years=years, rng=101)
        peer = numba_peer.simulate(p, n, years, seed=202, threads=1)
        peer2 = numba_peer.simulate(p, n, years, seed=202, threads=2)
        same = all(np.array_equal(getattr(peer, k), getattr(peer2, k))
                   for k in ("anagen", "catagen", "telogen", "kenogen", "shed", "visible",
                             "visible_nonvellus", "diameter_sum"))
        rows = compare(eng, peer, windows)
        bad = [r for r in rows if not r[5]]
        worst = max(rows, key=lambda r: abs(r[4]))
        print(f"\n{name}: {n:,} follicles × {years:g} years; hs.simulate rng=101, peer seed=202; "
              f"phase changes {eng.phase_changes:,} (engine) / {peer.n_phase_changes:,} (peer)")
        print(f"  {'days':<12} {'quantity':<20} {'hs.simulate':>12} {'numba peer':>12} {'Δ/SE':>7}")
        for (lo, hi), label, me, mb, zz, ok in rows:
            print(f"  {f'{lo}–{hi - 1}':<12} {label:<20} {me:12.5f} {mb:12.5f} {zz:+7.2f}"
                  f"{'' if ok else '  FAIL'}")
        print(f"  largest |Δ|/SE {abs(worst[4]):.2f} ({worst[1]}, days {worst[0][0]}–{worst[0][1] - 1}); "
              f"{len(rows) - len(bad)}/{len(rows)} within {Z:g} SE; serial == 2 threads: {same}")
        failed += len(bad) + (not same)
    print("\nOK: the numba peer agrees with hs.simulate" if not failed else f"\nFAILED: {failed} checks")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
