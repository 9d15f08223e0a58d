"""The explorer's model: control values → (Params, Stimulation) → cached runs; readouts as text.

No ipywidgets here: :class:`ExplorerModel` is what the widgets (``panel.py``) drive and what the
tests drive without them. The runs go through ``hs.Scenario`` (the engine's incremental path):
the untreated run is cached across stimulation changes and
``treated(stimulation)`` gives the treated run, equal array for array to a fresh ``hs.simulate``
with the same settings and seed.
"""

from __future__ import annotations

import numpy as np

from .._validation import unknown_name_message, validate_params
from . import controls as C

__all__ = ["ExplorerModel", "HYPOTHETICAL_NOTE", "stimulation_defaults",
           "SCALP_MAP_FOLLICLES", "PATCH_FOLLICLES"]

HYPOTHETICAL_NOTE = (
    "The stimulation is hypothetical: a what-if model, not the measured effect of any product "
    "(no exosome product is approved; see notebook 03)."
)

#: Follicles of the patch in the world view (about 1 cm²).
PATCH_FOLLICLES = 225
#: Follicles of the whole-scalp run behind the scalp map (about 1,000 per region: a region's
#: density is within about ±4 hairs/cm² of a larger run's).
SCALP_MAP_FOLLICLES = 6_000


def _hs():
    import hairsim

    return hairsim


def stimulation_defaults() -> dict:
    """Default values of the stimulation controls: the knobs of ``hs.examples.minoxidil_like()``.

    That example is hypothetical too (tuned to a published time course, not a drug model); it only
    gives the sliders a starting point whose effect is of a plausible size.
    """
    values = {c.name: c.default for c in C.stim_controls()}
    try:
        ex = _hs().examples.minoxidil_like()
    except Exception:  # noqa: BLE001 - keep the table's defaults
        return values
    for c in C.stim_controls():
        if c.field and c.kind == "float":
            lo, hi = c.lo, c.high(C.MAX_YEARS)
            v = float(c.from_field(float(getattr(ex, c.field))))
            if lo <= v <= hi:
                values[c.name] = v
    return values


def _fmt_signed(x, digits=1):
    """``+1.5`` / ``−1.5`` (a real minus sign), and ``0`` rather than ``−0``."""
    if round(x, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{x:+.{digits}f}".replace("-", "−")


class ExplorerModel:
    """Control values and the runs they make, without widgets.

    Parameters
    ----------
    n_follicles : int, [1, 1,000,000], default 100,000
    years : int, [1, 30], default 10
    preset : str, default "aga_moderate"
    seed : int, [0, 2**31 − 1], default 1

    Attributes
    ----------
    values : dict
        Every control's value by name (see :mod:`hairsim.app.controls`).
    result, counterfactual : hairsim.Result or None
        The current run (treated when the stimulation is on) and the untreated one.
    mean_field : object or None
        The mean-field curve, when asked for and available.
    note : str
        Why the mean field is not shown ("" when it is, or not asked for).
    error : str
        The message for the last invalid combination of settings ("" when none).
    simulation_count : int
        Simulations run (cached runs are not counted).
    """

    @validate_params(C.CONSTRUCTOR_CONSTRAINTS, owner="ExplorerModel")
    def __init__(self, n_follicles=100_000, years=10, preset="aga_moderate", seed=1):
        self.follicle_options = C.follicle_options([n_follicles])
        self.values = {c.name: c.default for c in C.CONTROLS}
        self.values.update(stimulation_defaults())
        self.values.update(preset=preset, n_follicles=n_follicles, years=years, seed=seed,
                           time_month=12 * years)
        self.stim_defaults = stimulation_defaults()
        self._preset_values = {}
        self._apply_preset(preset)
        self.result = None
        self.counterfactual = None
        self.mean_field = None
        self.note = ""
        self.error = ""
        self.simulation_count = 0
        self._scenario = None
        self._scenario_key = None
        self._cf_from = None
        self._cf = None
        self._treated = None
        self._treated_key = None
        self._mf_key = None
        self._trace = None
        self._trace_of = None
        self._scalp = None
        self._scalp_key = None

    # ------------------------------------------------------------------ settings
    @property
    def years(self) -> int:
        return int(self.values["years"])

    @property
    def n_follicles(self) -> int:
        return int(self.values["n_follicles"])

    @property
    def seed(self) -> int:
        return int(self.values["seed"])

    def settable(self) -> list:
        return C.names()

    def check(self, values: dict, relations: bool = True) -> dict:
        """Validate ``values`` (all of them, before anything changes); return them normalised.

        Raises
        ------
        TypeError
            For a name that is not a control.
        ValueError
            One sentence naming the control, the allowed values and the value given.
        """
        known = self.settable()
        for name in values:
            if name not in known:
                raise TypeError(unknown_name_message(name, known, "known", noun="control"))
        years = values.get("years", self.years)
        out = {}
        if "years" in values:
            out["years"] = years = C.check_control("years", values["years"], 1)
        for name, value in values.items():
            if name != "years":
                out[name] = C.check_control(name, value, years)
        start = out.get("stim_start_month", self.values["stim_start_month"])
        stop = out.get("stim_stop_month", self.values["stim_stop_month"])
        if relations and ("stim_start_month" in out or "stim_stop_month" in out):
            _check_window(start, stop)
        return out

    def set(self, **values) -> set:
        """Set controls (validated first, all or nothing); return the names that changed.

        A ``preset`` is applied first (its values for the scalp controls), then ``years`` (which
        moves the month controls into the new run when they fall outside it), then the rest.
        A stop month not after the start month is refused here; :meth:`set_from_widget` lets it
        through (a student moving one slider at a time) and :meth:`update` reports it.
        """
        return self._set(values, relations=True)

    def set_from_widget(self, name, value) -> set:
        """Set one control as a widget reports it (ranges checked, the window's order not)."""
        return self._set({name: value}, relations=False)

    def _set(self, values, relations):
        values = self.check(values, relations)
        before = dict(self.values)
        if "preset" in values:
            self.values["preset"] = values["preset"]
            self._apply_preset(values["preset"])
        if "years" in values:
            self._set_years(values["years"], explicit=values)
        if "n_follicles" in values and values["n_follicles"] not in dict(
                (v, k) for k, v in self.follicle_options):
            self.follicle_options = C.follicle_options(
                [v for _k, v in self.follicle_options] + [values["n_follicles"]])
        for name, value in values.items():
            if name not in ("preset", "years"):
                self.values[name] = value
        return {k for k in self.values if self.values[k] != before.get(k)}

    def _set_years(self, years, explicit=()):
        old = self.years
        months = 12 * int(years)
        v = self.values
        v["years"] = int(years)
        if "time_month" not in explicit and (v["time_month"] >= 12 * old or v["time_month"] > months):
            v["time_month"] = months
        if "stim_start_month" not in explicit and "stim_stop_month" not in explicit:
            # a shorter run must not leave an empty window (stop moved onto start)
            v["stim_stop_month"] = min(v["stim_stop_month"], months)
            v["stim_start_month"] = min(v["stim_start_month"], v["stim_stop_month"] - 1)
            if v["stim_start_month"] < 0:
                v["stim_start_month"], v["stim_stop_month"] = 0, 1

    def _apply_preset(self, name):
        params = _hs().presets.get(name)
        values = {c.name: float(c.from_field(float(getattr(params, c.field))))
                  for c in C.param_controls()}
        self._preset_values = values
        self.values.update(values)

    def reset(self):
        """Restore the preset's values and the stimulation defaults (preset, size, years, seed stay)."""
        self._apply_preset(self.values["preset"])
        self.values.update(self.stim_defaults)
        self._set_years(self.years)

    def new_seed(self, rng=None) -> int:
        """Pick a seed different from the current one; return it."""
        rng = np.random.default_rng(rng)
        seed = self.seed
        while seed == self.seed:
            seed = int(rng.integers(0, 1_000_000))
        self.values["seed"] = seed
        return seed

    # ------------------------------------------------------------------ what the values mean
    def params(self):
        """The Params: the preset, with the values the sliders changed (others stay exact)."""
        base = _hs().presets.get(self.values["preset"])
        changes = {c.field: float(c.to_field(self.values[c.name])) for c in C.param_controls()
                   if self.values[c.name] != self._preset_values.get(c.name)}
        return base.replace(**changes) if changes else base

    def stimulation(self):
        """The hypothetical Stimulation, or None when it is off."""
        v = self.values
        if not v["stimulation"]:
            return None
        start_m, stop_m = v["stim_start_month"], v["stim_stop_month"]
        _check_window(start_m, stop_m)
        kwargs = {c.field: c.to_field(v[c.name]) for c in C.stim_controls() if c.target == "stim"}
        return _hs().Stimulation(
            start_day=int(round(start_m * C.DAYS_PER_MONTH)),
            stop_day=int(round(stop_m * C.DAYS_PER_MONTH)) - 1,   # the last day of exposure
            **kwargs,
        )

    def mean_field_reason(self) -> str:
        """Why the mean-field option is off-limits for these settings ("" when it is allowed)."""
        try:
            progressive = self.params().is_progressive
        except (ValueError, TypeError):
            return ""
        if progressive:
            return ("The mean field describes a cycle that does not change; this preset's AGA "
                    "changes it year after year, so there is no mean-field curve to show.")
        return ""

    # ------------------------------------------------------------------ running
    def _scenario_key_now(self):
        return (self.values["preset"], tuple(self.values[c.name] for c in C.param_controls()),
                self.n_follicles, self.years, self.seed)

    def scenario(self):
        """The current scenario (rebuilt when a non-stimulation setting changed)."""
        key = self._scenario_key_now()
        if key != self._scenario_key:
            self._scenario = _hs().Scenario(self.params(), self.n_follicles, self.years, self.seed)
            self._scenario_key = key
            self._treated_key = None
        return self._scenario

    def update(self) -> bool:
        """Run what the settings need (cached runs are reused); return True if a run changed.

        An invalid combination leaves the last valid runs in place and sets :attr:`error`.
        """
        old = (self.result, self.counterfactual)
        try:
            stim = self.stimulation()
            scenario = self.scenario()
            with np.errstate(over="ignore", under="ignore"):
                if scenario is not self._cf_from:      # a new scenario: one untreated run
                    self._cf = scenario.untreated      # (kept: a Result is made per access)
                    self.simulation_count += 1
                    self._cf_from = scenario
                cf = self._cf
                if stim is None:
                    result = cf
                else:
                    key = (self._scenario_key, tuple(self.values[c.name] for c in C.stim_controls()))
                    if key != self._treated_key:
                        self._treated_key = None
                        self._treated = scenario.treated(stim)
                        self.simulation_count += 1
                        self._treated_key = key
                    result = self._treated
            self._update_mean_field()
        except (ValueError, TypeError) as exc:
            self.error = str(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - never show a student a traceback
            self.error = f"Unexpected error ({type(exc).__name__}): {exc}"
            return False
        self.error = ""
        self.counterfactual, self.result = cf, result
        return (self.result, self.counterfactual) != old

    def _update_mean_field(self):
        self.note = ""
        if not self.values["mean_field"]:
            self.mean_field = None
            return
        reason = self.mean_field_reason()
        if reason:
            self.mean_field, self._mf_key, self.note = None, None, "Mean field not shown: " + reason
            return
        key = (self._scenario_key[:2], self.years)
        if key != self._mf_key:
            self._mf_key = None
            try:
                self.mean_field = _hs().mean_field(self.params(), years=self.years)
            except Exception as exc:  # noqa: BLE001
                self.mean_field = None
                self.note = f"Mean field not available for these settings: {exc}"
                return
            self._mf_key = key

    # ------------------------------------------------------------------ the world view
    def trace(self):
        """``hs.trace(result, n=225)`` of the current run (cached per run)."""
        if self._trace_of is not self.result:
            self._trace = _hs().trace(self.result, n=min(PATCH_FOLLICLES, self.result.n_follicles))
            self._trace_of = self.result
        return self._trace

    def scalp(self):
        """The whole-scalp run of the same settings, split by the chosen pattern (cached)."""
        stim = self.stimulation()
        key = (self._scenario_key_now(), self.values["scalp_pattern"],
               None if stim is None else tuple(self.values[c.name] for c in C.stim_controls()))
        if key != self._scalp_key:
            self._scalp_key = None
            n = max(600, min(SCALP_MAP_FOLLICLES, self.n_follicles))
            with np.errstate(over="ignore", under="ignore"):
                self._scalp = _hs().scalp.simulate_scalp(
                    self.params(), self.values["scalp_pattern"], n_follicles=n, years=self.years,
                    stimulation=stim, rng=self.seed)
            self._scalp_key = key
        return self._scalp

    # ------------------------------------------------------------------ text
    def cursor_day(self) -> int:
        n_days = int(self.result.days[-1]) if self.result is not None else 365 * self.years
        return int(min(round(self.values["time_month"] * C.DAYS_PER_MONTH), n_days))

    def readouts(self, day=None, shed_smooth=None) -> list:
        """``(label, value)`` rows for the readout table at ``day`` (the cursor by default)."""
        r, cf = self.result, self.counterfactual
        if r is None:
            return []
        day = self.cursor_day() if day is None else int(day)
        treated = r.stimulation is not None
        d0, d = float(r.density[0]), float(r.density[day])
        change = d - d0
        pct = 100.0 * change / d0 if d0 > 0 else float("nan")
        anagen = 100.0 * float(r.anagen[day]) / r.n_follicles
        if shed_smooth is None:
            from ..plot import SHED_PER_FOLLICLES, moving_average

            shed_smooth = moving_average(r.shed_per_day(SHED_PER_FOLLICLES), 7)
        rows = [
            ("Time", f"month {day / C.DAYS_PER_MONTH:.0f} (year {day / 365:.1f})"),
            ("Density", f"{d:.0f} hairs/cm² ({_fmt_signed(change, 0)} hairs/cm², "
                        f"{_fmt_signed(pct)} % from the start)"),
        ]
        if treated:
            dc = float(cf.density[day])
            rows.append(("Untreated (same seed)",
                         f"{dc:.0f} hairs/cm² (the stimulation makes a difference of "
                         f"{_fmt_signed(d - dc, 0)} hairs/cm²)"))
        rows.append(("Follicles in anagen", f"{anagen:.1f} %"))
        rows.append(("Shedding", f"{float(shed_smooth[day]):.0f} hairs/day per 100,000 follicles "
                                 "(a whole scalp; 7-day mean)"))
        return rows

    def readouts_text(self, day=None) -> str:
        return "; ".join(f"{k}: {v}" for k, v in self.readouts(day)) + "."

    def preset_label(self) -> str:
        name = self.values["preset"]
        return C.PRESET_LABELS.get(name, name.replace("_", " ").capitalize())

    def caption(self) -> str:
        """A plain-language sentence describing the current settings."""
        v = self.values
        n = self.n_follicles
        try:
            area = n / float(self.params().follicles_per_cm2)
        except Exception:  # noqa: BLE001
            area = n / 225.0
        text = f"{self.preset_label()}, {self.years} years, {n:,} follicles (≈ {area:,.0f} cm²)"
        changed = [f"{c.label.lower()} {format(v[c.name], c.fmt)} {c.unit}".rstrip()
                   for c in C.param_controls() if v[c.name] != self._preset_values.get(c.name)]
        if changed:
            text += ", changed: " + ", ".join(changed)
        try:
            stim = self.stimulation()
        except ValueError:
            stim = None
        if stim is not None:
            text += (f"; from month {v['stim_start_month']} to month {v['stim_stop_month']}: "
                     + stim.describe().rstrip("."))
            if v["stim_start_month"] >= 12 * self.years:
                text += " (it starts after the end of the run)"
        else:
            text += "; no stimulation"
        text += f". Seed {self.seed}."
        if v["aga_affected_pct"] == 0 and (v["anagen_shortening_pct"] > 0
                                           or v["miniaturization_pct"] > 0):
            text += " (AGA progression has no effect while 0 % of follicles are affected.)"
        return text

    def describe_preset(self) -> str:
        try:
            return _hs().presets.describe(self.values["preset"])
        except Exception:  # noqa: BLE001
            return ""

    def export_name(self, suffix: str) -> str:
        return f"hairsim_{self.values['preset']}_seed{self.seed}{suffix}"

    def require_result(self):
        """The current run, or a ValueError sentence if there is none to export."""
        if self.result is None:
            raise ValueError("There is no run to export yet: the 'result' of the explorer is None "
                             f"(fix the settings first{': ' + self.error if self.error else ''}).")
        return self.result


def _check_window(start_month, stop_month):
    """The stimulation window's order: the one sentence for a stop month not after the start."""
    if stop_month <= start_month:
        raise ValueError(f"The 'stim_stop_month' control must be after the start (month "
                         f"{start_month}); got month {stop_month}.")
