"""Refresh the pinned-output regression baseline, ``tests/baseline/summary.json``.

``tests/test_baseline.py`` compares a small fixed-seed summary of every preset (and of the
hypothetical example on moderate AGA) with this file, number for number. When a change of the model
or of its random streams moves those numbers on purpose, run::

    .venv/bin/python scripts/refresh_baseline.py

and commit the new file in its own commit whose message says why the numbers moved (starsim's
baseline test works the same way). Never refresh it to make an unexplained difference go away.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import hairsim as hs  # noqa: E402

PATH = ROOT / "tests" / "baseline" / "summary.json"
N, YEARS, SEED = 3_000, 3, 20261201
DAYS = (0, 30, 91, 182, 365, 548, 730, 913, 1095)
SERIES = ("anagen", "catagen", "telogen", "kenogen", "visible", "visible_nonvellus")


def cases():
    """(name, params, stimulation) of every pinned run."""
    out = [(name, hs.presets.get(name), None) for name in hs.presets.names()]
    out.append(("aga_moderate + minoxidil_like(start_day=60)", hs.presets.aga_moderate(),
                hs.examples.minoxidil_like(start_day=60)))
    out.append(("aga_moderate + sessions, persistence 0.5", hs.presets.aga_moderate(),
                hs.Stimulation(start_day=30, stop_day=400, schedule="sessions", interval_days=28,
                               half_life_days=10, wake=3, extend=0.5, thicken=0.3, responders=0.7,
                               persistence=0.5)))
    return out


def summary() -> dict:
    """The pinned numbers: series on some days, shedding per quarter, diameter sums (µm, 6 dp)."""
    out = {"settings": {"n_follicles": N, "years": YEARS, "seed": SEED, "days": list(DAYS)}, "runs": {}}
    for name, p, s in cases():
        r = hs.simulate(p, N, YEARS, stimulation=s, rng=SEED)
        out["runs"][name] = {
            **{k: [int(getattr(r, k)[d]) for d in DAYS] for k in SERIES},
            "shed_per_quarter": [int(r.shed[i:i + 91].sum()) for i in range(0, r.n_days + 1, 91)],
            "diameter_sum_um": [round(float(r.diameter_sum[d]), 6) for d in DAYS],
            "phase_changes": int(r.phase_changes),
        }
    return out


def main() -> int:
    PATH.parent.mkdir(parents=True, exist_ok=True)
    PATH.write_text(json.dumps(summary(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
