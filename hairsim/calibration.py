"""The model against its published targets: one table and one figure, model and literature side by side.

Every target of the calibration table (``science.md`` §6 in the design documents, repeated here with
its source) is measured on fixed-seed runs of the presets and the hypothetical example:

>>> import hairsim as hs
>>> rep = hs.calibration.report()            # doctest: +SKIP
>>> rep.passed                               # doctest: +SKIP
True
>>> print(rep.to_markdown())                 # doctest: +SKIP

How a value and its standard error are obtained: each quantity is measured on ``replicates``
independent runs (different seeds) of ``n_follicles`` follicles each; the value is their mean and
the standard error is their standard deviation over √replicates. A target passes when its accepted
band, widened by two standard errors on each side, contains the value: a seed cannot flip a row by
noise alone, and a model that misses a band by more than its noise fails.

``python -m hairsim calibrate`` prints the table; ``--write docs`` also writes
``docs/calibration.md`` and ``docs/calibration.png`` (a test checks that the committed table is
the current one).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from . import examples, presets
from ._frames import to_frame
from ._validation import FilePath, InstanceOf, Interval, validate_params
from .engine import simulate
from .params import Params
from .phases import Phase

__all__ = ["Target", "Row", "CalibrationReport", "TARGETS", "report", "write", "TABLE_START", "TABLE_END"]

TABLE_START = "<!-- calibration table: written by `python -m hairsim calibrate --write docs` -->"
TABLE_END = "<!-- end of the calibration table -->"

_PASS, _FAIL = "#009E73", "#D55E00"  # Okabe–Ito bluish green and vermillion


@dataclass(frozen=True)
class Target:
    """One calibration target.

    Attributes
    ----------
    key : str
        Short identifier (also the name of the measurement).
    group : str
        What it is about (a preset or the example), for the table's sections.
    quantity : str
        What is measured, in words.
    unit : str
        Unit of the value.
    lo, hi : float
        The accepted band (``-inf``/``inf`` for a one-sided target).
    published : str
        The published value, as the source states it.
    source : str
        Where the value comes from, with its evidence tag: [P] primary, [R] review or textbook,
        [F] clinic lore, [D] arithmetic, [design] a choice of this project.
    display : tuple of float
        The range shown in the figure.
    """

    key: str
    group: str
    quantity: str
    unit: str
    lo: float
    hi: float
    published: str
    source: str
    display: tuple

    def band_text(self) -> str:
        if math.isinf(self.lo):
            return f"≤ {_num(self.hi)}"
        if math.isinf(self.hi):
            return f"≥ {_num(self.lo)}"
        return f"{_num(self.lo)} to {_num(self.hi)}"


def _num(x: float) -> str:
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")


_OLSEN_DIFF = 18.6 - 3.9
_OLSEN_SE = math.hypot(25.4 / math.sqrt(157), 21.7 / math.sqrt(78))  # arm sizes 157 (5 %), 78 (placebo)

TARGETS = (
    Target("healthy_anagen", "healthy scalp", "anagen share of follicles", "%", 85, 92,
           "85–90 % (textbooks); 92.2 % by histology",
           "[R]; Mulinari-Brenner et al., An Bras Dermatol 2006;81:227 [P]", (80, 95)),
    Target("healthy_catagen", "healthy scalp", "catagen share of follicles", "%", 1, 3,
           "1–2 %; 1.6 % by histology", "[R]; Mulinari-Brenner 2006 [P]", (0, 4)),
    Target("healthy_telogen", "healthy scalp", "telogen share of follicles", "%", 6, 15,
           "10–15 % (textbooks); 6.2–8.4 % by histology",
           "[R]; Mulinari-Brenner 2006; Kim et al., Korean J Dermatol 2005;43:1022 [P]", (0, 20)),
    Target("healthy_kenogen", "healthy scalp", "kenogen share of follicles", "%", 0, 5,
           "small (but see the notes)", "science.md §6 [R]; Rebora & Guarrera 2002 [P]", (0, 10)),
    Target("healthy_shed", "healthy scalp", "club hairs shed a day per 100,000 follicles", "/day", 50, 100,
           "50–100 (renewal theory: about 83)", "[D]; Li et al. 2022: 27.9 ± 12.2 per wash [P]", (0, 150)),
    Target("healthy_density", "healthy scalp", "visible hairs per cm²", "/cm²", 200, 230,
           "175–300, mean 223", "Barman et al., J Invest Dermatol 1965;44:233 [P]", (170, 260)),
    Target("healthy_vellus", "healthy scalp", "vellus share of visible hairs", "%", 5, 20,
           "T:V 7.8:1 (11 %); 4–11 % across normal series; 7:1 attributed to Whiting 1993 (unverified)",
           "Kim et al. 2005 [P]; Ko et al. 2012 [P]; Whiting 1993 [unverified]", (0, 30)),
    Target("healthy_exogen", "healthy scalp", "club hairs held in exogen per cm²", "/cm²", 0, 7,
           "normally fewer than 7/cm²", "Van Neste et al., Skin Res Technol 2007 [S]", (0, 12)),
    Target("healthy_flat", "healthy scalp", "density change from the first month to the second year", "%",
           -0.5, 0.5, "no start-up transient", "design", (-2, 2)),
    Target("mild_4y", "aga_mild", "non-vellus density change over 4 years", "%", -19, -7,
           "−13.0 % hair count, placebo arm, week 192",
           "Price et al., J Am Acad Dermatol 2006;55:71 [P] (band ± 6 points)", (-35, 0)),
    Target("moderate_5y", "aga_moderate", "non-vellus density change over 5 years", "%", -34.3, -18.3,
           "−26.3 % (−239 hairs in the 5.1 cm² target area), placebo arm",
           "Kaufman et al., Eur J Dermatol 2008;18:407 [P] (band ± 8 points)", (-45, 0)),
    Target("moderate_y1", "aga_moderate", "non-vellus density loss in year 1", "%/year", 5, 10,
           "hair loss progresses 5–10 % a year", "Sinclair & Asgari, Medicine Today [R] (loose)", (0, 15)),
    Target("moderate_y2", "aga_moderate", "non-vellus density loss in year 2", "%/year", 5, 10,
           "hair loss progresses 5–10 % a year", "Sinclair & Asgari [R] (loose)", (0, 15)),
    Target("moderate_baseline", "aga_moderate", "non-vellus density at day 0", "/cm²", 150, 195,
           "876 hairs in the 5.1 cm² vertex circle ≈ 172/cm² at trial entry",
           "Kaufman et al., J Am Acad Dermatol 1998;39:578 [P] (band: design)", (100, 220)),
    Target("severe_2y_nv", "aga_severe", "non-vellus density change over 2 years", "%", -28.7, -16.7,
           "−22.7 % (−10.8 % at 12 months)", "Rushton et al., Clin Exp Dermatol 1991;16:188 [P] (band ± 6)",
           (-40, 0)),
    Target("severe_2y_total", "aga_severe", "total density change over 2 years", "%", -17.9, -5.9,
           "−11.9 % (−6.5 % at 12 months)", "Rushton et al. 1991 [P] (band ± 6)", (-25, 0)),
    Target("moderate_rest_rise", "aga_moderate", "rise of the telogen + kenogen share over 5 years",
           "points", 0, math.inf, "telogen and kenogen rise", "Courtois 1994; Rebora & Guarrera 2002 [P]",
           (-5, 40)),
    Target("mild_vellus_rise", "aga_mild", "rise of the vellus share over 5 years", "points", 0, math.inf,
           "the vellus share rises", "Whiting 1993 [unverified]; Rushton 1991 [P]", (-5, 40)),
    Target("moderate_vellus_rise", "aga_moderate", "rise of the vellus share over 5 years", "points", 0,
           math.inf, "the vellus share rises", "Whiting 1993 [unverified]; Rushton 1991 [P]", (-5, 40)),
    Target("severe_vellus_rise", "aga_severe", "rise of the vellus share over 5 years", "points", 0,
           math.inf, "the vellus share rises", "Whiting 1993 [unverified]; Rushton 1991 [P]", (-5, 60)),
    Target("severe_tv", "aga_severe", "terminal:vellus ratio at day 0", ":1", 0, 4,
           "below 4:1 when advanced (about 1.9:1 in male AGA)",
           "biopsy criterion T:V < 4:1 [P]; Whiting 1993 [unverified]", (0, 8)),
    Target("moderate_shed", "aga_moderate", "shedding in year 1, times healthy", "×", 1.5, 2.5,
           "52.2 vs 27.9 hairs per wash (1.87×)", "Li et al., Clin Cosmet Investig Dermatol 2022;15:117 [P]",
           (0.5, 3.5)),
    Target("severe_kenogen", "aga_severe", "largest kenogen share over 10 years", "%", 0, 25,
           "at most about 22 % of follicles (progressing female AGA)",
           "Rebora & Guarrera, Dermatology 2002;205:108 [P]", (0, 40)),
    Target("te_rise", "telogen_effluvium", "week shedding first passes 1.25× (7-day mean)", "week", 6,
           math.inf, "2–3 months after the trigger (3–4 in some reviews)",
           "Headington 1993 [R]; Cosmetics 2016;3:13 [R]", (0, 20)),
    Target("te_peak", "telogen_effluvium", "week of peak shedding (7-day mean)", "week", 8, 17,
           "2–3 months after the trigger", "Headington 1993; Rebora 2019 [R]", (0, 26)),
    Target("te_recovery", "telogen_effluvium", "week shedding last exceeds 1.25×", "week", 0, 30,
           "recovers within 3–6 months", "Cosmetics 2016;3:13; Rebora 2019 [R]", (0, 52)),
    Target("minox_shed_peak", "minoxidil_like on aga_moderate", "week of peak extra shedding (7-day mean)",
           "week", 2, 8, "an early shed in weeks 2–8", "clinic lore [F]; mechanism: Messenger & Rundegren 2004 [P]",
           (0, 16)),
    Target("minox_week8", "minoxidil_like on aga_moderate", "gain over untreated at week 8", "/cm²", 1,
           math.inf, "gain visible at 6–8 weeks", "[F]; science.md §4", (-5, 20)),
    Target("minox_plateau", "minoxidil_like on aga_moderate", "gain at week 16 / gain at week 48", "ratio",
           0.75, 1.25, "levels off by weeks 12–16", "[F]; Olsen 2002 has no per-visit data [design]",
           (0, 1.5)),
    Target("minox_week48", "minoxidil_like on aga_moderate", "gain over untreated at week 48", "/cm²", 10, 20,
           "5 % minoxidil +18.6 vs placebo +3.9 non-vellus hairs/cm²",
           "Olsen et al., J Am Acad Dermatol 2002;47:377 [P]", (0, 30)),
    Target("minox_trial", "minoxidil_like on aga_moderate",
           "virtual trial, Olsen-sized: treated − placebo change", "/cm²",
           _OLSEN_DIFF - 2 * _OLSEN_SE, _OLSEN_DIFF + 2 * _OLSEN_SE,
           f"{_OLSEN_DIFF:.1f} (SE {_OLSEN_SE:.1f} with 157 and 78 men)", "Olsen et al. 2002 [P]; hs.run_trial",
           (0, 30)),
    Target("minox_after", "minoxidil_like on aga_moderate",
           "mean gap to untreated, weeks 24–104 after stopping", "/cm²", -1, 1,
           "counts back to placebo levels within 24 weeks",
           "Price et al., J Am Acad Dermatol 1999;41:717 [P] (band: max(1, 1 % of density))", (-5, 5)),
    Target("minox_after_low", "minoxidil_like on aga_moderate",
           "lowest 8-week mean gap, weeks 24–104 after stopping", "/cm²", -1, math.inf,
           "not below the untreated course", "Price et al. 1999 [P]", (-5, 5)),
    Target("halloy_large", "Halloy 2002 behaviours", "largest daily gap to the mean field, 100,000 follicles",
           "% of density", 0, 1, "large populations follow the mean field", "Halloy et al., J Theor Biol 2002 [P]",
           (0, 10)),
    Target("halloy_small", "Halloy 2002 behaviours", "largest daily gap to the mean field, a 1 cm² patch",
           "% of density", 3, math.inf, "small populations fluctuate", "Halloy et al. 2002 [P]", (0, 20)),
)


@dataclass(frozen=True)
class Row:
    """A target with the model's value: ``value`` ± ``se`` (over ``replicates`` runs)."""

    target: Target
    value: float
    se: float

    @property
    def passed(self) -> bool:
        t = self.target
        return bool(t.lo - 2 * self.se <= self.value <= t.hi + 2 * self.se)


class _Runs:
    """The runs the measurements share, made once each (fixed seeds)."""

    def __init__(self, n_follicles: int, replicates: int, seed: int):
        self.n, self.reps, self.seed = n_follicles, replicates, seed
        self._cache = {}

    def get(self, preset, years, stimulation=None, n=None, tag=""):
        n = self.n if n is None else n
        key = (preset, years, None if stimulation is None else repr(stimulation.to_dict()), n, tag)
        if key not in self._cache:
            p = preset if isinstance(preset, Params) else presets.get(preset)
            self._cache[key] = [simulate(p, n, years, stimulation=stimulation, rng=self.seed + 1000 * i)
                                for i in range(self.reps)]
        return self._cache[key]


def _change(r, day, series="density"):
    x = getattr(r, series)
    return 100.0 * (x[day] / x[0] - 1.0)


def _weekly(x):
    return np.convolve(x, np.ones(7) / 7, mode="valid")  # [i]: mean of days i … i + 6


def _measure(key, runs: _Runs):
    """One value per replicate for the target ``key``."""
    y = 365
    if key.startswith("healthy_"):
        rs = runs.get("healthy", 2)
        if key in ("healthy_anagen", "healthy_catagen", "healthy_telogen", "healthy_kenogen"):
            ph = Phase[key.split("_")[1].upper()]
            return [100 * r.fraction(ph)[1:].mean() for r in rs]
        if key == "healthy_shed":
            return [r.shed_per_day()[1:].mean() for r in rs]
        if key == "healthy_density":
            return [r.total_density.mean() for r in rs]
        if key == "healthy_vellus":
            return [100 * np.nanmean(r.vellus_fraction) for r in rs]
        if key == "healthy_flat":
            return [100 * (r.density[365:395].mean() / r.density[:30].mean() - 1) for r in rs]
        if key == "healthy_exogen":
            from .trace import trace
            out = []
            for r in rs:
                tr = trace(r, n=min(2_000, r.n_follicles))
                out.append(np.mean([tr.state_at(d)["club_visible"].sum() for d in range(0, 730, 73)])
                           / tr.area_cm2)
            return out
    if key == "mild_4y":
        return [_change(r, 4 * y) for r in runs.get("aga_mild", 5)]
    if key == "moderate_5y":
        return [_change(r, 5 * y) for r in runs.get("aga_moderate", 10)]
    if key in ("moderate_y1", "moderate_y2"):
        k = int(key[-1])
        return [100 * (1 - r.density[k * y] / r.density[(k - 1) * y]) for r in runs.get("aga_moderate", 10)]
    if key == "moderate_baseline":
        return [r.density[0] for r in runs.get("aga_moderate", 10)]
    if key == "severe_2y_nv":
        return [_change(r, 2 * y) for r in runs.get("aga_severe", 10)]
    if key == "severe_2y_total":
        return [_change(r, 2 * y, "total_density") for r in runs.get("aga_severe", 10)]
    if key == "moderate_rest_rise":
        return [100 * ((r.telogen + r.kenogen)[5 * y] - (r.telogen + r.kenogen)[0]) / r.n_follicles
                for r in runs.get("aga_moderate", 10)]
    if key.endswith("_vellus_rise"):
        name = "aga_" + key.split("_")[0]
        return [100 * (r.vellus_fraction[5 * y] - r.vellus_fraction[0])
                for r in runs.get(name, 10 if name != "aga_mild" else 5)]
    if key == "severe_tv":
        return [r.visible_nonvellus[0] / (r.visible[0] - r.visible_nonvellus[0]) for r in runs.get("aga_severe", 10)]
    if key == "moderate_shed":
        h = runs.get("healthy", 2)
        return [r.shed_per_day()[1:y + 1].mean() / hr.shed_per_day()[1:].mean()
                for r, hr in zip(runs.get("aga_moderate", 10), h)]
    if key == "severe_kenogen":
        return [100 * r.fraction(Phase.KENOGEN).max() for r in runs.get("aga_severe", 10)]
    if key.startswith("te_"):
        stress = 30
        out = []
        # 5 × the follicles: a 7-day mean of shedding must be far more precise than the 25 % step
        for r, h in zip(runs.get("telogen_effluvium", 1.5, n=5 * runs.n), runs.get("healthy", 2, n=5 * runs.n)):
            wk = _weekly(r.shed_per_day())
            base = h.shed_per_day()[1:].mean()
            weeks = (np.arange(wk.size) - stress) / 7
            above = np.flatnonzero(wk > 1.25 * base)
            out.append(weeks[above[0]] if key == "te_rise" else weeks[np.argmax(wk)] if key == "te_peak"
                       else weeks[above[-1]])
        return out
    if key.startswith("minox_") and key != "minox_trial":
        s = examples.minoxidil_like()
        stop = int(s.stop_day)
        u, t = runs.get("aga_moderate", 3.5), runs.get("aga_moderate", 3.5, s)
        out = []
        for a, b in zip(u, t):
            gain = b.density - a.density
            if key == "minox_shed_peak":
                extra = _weekly(b.shed_per_day() - a.shed_per_day())
                out.append(np.argmax(extra[:26 * 7]) / 7 + 0.5)  # the 7-day window's middle, in weeks
            elif key == "minox_week8":
                out.append(gain[56])
            elif key == "minox_plateau":
                out.append(gain[112] / gain[336])
            elif key == "minox_week48":
                out.append(gain[336])
            else:
                after = gain[stop + 168: stop + 728]
                if key == "minox_after":
                    out.append(after.mean())
                else:
                    out.append(np.convolve(after, np.ones(56) / 56, mode="valid").min())
        return out
    if key == "minox_trial":
        from .trial import run_trial
        out = []
        for i in range(runs.reps):
            tr = run_trial("aga_moderate", {"placebo": None, "minoxidil_like": examples.minoxidil_like()},
                           300, [0, 48], rng=runs.seed + 7 + i)
            out.append(tr.change("minoxidil_like", 48).mean() - tr.change("placebo", 48).mean())
        return out
    if key.startswith("halloy_"):
        from .theory import mean_field
        mf = mean_field(presets.healthy(), years=2)
        n = 5 * runs.n if key == "halloy_large" else 225
        rs = runs.get("healthy", 2, n=n)
        return [100 * np.max(np.abs(r.density - mf.density)) / mf.density.mean() for r in rs]
    raise KeyError(key)


@dataclass
class CalibrationReport:
    """The model's value for every calibration target (see :func:`report`)."""

    rows: list
    n_follicles: int
    replicates: int
    seed: int
    extra_notes: list = field(default_factory=list)

    def __post_init__(self):
        order = list(dict.fromkeys(r.target.group for r in self.rows))  # groups in order of appearance
        self.rows = sorted(self.rows, key=lambda r: order.index(r.target.group))

    @property
    def passed(self) -> bool:
        """True when every target passes."""
        return all(r.passed for r in self.rows)

    def failures(self) -> list:
        return [r for r in self.rows if not r.passed]

    def table(self) -> list:
        """One dict per target: key, group, quantity, unit, published, source, band, value, se, passed."""
        return [{"key": r.target.key, "group": r.target.group, "quantity": r.target.quantity,
                 "unit": r.target.unit, "published": r.target.published, "source": r.target.source,
                 "band": r.target.band_text(), "value": r.value, "se": r.se, "passed": r.passed}
                for r in self.rows]

    def to_frame(self):
        """The table as a pandas DataFrame (pandas is needed only here)."""
        return to_frame(self.table(), index="key")

    def to_markdown(self) -> str:
        """The table in Markdown, one section per group."""
        lines = []
        group = None
        for r in self.rows:
            t = r.target
            if t.group != group:
                group = t.group
                lines += ["", f"**{group}**", "",
                          "| quantity | published | source | accepted | model (± SE) | |",
                          "|---|---|---|---|---|---|"]
            mark = "pass" if r.passed else "**FAIL**"
            lines.append(f"| {t.quantity} ({t.unit}) | {t.published} | {t.source} | {t.band_text()} | "
                         f"{_fmt(r.value)} ± {_fmt(r.se)} | {mark} |")
        n_pass = sum(r.passed for r in self.rows)
        head = (f"{n_pass} of {len(self.rows)} targets pass ({self.replicates} runs of "
                f"{self.n_follicles:,} follicles per quantity, seeds {self.seed} + 1000·i).")
        return head + "\n" + "\n".join(lines) + "\n"

    def plot(self, fig=None):
        """Every target on one figure: its accepted band (grey) and the model's value ± 2 SE (green:
        pass, vermillion: fail), each row on its own scale (its ends printed in grey, in the row's
        unit), grouped by preset. Returns the Figure."""
        import matplotlib.pyplot as plt
        items, group = [], None
        for r in self.rows:
            if r.target.group != group:
                group = r.target.group
                items.append(group)
            items.append(r)
        if fig is None:
            fig = plt.figure(figsize=(13, 0.34 * len(items) + 1.2))
        ax = fig.add_axes((0.36, 0.05, 0.34, 0.9))
        for i, it in enumerate(items):
            if isinstance(it, str):
                ax.text(-0.02, i, it, ha="right", va="center", fontsize=10, fontweight="bold",
                        transform=ax.get_yaxis_transform())
                continue
            t, r = it.target, it
            lo_d, hi_d = t.display
            span = hi_d - lo_d

            def x(v):
                return (min(max(v, lo_d), hi_d) - lo_d) / span

            ax.barh(i, x(t.hi) - x(t.lo), left=x(t.lo), height=0.62, color="0.85", zorder=1)
            c = _PASS if r.passed else _FAIL
            ax.errorbar(x(r.value), i, xerr=[[x(r.value) - x(r.value - 2 * r.se)],
                                             [x(r.value + 2 * r.se) - x(r.value)]],
                        fmt="o", color=c, ms=6, capsize=3, zorder=3)
            for end, ha in ((0.0, "left"), (1.0, "right")):
                ax.text(end, i - 0.36, _num(lo_d if end == 0 else hi_d), ha=ha, va="bottom", fontsize=7,
                        color="0.45")
            ax.text(-0.02, i, f"{t.quantity} ({t.unit})", ha="right", va="center", fontsize=9,
                    transform=ax.get_yaxis_transform())
            ax.text(1.02, i, f"{_fmt(r.value)} ± {_fmt(r.se)}   (accepted {t.band_text()})"
                    + ("" if r.passed else "   FAIL"), ha="left", va="center", fontsize=9,
                    color="0.1" if r.passed else _FAIL, transform=ax.get_yaxis_transform())
        ax.set_ylim(len(items) - 0.5, -0.7)
        ax.set_yticks([])
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        ax.set_xlabel("each row on its own scale, in its unit (grey numbers: the scale's ends); "
                      "grey bar: accepted band; dot: model ± 2 SE", fontsize=9)
        n_pass = sum(r.passed for r in self.rows)
        ax.set_title(f"hairsim against its published targets: {n_pass} of {len(self.rows)} pass "
                     "(green: pass, vermillion: fail)", fontsize=11)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        return fig


def _fmt(x: float) -> str:
    if not math.isfinite(x):
        return str(x)
    a = abs(x)
    return f"{x:.2f}" if a < 10 else f"{x:.1f}"


@validate_params({"n_follicles": Interval(225, 1e8, integer=True), "replicates": Interval(2, 1000, integer=True),
                  "seed": Interval(0, 2**31, integer=True)}, owner="hairsim.calibration.report")
def report(n_follicles: int = 20_000, replicates: int = 5, seed: int = 2026) -> CalibrationReport:
    """Measure every calibration target.

    Parameters
    ----------
    n_follicles : int, default 20,000
        Follicles in each run (the 1 cm² patch of the Halloy target always has 225).
    replicates : int, default 5
        Independent runs per quantity; the standard error is their SD / √replicates.
    seed : int, default 2026
        Run i uses seed ``seed + 1000·i``.

    Returns
    -------
    CalibrationReport
        ``rows`` (one per target), ``passed``, ``to_markdown()``, ``plot()``, ``to_frame()``.
    """
    runs = _Runs(int(n_follicles), int(replicates), int(seed))
    rows = []
    for t in TARGETS:
        vals = np.asarray(_measure(t.key, runs), dtype=float)
        rows.append(Row(t, float(vals.mean()), float(vals.std(ddof=1) / math.sqrt(vals.size))))
    return CalibrationReport(rows, int(n_follicles), int(replicates), int(seed))


@validate_params({"rep": InstanceOf((CalibrationReport,), "a hairsim.calibration.CalibrationReport"),
                  "folder": FilePath()}, owner="hairsim.calibration.write")
def write(rep: CalibrationReport, folder) -> list:
    """Write ``folder/calibration.md`` (the table, between the markers :data:`TABLE_START` and
    :data:`TABLE_END` of an existing file, whose other text is kept) and ``folder/calibration.png``.
    Returns the paths written."""
    import os

    import matplotlib.pyplot as plt

    folder = os.fspath(folder)
    if not os.path.isdir(folder):
        raise ValueError(f"The 'folder' parameter must be an existing folder; got {folder!r}.")
    md = os.path.join(folder, "calibration.md")
    block = f"{TABLE_START}\n{rep.to_markdown()}{TABLE_END}"
    if os.path.exists(md):
        with open(md, encoding="utf-8") as fh:
            text = fh.read()
        if TABLE_START in text and TABLE_END in text:
            head, rest = text.split(TABLE_START, 1)
            text = head + block + rest.split(TABLE_END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
    else:
        text = "# Calibration: hairsim against its published targets\n\n" + block + "\n"
    with open(md, "w", encoding="utf-8") as fh:
        fh.write(text)
    png = os.path.join(folder, "calibration.png")
    fig = rep.plot()
    fig.savefig(png, dpi=100)
    plt.close(fig)
    return [md, png]
