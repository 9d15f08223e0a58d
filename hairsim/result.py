"""The result of a run: daily series, summaries, and a lossless CSV round trip."""

from __future__ import annotations

import csv
import io
import json
import math
import os

import numpy as np

from .params import Params, Stimulation
from .phases import Phase

__all__ = ["Result"]

_MAGIC = "# hairsim result v1"
_STORED = ("anagen", "catagen", "telogen", "kenogen", "shed", "visible", "visible_nonvellus",
           "diameter_sum", "exposure")
_INT_COLUMNS = ("anagen", "catagen", "telogen", "kenogen", "shed", "visible", "visible_nonvellus")
_DERIVED = ("density", "total_density", "mean_diameter")


class Result:
    """Daily series of one run, with the settings and the seed that made it.

    Attributes
    ----------
    days : ndarray of int
        Day numbers 0 … n_days (day 0 is the start of the run).
    anagen, catagen, telogen, kenogen : ndarray of int
        Follicles in each phase on each day; they sum to ``n_follicles`` every day.
    shed : ndarray of int
        Club hairs shed (exogen) during each day.
    density : ndarray of float
        Visible non-vellus hairs per cm² — what clinical trials count.
    total_density : ndarray of float
        All visible hairs (terminal and vellus) per cm².
    mean_diameter : ndarray of float
        Mean diameter of the visible hairs, µm (NaN on a day with none).
    vellus_fraction : ndarray of float
        Share of visible hairs thinner than ``params.vellus_threshold_um``.
    exposure : ndarray of float
        The hypothetical stimulation's exposure in [0, 1], the mean over each day (zeros without
        one); the phase counts are the state at the start of the day.
    params, stimulation, start_from, seed, key, n_follicles, years
        What made the run. ``engine_version`` is the engine and random-stream version that made it
        (:data:`hairsim.engine.ENGINE_VERSION`): the same seed repeats a run only within a version. ``seed`` is the int given as ``rng`` (None otherwise); ``key`` is the
        run key derived from it: ``simulate(..., rng=hs.RunKey(result.key))`` repeats the run
        exactly, however it was seeded.
    area_cm2 : float
        The simulated skin area, ``n_follicles / params.follicles_per_cm2``.
    """

    def __init__(self, *, days, anagen, catagen, telogen, kenogen, visible, visible_nonvellus,
                 diameter_sum, shed, exposure, params: Params, stimulation: Stimulation | None,
                 start_from: Params | None, seed, key: int, n_follicles: int, years: float,
                 phase_changes: int = 0, by_group: dict | None = None, engine_version: int = 1):
        self.days = np.asarray(days, dtype=np.int64)
        self.anagen = np.asarray(anagen, dtype=np.int64)
        self.catagen = np.asarray(catagen, dtype=np.int64)
        self.telogen = np.asarray(telogen, dtype=np.int64)
        self.kenogen = np.asarray(kenogen, dtype=np.int64)
        self.visible = np.asarray(visible, dtype=np.int64)
        self.visible_nonvellus = np.asarray(visible_nonvellus, dtype=np.int64)
        self.diameter_sum = np.asarray(diameter_sum, dtype=float)
        self.shed = np.asarray(shed, dtype=np.int64)
        self.exposure = np.asarray(exposure, dtype=float)
        self.params = params
        self.stimulation = stimulation
        self.start_from = start_from
        self.seed = seed
        self.key = int(key)
        self.n_follicles = int(n_follicles)
        self.years = float(years)
        self.phase_changes = int(phase_changes)
        self.engine_version = int(engine_version)
        self.area_cm2 = self.n_follicles / params.follicles_per_cm2
        self.by_group = by_group
        with np.errstate(invalid="ignore", divide="ignore"):
            self.density = self.visible_nonvellus / self.area_cm2
            self.total_density = self.visible / self.area_cm2
            self.mean_diameter = np.where(self.visible > 0, self.diameter_sum / np.maximum(self.visible, 1), np.nan)
            self.vellus_fraction = np.where(
                self.visible > 0, 1.0 - self.visible_nonvellus / np.maximum(self.visible, 1), np.nan)

    # -- views -------------------------------------------------------------------------------
    @property
    def n_groups(self) -> int:
        """Number of follicle groups (1 unless ``simulate(..., groups=...)`` was used)."""
        return 1 if self.by_group is None else int(self.by_group["n_follicles"].size)

    def group_series(self, name: str) -> np.ndarray:
        """A series per group, shape (n_groups, n_days + 1), from ``simulate(..., groups=...)``.

        ``name`` is one of anagen, catagen, telogen, kenogen, shed, visible, visible_nonvellus,
        diameter_sum, density, total_density. Densities are per cm² of each group's own area
        (its follicles / ``follicles_per_cm2``). Group series are not written to CSV.
        """
        if self.by_group is None:
            raise ValueError("This result has no groups: run hairsim.simulate(..., groups=...) to get "
                             "series per group.")
        sizes = self.by_group["n_follicles"][:, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            area = sizes / self.params.follicles_per_cm2
            if name == "density":
                return self.by_group["visible_nonvellus"] / area
            if name == "total_density":
                return self.by_group["visible"] / area
        if name not in self.by_group or name == "n_follicles":
            known = ["anagen", "catagen", "telogen", "kenogen", "shed", "visible", "visible_nonvellus",
                     "diameter_sum", "density", "total_density"]
            raise ValueError(f"The 'name' parameter must be one of {', '.join(known)}; got {name!r}.")
        return self.by_group[name]

    def group_sizes(self) -> np.ndarray:
        """Follicles in each group."""
        if self.by_group is None:
            return np.array([self.n_follicles])
        return self.by_group["n_follicles"]


    @property
    def n_days(self) -> int:
        return int(self.days[-1])

    def counts(self, phase: Phase) -> np.ndarray:
        """Follicles in ``phase`` per day."""
        return getattr(self, Phase(phase).label)

    def fraction(self, phase: Phase) -> np.ndarray:
        """Share of follicles in ``phase`` per day."""
        return self.counts(phase) / self.n_follicles

    def fractions(self) -> dict:
        """{Phase: share of follicles per day} for the four phases."""
        return {ph: self.fraction(ph) for ph in Phase}

    def shed_per_day(self, per_follicles: float = 100_000) -> np.ndarray:
        """Shedding per day scaled to ``per_follicles`` follicles (a whole scalp by default)."""
        return self.shed * (per_follicles / self.n_follicles)

    def _check_day(self, day) -> int:
        if isinstance(day, (bool, np.bool_)) or not isinstance(day, (int, np.integer)) \
                or not 0 <= int(day) <= self.n_days:
            raise ValueError(f"The 'day' parameter must be a whole number in [0, {self.n_days}]; got {day!r}.")
        return int(day)

    def at(self, day: int) -> dict:
        """All series on one day, as a dict."""
        d = self._check_day(day)
        out = {"day": d}
        for ph in Phase:
            out[f"{ph.label}_fraction"] = float(self.fraction(ph)[d])
        out.update(
            shed=int(self.shed[d]),
            shed_per_day_per_100k=float(self.shed_per_day()[d]),
            density=float(self.density[d]),
            total_density=float(self.total_density[d]),
            mean_diameter=float(self.mean_diameter[d]),
            vellus_fraction=float(self.vellus_fraction[d]),
            exposure=float(self.exposure[d]),
        )
        return out

    def summary(self, days=None) -> list:
        """Rows (dicts) at the given days; by default day 0 and the end of each year.

        Shedding is averaged over the 30 days up to each day (one day's count is noisy)."""
        if days is None:
            days = sorted(set(list(range(0, self.n_days + 1, 365)) + [self.n_days]))
        rows = []
        for d in days:
            row = self.at(d)
            lo = max(0, row["day"] - 29)
            row["shed_per_day_30d"] = float(self.shed[lo: row["day"] + 1].mean())
            row["shed_per_day_30d_per_100k"] = row["shed_per_day_30d"] * 100_000 / self.n_follicles
            rows.append(row)
        return rows

    def format_summary(self, days=None) -> str:
        """The summary as a small text table."""
        head = f"{'day':>6} {'density':>9} {'total':>7} {'anagen':>7} {'telogen':>8} {'kenogen':>8} " \
               f"{'shed/day*':>9} {'diam µm':>8}"
        lines = [head]
        for r in self.summary(days):
            lines.append(
                f"{r['day']:>6} {r['density']:>9.1f} {r['total_density']:>7.1f} "
                f"{r['anagen_fraction']:>7.1%} {r['telogen_fraction']:>8.1%} {r['kenogen_fraction']:>8.1%} "
                f"{r['shed_per_day_30d_per_100k']:>9.1f} {r['mean_diameter']:>8.1f}")
        lines.append("density: visible non-vellus hairs/cm²; total: all visible hairs/cm²; "
                     "*shed per day per 100,000 follicles, 30-day average")
        return "\n".join(lines)

    def __repr__(self):
        stim = "with a hypothetical stimulation" if self.stimulation is not None else "untreated"
        return (f"<hairsim.Result: {self.n_follicles:,} follicles ({self.area_cm2:.3g} cm²), "
                f"{self.n_days} days, {stim}, seed={self.seed}; density {self.density[0]:.1f} → "
                f"{self.density[-1]:.1f} hairs/cm²>")

    def plot(self, ax=None, **kwargs):
        """Density over time (see :func:`hairsim.plot.plot_density`). Returns the Axes."""
        from .plot import plot_density
        return plot_density(self, ax=ax, **kwargs)

    # -- export ------------------------------------------------------------------------------
    def _meta(self) -> dict:
        return {
            "hairsim_result": 1,
            "n_follicles": self.n_follicles,
            "years": self.years,
            "seed": self.seed,
            "key": self.key,
            "phase_changes": self.phase_changes,
            "engine_version": self.engine_version,
            "params": self.params.to_dict(),
            "stimulation": None if self.stimulation is None else self.stimulation.to_dict(),
            "start_from": None if self.start_from is None else self.start_from.to_dict(),
        }

    def to_csv(self, path) -> str:
        """Write the run to a CSV file (UTF-8): two comment lines with the settings and seed as
        JSON, then one row per day. Returns the path. :meth:`from_csv` reads it back exactly."""
        path = os.fspath(path)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            fh.write(_MAGIC + "\n")
            fh.write("# meta: " + json.dumps(self._meta(), separators=(",", ":")) + "\n")
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(("day",) + _STORED + _DERIVED)
            cols = [getattr(self, c) for c in _STORED + _DERIVED]
            for i, d in enumerate(self.days):
                row = [int(d)]
                for name, col in zip(_STORED + _DERIVED, cols):
                    v = col[i]
                    row.append(int(v) if name in _INT_COLUMNS else repr(float(v)))
                w.writerow(row)
        return path

    @classmethod
    def from_csv(cls, path) -> "Result":
        """Read a CSV written by :meth:`to_csv`. A file that is not one is rejected with a
        sentence saying what is wrong."""
        path = os.fspath(path)
        name = os.path.basename(path)

        def bad(why):
            return ValueError(f"It looks like '{name}' is not a hairsim result CSV: {why}.")

        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except UnicodeDecodeError:
            raise bad("it is not UTF-8 text") from None
        lines = text.splitlines()
        if len(lines) < 4 or lines[0].strip() != _MAGIC:
            raise bad(f"its first line should be '{_MAGIC}'")
        if not lines[1].startswith("# meta: "):
            raise bad("its second line should start with '# meta: '")
        try:
            meta = json.loads(lines[1][len("# meta: "):])
        except json.JSONDecodeError as exc:
            raise bad(f"the settings line is not valid JSON ({exc.msg})") from None
        needed = {"n_follicles", "years", "seed", "key", "params", "stimulation", "start_from"}
        if not isinstance(meta, dict) or not needed <= set(meta):
            raise bad(f"the settings line must hold {', '.join(sorted(needed))}")
        try:
            params = Params.from_dict(meta["params"])
            stim = None if meta["stimulation"] is None else Stimulation.from_dict(meta["stimulation"])
            start_from = None if meta["start_from"] is None else Params.from_dict(meta["start_from"])
        except (TypeError, ValueError) as exc:
            raise bad(f"its settings are invalid ({exc})") from None

        reader = csv.reader(io.StringIO("\n".join(lines[2:])))
        header = next(reader)
        expected = ["day", *_STORED, *_DERIVED]
        if header != expected:
            raise bad(f"its columns should be {', '.join(expected)}")
        rows = [r for r in reader if r]
        data = {c: [] for c in expected}
        for lineno, r in enumerate(rows, start=4):
            if len(r) != len(expected):
                raise bad(f"line {lineno} has {len(r)} fields instead of {len(expected)}")
            for c, v in zip(expected, r):
                try:
                    x = float(v)
                except ValueError:
                    raise bad(f"line {lineno} has a non-number {v!r} in column '{c}'") from None
                if (c == "day" or c in _INT_COLUMNS) and not (math.isfinite(x) and x.is_integer()):
                    raise bad(f"line {lineno} has {v!r} in column '{c}', which must be a whole number")
                data[c].append(x)
        days = np.array(data["day"], dtype=np.int64)
        if days.size == 0 or not np.array_equal(days, np.arange(days.size)):
            raise bad("its days must run 0, 1, 2, … without gaps")
        try:
            expected_days = int(round(365.0 * float(meta["years"]))) + 1
        except (TypeError, ValueError):
            raise bad(f"its settings give years = {meta['years']!r}, not a number") from None
        if days.size != expected_days:
            raise bad(f"it has {days.size} days, but its settings (years = {meta['years']}) "
                      f"make {expected_days}")
        for c in expected:
            col = np.array(data[c])
            if not np.all(np.isfinite(col)):
                raise bad(f"column '{c}' has a value that is not a finite number")
            if c in _INT_COLUMNS and np.any(col < 0):
                raise bad(f"column '{c}' has a negative count")
        exposure = np.array(data["exposure"])
        if np.any((exposure < 0) | (exposure > 1)):
            raise bad("column 'exposure' has a value outside [0, 1]")
        if not (meta["seed"] is None or (isinstance(meta["seed"], int) and not isinstance(meta["seed"], bool))):
            raise bad(f"its seed must be a whole number or null; got {meta['seed']!r}")
        try:
            res = cls(
                days=days, **{c: np.array(data[c]) for c in _STORED},
                params=params, stimulation=stim, start_from=start_from, seed=meta["seed"],
                key=int(meta["key"]), n_follicles=int(meta["n_follicles"]), years=float(meta["years"]),
                phase_changes=int(meta.get("phase_changes", 0)),
                engine_version=int(meta.get("engine_version", 1)),
            )
        except (TypeError, ValueError) as exc:
            raise bad(f"its settings are invalid ({exc})") from None
        phase_sum = res.anagen + res.catagen + res.telogen + res.kenogen
        if not np.all(phase_sum == res.n_follicles):
            raise bad("its phase counts do not add up to n_follicles on every day")
        for c in _DERIVED:  # written for spreadsheets; they must be what the counts give
            if not np.array_equal(np.array(data[c]), getattr(res, c), equal_nan=True):
                raise bad(f"column '{c}' does not match the counts it is computed from (was it edited?)")
        return res

    def equals(self, other: "Result") -> bool:
        """True when both runs have identical series and settings."""
        if not isinstance(other, Result):
            return False
        same = all(np.array_equal(getattr(self, c), getattr(other, c), equal_nan=True)
                   for c in ("days",) + _STORED)
        return bool(same and self.params == other.params and self.stimulation == other.stimulation
                    and self.start_from == other.start_from and self.seed == other.seed
                    and self.key == other.key and self.n_follicles == other.n_follicles
                    and self.engine_version == other.engine_version)
