"""One table of the explorer's controls: a row per control.

Each :class:`Control` row says what the control is (kind, range, step, label, unit, tab), what it
sets (a :class:`hairsim.Params` or :class:`hairsim.Stimulation` field, with the conversion from the
control's unit to the field's), and its constraint, so that ``Explorer.set`` and the constructor
check values with :func:`hairsim._validation.check_value` (one sentence naming the control, the
allowed range and the value given). The model (``model.py``) and the widgets (``panel.py``) are
both built from this table: adding a slider is adding one row.

No ipywidgets import here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .._validation import Flag, Interval, Options, check_value

__all__ = ["Control", "CONTROLS", "FOLLICLE_CHOICES", "PRESET_LABELS", "PATTERN_LABELS",
           "MAX_YEARS", "DAYS_PER_MONTH", "TABS", "by_tab", "check_control", "param_controls",
           "stim_controls", "constraint_of"]

DAYS_PER_MONTH = 365.0 / 12.0
MAX_YEARS = 30
#: Largest number of follicles the explorer runs (a whole scalp is 100,000).
MAX_FOLLICLES = 1_000_000

FOLLICLE_CHOICES = (225, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000)

PRESET_LABELS = {
    "healthy": "Healthy scalp",
    "aga_mild": "Mild androgenetic alopecia",
    "aga_moderate": "Moderate androgenetic alopecia",
    "aga_severe": "Severe androgenetic alopecia",
    "telogen_effluvium": "Telogen effluvium (shedding after a stress)",
}

PATTERN_LABELS = {
    "male_pattern": "Male pattern (Norwood–Hamilton-like)",
    "female_pattern": "Female pattern (Ludwig-like)",
}

#: Tabs of the left column, in order (the About tab has no controls).
TABS = ("Scalp & AGA", "Stimulation", "View & export")
#: Their titles on screen (short, so that four fit the column).
TAB_TITLES = ("Scalp", "Stimulation", "View", "About this model")


def _identity(v):
    return v


@dataclass(frozen=True)
class Control:
    """One row of the controls table.

    Attributes
    ----------
    name : str
        Key in ``Explorer.controls`` and in ``Explorer.set``.
    kind : {"float", "int", "choice", "flag"}
    label : str
        Plain label a student reads; ``unit`` is shown after it in brackets.
    unit : str
    lo, hi, step : float
        Range and step of a slider (``hi`` may be ``"months"``: 12 × the run's years).
    tab : str
        "run" (always shown), one of :data:`TABS`, or "time".
    target : str
        "params" or "stim" for a field of Params / Stimulation, "" for others.
    field : str
        That field's name.
    to_field, from_field : callable
        Control value → field value, and back (e.g. % → share).
    fmt : str
        Readout format of a slider.
    help : str
        One line shown as the control's tooltip and read by screen readers.
    options : tuple
        ``(label, value)`` pairs of a choice.
    default : object
        Default value (the presets set the Params controls).
    """

    name: str
    kind: str
    label: str
    unit: str = ""
    lo: float = 0.0
    hi: float | str = 1.0
    step: float = 1.0
    tab: str = "run"
    target: str = ""
    field: str = ""
    to_field: Callable = _identity
    from_field: Callable = _identity
    fmt: str = ".2f"
    help: str = ""
    options: tuple = ()
    default: object = None

    @property
    def description(self) -> str:
        """The label with its unit, e.g. ``Mean anagen (years)``."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def high(self, years: int) -> float:
        return 12 * int(years) if self.hi == "months" else self.hi

    def constraint(self, years: int):
        if self.kind == "flag":
            return Flag()
        if self.kind == "choice":
            if self.name == "n_follicles":
                return Interval(1, MAX_FOLLICLES, integer=True)
            return Options(tuple(v for _label, v in self.options))
        return Interval(self.lo, self.high(years), integer=self.kind == "int")


def _pct(v):
    return v / 100.0


def _from_pct(f):
    return f * 100.0


def _preset_options():
    from .. import presets

    return tuple((PRESET_LABELS.get(n, n.replace("_", " ").capitalize()), n) for n in presets.names())


def _follicle_label(n: int) -> str:
    text = f"{n:,}"
    if n == 225:
        text += " (a 1 cm² patch)"
    elif n == 100_000:
        text += " (a whole scalp)"
    return text


def follicle_options(extra=()):
    """``(label, n)`` pairs for the follicle dropdown (the usual sizes plus any given ones)."""
    return tuple((_follicle_label(n), n) for n in sorted(set(FOLLICLE_CHOICES) | set(extra)))


# The rows. Order within a tab is the order on screen (and the Tab order).
CONTROLS = (
    # ---- the run (top of the left column)
    Control("preset", "choice", "Preset", options=_preset_options(), default="aga_moderate",
            help="A starting scalp; the sliders take its values."),
    Control("n_follicles", "choice", "Follicles simulated", options=follicle_options(),
            default=100_000, help="225 follicles are a 1 cm² patch; 100,000 are a whole scalp."),
    Control("years", "int", "Years simulated", "years", 1, MAX_YEARS, 1, default=10,
            help="Length of the run."),
    Control("seed", "int", "Seed", "", 0, 2**31 - 1, 1, default=1,
            help="Seed of the random numbers; the treated and untreated runs share it."),
    # ---- scalp and AGA (Params)
    Control("anagen_years", "float", "Mean anagen", "years", 0.1, 8.0, 0.05, "Scalp & AGA",
            "params", "anagen_mean_days", lambda v: v * 365.0, lambda f: f / 365.0, ".2f",
            "Mean length of the growth phase."),
    Control("anagen_cv", "float", "Anagen spread", "CV", 0.0, 1.5, 0.05, "Scalp & AGA",
            "params", "anagen_cv", fmt=".2f",
            help="Coefficient of variation of the growth-phase length."),
    Control("kenogen_pct", "float", "Kenogen chance", "%", 0, 100, 1, "Scalp & AGA",
            "params", "p_kenogen", _pct, _from_pct, ".0f",
            "Chance that an emptied follicle rests empty (kenogen) before it grows again."),
    Control("aga_affected_pct", "float", "Follicles affected by AGA", "%", 0, 100, 1,
            "Scalp & AGA", "params", "aga_susceptible_fraction", _pct, _from_pct, ".0f",
            "Share of follicles that androgenetic alopecia shortens and thins."),
    Control("anagen_shortening_pct", "float", "Anagen shortening", "% per year", 0, 90, 1,
            "Scalp & AGA", "params", "anagen_shortening_per_year", lambda v: 1.0 - v / 100.0,
            lambda f: (1.0 - f) * 100.0, ".0f",
            "An affected follicle's growth phase gets shorter by this share per year under androgen."),
    Control("miniaturization_pct", "float", "Miniaturization", "% per year", 0, 90, 1,
            "Scalp & AGA", "params", "miniaturization_per_year", _pct, _from_pct, ".0f",
            "An affected follicle's new hairs get thinner by this share per year under androgen."),
    # ---- the hypothetical stimulation (Stimulation)
    Control("stimulation", "flag", "Hypothetical stimulation on", tab="Stimulation", default=False,
            help="Turn the what-if stimulation on (it is not the effect of any product)."),
    Control("stim_start_month", "int", "Start", "month", 0, "months", 1, "Stimulation",
            default=12, fmt="d", help="Month the stimulation starts."),
    Control("stim_stop_month", "int", "Stop", "month", 0, "months", 1, "Stimulation",
            default=24, fmt="d", help="Month the stimulation stops (exposure ends the day before)."),
    Control("schedule", "choice", "Schedule", tab="Stimulation", target="stim", field="schedule",
            options=(("continuous (daily)", "continuous"), ("sessions", "sessions")),
            default="continuous", help="Applied every day, or in sessions."),
    Control("interval_days", "int", "Session interval", "days", 1, 180, 1, "Stimulation",
            "stim", "interval_days", float, fmt="d", default=28,
            help="Days between sessions (sessions schedule only)."),
    Control("half_life_days", "float", "Effect half-life", "days", 1, 90, 1, "Stimulation",
            "stim", "half_life_days", fmt=".0f", default=3.0,
            help="How fast the exposure rises and fades."),
    Control("wake", "float", "Wake resting follicles", "×", 0, 10, 0.1, "Stimulation",
            "stim", "wake", fmt=".1f", default=1.5,
            help="Telogen and kenogen end (1 + wake) times sooner under full exposure."),
    Control("extend", "float", "Extend growth phase", "×", 0, 5, 0.1, "Stimulation",
            "stim", "extend", fmt=".1f", default=0.5,
            help="The growth phase runs up to (1 + extend) times longer while exposed."),
    Control("thicken_pct", "float", "Thicken new hairs", "%", 0, 100, 1, "Stimulation",
            "stim", "thicken", _pct, _from_pct, ".0f", default=50.0,
            help="Share of lost thickness regained by hairs that start under exposure."),
    Control("responders_pct", "float", "Responding follicles", "%", 0, 100, 1, "Stimulation",
            "stim", "responders", _pct, _from_pct, ".0f", default=70.0,
            help="Share of follicles that respond at all."),
    Control("persistence_pct", "float", "Gain kept after stopping", "%", 0, 100, 1,
            "Stimulation", "stim", "persistence", _pct, _from_pct, ".0f", default=0.0,
            help="0 %: the gain fades after the stop; 100 %: woken follicles finish their cycles."),
    # ---- view
    Control("mean_field", "flag", "Show mean-field curve", tab="View & export", default=False,
            help="The expected density from renewal theory (only for a cycle that does not change)."),
    Control("scalp_pattern", "choice", "Scalp map pattern", tab="View & export",
            options=tuple((v, k) for k, v in PATTERN_LABELS.items()), default="male_pattern",
            help="Where on the head AGA thins the hair, for the scalp map."),
    Control("projector", "flag", "Projector mode", tab="run", default=False,
            help="Larger text and thicker lines, for a classroom projector."),
    # ---- time
    Control("time_month", "int", "Time", "month", 0, "months", 1, "time", default=None,
            fmt="d", help="The time cursor: the month shown in the readouts and the world view."),
    Control("speed", "float", "Play speed", "months/s", 1, 24, 1, "time", default=6.0, fmt=".0f",
            help="How many months Play moves the time cursor each second."),
)

_BY_NAME = {c.name: c for c in CONTROLS}


def get(name: str) -> Control:
    return _BY_NAME[name]


def names() -> list:
    return list(_BY_NAME)


def by_tab(tab: str) -> list:
    """The controls shown in ``tab``, in screen order."""
    return [c for c in CONTROLS if c.tab == tab]


def param_controls() -> list:
    return [c for c in CONTROLS if c.target == "params"]


def stim_controls() -> list:
    """Every control of the stimulation tab (the on/off switch and the window included)."""
    return [c for c in CONTROLS if c.tab == "Stimulation"]


def constraint_of(name: str, years: int):
    return _BY_NAME[name].constraint(years)


def check_control(name: str, value, years: int, kind: str = "control"):
    """Check one control value against its row; return it normalised (int, float, bool or str).

    Raises
    ------
    ValueError
        (``hairsim._validation.InvalidParameterError``) One sentence naming the control, the
        allowed values and the value given.
    """
    return check_value(name, value, _BY_NAME[name].constraint(years), kind=kind)


#: The constraints of ``Explorer(...)`` and ``ExplorerModel(...)``, from their rows (for
#: ``hairsim._validation.validate_params``).
CONSTRUCTOR_CONSTRAINTS = {name: _BY_NAME[name].constraint(1)
                           for name in ("n_follicles", "years", "preset", "seed")}
