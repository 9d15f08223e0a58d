"""A schematic scalp with named regions, and where androgenetic alopecia (AGA) thins it.

Halloy et al. (*PNAS* 2000;97:8328) noted that a spatial map of the follicles' parameters turns
their follicular automaton into baldness *patterns*. AGA affects the vertex and the frontal scalp
and spares the occipital fringe, following the Norwood–Hamilton pattern in men and the Ludwig
pattern in women (``science.md`` §1, §3). This module splits a scalp into six regions, gives each
region its own share of susceptible follicles (and, optionally, a later onset), and runs them all
in **one** :func:`hairsim.simulate` call: the regional differences are per-follicle parameter
arrays and ``groups=`` returns each region's series. No new engine is involved.

How a pattern is applied to a base population (a preset such as ``aga_moderate``):

* each region has a *relative susceptibility* ``s`` in [0, 1]; the region's share of susceptible
  follicles is ``s × base.aga_susceptible_fraction``. The presets are calibrated to trial target
  areas, which sit on the vertex, so a region with ``s = 1`` is "like the preset"; the occipital
  fringe has ``s = 0``;
* each region has an *onset share* ``o`` in [0, 1]; its AGA started ``o × base.years_since_onset``
  years before day 0 (a region that started later is less far along).

Everything else (the cycle, the rates of shortening and thinning) is the base population's.

The regions and their areas are a **schematic approximation**, not anatomy: the relative sizes are
chosen so that the spared occipital fringe is about a quarter of the scalp, as in Bernstein &
Rassman (*Dermatol Surg* 1997;23:785: an average scalp of about 500 cm², the permanent zone about
25 % of it), and scaled to hairsim's whole scalp of 100,000 follicles at 225 follicles/cm²
(444 cm²). The map drawn by :func:`plot_scalp_map` is a flat top view of a dome, so its drawn
areas are not to scale either.

Examples
--------
>>> import hairsim as hs
>>> from hairsim import scalp
>>> s = scalp.simulate_scalp(hs.presets.aga_moderate(), "male_pattern", n_follicles=20_000,
...                          years=2, rng=1)
>>> s.regions
('frontal', 'midscalp', 'vertex', 'left_side', 'right_side', 'occipital')
>>> int(s.sizes.sum())
20000
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._limits import MAX_BYTES, too_large
from ._frames import to_frame
from ._validation import (AnyOf, AxesOrNone, Bound, Constraint, Flag, InstanceOf, Interval, Mapping, Options,
                          ParamsOrPreset, Seed, Sequence, describe_value, did_you_mean, fail, validate_params)
from .params import Stimulation

__all__ = [
    "REGIONS", "REGION_LABELS", "REGION_SHARES", "REGION_AREAS_CM2", "REGION_COLORS", "PATTERNS",
    "patterns", "describe_pattern", "pattern_table", "region_sizes",
    "ScalpResult", "simulate_scalp", "plot_scalp_map", "plot_scalp_maps", "plot_region_density",
]

# ---------------------------------------------------------------------------------------------
# regions
# ---------------------------------------------------------------------------------------------

#: Region names, in the order of their group numbers (0 … 5) and of their follicles.
REGIONS = ("frontal", "midscalp", "vertex", "left_side", "right_side", "occipital")

#: Labels for figures and tables.
REGION_LABELS = {
    "frontal": "frontal",
    "midscalp": "mid-scalp",
    "vertex": "vertex (crown)",
    "left_side": "left temporal–parietal",
    "right_side": "right temporal–parietal",
    "occipital": "occipital",
}

#: Share of the scalp's follicles (and area) in each region. A schematic approximation: the
#: occipital fringe is about a quarter of the scalp (Bernstein & Rassman 1997: permanent zone about
#: 25 % of an average scalp); the top of the head (frontal + mid-scalp + vertex, the area that can
#: go bald in Norwood–Hamilton VII) is about half. Sums to 1.
REGION_SHARES = {
    "frontal": 0.16,
    "midscalp": 0.15,
    "vertex": 0.16,
    "left_side": 0.135,
    "right_side": 0.135,
    "occipital": 0.26,
}

#: Area of each region in a whole scalp of 100,000 follicles at 225 follicles/cm² (444 cm²), cm².
REGION_AREAS_CM2 = {name: share * 100_000 / 225.0 for name, share in REGION_SHARES.items()}

#: Okabe–Ito colours (colour-blind safe) for the regions' lines in :func:`plot_region_density`.
REGION_COLORS = {
    "frontal": "#D55E00",
    "midscalp": "#E69F00",
    "vertex": "#CC79A7",
    "left_side": "#0072B2",
    "right_side": "#56B4E9",
    "occipital": "#009E73",
}
_REGION_STYLES = {"frontal": "-", "midscalp": "--", "vertex": "-", "left_side": "-.",
                  "right_side": ":", "occipital": "-"}

# ---------------------------------------------------------------------------------------------
# patterns
# ---------------------------------------------------------------------------------------------

#: Named patterns: a description and, per region, (relative susceptibility, onset share).
#: Schematic readings of the clinical scales (Norwood 1975; Ludwig 1977; Gupta & Mysore, *J Cutan
#: Aesthet Surg* 2016;9:3), not fitted to any measurement.
PATTERNS = {
    "uniform": (
        "Every region like the base population (a whole scalp that thins evenly).",
        {r: (1.0, 1.0) for r in REGIONS},
    ),
    "male_pattern": (
        "Norwood–Hamilton-like: frontal scalp and vertex most affected, mid-scalp later and less, "
        "the sides a little, the occipital fringe spared.",
        {"frontal": (1.0, 1.0), "midscalp": (0.7, 0.75), "vertex": (1.0, 1.0),
         "left_side": (0.25, 0.5), "right_side": (0.25, 0.5), "occipital": (0.0, 1.0)},
    ),
    "female_pattern": (
        "Ludwig-like: diffuse thinning of the mid-scalp and crown, the frontal hairline largely "
        "kept, the sides a little, the occipital fringe spared.",
        {"frontal": (0.3, 1.0), "midscalp": (1.0, 1.0), "vertex": (0.85, 1.0),
         "left_side": (0.3, 1.0), "right_side": (0.3, 1.0), "occipital": (0.0, 1.0)},
    ),
}


def patterns() -> list:
    """The names of the built-in patterns."""
    return list(PATTERNS)


_PATTERN_NAME = Options(tuple(PATTERNS))
_PATTERN = AnyOf((_PATTERN_NAME, Mapping(
    Options(REGIONS), AnyOf((Interval(0, 1), Sequence(Interval(0, 1), min_size=2, max_size=2,
                                                      text="a pair (relative susceptibility, onset share) in [0, 1]"))),
    what="a dict of region → relative susceptibility in [0, 1], or → a pair (relative "
         "susceptibility, onset share) in [0, 1]")))


@validate_params({"name": _PATTERN_NAME}, owner="scalp.describe_pattern")
def describe_pattern(name: str) -> str:
    """One plain sentence about the pattern ``name`` (one of :func:`patterns`)."""
    return PATTERNS[name][0]


@validate_params({"pattern": _PATTERN}, owner="scalp.pattern_table")
def pattern_table(pattern) -> dict:
    """Per region, ``(relative susceptibility, onset share)`` of a pattern.

    Parameters
    ----------
    pattern : str or dict
        A built-in pattern name (see :func:`patterns`), or a dict mapping region names to a relative
        susceptibility in [0, 1] (regions left out are spared; onset share 1 everywhere), or to a
        pair ``(relative susceptibility, onset share)``, both in [0, 1].

    Returns
    -------
    dict
        ``{region: (relative susceptibility, onset share)}`` for every region of :data:`REGIONS`.
    """
    if isinstance(pattern, str):
        return dict(PATTERNS[pattern][1])
    table = {r: (0.0, 1.0) for r in REGIONS}
    for key, value in pattern.items():
        s, o = (float(value[0]), float(value[1])) if isinstance(value, np.ndarray) else (value, 1.0)
        table[key] = (s, o)
    return table


_MIN_FOLLICLES = 600          # at least about 80 follicles in the smallest region
_MAX_FOLLICLES = 100_000_000  # the engine's limit
_N_FOLLICLES = Interval(_MIN_FOLLICLES, _MAX_FOLLICLES, integer=True)


@validate_params({"n_follicles": _N_FOLLICLES}, owner="scalp.region_sizes")
def region_sizes(n_follicles: int) -> np.ndarray:
    """Follicles per region for a scalp of ``n_follicles`` (largest-remainder rounding).

    Parameters
    ----------
    n_follicles : int, [600, 100,000,000]
        Follicles of the whole simulated scalp.

    Returns
    -------
    ndarray of int
        One count per region of :data:`REGIONS`, proportional to :data:`REGION_SHARES`; they sum to
        ``n_follicles``.
    """
    n = n_follicles
    exact = np.array([REGION_SHARES[r] for r in REGIONS]) * n
    sizes = np.floor(exact).astype(np.int64)
    left = n - int(sizes.sum())
    order = np.argsort(-(exact - sizes), kind="stable")
    sizes[order[:left]] += 1
    return sizes


# ---------------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------------


_REGION = Options(REGIONS)
_DAY = Bound(lambda a: Interval(0, a["self"].n_days, integer=True), static=Interval(0, math.inf, integer=True))


def _fmt(x) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True, eq=False)
class ScalpResult:
    """One whole-scalp run, split by region.

    Attributes
    ----------
    result : hairsim.Result
        The whole-scalp run (all regions together); its ``density`` is the area-weighted mean of the
        regions' densities.
    pattern : str
        The pattern's name (``"custom"`` for a dict).
    table : dict
        ``{region: (relative susceptibility, onset share)}`` as applied.
    regions : tuple of str
        Region names, in group order.
    sizes : ndarray of int
        Follicles per region.
    areas_cm2 : ndarray of float
        Area of each region, cm² (its follicles / ``follicles_per_cm2``).
    susceptible_fraction : ndarray of float
        Share of each region's follicles flagged as susceptible to AGA (expected value).
    years_since_onset : ndarray of float
        Years from each region's AGA onset to day 0 (mean over its follicles).
    density : ndarray of float, shape (n_regions, n_days + 1)
        Non-vellus hairs per cm² of each region, per day.
    total_density : ndarray of float, shape (n_regions, n_days + 1)
        All visible hairs (vellus included) per cm² of each region, per day.
    """

    result: object
    pattern: str
    table: dict
    regions: tuple
    sizes: np.ndarray
    areas_cm2: np.ndarray
    susceptible_fraction: np.ndarray
    years_since_onset: np.ndarray
    density: np.ndarray
    total_density: np.ndarray

    @property
    def days(self) -> np.ndarray:
        """Day numbers 0 … n_days."""
        return self.result.days

    @property
    def n_days(self) -> int:
        return int(self.result.days[-1])

    @property
    def labels(self) -> tuple:
        """Display labels of the regions."""
        return tuple(REGION_LABELS[r] for r in self.regions)

    @validate_params({"region": _REGION}, owner="ScalpResult.index")
    def index(self, region: str) -> int:
        """Group number of ``region`` (one of :attr:`regions`)."""
        return self.regions.index(region)

    @validate_params({"region": _REGION}, owner="ScalpResult.region_density")
    def region_density(self, region: str) -> np.ndarray:
        """Non-vellus hairs per cm² of one region, per day."""
        return self.density[self.index(region)]

    @validate_params({"day": _DAY}, owner="ScalpResult.density_at")
    def density_at(self, day: int) -> np.ndarray:
        """Non-vellus hairs per cm² of every region on ``day`` (a whole number in [0, n_days])."""
        return self.density[:, day]

    @validate_params({"years": Bound(lambda a: Sequence(Interval(0, a["self"].n_days / 365),
                                                        what=f"years in [0, {a['self'].n_days / 365:g}] "
                                                             "(within the run)"),
                                     static=Sequence(Interval(0, 200))),
                      "as_frame": Flag()},
                     owner="ScalpResult.change_table")
    def change_table(self, years=None, as_frame: bool = False):
        """A table: each region's area and non-vellus density at some years.

        Parameters
        ----------
        years : sequence of float, each in [0, n_days / 365], optional
            Times in years (365 days) at which to read the densities. Default: years 0, 5 and 10
            within the run, and the run's end.
        as_frame : bool, default False
            Return a pandas DataFrame (one row per region and the whole scalp; columns area_cm2,
            the densities at each year, change_pct) instead of text.

        Returns
        -------
        str or pandas.DataFrame
            One row per region and one for the whole scalp, with the change from the first year
            given to the last, in %.
        """
        if years is None:
            end = self.n_days / 365
            years = sorted({y for y in (0.0, 5.0, 10.0) if y <= end} | {end})
        years = [float(y) for y in years]
        days = [int(round(365 * y)) for y in years]
        rows = [(REGION_LABELS[r], a, self.density[i]) for i, (r, a) in enumerate(zip(self.regions, self.areas_cm2))]
        rows.append(("whole scalp", float(self.areas_cm2.sum()), self.result.density))
        table = []
        for label, area, series in rows:
            vals = series[days]
            change = 100 * (vals[-1] / vals[0] - 1) if vals[0] > 0 else float("nan")
            table.append((label, area, vals, change))
        if as_frame:
            return to_frame([{"region": label, "area_cm2": area,
                              **{f"density_year_{_fmt(y)}": v for y, v in zip(years, vals)},
                              "change_pct": change} for label, area, vals, change in table], index="region")
        head = f"{'region':<24}{'area cm²':>9}" + "".join(f"{f'year {_fmt(y)}':>9}" for y in years) \
            + f"{'change':>9}"
        lines = [head, "-" * len(head)]
        for label, area, vals, change in table:
            lines.append(f"{label:<24}{area:>9.0f}" + "".join(f"{v:>9.0f}" for v in vals) + f"{change:>+8.0f}%")
        return "\n".join(lines)

    @validate_params({"series": Options(("density", "total_density"))}, owner="ScalpResult.to_frame")
    def to_frame(self, series: str = "density"):
        """Each region's daily density as a pandas DataFrame: index ``day``, a column per region
        and ``whole_scalp``. ``series``: "density" (non-vellus hairs/cm²) or "total_density"."""
        data = getattr(self, series)
        frame = to_frame({r: data[i] for i, r in enumerate(self.regions)}, index=self.days, index_name="day")
        frame["whole_scalp"] = getattr(self.result, series)
        return frame


# ---------------------------------------------------------------------------------------------
# simulation
# ---------------------------------------------------------------------------------------------


def _hs():
    import hairsim  # lazily: hairsim/__init__ need not import this module

    return hairsim


#: Bytes per follicle of a scalp map: the region numbers, the per-region shares and onsets and the
#: per-follicle parameter arrays made from them (plus 8 for each per-follicle array of ``base``).
_BYTES_PER_FOLLICLE = 64


def _check_scalp_size(base, n, years, stimulation):
    """Refuse a scalp larger than the limits before building its per-follicle arrays."""
    from .engine import _check_workload

    per = _BYTES_PER_FOLLICLE + 8 * len(base.array_fields())
    if n * per > MAX_BYTES:
        raise too_large("this scalp map", f"{n * per / 1e9:.3g} GB of per-follicle arrays "
                        f"({per} bytes for each of {n:,} follicles)", f"{MAX_BYTES / 1e9:g} GB",
                        "n_follicles", f"{int(MAX_BYTES // per):,}", f"{n:,}")
    _check_workload(base, n, max(1, int(round(365.0 * years))), stimulation, years)


@validate_params({"base": ParamsOrPreset(none_ok=True), "pattern": _PATTERN, "n_follicles": _N_FOLLICLES,
                  "years": Interval(0, 200, "right"),
                  "stimulation": InstanceOf((Stimulation,), "a hairsim.Stimulation", none_ok=True),
                  "rng": Seed(), "progress": Flag()}, owner="scalp.simulate_scalp")
def simulate_scalp(base=None, pattern="male_pattern", n_follicles=100_000, years=10, stimulation=None,
                   rng=None, *, progress=False) -> ScalpResult:
    """Simulate a whole scalp whose regions follow an AGA pattern.

    Parameters
    ----------
    base : Params or str, default ``hs.presets.aga_moderate()``
        The population (or a preset name). Its ``aga_susceptible_fraction`` and
        ``years_since_onset`` are scaled per region by the pattern; everything else applies to
        every region. Per-follicle arrays in ``base`` are allowed (follicles are ordered region by
        region, as in :data:`REGIONS`).
    pattern : str or dict, default "male_pattern"
        ``"male_pattern"`` (Norwood–Hamilton-like), ``"female_pattern"`` (Ludwig-like),
        ``"uniform"``, or a dict of region → relative susceptibility in [0, 1] (or a pair
        (relative susceptibility, onset share)); see :func:`pattern_table`.
    n_follicles : int, [600, 100,000,000], default 100,000
        Follicles of the whole scalp (100,000 ≈ a real scalp, 444 cm² at 225 follicles/cm²),
        shared among the regions by :data:`REGION_SHARES`. The per-follicle arrays of a map
        take about 64 bytes a follicle, so at most about 31 million fit the 2 GB limit.
    years : float, (0, 200], default 10
        Length of the run, years of 365 days.
    stimulation : Stimulation or None
        A **hypothetical** stimulation of the whole scalp (what-if knobs, not a model of any
        product).
    rng : None, int ≥ 0, SeedSequence, Generator or RunKey
        Seed (SPEC 7). With ``pattern="uniform"`` the whole-scalp result equals
        ``hs.simulate(base, n_follicles, years, stimulation, rng)`` exactly.
    progress : bool, default False
        Show the simulation's progress (see :func:`hairsim.simulate`).

    Returns
    -------
    ScalpResult
        The whole-scalp :class:`hairsim.Result` and each region's daily densities.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) with one sentence naming the parameter, the allowed values
        and the value given; or a scalp beyond the limits, before any array is built.
    """
    hs = _hs()
    if base is None:
        base = hs.presets.aga_moderate()
    sizes = region_sizes(n_follicles)
    n = int(sizes.sum())
    base.check_follicles(n)
    _check_scalp_size(base, n, years, stimulation)
    table = pattern_table(pattern)
    name = pattern if isinstance(pattern, str) else "custom"

    groups = np.repeat(np.arange(len(REGIONS)), sizes)
    rel_s = np.array([table[r][0] for r in REGIONS])[groups]
    rel_o = np.array([table[r][1] for r in REGIONS])[groups]
    frac = np.broadcast_to(np.asarray(base.aga_susceptible_fraction, dtype=float), (n,)) * rel_s
    onset = np.broadcast_to(np.asarray(base.years_since_onset, dtype=float), (n,)) * rel_o
    params = base.replace(aga_susceptible_fraction=frac, years_since_onset=onset)
    result = hs.simulate(params, n_follicles=n, years=years, stimulation=stimulation, rng=rng, groups=groups,
                         progress=progress)

    areas = sizes / float(base.follicles_per_cm2)
    return ScalpResult(
        result=result, pattern=name, table=table, regions=REGIONS, sizes=sizes, areas_cm2=areas,
        susceptible_fraction=np.bincount(groups, weights=frac) / sizes,
        years_since_onset=np.bincount(groups, weights=onset) / sizes,
        density=result.group_series("density"), total_density=result.group_series("total_density"),
    )


# ---------------------------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------------------------

# Schematic top view in cm (nose up, the person's right on the right): head breadth about 15 cm
# and length about 19 cm (adult head, rounded). The top of the head (frontal, mid-scalp, vertex) is
# an inner ellipse; the sides and the occipital fringe form the rim around it.
_HEAD = (7.5, 9.5)                   # half-width, half-length
_TOP = ((0.0, 1.3), 4.4, 8.2)        # centre, half-width, half-length of the top of the head
_FRONTAL_Y = 3.4                     # frontal | mid-scalp boundary
_VERTEX = ((0.0, -3.9), 3.6, 3.4)    # centre, half-width, half-length (clipped to the top)
_SIDE_Y = -3.2                       # sides | occipital boundary
_LABEL_XY = {"frontal": (0.0, 6.2), "midscalp": (0.0, 1.3), "vertex": (0.0, -3.7),
             "left_side": (-5.95, 0.8), "right_side": (5.95, 0.8), "occipital": (0.0, -7.9)}
_MAP_LABELS = {"frontal": "frontal", "midscalp": "mid-scalp", "vertex": "vertex", "left_side": "left side",
               "right_side": "right side", "occipital": "occipital"}


def _axes(ax, figsize):
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


@dataclass(frozen=True)
class _Colormap(Constraint):
    """A matplotlib colour map, or the name of one."""

    def describe(self) -> str:
        return "a matplotlib Colormap or the name of one (such as 'cividis')"

    def check(self, name, value, kind="parameter"):
        import matplotlib
        from matplotlib.colors import Colormap
        if isinstance(value, Colormap):
            return value
        if isinstance(value, str) and value in matplotlib.colormaps:
            return matplotlib.colormaps[value]
        hint = did_you_mean(value, list(matplotlib.colormaps)) if isinstance(value, str) else ""
        raise self.fail(name, value, kind, hint=hint)

    def invalid_values(self) -> list:
        return ["civdis", 3, None, True]


_SCALP_RESULT = InstanceOf((lambda: ScalpResult,), "a ScalpResult from hairsim.scalp.simulate_scalp")
_MAP_DAY = Bound(lambda a: Interval(0, a["scalp_result"].n_days, integer=True),
                 static=Interval(0, math.inf, integer=True))
_MAP_DAYS = Bound(lambda a: Sequence(Interval(0, a["scalp_result"].n_days, integer=True),
                                     what=f"days of the run, whole numbers in [0, {a['scalp_result'].n_days}]"),
                  static=Sequence(Interval(0, math.inf, integer=True)))
_DENSITY = Interval(0, math.inf, none_ok=True)


def _figure_class():
    from matplotlib.figure import Figure
    return Figure


def _color_range(scalp_result, vmin, vmax):
    if vmin is not None and vmax is not None and not vmax > vmin:
        raise fail("vmax", f"a float greater than vmin ({vmin:g})", describe_value(vmax))
    if vmax is None:
        top = float(np.nanmax(scalp_result.density))
        vmax = 10.0 * math.ceil(top / 10.0) if top > 0 else 1.0
    vmin = 0.0 if vmin is None else float(vmin)
    if not vmax > vmin:
        raise fail("vmin", f"a float below vmax ({vmax:g}, the highest density of the run)", describe_value(vmin))
    return vmin, float(vmax)


def _draw_map(ax, values, norm, cmap, label_values=True):
    from matplotlib.patches import Ellipse, Polygon, Rectangle

    a, b = _HEAD
    colors = {r: cmap(norm(v)) for r, v in zip(REGIONS, values)}
    # ears and nose, for orientation (drawn below the head)
    for sx in (-1, 1):
        ax.add_patch(Ellipse((sx * (a + 0.15), 0.8), 1.4, 3.2, facecolor="#dddddd", edgecolor="black",
                             lw=1.0, zorder=1))
    ax.add_patch(Polygon([(-1.1, b - 0.2), (0.0, b + 1.3), (1.1, b - 0.2)], closed=True,
                         facecolor="#dddddd", edgecolor="black", lw=1.0, zorder=1))
    head = Ellipse((0, 0), 2 * a, 2 * b, facecolor=colors["occipital"], edgecolor="none", zorder=2,
                   label="occipital")
    ax.add_patch(head)
    big = 3 * b
    for r, x0 in (("left_side", -big), ("right_side", 0.0)):
        p = Rectangle((x0, _SIDE_Y), big, big, facecolor=colors[r], edgecolor="none", zorder=3, label=r)
        ax.add_patch(p)
        p.set_clip_path(head)
    line = ax.plot([-a, a], [_SIDE_Y, _SIDE_Y], color="white", lw=1.2, zorder=3.5)[0]
    line.set_clip_path(head)
    (tx, ty), ta, tb = _TOP
    top = Ellipse((tx, ty), 2 * ta, 2 * tb, facecolor=colors["midscalp"], edgecolor="none", zorder=4,
                  label="midscalp")
    ax.add_patch(top)
    top.set_clip_path(head)
    front = Rectangle((-big / 2, _FRONTAL_Y), big, big, facecolor=colors["frontal"], edgecolor="none",
                      zorder=5, label="frontal")
    ax.add_patch(front)
    front.set_clip_path(top)
    # boundaries of the top of the head, then the vertex on top of them
    ax.add_patch(Ellipse((tx, ty), 2 * ta, 2 * tb, facecolor="none", edgecolor="white", lw=1.2, zorder=5.5))
    fl = ax.plot([-ta, ta], [_FRONTAL_Y, _FRONTAL_Y], color="white", lw=1.2, zorder=5.5)[0]
    fl.set_clip_path(top)
    (vx, vy), va, vb = _VERTEX
    vertex = Ellipse((vx, vy), 2 * va, 2 * vb, facecolor=colors["vertex"], edgecolor="white", lw=1.2,
                     zorder=6, label="vertex")
    ax.add_patch(vertex)
    vertex.set_clip_path(top)
    ax.add_patch(Ellipse((tx, ty), 2 * ta, 2 * tb, facecolor="none", edgecolor="white", lw=1.2, zorder=6.5))
    ax.add_patch(Ellipse((0, 0), 2 * a, 2 * b, facecolor="none", edgecolor="black", lw=1.6, zorder=7))
    for r, v in zip(REGIONS, values):
        rgba = colors[r]
        lum = 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2]
        text = _MAP_LABELS[r] + (f"\n{v:.0f}" if label_values and np.isfinite(v) else "")
        ax.text(*_LABEL_XY[r], text, ha="center", va="center", fontsize="small",
                rotation=90 if r.endswith("_side") else 0, color="black" if lum > 0.5 else "white", zorder=8)
    ax.set_xlim(-a - 1.6, a + 1.6)
    ax.set_ylim(-b - 0.8, b + 1.8)
    ax.set_aspect("equal")
    ax.set_xlabel("left ← ear to ear → right (cm, schematic)")
    ax.set_ylabel("back ← to front → (cm, schematic)")


@validate_params({"scalp_result": _SCALP_RESULT, "day": _MAP_DAY, "ax": AxesOrNone(), "cmap": _Colormap(),
                  "vmin": _DENSITY, "vmax": _DENSITY, "colorbar": Flag(), "values": Flag()},
                 owner="scalp.plot_scalp_map")
def plot_scalp_map(scalp_result, day, ax=None, *, cmap="cividis", vmin=None, vmax=None, colorbar=True,
                   values=True):
    """A schematic top view of the scalp, each region coloured by its hair density on ``day``.

    Parameters
    ----------
    scalp_result : ScalpResult
        From :func:`simulate_scalp`.
    day : int
        Day of the run to show (0 … n_days).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if None.
    cmap : str or Colormap, default "cividis"
        A sequential colour map (cividis is colour-blind safe and prints in grey).
    vmin, vmax : float, optional
        Colour range in hairs/cm². Default 0 to the highest regional density of the whole run (so
        maps of one run on different days share one scale).
    colorbar : bool, default True
        Add a colour bar labelled with the density unit.
    values : bool, default True
        Print each region's density under its name.

    Returns
    -------
    matplotlib Axes
        The map. Nose at the top, the person's right on the right (seen from above), axes in cm of
        the schematic head. The density is the non-vellus count per cm², as trials count it.
    """
    import matplotlib
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    d = day
    lo, hi = _color_range(scalp_result, vmin, vmax)
    cm = matplotlib.colormaps[cmap] if isinstance(cmap, str) else cmap
    norm = Normalize(lo, hi)
    ax = _axes(ax, (5.2, 5.6))
    _draw_map(ax, scalp_result.density[:, d], norm, cm, values)
    ax.set_title(f"year {d / 365:.1f} (day {d}), hairs/cm²")
    if colorbar:
        ax.figure.colorbar(ScalarMappable(norm=norm, cmap=cm), ax=ax, shrink=0.8,
                           label="non-vellus hair density (hairs/cm²)")
    return ax


@validate_params({"scalp_result": _SCALP_RESULT, "days": _MAP_DAYS,
                  "fig": InstanceOf((_figure_class,), "a matplotlib Figure", none_ok=True),
                  "cmap": _Colormap(), "vmin": _DENSITY, "vmax": _DENSITY}, owner="scalp.plot_scalp_maps")
def plot_scalp_maps(scalp_result, days=None, fig=None, *, cmap="cividis", vmin=None, vmax=None):
    """Maps of the same run on several days side by side, with one shared colour bar.

    Parameters
    ----------
    scalp_result : ScalpResult
    days : sequence of int, optional
        Days to show; default the first and the last day of the run.
    fig : matplotlib Figure, optional
    cmap, vmin, vmax
        As in :func:`plot_scalp_map`.

    Returns
    -------
    matplotlib Figure
    """
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    import matplotlib

    days = [0, scalp_result.n_days] if days is None else [int(d) for d in days]
    lo, hi = _color_range(scalp_result, vmin, vmax)
    if fig is None:
        import matplotlib.pyplot as plt
        fig = plt.figure(figsize=(5.6 * len(days) + 1.6, 6.0), layout="constrained")
    axes = fig.subplots(1, len(days), squeeze=False)[0]
    cm = matplotlib.colormaps[cmap] if isinstance(cmap, str) else cmap
    for k, (ax, d) in enumerate(zip(axes, days)):
        plot_scalp_map(scalp_result, d, ax=ax, cmap=cm, vmin=lo, vmax=hi, colorbar=False)
        if k:
            ax.set_ylabel("")   # the maps share their axes: one label is enough
    fig.colorbar(ScalarMappable(norm=Normalize(lo, hi), cmap=cm), ax=list(axes), shrink=0.8,
                 label="non-vellus hair density (hairs/cm²)")
    return fig


@validate_params({"scalp_result": _SCALP_RESULT, "ax": AxesOrNone(), "whole_scalp": Flag()},
                 owner="scalp.plot_region_density")
def plot_region_density(scalp_result, ax=None, *, whole_scalp=True):
    """Non-vellus hair density over time, one line per region.

    Regions with the same settings in the pattern (the same susceptibility and onset, such as the
    frontal scalp and the vertex of ``male_pattern``) follow the same course, so their lines would
    lie on top of each other: they are drawn as one line, their area-weighted mean, labelled with
    both names.

    Parameters
    ----------
    scalp_result : ScalpResult
    ax : matplotlib Axes, optional
    whole_scalp : bool, default True
        Also draw the whole scalp (the area-weighted mean of the regions), black dashed.

    Returns
    -------
    matplotlib Axes
    """
    from .plot import _lw, shade_stimulation, time_axis

    ax = _axes(ax, (12, 5))
    x, xlabel = time_axis(scalp_result.days)
    groups = {}
    for i, r in enumerate(scalp_result.regions):
        groups.setdefault(tuple(scalp_result.table.get(r, (i,))), []).append(i)
    for members in groups.values():
        first = scalp_result.regions[members[0]]
        w = np.asarray(scalp_result.areas_cm2, dtype=float)[members]
        y = (scalp_result.density[members] * w[:, None]).sum(axis=0) / w.sum()
        names = {scalp_result.regions[i] for i in members}
        if names == {"left_side", "right_side"}:
            label = "both sides (same settings)"
        else:
            label = " + ".join(REGION_LABELS[scalp_result.regions[i]] for i in members)
            if len(members) > 1:
                label += " (same settings)"
        ax.plot(x, y, color=REGION_COLORS[first], ls=_REGION_STYLES[first], lw=_lw(1.0), label=label)
    if whole_scalp:
        ax.plot(x, scalp_result.result.density, color="black", ls=(0, (5, 2)), lw=_lw(0.9), label="whole scalp")
    shade_stimulation(ax, scalp_result.result, x)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("non-vellus hair density (hairs/cm²)")
    ax.set_ylim(bottom=0)
    ax.set_title(f"Hair density by region, {scalp_result.pattern} (hairs/cm²)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax
