"""Make the README's figure (docs/figure.png) with the library itself.

    python scripts/make_figures.py
"""

from pathlib import Path

from matplotlib.figure import Figure

import hairsim as hs
from hairsim.plot import plot_density

OUT = Path(__file__).resolve().parents[1] / "docs"


def main():
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    colours = ["#009E73", "#56B4E9", "#0072B2", "#000000"]
    for name, colour in zip(("healthy", "aga_mild", "aga_moderate", "aga_severe"), colours):
        r = hs.simulate(hs.presets.get(name), 100_000, 10, rng=1)
        left.plot(r.days / 365, r.density, color=colour, lw=1.6, label=name.replace("_", " "))
    left.set_xlabel("time (years)")
    left.set_ylabel("non-vellus hair density (hairs/cm²)")
    left.set_ylim(0, None)
    left.set_title("Untreated: a healthy scalp and three AGA presets")
    left.legend(frameon=False, fontsize="small")

    p = hs.presets.aga_moderate()
    s = hs.examples.minoxidil_like(start_day=90)
    untreated = hs.simulate(p, 100_000, 2.5, rng=1)
    treated = hs.simulate(p, 100_000, 2.5, stimulation=s, rng=1)
    plot_density(treated, ax=right, counterfactual=untreated)
    right.set_title("Moderate AGA with a hypothetical stimulation\n(48 weeks, then stopped; same seed)")
    fig.savefig(OUT / "figure.png", dpi=110)
    print(f"wrote {OUT / 'figure.png'}")


if __name__ == "__main__":
    main()
