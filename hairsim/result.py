"""The result of a run: daily series, summaries, DataFrames, and a lossless, plain CSV.

A run is written as two files side by side: ``run.csv``, a plain table that ``pandas.read_csv``
and a spreadsheet open with no options (one header row, one row per day), and ``run.json``, the
settings, stimulation, seed and format version it came from. :meth:`Result.from_csv` reads the
pair back exactly, and rejects with a sentence any file that is not one: counts that cannot be,
keys that are not keys, settings of the wrong type or that ``simulate`` would refuse, series that
contradict the settings. It checks the file's size and its first line before it reads on, and
streams the rows into arrays of the size the settings give. Files of the first format (v1, the
settings in two ``#`` comment lines at the top of the CSV) are still read.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import stat

import numpy as np

from ._frames import to_frame
from ._validation import (AxesOrNone, Bound, FilePath, Interval, InvalidParameterError, Options, PhaseChoice,
                          Sequence, validate_params)
from .params import Params, Stimulation
from .phases import Phase

__all__ = ["Result"]

_MAGIC_V1 = "# hairsim result v1"
_FORMAT = "hairsim result"
_VERSION = 2
_STORED = ("anagen", "catagen", "telogen", "kenogen", "shed", "visible", "visible_nonvellus",
           "diameter_sum", "exposure")
_INT_COLUMNS = ("anagen", "catagen", "telogen", "kenogen", "shed", "visible", "visible_nonvellus")
_DERIVED = ("density", "total_density", "mean_diameter")
_COLUMNS = ("day",) + _STORED + _DERIVED
_HEADER = ",".join(_COLUMNS)
#: The longest a CSV row can be: 13 fields of at most 24 characters (a float's repr), commas, CRLF.
_MAX_ROW_BYTES = len(_COLUMNS) * 25 + 2
#: The longest run (200 years) as a CSV, bytes: larger files are refused before they are read.
_MAX_CSV_BYTES = len(_HEADER) + 2 + (200 * 365 + 1) * _MAX_ROW_BYTES
#: The largest settings file (per-follicle arrays included), bytes.
_MAX_SIDECAR_BYTES = 64_000_000
_GROUP_SERIES = ("anagen", "catagen", "telogen", "kenogen", "shed", "visible", "visible_nonvellus",
                 "diameter_sum", "density", "total_density")


def sidecar_path(path) -> str:
    """The settings file beside a result CSV: ``run.csv`` → ``run.json`` (``run`` → ``run.json``)."""
    root, ext = os.path.splitext(os.fspath(path))
    return (root if ext else os.fspath(path)) + ".json"


def _os_sentence(exc: OSError, path: str, doing: str) -> InvalidParameterError:
    """An OS error as one sentence naming the path."""
    shown = os.path.abspath(path)
    if isinstance(exc, FileNotFoundError):
        if doing == "read":
            why = "there is no such file"
        else:
            why = f"the folder '{os.path.dirname(shown)}' does not exist"
    elif isinstance(exc, IsADirectoryError):
        why = "it is a folder, not a file"
    elif isinstance(exc, PermissionError):
        why = "permission is denied"
    else:
        why = exc.strerror or type(exc).__name__
    return InvalidParameterError(f"It looks like '{shown}' cannot be {doing}: {why}.")


#: A day of this run; days of this run (None: the default days).
_DAY = Bound(lambda a: Interval(0, a["self"].n_days, integer=True), static=Interval(0, math.inf, integer=True))
_DAYS = Bound(lambda a: Sequence(Interval(0, a["self"].n_days, integer=True), none_ok=True,
                                 what=f"days of the run, whole numbers in [0, {a['self'].n_days:,}]"),
              static=Sequence(Interval(0, math.inf, integer=True), none_ok=True))


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

    @validate_params({"name": Options(_GROUP_SERIES)}, owner="Result.group_series")
    def group_series(self, name: str) -> np.ndarray:
        """A series per group, shape (n_groups, n_days + 1), from ``simulate(..., groups=...)``.

        ``name`` is one of anagen, catagen, telogen, kenogen, shed, visible, visible_nonvellus,
        diameter_sum, density, total_density. Densities are per cm² of each group's own area
        (its follicles / ``follicles_per_cm2``). Group series are not written to CSV.
        """
        if self.by_group is None:
            raise InvalidParameterError("This result has no groups: run hairsim.simulate(..., groups=...) "
                                        "to get series per group.")
        sizes = self.by_group["n_follicles"][:, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            area = sizes / self.params.follicles_per_cm2
            if name == "density":
                return self.by_group["visible_nonvellus"] / area
            if name == "total_density":
                return self.by_group["visible"] / area
        return self.by_group[name]

    def group_sizes(self) -> np.ndarray:
        """Follicles in each group."""
        if self.by_group is None:
            return np.array([self.n_follicles])
        return self.by_group["n_follicles"]

    @property
    def n_days(self) -> int:
        return int(self.days[-1])

    @validate_params({"phase": PhaseChoice()}, owner="Result.counts")
    def counts(self, phase) -> np.ndarray:
        """Follicles in ``phase`` (a Phase, 0–3 or its name) per day."""
        return getattr(self, Phase(phase).label)

    @validate_params({"phase": PhaseChoice()}, owner="Result.fraction")
    def fraction(self, phase) -> np.ndarray:
        """Share of follicles in ``phase`` (a Phase, 0–3 or its name) per day."""
        return self.counts(phase) / self.n_follicles

    def fractions(self) -> dict:
        """{Phase: share of follicles per day} for the four phases."""
        return {ph: self.fraction(ph) for ph in Phase}

    @validate_params({"per_follicles": Interval(0, math.inf, "neither")}, owner="Result.shed_per_day")
    def shed_per_day(self, per_follicles: float = 100_000) -> np.ndarray:
        """Shedding per day scaled to ``per_follicles`` (> 0) follicles (a whole scalp by default)."""
        return self.shed * (per_follicles / self.n_follicles)

    @validate_params({"day": _DAY}, owner="Result.at")
    def at(self, day: int) -> dict:
        """All series on one day (a whole number in [0, n_days]), as a dict."""
        d = day
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

    @validate_params({"days": _DAYS}, owner="Result.summary")
    def summary(self, days=None) -> list:
        """Rows (dicts) at the given days (whole numbers in [0, n_days]); by default day 0 and the
        end of each year.

        Shedding is averaged over the 30 days up to each day (one day's count is noisy)."""
        if days is None:
            days = sorted(set(list(range(0, self.n_days + 1, 365)) + [self.n_days]))
        rows = []
        for d in np.asarray(days).tolist():
            row = self.at(d)
            lo = max(0, row["day"] - 29)
            row["shed_per_day_30d"] = float(self.shed[lo: row["day"] + 1].mean())
            row["shed_per_day_30d_per_100k"] = row["shed_per_day_30d"] * 100_000 / self.n_follicles
            rows.append(row)
        return rows

    @validate_params({"days": _DAYS}, owner="Result.format_summary")
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

    def to_frame(self):
        """The daily series as a pandas DataFrame (pandas is needed only here).

        Index ``day``; a column per series: the phase counts, ``shed``, ``visible``,
        ``visible_nonvellus``, ``diameter_sum``, ``exposure``, ``density``, ``total_density``,
        ``mean_diameter`` and ``vellus_fraction``. ``frame.attrs["hairsim"]`` holds the seed, the
        run key, the number of follicles and years."""
        cols = _STORED + _DERIVED + ("vellus_fraction",)
        frame = to_frame({c: getattr(self, c) for c in cols}, index=self.days, index_name="day")
        frame.attrs["hairsim"] = {"seed": self.seed, "key": self.key, "n_follicles": self.n_follicles,
                                  "years": self.years, "area_cm2": self.area_cm2}
        return frame

    def __repr__(self):
        stim = "with a hypothetical stimulation" if self.stimulation is not None else "untreated"
        return (f"<hairsim.Result: {self.n_follicles:,} follicles ({self.area_cm2:.3g} cm²), "
                f"{self.n_days} days, {stim}, seed={self.seed}; density {self.density[0]:.1f} → "
                f"{self.density[-1]:.1f} hairs/cm²>")

    @validate_params({"ax": AxesOrNone()}, owner="Result.plot")
    def plot(self, ax=None, **kwargs):
        """Density over time (see :func:`hairsim.plot.plot_density`). Returns the Axes."""
        from .plot import plot_density
        return plot_density(self, ax=ax, **kwargs)

    # -- export ------------------------------------------------------------------------------
    def _meta(self, csv_name: str) -> dict:
        return {
            "format": _FORMAT,
            "version": _VERSION,
            "csv": csv_name,
            "columns": list(_COLUMNS),
            "rows": int(self.days.size),
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

    @validate_params({"path": FilePath()}, owner="Result.to_csv")
    def to_csv(self, path) -> str:
        """Write the run as a plain CSV and its settings beside it; returns the CSV's path.

        ``run.csv`` has one header row and one row per day (the stored series, then density,
        total_density and mean_diameter for spreadsheets; a day with no visible hair has an empty
        mean_diameter): ``pandas.read_csv("run.csv")`` and a spreadsheet open it with no options.
        ``run.json`` (the same name, ending ``.json``) holds the format version, the parameters,
        the stimulation, the seed and the run key. Keep the two files together:
        :meth:`from_csv` reads them back exactly. Per-group series (``simulate(..., groups=)``)
        are not written: the file holds the whole run's series, and a result read back has no
        groups (``simulate(..., rng=hs.RunKey(result.key), groups=...)`` makes them again).

        Parameters
        ----------
        path : str or pathlib.Path
            The CSV file to write (not ending in ``.json``, the settings file's name).
        """
        if path.lower().endswith(".json"):
            raise InvalidParameterError(
                f"The 'path' parameter must be a CSV file name (the settings go to a .json file beside "
                f"it); got {path!r}.")
        side = sidecar_path(path)
        meta = json.dumps(self._meta(os.path.basename(path)), separators=(",", ":"), allow_nan=False)
        if len(meta) > _MAX_SIDECAR_BYTES:
            raise InvalidParameterError(
                f"It looks like this result's settings would need {len(meta) / 1e6:.0f} MB in "
                f"'{os.path.basename(side)}', more than the limit of {_MAX_SIDECAR_BYTES / 1e6:.0f} MB "
                "(per-follicle parameter arrays of millions of follicles); save the series with "
                "to_frame() instead.")
        cols = [getattr(self, c) for c in _STORED + _DERIVED]
        try:
            with open(path, "w", newline="", encoding="utf-8") as fh:
                fh.write(_HEADER + "\n")
                for i, d in enumerate(self.days.tolist()):
                    row = [str(d)]
                    for name, col in zip(_STORED + _DERIVED, cols):
                        v = col[i]
                        if name in _INT_COLUMNS:
                            row.append(str(int(v)))
                        else:
                            row.append("" if math.isnan(v) else repr(float(v)))
                    fh.write(",".join(row) + "\n")
            with open(side, "w", encoding="utf-8") as fh:
                fh.write(meta + "\n")
        except OSError as exc:
            raise _os_sentence(exc, path, "written") from None
        return path

    @classmethod
    @validate_params({"path": FilePath()}, owner="Result.from_csv")
    def from_csv(cls, path) -> "Result":
        """Read a run written by :meth:`to_csv` (the CSV and its settings file beside it).

        Strict and lossless: a file that is not exactly such a run — counts that cannot be, keys
        that are not keys, settings of the wrong type or that :func:`hairsim.simulate` would
        refuse, series that contradict the settings, a missing or mismatched settings file — is
        rejected with a sentence saying what is wrong. The file's size and first line are checked
        before the rest is read; the rows are streamed into arrays of the size the settings give.
        Files of the first format (settings in two ``#`` comment lines) are read too.
        """
        return _read_csv(cls, path)

    @validate_params({}, owner="Result.equals")
    def equals(self, other) -> bool:
        """True when ``other`` is a Result with identical series and settings (False for anything
        else)."""
        if not isinstance(other, Result):
            return False
        same = all(np.array_equal(getattr(self, c), getattr(other, c), equal_nan=True)
                   for c in ("days",) + _STORED)
        if (self.by_group is None) != (other.by_group is None):
            return False
        if self.by_group is not None:
            same = same and self.by_group.keys() == other.by_group.keys() and all(
                np.array_equal(self.by_group[k], other.by_group[k]) for k in self.by_group)
        return bool(same and self.params == other.params and self.stimulation == other.stimulation
                    and self.start_from == other.start_from and self.seed == other.seed
                    and self.key == other.key and self.n_follicles == other.n_follicles
                    and self.years == other.years and self.engine_version == other.engine_version)


# ---------------------------------------------------------------------------------------------
# reading a result back: strict, streamed, bounded
# ---------------------------------------------------------------------------------------------

class _Bad(Exception):
    """Why a file is not a hairsim result (turned into one sentence by _read_csv)."""


def _stat_file(path: str, what: str):
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _os_sentence(exc, path, "read") from None
    if stat.S_ISDIR(st.st_mode):
        raise InvalidParameterError(f"It looks like '{os.path.abspath(path)}' is a folder, not {what}.")
    return st.st_size


def _read_line(fh, limit: int, what: str) -> str:
    raw = fh.readline(limit + 1)
    if len(raw) > limit:
        raise _Bad(f"{what} is longer than {limit:,} bytes")
    try:
        return raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise _Bad("it is not UTF-8 text") from None


def _reject_constant(text):
    raise _Bad(f"its settings hold {text}, which is not a number JSON allows")


def _whole(meta, key, lo, hi, hi_text=None):
    v = meta[key]
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        shown = json.dumps(v) if isinstance(v, (int, float, str, bool)) or v is None else type(v).__name__
        raise _Bad(f"its setting '{key}' must be a whole number in [{lo:,}, {hi_text or f'{hi:,}]'} written "
                   f"as an integer; got {shown}")
    return v


#: The fields engine version 2 added, at the values that are the first version's model: a file
#: of engine version 1 that lacks them describes that model (the club hair falls when telogen
#: ends, no vellus follicles, one onset for all), not today's defaults.
_V1_FIELDS = {"exogen_mean_days": 0.0, "vellus_follicle_fraction": 0.0, "aga_onset_spread_years": 0.0,
              "anagen_shortening_per_year": 1.0, "miniaturization_per_year": 0.0}


def _parse_meta(meta, needed):
    if not isinstance(meta, dict):
        raise _Bad("its settings are not a JSON object")
    missing = [k for k in needed if k not in meta]
    if missing:
        raise _Bad(f"its settings lack {', '.join(missing)}")
    n = _whole(meta, "n_follicles", 1, 100_000_000)
    years = meta["years"]
    if isinstance(years, bool) or not isinstance(years, (int, float)) or not math.isfinite(years) \
            or not 0 < years <= 200:
        raise _Bad(f"its setting 'years' must be a number in (0, 200]; got {json.dumps(years)}")
    seed = meta["seed"]
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        shown = json.dumps(seed) if isinstance(seed, (int, float, str)) else type(seed).__name__
        raise _Bad(f"its seed must be a whole number ≥ 0 or null; got {shown}")
    key = _whole(meta, "key", 0, 2**63 - 1, "2**63)")
    phase_changes = _whole(meta, "phase_changes", 0, 2**63 - 1, "2**63)") if "phase_changes" in meta else 0
    from .engine import ENGINE_VERSION  # a file from a newer hairsim cannot be read here
    engine_version = _whole(meta, "engine_version", 1, ENGINE_VERSION) if "engine_version" in meta else 1
    v1 = (lambda d: {**_V1_FIELDS, **d} if engine_version == 1 and isinstance(d, dict) else d)
    try:
        params = Params.from_dict(v1(meta["params"]))
        stim = None if meta["stimulation"] is None else Stimulation.from_dict(meta["stimulation"])
        start_from = None if meta["start_from"] is None else Params.from_dict(v1(meta["start_from"]))
    except (TypeError, ValueError) as exc:
        raise _Bad(f"its settings are invalid ({str(exc).rstrip('.')})") from None
    from .engine import check_run
    try:  # settings simulate() would refuse cannot have made this file
        n_days, _, _ = check_run(params, n, float(years), stim, params if start_from is None else start_from)
    except (TypeError, ValueError) as exc:
        raise _Bad(f"its settings are invalid ({str(exc).rstrip('.')})") from None
    return dict(n=n, years=float(years), seed=seed, key=key, phase_changes=phase_changes,
                engine_version=engine_version, params=params,
                stim=stim, start_from=start_from, n_days=n_days)


def _read_settings(path: str):
    """The v2 settings file beside ``path``, parsed (bounded in size)."""
    side = sidecar_path(path)
    if not os.path.exists(side):
        raise _Bad(f"its settings file '{os.path.basename(side)}' is missing (hairsim writes it beside the "
                   "CSV; keep the two files together)")
    size = _stat_file(side, "a settings file")
    if size > _MAX_SIDECAR_BYTES:
        raise _Bad(f"its settings file '{os.path.basename(side)}' is {size / 1e6:.0f} MB, more than "
                   f"{_MAX_SIDECAR_BYTES / 1e6:.0f} MB")
    try:
        with open(side, "rb") as fh:
            text = fh.read().decode("utf-8")
    except UnicodeDecodeError:
        raise _Bad(f"its settings file '{os.path.basename(side)}' is not UTF-8 text") from None
    except OSError as exc:
        raise _os_sentence(exc, side, "read") from None
    try:
        meta = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _Bad(f"its settings file '{os.path.basename(side)}' is not valid JSON ({exc.msg})") from None
    if not isinstance(meta, dict) or meta.get("format") != _FORMAT:
        raise _Bad(f"its settings file '{os.path.basename(side)}' is not a hairsim settings file "
                   f"(it should say \"format\": \"{_FORMAT}\")")
    version = meta.get("version")
    if version != _VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > _VERSION
        raise _Bad(f"its format version is {json.dumps(version)}" + (
            f"; this hairsim reads versions 1 and {_VERSION} (a newer hairsim wrote it)" if newer else
            f"; this hairsim reads versions 1 and {_VERSION}"))
    if meta.get("columns") != list(_COLUMNS):
        raise _Bad(f"its settings list other columns than {', '.join(_COLUMNS)}")
    return meta


def _read_csv(cls, path: str) -> Result:
    name = os.path.basename(path)
    size = _stat_file(path, "a result CSV file")
    try:
        if size > _MAX_CSV_BYTES:
            raise _Bad(f"it is {size / 1e6:,.0f} MB, more than a result of the longest run (200 years) "
                       f"can be ({_MAX_CSV_BYTES / 1e6:.0f} MB)")
        try:
            fh = open(path, "rb")
        except OSError as exc:
            raise _os_sentence(exc, path, "read") from None
        with fh:
            first = _read_line(fh, max(len(_HEADER), len(_MAGIC_V1)) + 64, "its first line")
            if first.strip() == _MAGIC_V1:      # the first format: settings in a comment line
                line = _read_line(fh, _MAX_SIDECAR_BYTES, "its settings line")
                if not line.startswith("# meta: "):
                    raise _Bad("its second line should start with '# meta: '")
                try:
                    meta = json.loads(line[len("# meta: "):], parse_constant=_reject_constant)
                except json.JSONDecodeError as exc:
                    raise _Bad(f"the settings line is not valid JSON ({exc.msg})") from None
                header = _read_line(fh, len(_HEADER) + 64, "its header")
                if header != _HEADER:
                    raise _Bad(f"its columns should be {', '.join(_COLUMNS)}")
                info = _parse_meta(meta, ("n_follicles", "years", "seed", "key", "params", "stimulation",
                                          "start_from"))
            else:
                if first != _HEADER:
                    raise _Bad(f"its first line should be the header '{_HEADER}'")
                meta = _read_settings(path)
                info = _parse_meta(meta, ("n_follicles", "years", "seed", "key", "params", "stimulation",
                                          "start_from", "rows"))
                if meta["rows"] != info["n_days"] + 1:
                    raise _Bad(f"its settings say {json.dumps(meta['rows'])} rows, but years = {info['years']:g} "
                               f"make {info['n_days'] + 1}")
            rows = info["n_days"] + 1
            if size > len(_HEADER) + 2 + rows * _MAX_ROW_BYTES + _MAX_SIDECAR_BYTES * (first.strip() == _MAGIC_V1):
                raise _Bad(f"it is {size / 1e6:,.1f} MB, more than {rows:,} days of results can be")
            data = _read_rows(fh, rows, info)
        return _assemble(cls, data, info)
    except _Bad as why:
        raise InvalidParameterError(f"It looks like '{name}' is not a hairsim result CSV: {why}.") from None


def _read_rows(fh, rows: int, info) -> dict:
    """Stream the rows into arrays of the size the settings give."""
    ints = {c: np.zeros(rows, dtype=np.int64) for c in ("day",) + _INT_COLUMNS}
    floats = {c: np.zeros(rows, dtype=float) for c in _COLUMNS if c not in ints}
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    reader = csv.reader(text)
    i = -1
    try:
        for i, r in enumerate(reader):
            lineno = i + 2
            if not r:
                raise _Bad(f"line {lineno} is empty")
            if i >= rows:
                raise _Bad(f"it has more than {rows:,} days, but its settings (years = {info['years']:g}) "
                           f"make {rows:,}")
            if len(r) != len(_COLUMNS):
                raise _Bad(f"line {lineno} has {len(r)} fields instead of {len(_COLUMNS)}")
            for c, v in zip(_COLUMNS, r):
                if c in ints:
                    try:
                        ints[c][i] = int(v)
                    except (ValueError, OverflowError):
                        try:
                            float(v)
                        except ValueError:
                            raise _Bad(f"line {lineno} has a non-number {v!r} in column '{c}'") from None
                        raise _Bad(f"line {lineno} has {v!r} in column '{c}', which must be a whole "
                                   "number") from None
                elif c == "mean_diameter" and v == "":
                    floats[c][i] = math.nan
                else:
                    try:
                        floats[c][i] = float(v)
                    except ValueError:
                        raise _Bad(f"line {lineno} has a non-number {v!r} in column '{c}'") from None
    except UnicodeDecodeError:
        raise _Bad("it is not UTF-8 text") from None
    except csv.Error as exc:
        raise _Bad(f"line {i + 3} is not valid CSV ({exc})") from None
    finally:
        text.detach()
    if i + 1 != rows:
        raise _Bad(f"it has {i + 1} days, but its settings (years = {info['years']:g}) make {rows}")
    return {**ints, **floats}


def _assemble(cls, data, info) -> Result:
    """Check the series against each other and the settings, and build the Result."""
    n = info["n"]
    if not np.array_equal(data["day"], np.arange(data["day"].size)):
        raise _Bad("its days must run 0, 1, 2, … without gaps")
    for c in _STORED + _DERIVED:
        col = data[c]
        bad = ~np.isfinite(col) if c != "mean_diameter" else np.isinf(col)
        if np.any(bad):
            raise _Bad(f"column '{c}' has a value that is not a finite number (day {int(np.argmax(bad))})")
    for c in _INT_COLUMNS:
        if np.any(data[c] < 0):
            raise _Bad(f"column '{c}' has a negative count (day {int(np.argmax(data[c] < 0))})")
    phase_sum = data["anagen"] + data["catagen"] + data["telogen"] + data["kenogen"]
    if np.any(phase_sum != n):
        raise _Bad("its phase counts do not add up to n_follicles on every day")
    # A visible hair belongs to a follicle in anagen, catagen or telogen, which shows at most its
    # growing hair and the club hair of its previous cycle (exogen retention); a non-vellus hair is
    # a visible one: counts beyond these cannot be.
    most = 2 * (n - data["kenogen"])
    if np.any(data["visible"] > most):
        raise _Bad("its visible hairs outnumber what the follicles in anagen, catagen and telogen can "
                   f"show (two each; day {int(np.argmax(data['visible'] > most))})")
    if np.any(data["visible_nonvellus"] > data["visible"]):
        raise _Bad("its non-vellus hairs outnumber its visible hairs "
                   f"(day {int(np.argmax(data['visible_nonvellus'] > data['visible']))})")
    if np.any(data["diameter_sum"] < 0) or np.any((data["visible"] == 0) & (data["diameter_sum"] != 0)):
        raise _Bad("column 'diameter_sum' is negative, or not 0 on a day without visible hairs")
    if np.any((data["exposure"] < 0) | (data["exposure"] > 1)):
        raise _Bad("column 'exposure' has a value outside [0, 1]")
    stim = info["stim"]
    expected = stim.exposure(data["day"].size) if stim is not None else np.zeros(data["day"].size)
    if not np.array_equal(data["exposure"], expected):
        day = int(np.argmax(data["exposure"] != expected))
        what = "no stimulation" if stim is None else "its stimulation"
        raise _Bad(f"column 'exposure' contradicts {what} (day {day}: {data['exposure'][day]:g}, "
                   f"not {expected[day]:g})")
    res = cls(days=data["day"], **{c: data[c] for c in _STORED}, params=info["params"], stimulation=stim,
              start_from=info["start_from"], seed=info["seed"], key=info["key"], n_follicles=n,
              years=info["years"], phase_changes=info["phase_changes"], engine_version=info["engine_version"])
    for c in _DERIVED:  # written for spreadsheets; they must be what the counts give
        if not np.array_equal(data[c], getattr(res, c), equal_nan=True):
            raise _Bad(f"column '{c}' does not match the counts it is computed from (was it edited?)")
    return res
