"""The interactive explorer: a no-code hairsim app built with ipywidgets and ipympl.

Show it in a notebook (``%matplotlib widget`` first) or serve it with Voilà::

    from hairsim.widgets import Explorer
    app = Explorer()
    app                      # a cell ending in ``app`` shows the whole UI

Every control re-simulates (sliders with ``continuous_update=False``); the plots are updated in
place. The untreated counterfactual (same seed, so the same random numbers) is cached, so changing
a stimulation setting costs one simulation. The stimulation is hypothetical: a what-if model, not
the measured effect of any product.

This is the only hairsim module that imports ipywidgets (the ``notebooks`` extra).
"""

from __future__ import annotations

import base64
import contextlib
import difflib
import html
import time
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

import hairsim as hs
from hairsim.plot import moving_average

__all__ = ["Explorer", "HYPOTHETICAL_NOTE"]

HYPOTHETICAL_NOTE = (
    "The stimulation is hypothetical: a what-if model, not the measured effect of any product "
    "(no exosome product is approved; see notebook 03)."
)

DAYS_PER_MONTH = 365.0 / 12.0
MAX_YEARS = 30

PRESET_LABELS = {
    "healthy": "Healthy scalp",
    "aga_mild": "Mild androgenetic alopecia",
    "aga_moderate": "Moderate androgenetic alopecia",
    "aga_severe": "Severe androgenetic alopecia",
    "telogen_effluvium": "Telogen effluvium (shedding after a stress)",
}

FOLLICLE_CHOICES = (225, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000)

# Controls that map onto a Params field: name -> (field, control value -> field, field -> control).
_PARAM_CONTROLS = {
    "anagen_years": ("anagen_mean_days", lambda v: v * 365.0, lambda f: f / 365.0),
    "anagen_cv": ("anagen_cv", lambda v: v, lambda f: f),
    "aga_affected_pct": ("aga_susceptible_fraction", lambda v: v / 100.0, lambda f: f * 100.0),
    "anagen_shortening_pct": (
        "anagen_shortening_per_year",
        lambda v: 1.0 - v / 100.0,
        lambda f: (1.0 - f) * 100.0,
    ),
    "miniaturization_pct": ("miniaturization_per_year", lambda v: v / 100.0, lambda f: f * 100.0),
    "kenogen_pct": ("p_kenogen", lambda v: v / 100.0, lambda f: f * 100.0),
}


def _stimulation_defaults():
    """Defaults of the stimulation controls: the knobs of ``hs.examples.minoxidil_like()``.

    That example is hypothetical too (tuned to a published time course, not a drug model); it only
    gives the sliders a starting point whose effect is of a plausible size.
    """
    defaults = {
        "stimulation": False, "stim_start_month": 12, "stim_stop_month": 24,
        "schedule": "continuous", "interval_days": 28, "half_life_days": 3.0, "wake": 1.5,
        "extend": 0.5, "thicken_pct": 50.0, "responders_pct": 70.0, "persistence_pct": 0.0,
    }
    try:
        ex = hs.examples.minoxidil_like()
    except Exception:  # noqa: BLE001 - keep the fallback values above
        return defaults
    defaults.update(
        half_life_days=float(ex.half_life_days), wake=float(ex.wake), extend=float(ex.extend),
        thicken_pct=100.0 * float(ex.thicken), responders_pct=100.0 * float(ex.responders),
        persistence_pct=100.0 * float(ex.persistence),
    )
    return defaults


# Default values of the (hypothetical) stimulation controls; "reset" restores them.
STIMULATION_DEFAULTS = _stimulation_defaults()

_STIM_CONTROLS = tuple(STIMULATION_DEFAULTS)

_NEUTRAL = "#333333"
_COUNTERFACTUAL = getattr(hs, "UNTREATED_COLOR", "#000000")
_TREATED = getattr(hs, "TREATED_COLOR", "#CC79A7")
_SHED = getattr(hs, "SHED_COLOR", "#D55E00")


def _band(x, lo, hi):
    """Vertices of the polygon between ``lo`` and ``hi`` over ``x`` (for PolyCollection.set_verts)."""
    return [np.column_stack([np.concatenate([x, x[::-1]]), np.concatenate([hi, lo[::-1]])])]


def _rolling_mean(y, k=7):
    """Centred k-day mean, with the edges averaged over the days that exist."""
    return moving_average(y, k)


def _in_kernel():
    """True inside a Jupyter kernel (where an Output widget can capture a displayed figure)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _fmt_signed(x, digits=1):
    """``+1.5`` / ``−1.5`` (a real minus sign), and ``0`` rather than ``−0``."""
    if round(x, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{x:+.{digits}f}".replace("-", "−")


class Explorer:
    """A no-code explorer of the hair-follicle population, for a projector or self-study.

    Parameters
    ----------
    n_follicles : int, default 100_000
        Number of simulated follicles (225 ≈ a 1 cm² patch, 100,000 ≈ a whole scalp).
    years : int, default 10
        Length of the run, in whole years (1 to 30).
    preset : str, default "aga_moderate"
        Starting preset, one of ``hs.presets.names()``.
    seed : int, default 1
        Seed of the random numbers; the treated and untreated runs share it.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The whole app; a notebook cell ending in the Explorer (or ``app.widget``) shows it.
    controls : dict of str to ipywidgets.Widget
        Every control by name (e.g. ``controls["anagen_years"]``, ``controls["wake"]``).
    result : hairsim.Result
        The current run (treated when the stimulation is on).
    counterfactual : hairsim.Result
        The same settings without stimulation, from the same seed (``result`` itself when the
        stimulation is off).
    fig : matplotlib.figure.Figure
        The figure with the density, phase and shedding panels.
    density_line, counterfactual_line : matplotlib.lines.Line2D
        Density of the current run and of the untreated counterfactual (dashed).
    redraw_count : int
        How many times the plots were updated after a simulation (cursor moves are not counted).
    simulation_count : int
        How many simulations were run (the counterfactual is cached).
    seed : int
        The current seed.
    last_update_seconds : float
        Wall time of the last simulate + redraw (for the latency benchmark).
    error : str
        The message shown for the last invalid combination of settings ("" when none).

    Notes
    -----
    The stimulation is hypothetical: a what-if model, not the measured effect of any product.

    Names in ``controls``:

    * run: ``preset``, ``n_follicles``, ``years``, ``seed``, ``new_seed`` and ``reset`` (buttons);
    * scalp (mapped onto :class:`hairsim.Params`): ``anagen_years`` (mean anagen, years),
      ``anagen_cv``, ``kenogen_pct`` (``p_kenogen`` in %), ``aga_affected_pct``
      (``aga_susceptible_fraction`` in %), ``anagen_shortening_pct`` (``1 - anagen_shortening_per_year``
      in %), ``miniaturization_pct`` (``miniaturization_per_year`` in %);
    * hypothetical stimulation (mapped onto :class:`hairsim.Stimulation`): ``stimulation`` (on/off),
      ``stim_start_month``, ``stim_stop_month`` (exposure ends on the day before that month),
      ``schedule``, ``interval_days``, ``half_life_days``, ``wake``, ``extend``, ``thicken_pct``,
      ``responders_pct``, ``persistence_pct``;
    * view: ``mean_field``, ``play`` and ``time_month`` (the time cursor), ``folder``,
      ``export_csv`` and ``export_png`` (buttons).

    A month is 365/12 days. Controls left at the preset's values keep the preset's exact values.
    """

    def __init__(self, n_follicles=100_000, years=10, preset="aga_moderate", seed=1):
        names = list(hs.presets.names())
        if preset not in names:
            raise ValueError(
                f"The 'preset' parameter must be one of {', '.join(names)}; got {preset!r}."
            )
        if not isinstance(n_follicles, (int, np.integer)) or n_follicles < 1:
            raise ValueError(
                f"The 'n_follicles' parameter must be a positive integer; got {n_follicles!r}."
            )
        if not isinstance(years, (int, np.integer)) or not 1 <= years <= MAX_YEARS:
            raise ValueError(
                f"The 'years' parameter must be an integer in [1, {MAX_YEARS}]; got {years!r}."
            )
        if not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"The 'seed' parameter must be a non-negative integer; got {seed!r}.")

        self.seed = int(seed)
        self.result = None
        self.counterfactual = None
        self.redraw_count = 0
        self.simulation_count = 0
        self.last_update_seconds = float("nan")
        self.error = ""
        self._hold = False
        self._cf_key = None
        self._treated_key = None
        self._treated = None
        self._mf_key = None
        self._mf = None
        self._mf_note = ""
        self._preset_values = {}

        self._build_controls(names, int(n_follicles), int(years), preset)
        self._build_figure()
        self._build_layout()
        with self._holding():
            self._apply_preset(preset)
        self._connect()
        self._update()

    # ------------------------------------------------------------------ building
    def _build_controls(self, names, n_follicles, years, preset):
        wide = widgets.Layout(width="100%", max_width="420px")
        style = {"description_width": "215px"}
        run_style = {"description_width": "130px"}

        def fslider(desc, lo, hi, step, fmt=".2f", tip=""):
            return widgets.FloatSlider(
                value=lo, min=lo, max=hi, step=step, description=desc, readout_format=fmt,
                continuous_update=False, style=style, layout=wide, tooltip=tip,
            )

        def islider(desc, lo, hi, step=1, tip=""):
            return widgets.IntSlider(
                value=lo, min=lo, max=hi, step=step, description=desc,
                continuous_update=False, style=style, layout=wide, tooltip=tip,
            )

        follicle_choices = sorted(set(FOLLICLE_CHOICES) | {n_follicles})

        def follicle_label(n):
            text = f"{n:,}"
            if n == 225:
                text += " (a 1 cm² patch)"
            elif n == 100_000:
                text += " (a whole scalp)"
            return text

        c = {}
        c["preset"] = widgets.Dropdown(
            options=[(PRESET_LABELS.get(n, n.replace("_", " ").capitalize()), n) for n in names],
            value=preset, description="Preset", style=run_style, layout=wide,
        )
        c["n_follicles"] = widgets.Dropdown(
            options=[(follicle_label(n), n) for n in follicle_choices], value=n_follicles,
            description="Follicles simulated", style=run_style, layout=wide,
        )
        c["years"] = islider("Years simulated", 1, MAX_YEARS)
        c["years"].style.description_width = run_style["description_width"]
        c["years"].value = years
        c["seed"] = widgets.BoundedIntText(
            value=self.seed, min=0, max=2**31 - 1, description="Seed",
            style={"description_width": "50px"}, layout=widgets.Layout(width="170px"),
        )
        c["new_seed"] = widgets.Button(description="New seed", icon="random",
                                       tooltip="Draw new random numbers (same settings)")
        c["reset"] = widgets.Button(description="Reset", icon="undo",
                                    tooltip="Restore the preset's values; keep the seed")

        c["anagen_years"] = fslider("Mean anagen (years)", 0.1, 8.0, 0.05,
                                    tip="Mean length of the growth phase")
        c["anagen_cv"] = fslider("Anagen spread (CV)", 0.0, 1.5, 0.05,
                                 tip="Coefficient of variation of the growth-phase length")
        c["aga_affected_pct"] = fslider("Follicles affected by AGA (%)", 0, 100, 1, ".0f")
        c["anagen_shortening_pct"] = fslider("Anagen shortening per year (%)", 0, 90, 1, ".0f",
                                             tip="An affected follicle's anagen gets shorter by this share "
                                                 "per year under androgen")
        c["miniaturization_pct"] = fslider("Miniaturization per year (%)", 0, 90, 1, ".0f",
                                           tip="An affected follicle's new hairs get thinner by this share per year")
        c["kenogen_pct"] = fslider("Kenogen chance (%)", 0, 100, 1, ".0f",
                                   tip="Chance that an emptied follicle rests empty (kenogen)")

        c["stimulation"] = widgets.Checkbox(value=False, description="Hypothetical stimulation on",
                                            style=style, indent=False)
        c["stim_start_month"] = islider("Start (month)", 0, 12 * years)
        c["stim_stop_month"] = islider("Stop (month)", 0, 12 * years)
        c["schedule"] = widgets.Dropdown(
            options=[("continuous (daily)", "continuous"), ("sessions", "sessions")],
            value="continuous", description="Schedule", style=style, layout=wide,
        )
        c["interval_days"] = islider("Session interval (days)", 1, 180)
        c["half_life_days"] = fslider("Effect half-life (days)", 1, 90, 1, ".0f")
        c["wake"] = fslider("Wake resting follicles", 0, 10, 0.1, ".1f",
                            tip="Telogen and kenogen end (1 + wake)× faster under full exposure")
        c["extend"] = fslider("Extend growth phase", 0, 5, 0.1, ".1f",
                              tip="Anagen clock slowed to 1/(1 + extend) under full exposure")
        c["thicken_pct"] = fslider("Thicken new hairs (%)", 0, 100, 1, ".0f",
                                   tip="Share of lost thickness regained by hairs starting under exposure")
        c["responders_pct"] = fslider("Responding follicles (%)", 0, 100, 1, ".0f")
        c["persistence_pct"] = fslider("Gain kept after stopping (%)", 0, 100, 1, ".0f")

        c["mean_field"] = widgets.Checkbox(value=False, description="Show mean-field curve",
                                           indent=False)
        c["time_month"] = widgets.IntSlider(
            value=12 * years, min=0, max=12 * years, description="Time (month)",
            continuous_update=True, style={"description_width": "90px"},
            layout=widgets.Layout(width="400px"),
        )
        c["play"] = widgets.Play(value=12 * years, min=0, max=12 * years, step=1, interval=150,
                                 description="Play", tooltip="Animate the time cursor")
        c["folder"] = widgets.Text(value=".", description="Folder", style={"description_width": "60px"},
                                   layout=widgets.Layout(width="260px"))
        c["export_csv"] = widgets.Button(description="Download CSV", icon="download")
        c["export_png"] = widgets.Button(description="Save PNG", icon="image")
        self.controls = c
        for name, value in STIMULATION_DEFAULTS.items():
            c[name].value = value

    def _build_figure(self):
        colors = hs.PHASE_COLORS
        self._phase_order = [hs.Phase.ANAGEN, hs.Phase.CATAGEN, hs.Phase.TELOGEN, hs.Phase.KENOGEN]
        with plt.ioff():
            fig = plt.figure(figsize=(7.6, 6.4), dpi=100)
        gs = fig.add_gridspec(3, 1, height_ratios=[1.5, 1, 1], hspace=0.12,
                              left=0.11, right=0.77, top=0.97, bottom=0.08)
        ax_d = fig.add_subplot(gs[0])
        ax_p = fig.add_subplot(gs[1], sharex=ax_d)
        ax_s = fig.add_subplot(gs[2], sharex=ax_d)
        self.fig, self.ax_density, self.ax_phases, self.ax_shedding = fig, ax_d, ax_p, ax_s

        self._window = Rectangle((0, 0), 0, 1, transform=ax_d.get_xaxis_transform(),
                                 color=_TREATED, alpha=0.12, lw=0,
                                 label="stimulation window", visible=False)
        ax_d.add_patch(self._window)
        (self.counterfactual_line,) = ax_d.plot([], [], ls="--", lw=1.5, color=_COUNTERFACTUAL,
                                                label="untreated")
        (self.mean_field_line,) = ax_d.plot([], [], ls=":", lw=2, color="#000000", zorder=4,
                                            label="mean field", visible=False)
        (self.density_line,) = ax_d.plot([], [], lw=1.8, color=_NEUTRAL, label="simulated")
        ax_d.set_ylabel("Density\n(non-vellus hairs/cm²)")
        self._mf_text = ax_d.text(0.01, 0.03, "", transform=ax_d.transAxes, fontsize=8,
                                  color="#333333", va="bottom")

        self._bands = []
        for ph in self._phase_order:
            band = ax_p.fill_between([0, 1], [0, 0], [0, 0], color=colors[ph], lw=0,
                                     label=ph.name.lower())
            self._bands.append(band)
        ax_p.set_ylim(0, 100)
        ax_p.set_ylabel("Follicles in\neach phase (%)")
        ax_p.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)

        shed_color = _SHED
        (self.shed_raw_line,) = ax_s.plot([], [], lw=0.6, color=shed_color, alpha=0.35,
                                          label="per day")
        (self.shed_cf_line,) = ax_s.plot([], [], lw=1.2, ls="--", color=_COUNTERFACTUAL,
                                         label="untreated (7-day)", visible=False)
        (self.shed_line,) = ax_s.plot([], [], lw=1.6, color=shed_color, label="7-day mean")
        ax_s.set_ylabel("Hairs shed\nper day")
        ax_s.set_xlabel("Time (years)")
        for ax in (ax_d, ax_p):
            ax.tick_params(labelbottom=False)

        self._cursor_lines = [ax.axvline(0, color="#000000", lw=1, alpha=0.6)
                              for ax in (ax_d, ax_p, ax_s)]

        canvas = fig.canvas
        self._ipympl = isinstance(canvas, widgets.DOMWidget)
        if self._ipympl:
            canvas.header_visible = False
            canvas.footer_visible = False
            canvas.resizable = False
            canvas.toolbar_position = "right"
            self._figure_widget = canvas
        else:
            self._figure_widget = widgets.Output()

    def _build_layout(self):
        c = self.controls
        self._error_html = widgets.HTML(value="")
        self._readouts = widgets.HTML(value="")
        self._caption = widgets.HTML(value="")
        self._export_status = widgets.HTML(value="")
        note = widgets.HTML(
            value=(
                '<div style="background:#fff6d6;border-left:4px solid #E69F00;padding:4px 8px;'
                f'font-size:0.95em">{html.escape(HYPOTHETICAL_NOTE)}</div>'
            )
        )
        self._note = note
        self._knob_help = widgets.HTML(
            value=(
                '<div style="font-size:0.85em;color:#444;line-height:1.3">'
                "<b>Wake</b> w: resting follicles (telogen, kenogen) restart up to (1 + w)× sooner. "
                "<b>Extend</b> x: the growth phase runs up to (1 + x)× longer while exposed. "
                "<b>Thicken</b>: share of lost thickness regained by hairs that start under exposure. "
                "Sessions decay with the half-life; so does the effect after the stop.</div>"
            )
        )
        scalp = widgets.VBox([
            c["anagen_years"], c["anagen_cv"], c["kenogen_pct"],
            widgets.HTML("<b>Androgenetic alopecia (progressive)</b>"),
            c["aga_affected_pct"], c["anagen_shortening_pct"], c["miniaturization_pct"],
        ])
        stim = widgets.VBox([
            c["stimulation"], c["stim_start_month"], c["stim_stop_month"], c["schedule"],
            c["interval_days"], c["half_life_days"], c["wake"], c["extend"], c["thicken_pct"],
            c["responders_pct"], c["persistence_pct"], self._knob_help,
        ])
        view = widgets.VBox([
            c["mean_field"],
            widgets.HTML("<b>Export the current run</b>"),
            c["folder"],
            widgets.HBox([c["export_csv"], c["export_png"]]),
            self._export_status,
        ])
        tabs = widgets.Tab(children=[scalp, stim, view])
        for i, title in enumerate(["Scalp & AGA", "Stimulation", "Plot & export"]):
            tabs.set_title(i, title)
        self._tabs = tabs
        run = widgets.VBox([
            c["preset"], c["n_follicles"], c["years"],
            widgets.HBox([c["seed"], c["new_seed"], c["reset"]]),
        ])
        left = widgets.VBox([run, tabs], layout=widgets.Layout(flex="0 0 430px", width="430px"))
        cursor = widgets.HBox([c["play"], c["time_month"]])
        right = widgets.VBox([self._figure_widget, cursor, self._readouts, self._caption],
                             layout=widgets.Layout(flex="1 1 560px", min_width="560px",
                                                   max_width="840px"))
        self.widget = widgets.VBox([
            note, self._error_html,
            widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap")),
        ])
        self.widget.add_class("hairsim-explorer")

    def _connect(self):
        c = self.controls
        c["preset"].observe(self._on_preset, names="value")
        c["seed"].observe(self._on_seed, names="value")
        c["years"].observe(self._on_years, names="value")
        for name in ("n_follicles", *_PARAM_CONTROLS, *_STIM_CONTROLS, "mean_field"):
            c[name].observe(self._on_change, names="value")
        c["stimulation"].observe(self._sync_enabled, names="value")
        c["schedule"].observe(self._sync_enabled, names="value")
        widgets.link((c["play"], "value"), (c["time_month"], "value"))
        c["time_month"].observe(self._on_cursor, names="value")
        c["new_seed"].on_click(lambda _b: self.new_seed())
        c["reset"].on_click(lambda _b: self.reset())
        c["export_csv"].on_click(lambda _b: self._export_clicked("csv"))
        c["export_png"].on_click(lambda _b: self._export_clicked("png"))
        self._sync_enabled()

    # ------------------------------------------------------------------ display
    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def close(self):
        """Close the figure and the widgets (frees memory when many explorers are made)."""
        plt.close(self.fig)
        self.widget.close()

    # ------------------------------------------------------------------ state
    @contextlib.contextmanager
    def _holding(self):
        """Set several controls without re-simulating after each one."""
        old, self._hold = self._hold, True
        try:
            yield
        finally:
            self._hold = old

    def _apply_preset(self, name):
        params = hs.presets.get(name)
        values = {}
        for ctrl, (field, _to, from_param) in _PARAM_CONTROLS.items():
            values[ctrl] = float(from_param(float(getattr(params, field))))
        self._preset_values = values
        with self._holding():
            for ctrl, value in values.items():
                self.controls[ctrl].value = value

    def params(self):
        """The Params built from the controls: the preset, with the values the sliders changed.

        Returns
        -------
        hairsim.Params
        """
        name = self.controls["preset"].value
        base = hs.presets.get(name)
        changes = {}
        for ctrl, (field, to_param, _from) in _PARAM_CONTROLS.items():
            value = self.controls[ctrl].value
            if value != self._preset_values.get(ctrl):
                changes[field] = float(to_param(value))
        return base.replace(**changes) if changes else base

    def stimulation(self):
        """The hypothetical Stimulation built from the controls, or None when it is off.

        Returns
        -------
        hairsim.Stimulation or None

        Raises
        ------
        ValueError
            If the stop month is not after the start month, or a value is out of range.
        """
        c = self.controls
        if not c["stimulation"].value:
            return None
        start_m, stop_m = c["stim_start_month"].value, c["stim_stop_month"].value
        if stop_m <= start_m:
            raise ValueError(
                f"The 'Stop (month)' setting must be after the start (month {start_m}); "
                f"got month {stop_m}."
            )
        return hs.Stimulation(
            start_day=int(round(start_m * DAYS_PER_MONTH)),
            stop_day=int(round(stop_m * DAYS_PER_MONTH)) - 1,  # last day of exposure
            schedule=c["schedule"].value,
            interval_days=float(c["interval_days"].value),
            half_life_days=float(c["half_life_days"].value),
            wake=float(c["wake"].value),
            extend=float(c["extend"].value),
            thicken=float(c["thicken_pct"].value) / 100.0,
            responders=float(c["responders_pct"].value) / 100.0,
            persistence=float(c["persistence_pct"].value) / 100.0,
        )

    def set(self, **values):
        """Set several controls at once and simulate once (handy in a notebook cell).

        Parameters
        ----------
        **values
            Control names (see the class notes) and their new values. A ``preset`` is applied
            first, so ``app.set(preset="healthy", anagen_years=1.0)`` starts from the healthy
            preset with a one-year anagen.

        Returns
        -------
        Explorer
            ``self``, so that a cell ending in ``app.set(...)`` shows the app.

        Raises
        ------
        TypeError
            If a name is not a control that holds a value.
        """
        settable = [k for k, w in self.controls.items() if hasattr(w, "value") and k != "play"]
        unknown = [k for k in values if k not in settable]
        if unknown:
            close = difflib.get_close_matches(unknown[0], settable, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise TypeError(f"Unknown control {unknown[0]!r}.{hint} The controls are: "
                            f"{', '.join(sorted(settable))}.")
        for name, value in values.items():
            self._check_value(name, value, years=values.get("years", self.years))
        order = sorted(values, key=lambda k: (k != "preset", k != "years"))
        with self._holding():
            for name in order:
                self.controls[name].value = values[name]
                if name == "preset":
                    self._apply_preset(values[name])
        self._sync_enabled()
        self._update()
        return self

    def _check_value(self, name, value, years):
        """Raise ValueError (one sentence) for a value a control would clip or refuse."""
        w = self.controls[name]
        options = getattr(w, "options", None)
        if options is not None:
            allowed = [o[1] if isinstance(o, tuple) else o for o in options]
            if value not in allowed:
                raise ValueError(f"The {name!r} control must be one of "
                                 f"{', '.join(map(repr, allowed))}; got {value!r}.")
            return
        lo, hi = getattr(w, "min", None), getattr(w, "max", None)
        if name in ("stim_start_month", "stim_stop_month", "time_month"):
            hi = 12 * int(years)
        if lo is not None and not lo <= value <= hi:
            raise ValueError(f"The {name!r} control must be in [{lo}, {hi}]; got {value!r}.")

    def new_seed(self):
        """Draw a new seed (different from the current one) and re-simulate.

        Returns
        -------
        int
            The new seed.
        """
        rng = np.random.default_rng()
        seed = self.seed
        while seed == self.seed:
            seed = int(rng.integers(0, 1_000_000))
        self.controls["seed"].value = seed
        return self.seed

    def reset(self):
        """Restore the chosen preset's values and the stimulation defaults; keep the seed.

        The preset, the number of follicles, the number of years and the seed stay as they are.
        """
        with self._holding():
            self._apply_preset(self.controls["preset"].value)
            for name, value in STIMULATION_DEFAULTS.items():
                self.controls[name].value = value
        self._sync_enabled()
        self._update()

    @property
    def years(self):
        """Length of the run in years."""
        return int(self.controls["years"].value)

    @property
    def n_follicles(self):
        """Number of simulated follicles."""
        return int(self.controls["n_follicles"].value)

    # ------------------------------------------------------------------ events
    def _on_change(self, _change=None):
        if not self._hold:
            self._update()

    def _on_preset(self, change):
        if self._hold:
            return
        self._apply_preset(change["new"])
        self._update()

    def _on_seed(self, change):
        self.seed = int(change["new"])
        if not self._hold:
            self._update()

    def _on_years(self, change):
        c = self.controls
        months = 12 * int(change["new"])
        at_end = c["time_month"].value >= 12 * int(change["old"])
        with self._holding():
            for name in ("stim_start_month", "stim_stop_month", "time_month", "play"):
                w = c[name]
                if months > w.max:
                    w.max = months
                else:
                    if w.value > months:
                        w.value = months
                    w.max = months
            if at_end:
                c["play"].value = months
            # A shorter run must not leave the window empty (stop clamped onto start).
            start, stop = c["stim_start_month"], c["stim_stop_month"]
            if stop.value <= start.value:
                start.value = min(start.value, months - 1)
                stop.value = max(stop.value, start.value + 1)
        if not self._hold:
            self._update()

    def _sync_enabled(self, _change=None):
        c = self.controls
        off = not c["stimulation"].value
        for name in _STIM_CONTROLS:
            if name != "stimulation":
                c[name].disabled = off
        c["interval_days"].disabled = off or c["schedule"].value != "sessions"

    def _on_cursor(self, _change=None):
        if self._hold or self.result is None:
            return
        self._update_cursor()
        self._draw()

    # ------------------------------------------------------------------ simulation
    def _counterfactual_key(self):
        c = self.controls
        return (c["preset"].value, tuple(c[k].value for k in _PARAM_CONTROLS),
                self.n_follicles, self.years, self.seed)

    def _update(self):
        """Simulate what changed (the untreated run is cached) and redraw in place."""
        t0 = time.perf_counter()
        try:
            params = self.params()
            stim = self.stimulation()
            cf_key = self._counterfactual_key()
            if cf_key != self._cf_key:
                self._cf_key = None
                with np.errstate(over="ignore", under="ignore"):
                    self.counterfactual = hs.simulate(params, n_follicles=self.n_follicles,
                                                      years=self.years, rng=self.seed)
                self.simulation_count += 1
                self._cf_key = cf_key
            if stim is None:
                result = self.counterfactual
            else:
                key = (cf_key, tuple(self.controls[k].value for k in _STIM_CONTROLS))
                if key != self._treated_key:
                    self._treated_key = None
                    with np.errstate(over="ignore", under="ignore"):
                        self._treated = hs.simulate(params, n_follicles=self.n_follicles,
                                                    years=self.years, stimulation=stim,
                                                    rng=self.seed)
                    self.simulation_count += 1
                    self._treated_key = key
                result = self._treated
            self._update_mean_field(params, cf_key)
        except (ValueError, TypeError) as exc:
            self._show_error(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - never show a student a traceback
            self._show_error(f"Unexpected error ({type(exc).__name__}): {exc}")
            return
        self._show_error("")
        self.result = result
        self._redraw()
        self.last_update_seconds = time.perf_counter() - t0

    def _update_mean_field(self, params, cf_key):
        self._mf_note = ""
        if not self.controls["mean_field"].value:
            return
        if params.is_progressive:
            self._mf = None
            self._mf_key = None
            self._mf_note = ("Mean field not shown: it describes a cycle that does not change, "
                             "and progressive AGA changes it cycle after cycle.")
            return
        key = (cf_key[:2], self.years)
        if key != self._mf_key:
            self._mf_key = None
            try:
                self._mf = hs.mean_field(params, years=self.years)
            except Exception as exc:  # noqa: BLE001
                self._mf = None
                self._mf_note = f"Mean field not available for these settings: {exc}"
                return
            self._mf_key = key

    def _show_error(self, message):
        self.error = message
        if message:
            self._error_html.value = (
                '<div style="background:#fde8e8;border-left:4px solid #D55E00;padding:4px 8px">'
                f"<b>Cannot run these settings.</b> {html.escape(message)} "
                "(The plots show the last valid run.)</div>"
            )
        else:
            self._error_html.value = ""

    # ------------------------------------------------------------------ drawing
    def _redraw(self):
        r, cf = self.result, self.counterfactual
        x = np.asarray(r.days, dtype=float) / 365.0
        treated = r.stimulation is not None
        years = self.years

        # density
        self.density_line.set_data(x, r.density)
        self.density_line.set_color(_TREATED if treated else _NEUTRAL)
        self.density_line.set_label("stimulated (what-if)" if treated else "simulated")
        self.counterfactual_line.set_data(np.asarray(cf.days, dtype=float) / 365.0, cf.density)
        self.counterfactual_line.set_visible(treated)
        ymax = float(np.max(r.density))
        if treated:
            ymax = max(ymax, float(np.max(cf.density)))
            s = r.stimulation
            start = s.start_day / 365.0
            stop = (s.stop_day + 1 if s.stop_day is not None else r.days[-1]) / 365.0
            self._window.set_x(start)
            self._window.set_width(max(stop - start, 0.0))
        self._window.set_visible(treated)
        if self._mf is not None and self.controls["mean_field"].value and not self._mf_note:
            self.mean_field_line.set_data(np.asarray(self._mf.days, dtype=float) / 365.0,
                                          self._mf.density)
            self.mean_field_line.set_visible(True)
            ymax = max(ymax, float(np.max(self._mf.density)))
        else:
            self.mean_field_line.set_visible(False)
        self._mf_text.set_text(self._mf_note)
        ax = self.ax_density
        ax.set_xlim(0, years)
        ax.set_ylim(0, max(ymax, 1e-9) * 1.12)
        handles = [h for h in (self.density_line, self.counterfactual_line, self.mean_field_line,
                               self._window) if h.get_visible()]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
                  frameon=False)

        # phases (stacked, %)
        n = float(r.n_follicles)
        lo = np.zeros_like(x)
        for band, ph in zip(self._bands, self._phase_order):
            counts = getattr(r, ph.name.lower())
            hi = lo + 100.0 * np.asarray(counts, dtype=float) / n
            band.set_verts(_band(x, lo, hi))
            lo = hi

        # shedding
        shed = np.asarray(r.shed, dtype=float)
        smooth = _rolling_mean(shed)
        self._shed_smooth = smooth
        self.shed_raw_line.set_data(x, shed)
        self.shed_line.set_data(x, smooth)
        if treated:
            self._cf_shed_smooth = _rolling_mean(np.asarray(cf.shed, dtype=float))
            self.shed_cf_line.set_data(x, self._cf_shed_smooth)
        else:
            self._cf_shed_smooth = smooth
        self.shed_cf_line.set_visible(treated)
        handles = [h for h in (self.shed_raw_line, self.shed_line, self.shed_cf_line)
                   if h.get_visible()]
        self.ax_shedding.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                                fontsize=8, frameon=False)
        smax = max(float(np.max(shed)) if shed.size else 0.0, 1.0)
        self.ax_shedding.set_ylim(0, smax * 1.08)

        self._update_cursor()
        self._caption.value = self._caption_html()
        self.redraw_count += 1
        self._draw()

    def _cursor_day(self):
        n_days = int(self.result.days[-1])
        return int(min(round(self.controls["time_month"].value * DAYS_PER_MONTH), n_days))

    def _update_cursor(self):
        day = self._cursor_day()
        x = day / 365.0
        for line in self._cursor_lines:
            line.set_xdata([x, x])
        self._readouts.value = self._readouts_html(day)

    def _readouts_html(self, day):
        r, cf = self.result, self.counterfactual
        treated = r.stimulation is not None
        d0, d = float(r.density[0]), float(r.density[day])
        change = d - d0
        pct = 100.0 * change / d0 if d0 > 0 else float("nan")
        anagen = 100.0 * float(r.anagen[day]) / r.n_follicles
        shed = float(self._shed_smooth[day])
        per_scalp = shed * 100_000 / r.n_follicles
        month = day / DAYS_PER_MONTH
        rows = [
            ("Time", f"month {month:.0f} (year {day / 365:.1f})"),
            ("Density", f"{d:.0f} hairs/cm² ({_fmt_signed(change, 0)} hairs/cm², "
                        f"{_fmt_signed(pct)} % from the start)"),
        ]
        if treated:
            dc = float(cf.density[day])
            rows.append(("Untreated (same seed)",
                         f"{dc:.0f} hairs/cm² (difference made by the stimulation: "
                         f"{_fmt_signed(d - dc, 0)} hairs/cm²)"))
        rows.append(("Follicles in anagen", f"{anagen:.1f} %"))
        shed_text = f"{shed:.1f} hairs/day (7-day mean)"
        if r.n_follicles != 100_000:
            shed_text += f", ≈ {per_scalp:.0f} per 100,000 follicles (a whole scalp)"
        rows.append(("Shedding", shed_text))
        body = "".join(
            f"<tr><td style='padding:1px 10px 1px 0;color:#555'>{html.escape(k)}</td>"
            f"<td style='padding:1px 0'><b>{html.escape(v)}</b></td></tr>"
            for k, v in rows
        )
        return f"<table style='font-size:1.05em'>{body}</table>"

    def caption(self):
        """A short plain-language sentence describing the current settings.

        Returns
        -------
        str
        """
        c = self.controls
        name = c["preset"].value
        label = PRESET_LABELS.get(name, name.replace("_", " ").capitalize())
        n = self.n_follicles
        try:
            area = n / float(self.params().follicles_per_cm2)
        except Exception:  # noqa: BLE001
            area = n / 225.0
        text = f"{label}, {self.years} years, {n:,} follicles (≈ {area:,.0f} cm²)"
        changed = []
        names = {
            "anagen_years": ("mean anagen", "{:.2f} years"),
            "anagen_cv": ("anagen spread", "CV {:.2f}"),
            "aga_affected_pct": ("AGA-affected follicles", "{:.0f} %"),
            "anagen_shortening_pct": ("anagen shortening", "{:.0f} % per year"),
            "miniaturization_pct": ("miniaturization", "{:.0f} % per year"),
            "kenogen_pct": ("kenogen chance", "{:.0f} %"),
        }
        for ctrl, (what, fmt) in names.items():
            if c[ctrl].value != self._preset_values.get(ctrl):
                changed.append(f"{what} {fmt.format(c[ctrl].value)}")
        if changed:
            text += ", changed: " + ", ".join(changed)
        if c["stimulation"].value:
            sched = ("applied daily" if c["schedule"].value == "continuous"
                     else f"sessions every {c['interval_days'].value} days")
            text += (
                f"; hypothetical stimulation from month {c['stim_start_month'].value} "
                f"to month {c['stim_stop_month'].value} ({sched}, half-life "
                f"{c['half_life_days'].value:.0f} days): wake {c['wake'].value:.1f}, "
                f"extend {c['extend'].value:.1f}, thicken {c['thicken_pct'].value:.0f} %, "
                f"{c['responders_pct'].value:.0f} % of follicles respond, "
                f"{c['persistence_pct'].value:.0f} % of the gain kept after stopping"
            )
            if c["stim_start_month"].value >= 12 * self.years:
                text += " (it starts after the end of the run)"
        else:
            text += "; no stimulation"
        text += f". Seed {self.seed}."
        if c["aga_affected_pct"].value == 0 and (
            c["anagen_shortening_pct"].value > 0 or c["miniaturization_pct"].value > 0
        ):
            text += " (AGA progression has no effect while 0 % of follicles are affected.)"
        return text

    def _caption_html(self):
        name = self.controls["preset"].value
        try:
            describe = hs.presets.describe(name)
        except Exception:  # noqa: BLE001
            describe = ""
        extra = f"<br><span style='color:#555'>{html.escape(describe)}</span>" if describe else ""
        return f"<div style='max-width:820px'>{html.escape(self.caption())}{extra}</div>"

    def _draw(self):
        if self._ipympl:
            self.fig.canvas.draw_idle()
        elif _in_kernel():
            from IPython.display import display

            out = self._figure_widget
            out.clear_output(wait=True)
            with out:
                display(self.fig)

    # ------------------------------------------------------------------ export
    def _export_target(self, path, suffix):
        if path is None:
            folder = Path(self.controls["folder"].value or ".").expanduser()
            name = f"hairsim_{self.controls['preset'].value}_seed{self.seed}{suffix}"
            return folder / name
        path = Path(path).expanduser()
        if path.is_dir():
            return path / f"hairsim_{self.controls['preset'].value}_seed{self.seed}{suffix}"
        return path

    def export_csv(self, path=None):
        """Write the current run to a CSV file (readable by ``hs.Result.from_csv``).

        Parameters
        ----------
        path : str or Path, optional
            File or folder to write to; default: the folder shown in the app.

        Returns
        -------
        Path
            The file written.
        """
        target = self._export_target(path, ".csv")
        self.result.to_csv(target)
        return target

    def export_png(self, path=None, dpi=150):
        """Save the figure as a PNG file.

        Parameters
        ----------
        path : str or Path, optional
            File or folder to write to; default: the folder shown in the app.
        dpi : int, default 150
            Resolution of the image.

        Returns
        -------
        Path
            The file written.
        """
        target = self._export_target(path, ".png")
        self.fig.savefig(target, dpi=dpi, format="png", bbox_inches="tight")
        return target

    def _export_clicked(self, kind):
        try:
            target = self.export_csv() if kind == "csv" else self.export_png()
        except (OSError, ValueError) as exc:
            self._export_status.value = (
                f"<span style='color:#D55E00'>Could not write the file: {html.escape(str(exc))}</span>"
            )
            return
        mime = "text/csv" if kind == "csv" else "image/png"
        link = ""
        try:
            data = target.read_bytes()
            if len(data) <= 5_000_000:
                b64 = base64.b64encode(data).decode("ascii")
                link = (f" <a download='{html.escape(target.name)}' "
                        f"href='data:{mime};base64,{b64}'>download to this computer</a>")
        except OSError:
            pass
        self._export_status.value = f"Wrote <code>{html.escape(str(target.resolve()))}</code>.{link}"
