"""The explorer's widgets: built from the controls table; observe → model → figure.

:class:`Explorer` is what ``hairsim.widgets.Explorer`` re-exports. Its figures are shown as images
(``ipywidgets.Image``) rendered by :mod:`figure` and :mod:`world`: they scale to their column (nothing
is cut on a narrow screen or a projector), take no keyboard focus (Tab goes on to Play), and need
no ipympl (the app also works where only ipywidgets is installed).

Events from the browser are debounced: a burst (an arrow key held down, a dragged slider) runs only
its last value, and the figure shows "Updating…" meanwhile. Changes made from Python (``set``,
``controls[...].value = ...`` in a cell) run at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import os
import time
from pathlib import Path

import ipywidgets as widgets

from .._validation import FilePath, validate_params
from ..plot_world import DPI, FPS, FRAMES
from ..result import _os_sentence
from . import controls as C
from .about import about_html
from .export import csv_bytes, download_link, gif_bytes, have_ffmpeg, png_bytes
from .figure import CurvesDisplay
from .model import HYPOTHETICAL_NOTE, ExplorerModel, stimulation_defaults
from .world import WorldDisplay

__all__ = ["Explorer", "HYPOTHETICAL_NOTE", "STIMULATION_DEFAULTS"]

#: Seconds a burst of browser events must be quiet before the last one runs.
DEBOUNCE_SECONDS = 0.03
PLAY_TICK_MS = 250

CSS = """
<style>
.hairsim-explorer { max-width: 100%; box-sizing: border-box; font-size: 13px; }
.hairsim-explorer * { box-sizing: border-box; }
.hairsim-explorer :focus-visible { outline: 3px solid #0072B2 !important; outline-offset: 1px; }
.hairsim-top { align-items: center; gap: 10px; flex-wrap: wrap; }
.hairsim-note { background: #fff6d6; border-left: 4px solid #E69F00; padding: 2px 8px;
                line-height: 1.3; }
.hairsim-main { flex-flow: row wrap; align-items: flex-start; gap: 8px; width: 100%; }
.hairsim-controls { flex: 0 0 340px; width: 340px; max-width: 100%; }
.hairsim-center { flex: 3 1 440px; min-width: 0; max-width: 980px; }
.hairsim-world-col { flex: 1 1 300px; min-width: 220px; max-width: 520px; }
.hairsim-explorer .widget-image { width: 100%; height: auto; object-fit: contain; margin: 0;
                                  display: block; }
.hairsim-figure { max-height: calc(100vh - 290px); min-height: 160px; }
.hairsim-world-view .widget-image { max-height: calc(100vh - 70px); }
.hairsim-explorer .widget-slider, .hairsim-explorer .widget-dropdown,
.hairsim-explorer .widget-text { width: 100%; max-width: 100%; }
.hairsim-explorer .widget-label { white-space: normal; line-height: 1.15; }
.hairsim-controls .widget-slider, .hairsim-controls .widget-dropdown,
.hairsim-time .widget-slider { height: auto; min-height: var(--jp-widgets-inline-height); }
.hairsim-controls .widget-slider .widget-label, .hairsim-controls .widget-dropdown .widget-label,
.hairsim-time .widget-label { height: auto; min-height: var(--jp-widgets-inline-height);
                              display: flex; align-items: center; justify-content: flex-end; }
.hairsim-explorer .hairsim-sr-box { position: absolute; width: 1px; height: 1px; min-height: 0;
                                    overflow: hidden; margin: 0; padding: 0; }
.hairsim-figure-box { position: relative; display: block; width: 100%; overflow: hidden; }
.hairsim-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
                   clip: rect(0 0 0 0); white-space: nowrap; }
.hairsim-busy { position: absolute; top: 4px; right: 8px; background: #0072B2; color: white;
                padding: 1px 8px; border-radius: 3px; font-weight: bold; visibility: hidden; }
.hairsim-updating .hairsim-busy { visibility: visible; }
.hairsim-updating .widget-image { opacity: 0.55; }
.hairsim-time { align-items: center; gap: 6px; flex-wrap: wrap; }
.hairsim-time-cursor { flex: 1 1 260px; min-width: 200px; }
.hairsim-readouts table { border-collapse: collapse; line-height: 1.25; }
.hairsim-readouts td { padding: 0 10px 0 0; vertical-align: top; }
.hairsim-readouts caption { text-align: left; color: #555; font-size: 0.9em; }
.hairsim-caption { color: #333; line-height: 1.3; }
.hairsim-help { font-size: 0.9em; color: #444; line-height: 1.3; }
.hairsim-about { max-height: calc(100vh - 260px); overflow-y: auto; line-height: 1.35;
                 padding-right: 6px; }
.hairsim-about h3 { margin: 8px 0 2px 0; font-size: 1.05em; }
.hairsim-about p, .hairsim-about ul { margin: 2px 0 4px 0; }
.hairsim-controls .lm-TabBar-tab { flex: 0 1 auto !important; min-width: 0 !important;
                                  padding: 0 7px !important; }
.hairsim-reason { color: #555; font-size: 0.9em; line-height: 1.25; }
.hairsim-projector { font-size: 17px; }
.hairsim-projector .widget-label, .hairsim-projector .widget-readout,
.hairsim-projector select, .hairsim-projector button, .hairsim-projector .lm-TabBar-tab {
    font-size: 16px !important; }
.hairsim-projector .hairsim-controls { flex-basis: 400px; width: 400px; }
.hairsim-projector .hairsim-world-col { flex: 1 1 260px; max-width: 320px; }
.hairsim-projector .hairsim-readouts, .hairsim-projector .hairsim-caption,
.hairsim-projector .hairsim-readouts td, .hairsim-projector .hairsim-readouts th,
.hairsim-projector .hairsim-note, .hairsim-projector .hairsim-about { font-size: 16px; }
</style>
"""

def _in_kernel_loop():
    """The running asyncio loop of a Jupyter kernel, or None (plain Python, tests, scripts)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class _Debouncer:
    """Run ``fn(kinds)`` once a burst of requests has been quiet for ``delay`` seconds."""

    def __init__(self, fn, delay=DEBOUNCE_SECONDS, on_pending=None):
        self.fn, self.delay, self.on_pending = fn, delay, on_pending
        self._handle = None
        self._kinds = set()

    def request(self, kinds, defer):
        self._kinds |= {kinds} if isinstance(kinds, str) else set(kinds)
        loop = _in_kernel_loop() if defer else None
        if loop is None:
            self.flush()
            return
        if self._handle is not None:
            self._handle.cancel()
        elif self.on_pending is not None:
            self.on_pending(True)
        self._handle = loop.call_later(self.delay, self.flush)

    def flush(self):
        self._handle = None
        kinds, self._kinds = self._kinds, set()
        if kinds:
            self.fn(kinds)


class Explorer:
    """A no-code explorer of the hair-follicle population, for a projector or self-study.

    Parameters
    ----------
    n_follicles : int, [1, 1,000,000], default 100_000
        Number of simulated follicles (225 ≈ a 1 cm² patch, 100,000 ≈ a whole scalp).
    years : int, [1, 30], default 10
        Length of the run, in whole years.
    preset : str, default "aga_moderate"
        Starting preset, one of ``hs.presets.names()``.
    seed : int, default 1
        Seed of the random numbers; the treated and untreated runs share it.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The whole app; a notebook cell ending in the Explorer (or ``app.widget``) shows it.
    controls : dict of str to ipywidgets.Widget
        Every control by name (see :mod:`hairsim.app.controls`; e.g. ``controls["wake"]``), plus
        the buttons ``new_seed``, ``reset``, ``export_csv``, ``export_png``, ``export_gif``
        ("Save animation"), ``export_mp4`` (shown only where ffmpeg is installed) and the ``play``
        widget.
    model : hairsim.app.model.ExplorerModel
        The settings and runs, without widgets.
    result : hairsim.Result
        The current run (treated when the stimulation is on).
    counterfactual : hairsim.Result
        The same settings without stimulation, from the same seed.
    fig : matplotlib.figure.Figure
        The figure with the density, phase and shedding panels (``curves.fig``).
    curves : hairsim.app.figure.CurvesDisplay
        Its artists (``density_line``, ``counterfactual_line``, ``bands`` …).
    world : hairsim.app.world.WorldDisplay
        The world view: the patch of follicles and the scalp map.
    density_line, counterfactual_line, mean_field_line : matplotlib.lines.Line2D
    redraw_count : int
        How many times the curves were updated after a run (cursor moves are not counted).
    simulation_count : int
        How many simulations were run (the untreated run is cached).
    seed : int
    last_update_seconds : float
        Wall time of the last run's simulate + redraw + PNG of the figure (what the browser
        waits for; the world view is drawn after it).
    timings : dict
        Its parts, in seconds: ``simulate``, ``update_artists``, ``render`` (PNG included).
    error : str
        The message shown for the last invalid combination of settings ("" when none).

    Notes
    -----
    The stimulation is hypothetical: a what-if model, not the measured effect of any product.
    A month is 365/12 days. Controls left at the preset's values keep the preset's exact values.
    """

    @validate_params(C.CONSTRUCTOR_CONSTRAINTS, owner="Explorer")
    def __init__(self, n_follicles=100_000, years=10, preset="aga_moderate", seed=1):
        self.model = ExplorerModel(n_follicles=n_follicles, years=years, preset=preset, seed=seed)
        self.redraw_count = 0
        self.last_update_seconds = float("nan")
        self.timings = {}
        self._sync = False
        self._debouncer = _Debouncer(self._refresh, on_pending=self._set_busy)
        self._world_later = _Debouncer(lambda _kinds: self._draw_world(), delay=0.08)
        self.curves = CurvesDisplay()
        self.world = WorldDisplay()
        self._build_controls()
        self._build_layout()
        self._push_values()
        self._connect()
        self._refresh({"run"})

    # ------------------------------------------------------------------ building
    def _make(self, row):
        style = {"description_width": "42%"}
        wide = widgets.Layout(width="100%")
        v = self.model.values[row.name]
        common = dict(description=row.description, style=style, layout=wide,
                      tooltip=row.help or None)
        if row.kind == "float":
            w = widgets.FloatSlider(value=v, min=row.lo, max=row.high(self.model.years),
                                    step=row.step, readout_format=row.fmt,
                                    continuous_update=False, **common)
        elif row.kind == "int" and row.name == "seed":
            w = widgets.BoundedIntText(value=v, min=row.lo, max=row.hi, description=row.label,
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="130px"),
                                       tooltip=row.help)
        elif row.kind == "int":
            w = widgets.IntSlider(value=v, min=row.lo, max=row.high(self.model.years),
                                  step=row.step, continuous_update=False, **common)
        elif row.kind == "choice":
            options = self.model.follicle_options if row.name == "n_follicles" else row.options
            w = widgets.Dropdown(options=options, value=v, **common)
        else:
            w = widgets.Checkbox(value=bool(v), description=row.description, indent=False,
                                 tooltip=row.help or None, layout=wide)
        return w

    def _build_controls(self):
        c = {row.name: self._make(row) for row in C.CONTROLS}
        t = c["time_month"]
        t.continuous_update = True
        t.description = "Time (month)"
        t.style = {"description_width": "88px"}
        t.layout = widgets.Layout(width="auto")
        t.add_class("hairsim-time-cursor")
        sp = c["speed"]
        sp.style = {"description_width": "130px"}
        sp.layout = widgets.Layout(width="280px")
        c["projector"].layout = widgets.Layout(width="auto")
        c["play"] = widgets.Play(value=t.value, min=0, max=t.max, step=1, interval=PLAY_TICK_MS,
                                 description="Play", tooltip="Play: animate the time cursor",
                                 show_repeat=False)
        c["play"].add_class("hairsim-play")
        c["new_seed"] = widgets.Button(description="New seed", icon="random",
                                       tooltip="Draw new random numbers (same settings)",
                                       layout=widgets.Layout(width="auto"))
        c["reset"] = widgets.Button(description="Reset", icon="undo",
                                    tooltip="Restore the preset's values; keep the seed",
                                    layout=widgets.Layout(width="auto"))
        c["export_csv"] = widgets.Button(description="CSV", icon="download",
                                         tooltip="Download the current run: a zip of its CSV and its "
                                                 "settings file (unzip it; keep the two together)")
        c["export_png"] = widgets.Button(description="PNG", icon="image",
                                         tooltip="Download the figure as PNG")
        c["export_gif"] = widgets.Button(description="Save animation", icon="film",
                                         tooltip="Download an animated GIF of the world view")
        c["export_mp4"] = widgets.Button(description="MP4", icon="film",
                                         tooltip="Download the world view's animation as MP4")
        for name in ("export_csv", "export_png", "export_gif", "export_mp4"):
            c[name].layout = widgets.Layout(width="auto")
        if not have_ffmpeg():                        # MP4 only where ffmpeg exists
            c["export_mp4"].layout.display = "none"
        self.controls = c

    def _build_layout(self):
        c = self.controls
        self._css = widgets.HTML(CSS, layout=widgets.Layout(display="none"))
        self._error_html = widgets.HTML("")
        self._readouts = widgets.HTML("")
        self._readouts.add_class("hairsim-readouts")
        self._caption = widgets.HTML("")
        self._caption.add_class("hairsim-caption")
        self._export_status = widgets.HTML("")
        self._mf_reason = widgets.HTML("")
        self._mf_reason.add_class("hairsim-reason")
        note = widgets.HTML(f"<div class='hairsim-note'><b>hairsim explorer.</b> "
                            f"{html.escape(HYPOTHETICAL_NOTE)}</div>",
                            layout=widgets.Layout(flex="1 1 400px"))
        self._note = note
        top = widgets.HBox([note, c["projector"]])
        top.add_class("hairsim-top")

        def tab_box(name, extra=()):
            return widgets.VBox([c[row.name] for row in C.by_tab(name)] + list(extra))

        knob_help = widgets.HTML(
            "<div class='hairsim-help'><b>Wake</b> w: resting follicles restart up to "
            "(1 + w)× sooner. <b>Extend</b> x: growth runs up to (1 + x)× longer while exposed. "
            "<b>Thicken</b>: share of lost thickness regained by hairs that start under exposure."
            "</div>")
        scalp = tab_box("Scalp & AGA")
        stim = tab_box("Stimulation", [knob_help])
        view = widgets.VBox([
            c["mean_field"], self._mf_reason, c["scalp_pattern"],
            widgets.HTML("<b>Download</b> (straight to this computer)"),
            widgets.HBox([c["export_csv"], c["export_png"], c["export_gif"], c["export_mp4"]],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self._export_status,
        ])
        about = widgets.HTML(about_html())
        tabs = widgets.Tab(children=[scalp, stim, view, about])
        tabs.titles = C.TAB_TITLES
        self._tabs = tabs
        seed_row = widgets.HBox([c["seed"], c["new_seed"], c["reset"]],
                                layout=widgets.Layout(flex_flow="row wrap"))
        left = widgets.VBox([c["preset"], c["n_follicles"], c["years"], seed_row, tabs])
        left.add_class("hairsim-controls")

        self._image = widgets.Image(format="png")
        self._image.add_class("hairsim-figure")
        # (an Image widget must not get a tooltip: its front end fails to render it)
        fig_text = widgets.HTML(
            "<span class='hairsim-sr-only'>Figure: hair density, the share of follicles in each "
            "phase and daily shedding over time; the readouts below give its values at the time "
            "cursor.</span>")
        fig_text.add_class("hairsim-sr-box")
        self._busy = widgets.HTML("<span class='hairsim-busy' role='status'>Updating…</span>")
        fig_box = widgets.Box([fig_text, self._image, self._busy])
        fig_box.add_class("hairsim-figure-box")
        fig_box.tabbable = False                     # a box, not a control: no tab stop
        self._fig_box = fig_box
        time_row = widgets.HBox([c["play"], c["time_month"], c["speed"]])
        time_row.add_class("hairsim-time")
        center = widgets.VBox([fig_box, time_row, self._readouts, self._caption])
        center.add_class("hairsim-center")

        self._world_image = widgets.Image(format="png")
        world_text = widgets.HTML(
            "<span class='hairsim-sr-only'>World view: a 1 cm² patch of the run's own follicles, "
            "each drawn as the hair it carries, and the scalp map coloured by density, at the "
            "time cursor. The readouts give the patch's hair count.</span>")
        world_text.add_class("hairsim-sr-box")
        world = widgets.VBox([world_text, self._world_image])
        world.tabbable = False
        world.add_class("hairsim-world-view")
        world.add_class("hairsim-world-col")
        self._world_box = world

        main = widgets.HBox([left, center, world])
        main.add_class("hairsim-main")
        self.widget = widgets.VBox([self._css, top, self._error_html, main])
        self.widget.add_class("hairsim-explorer")

    def _connect(self):
        c = self.controls
        for row in C.CONTROLS:
            c[row.name].observe(self._on_control, names="value")
        widgets.jslink((c["play"], "value"), (c["time_month"], "value"))
        c["new_seed"].on_click(lambda _b: self.new_seed())
        c["reset"].on_click(lambda _b: self.reset())
        c["export_csv"].on_click(lambda _b: self._export_clicked("csv"))
        c["export_png"].on_click(lambda _b: self._export_clicked("png"))
        c["export_gif"].on_click(lambda _b: self._export_clicked("gif"))
        c["export_mp4"].on_click(lambda _b: self._export_clicked("mp4"))

    # ------------------------------------------------------------------ display
    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def close(self):
        """Close the widgets and free the figures."""
        self.widget.close()
        for fig in (self.curves.fig, self.world.fig):
            fig.clear()

    # ------------------------------------------------------------------ model <-> widgets
    @contextlib.contextmanager
    def _syncing(self):
        old, self._sync = self._sync, True
        try:
            yield
        finally:
            self._sync = old

    def _push_values(self):
        """Show the model's values in the widgets (ranges first, then values)."""
        m, c = self.model, self.controls
        months = 12 * m.years
        with self._syncing():
            c["n_follicles"].options = m.follicle_options
            for row in C.CONTROLS:
                w = c[row.name]
                if row.hi == "months" and w.max != months:
                    if months > w.max:
                        w.max = months
                    else:
                        w.value = min(w.value, months)
                        w.max = months
            if c["play"].max != months:
                c["play"].max = months
            for row in C.CONTROLS:
                if c[row.name].value != m.values[row.name]:
                    c[row.name].value = m.values[row.name]
            c["play"].value = m.values["time_month"]
        self._sync_enabled()

    def _sync_enabled(self):
        c, v = self.controls, self.model.values
        off = not v["stimulation"]
        for row in C.stim_controls():
            if row.name != "stimulation":
                c[row.name].disabled = off
        c["interval_days"].disabled = off or v["schedule"] != "sessions"
        reason = self.model.mean_field_reason()
        c["mean_field"].disabled = bool(reason)
        self._mf_reason.value = (f"<div>{html.escape(reason)}</div>" if reason else "")
        speed = float(v["speed"])
        step = max(1, int(round(speed * PLAY_TICK_MS / 1000.0)))
        c["play"].step = step
        c["play"].interval = int(round(1000.0 * step / speed))
        projector = bool(v["projector"])
        if projector:
            self.widget.add_class("hairsim-projector")
        else:
            self.widget.remove_class("hairsim-projector")

    def _on_control(self, change):
        if self._sync:
            return
        name = next(r.name for r in C.CONTROLS if self.controls[r.name] is change["owner"])
        from_browser = bool(change["owner"]._property_lock)
        try:
            changed = self.model.set_from_widget(name, change["new"])
        except (TypeError, ValueError) as exc:
            self.model.error = str(exc)
            self._show_error(str(exc))
            return
        kind = self._kind_of(changed)
        if "years" in changed or "preset" in changed:
            self._push_values()
        else:
            self._sync_enabled()
        if kind:
            self._debouncer.request(kind, defer=from_browser)

    @staticmethod
    def _kind_of(changed):
        """What a change needs redrawn: a set of "run", "projector", "world", "cursor"."""
        kinds = set()
        rest = set(changed) - {"time_month", "speed", "projector", "scalp_pattern"}
        if rest:
            kinds.add("run")
        if "projector" in changed:
            kinds.add("projector")
        if "scalp_pattern" in changed:
            kinds.add("world")
        if "time_month" in changed:
            kinds.add("cursor")
        return kinds

    def _set_busy(self, on):
        if on:
            self._fig_box.add_class("hairsim-updating")
        else:
            self._fig_box.remove_class("hairsim-updating")

    # ------------------------------------------------------------------ refresh
    def _refresh(self, kinds):
        """Bring the figures up to date: a run (simulate + redraw), the cursor, the world view."""
        try:
            t0 = time.perf_counter()
            if "projector" in kinds:
                on = bool(self.model.values["projector"])
                self.curves.set_projector(on)
                self.world.set_projector(on)
                kinds = kinds | {"world"}
            if "run" in kinds:
                self.model.update()
                t1 = time.perf_counter()
                self._show_error(self.model.error)
                if self.model.result is None or self.model.error:
                    return                            # the last valid run stays on screen
                self.curves.update(self.model.result, self.model.counterfactual,
                                   self.model.mean_field, self.model.note)
                self.redraw_count += 1
                self._caption.value = self._caption_html()
                t2 = time.perf_counter()
            if self.model.result is None:
                return
            self.curves.set_cursor(self.model.cursor_day())
            self._image.value = self.curves.png()
            if "run" in kinds:
                t3 = time.perf_counter()
                self.last_update_seconds = t3 - t0
                self.timings = {"simulate": t1 - t0, "update_artists": t2 - t1, "render": t3 - t2}
            self._readouts.value = self._readouts_html()
            if "run" in kinds and _in_kernel_loop() is not None:
                # after a run, the world view waits for the burst to end (it is slower than the
                # figure, and the next slider event should not wait for it)
                self._world_later.request("world", defer=True)
            else:
                self._draw_world()
        finally:
            self._set_busy(False)

    def _draw_world(self):
        m = self.model
        day = m.cursor_day()
        tr = m.trace()
        self.world.update_patch(tr, tr.state_at(day), day)
        try:
            self.world.update_map(m.scalp(), day, m.values["scalp_pattern"])
        except Exception as exc:  # noqa: BLE001 - the map is an extra: never a traceback
            self.world.clear_map(f"No scalp map for these settings: {exc}")
        self._world_image.value = self.world.png()
        self._readouts.value = self._readouts_html()     # with the patch's count

    def _readouts_html(self):
        rows = self.model.readouts(shed_smooth=self.curves.shed_smooth)
        body = "".join(f"<tr><th scope='row' style='text-align:left;font-weight:normal;"
                       f"color:#555;padding-right:10px'>{html.escape(k)}</th>"
                       f"<td><b>{html.escape(v)}</b></td></tr>" for k, v in rows)
        patch = self.world.patch.count if self.world.patch is not None else None
        if patch:
            body += (f"<tr><th scope='row' style='text-align:left;font-weight:normal;color:#555'>"
                     f"Patch (world view)</th><td><b>{patch['nonvellus']} hairs counted in "
                     f"{self.model.trace().area_cm2:.2g} cm²</b></td></tr>")
        return ("<table aria-label='Readouts at the time cursor'><caption>At the time cursor "
                f"(the figure's values in words)</caption>{body}</table>")

    def _caption_html(self):
        extra = self.model.describe_preset()
        extra = f"<br><span style='color:#555'>{html.escape(extra)}</span>" if extra else ""
        return f"<div>{html.escape(self.model.caption())}{extra}</div>"

    def _show_error(self, message):
        if message:
            self._error_html.value = (
                '<div role="alert" style="background:#fde8e8;border-left:4px solid #D55E00;'
                f'padding:4px 8px"><b>Cannot run these settings.</b> {html.escape(message)} '
                "(The plots show the last valid run.)</div>")
        else:
            self._error_html.value = ""

    # ------------------------------------------------------------------ public API
    @property
    def result(self):
        return self.model.result

    @property
    def counterfactual(self):
        return self.model.counterfactual

    @property
    def error(self):
        return self.model.error

    @property
    def simulation_count(self):
        return self.model.simulation_count

    @property
    def seed(self):
        return self.model.seed

    @property
    def years(self):
        """Length of the run in years."""
        return self.model.years

    @property
    def n_follicles(self):
        """Number of simulated follicles."""
        return self.model.n_follicles

    @property
    def fig(self):
        return self.curves.fig

    @property
    def ax_density(self):
        return self.curves.ax_density

    @property
    def ax_phases(self):
        return self.curves.ax_phases

    @property
    def ax_shedding(self):
        return self.curves.ax_shedding

    @property
    def density_line(self):
        return self.curves.density_line

    @property
    def counterfactual_line(self):
        return self.curves.counterfactual_line

    @property
    def mean_field_line(self):
        return self.curves.mean_field_line

    def params(self):
        """The Params built from the controls (the preset, with the values the sliders changed)."""
        return self.model.params()

    def stimulation(self):
        """The hypothetical Stimulation built from the controls, or None when it is off."""
        return self.model.stimulation()

    def caption(self):
        """A short plain-language sentence describing the current settings."""
        return self.model.caption()

    def set(self, **values):
        """Set several controls at once and simulate once (handy in a notebook cell).

        Parameters
        ----------
        **values
            Control names (see :mod:`hairsim.app.controls`) and their new values, checked before
            anything changes. A ``preset`` is applied first, so
            ``app.set(preset="healthy", anagen_years=1.0)`` starts from the healthy preset with a
            one-year anagen.

        Returns
        -------
        Explorer
            ``self``, so that a cell ending in ``app.set(...)`` shows the app.

        Raises
        ------
        TypeError
            If a name is not a control.
        ValueError
            One sentence naming the control, the allowed values and the value given.
        """
        changed = self.model.set(**values)
        self._push_values()
        kinds = self._kind_of(changed)
        if kinds:
            self._refresh(kinds)
        return self

    def new_seed(self):
        """Draw a new seed (different from the current one) and re-simulate; return it."""
        self.model.new_seed()
        self._push_values()
        self._refresh({"run"})
        return self.seed

    def reset(self):
        """Restore the preset's values and the stimulation defaults; keep the seed."""
        self.model.reset()
        self._push_values()
        self._refresh({"run"})

    # ------------------------------------------------------------------ export
    def _target(self, path, suffix):
        name = self.model.export_name(suffix)
        if path is None:
            return Path(name)
        path = Path(path).expanduser()
        target = path / name if path.is_dir() else path
        if not target.parent.is_dir():  # before the work (an animation takes seconds to build)
            raise _os_sentence(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(target)),
                               str(target), "written")
        return target

    @staticmethod
    def _write(target, data: bytes):
        try:
            target.write_bytes(data)
        except OSError as exc:  # one sentence naming the path, as Result.to_csv says it
            raise _os_sentence(exc, str(target), "written") from None

    @validate_params({"path": FilePath(none_ok=True)}, owner="Explorer.export_csv")
    def export_csv(self, path=None):
        """Write the current run to a CSV file (``hs.Result.from_csv`` reads it back); return it.

        ``path`` is a file or a folder (default: the current folder). The app's CSV button does
        not write files: it downloads to the browser.
        """
        result = self.model.require_result()
        target = self._target(path, ".csv")
        result.to_csv(target)
        return target

    @validate_params({"path": FilePath(none_ok=True), "dpi": DPI}, owner="Explorer.export_png")
    def export_png(self, path=None, dpi=150):
        """Save the figure (with the time cursor) as a PNG file; return its path.

        ``path`` is a file or a folder (default: the current folder); ``dpi`` a whole number in
        [10, 600]."""
        self.model.require_result()
        target = self._target(path, ".png")
        self._write(target, png_bytes(self.curves, dpi=dpi))
        return target

    @validate_params({"path": FilePath(none_ok=True), "frames": FRAMES, "fps": FPS},
                     owner="Explorer.export_gif")
    def export_gif(self, path=None, frames=None, fps=8):
        """Save the world view's animation (patch and scalp map) as a GIF; return its path.

        ``path`` is a file or a folder (default: the current folder); ``frames`` and ``fps`` as in
        :func:`hairsim.plot.animate`."""
        result = self.model.require_result()
        target = self._target(path, ".gif")
        self._write(target, gif_bytes(result, frames=frames, fps=fps, scalp=self.model.scalp()))
        return target

    def export_bytes(self, kind):
        """``(file name, bytes, MIME type)`` of the ``"csv"``, ``"png"`` or ``"gif"`` export."""
        result = self.model.require_result()
        if kind == "csv":
            return csv_bytes(result, self.model.export_name(".csv"))
        if kind == "png":
            return self.model.export_name(".png"), png_bytes(self.curves), "image/png"
        if kind in ("gif", "mp4"):
            data = gif_bytes(result, scalp=self.model.scalp(), fmt=kind)
            return (self.model.export_name(f".{kind}"), data,
                    "image/gif" if kind == "gif" else "video/mp4")
        raise ValueError(f"The 'kind' parameter must be one of 'csv', 'png', 'gif', 'mp4'; "
                         f"got {kind!r}.")

    def _export_clicked(self, kind):
        self._export_status.value = "<span role='status'>Preparing the file…</span>"
        try:
            name, data, mime = self.export_bytes(kind)
            link = download_link(name, data, mime)
        except (OSError, ValueError) as exc:
            self._export_status.value = (f"<span role='alert' style='color:#D55E00'>Could not "
                                         f"export: {html.escape(str(exc))}</span>")
            return
        self._export_status.value = f"<div role='status'>Ready: {link}</div>"


#: Default values of the (hypothetical) stimulation controls; "Reset" restores them.
STIMULATION_DEFAULTS = stimulation_defaults()
