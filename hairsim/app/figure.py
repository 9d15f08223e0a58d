"""The explorer's curves: density, phases and shedding, as artists kept and updated.

:class:`CurvesDisplay` follows scikit-learn's Display idea: it builds the three panels once and
``update(result, counterfactual)`` changes the artists' data (no new lines, no legend rebuilt unless
the set of shown lines changes); ``set_cursor(day)`` moves the time cursor only. It draws what
:func:`hairsim.plot.plot_overview` draws (the same time axis, units, colours and moving average),
in a :class:`matplotlib.figure.Figure` of its own: no pyplot, so it works with any backend and in
a test without a display.

:func:`render_png` turns a figure into PNG bytes for an ``ipywidgets.Image`` (the app shows images,
not an interactive canvas: no keyboard trap, and the image scales to its column, so nothing is cut).
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..phases import PHASE_COLORS, SHED_COLOR, TREATED_COLOR, UNTREATED_COLOR, Phase
from ..plot import SHED_PER_FOLLICLES, moving_average, time_axis

__all__ = ["CurvesDisplay", "Layers", "render_png", "scale_figure", "PROJECTOR_SCALE"]

#: How much larger text and lines are in projector mode.
PROJECTOR_SCALE = 1.25
_NEUTRAL = "#333333"
_PHASES = (Phase.ANAGEN, Phase.CATAGEN, Phase.TELOGEN, Phase.KENOGEN)


def render_png(fig, compress_level=1, draw=True) -> bytes:
    """The figure as PNG bytes (fast compression: the bytes only cross the local websocket)."""
    from PIL import Image

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if draw:
        canvas.draw()
    buf = canvas.buffer_rgba()
    img = Image.frombuffer("RGBA", (buf.shape[1], buf.shape[0]), buf, "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    img.save(out, format="PNG", compress_level=compress_level)
    return out.getvalue()


class Layers:
    """A figure drawn in cached layers, so that a change redraws only what it touches.

    The *frame* is everything that is not animated (axes, ticks, labels, legends): drawn by
    ``canvas.draw()`` and cached until its key changes. Over it come the layers, each a list of
    animated artists drawn with ``draw_artist``; a layer with a key is cached too (and redrawn
    when its key, or anything under it, changes), a layer with key None is drawn every time.
    ``unanimated()`` draws everything normally, for ``savefig``.
    """

    def __init__(self, fig):
        self.fig = fig
        self._cache = []  # [(key, bitmap)] for the frame and each cached layer, bottom up

    def reset(self):
        """Forget every cached bitmap (the next render draws all of it)."""
        self._cache = []

    def render(self, frame_key, layers):
        """Draw into the Agg buffer. ``layers``: (key or None, artists) from the bottom up."""
        canvas = self.fig.canvas
        for _key, artists in layers:
            for a in artists:
                if not a.get_animated():
                    a.set_animated(True)
        keys = [frame_key] + [k for k, _ in layers]
        valid = 0  # how many cached bitmaps, from the bottom, are still right
        while valid < len(self._cache) and keys[valid] is not None and self._cache[valid][0] == keys[valid]:
            valid += 1
        del self._cache[valid:]
        if not self._cache:
            canvas.draw()
            self._cache.append((frame_key, canvas.copy_from_bbox(self.fig.bbox)))
        else:
            canvas.restore_region(self._cache[-1][1])
        for i, (key, artists) in enumerate(layers, start=1):
            if i < len(self._cache):
                continue  # this layer is in the restored bitmap
            for a in artists:
                if a.get_visible():
                    a.axes.draw_artist(a)
            if key is not None and i == len(self._cache):
                self._cache.append((key, canvas.copy_from_bbox(self.fig.bbox)))

    def savefig(self, layers, fname, **kwargs):
        """``Figure.savefig`` with every layer drawn as an ordinary artist."""
        artists = [a for _key, layer in layers for a in layer]
        for a in artists:
            a.set_animated(False)
        try:
            self.fig.savefig(fname, **kwargs)
        finally:
            for a in artists:
                a.set_animated(True)
            self.reset()


def scale_figure(fig, width_px, height_px, projector) -> float:
    """Keep the figure's pixel size; in projector mode draw everything PROJECTOR_SCALE× larger
    (a higher dpi on a smaller figure). Returns the base font size, points."""
    k = PROJECTOR_SCALE if projector else 1.0
    fig.set_dpi(100 * k)
    fig.set_size_inches(width_px / (100 * k), height_px / (100 * k))
    return 10.0


def _nice_top(y):
    """A round upper limit at or above ``y``, in steps of half a power of ten (180 → 200)."""
    y = max(float(y), 1e-9)
    step = 10 ** np.floor(np.log10(y)) / 2
    return float(np.ceil(y / step) * step)


def _band(x, lo, hi):
    return [np.column_stack([np.concatenate([x, x[::-1]]), np.concatenate([hi, lo[::-1]])])]


class CurvesDisplay:
    """Density, phase shares and shedding over time, with a time cursor.

    Parameters
    ----------
    width_px, height_px : int
        Pixel size of the rendered image (the page scales it to its column).
    projector : bool
        Larger text and thicker lines.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    ax_density, ax_phases, ax_shedding : Axes
    density_line, counterfactual_line, mean_field_line : Line2D
    shed_line, shed_raw_line, shed_cf_line : Line2D
    window : Rectangle
        The stimulation window (shaded).
    bands : list of PolyCollection
        One per phase, stacked (anagen at the bottom).
    cursor_lines : list of Line2D
    note : Text
        A note in the density panel (why the mean field is not shown, …).
    """

    def __init__(self, width_px=820, height_px=560, projector=False):
        self.width_px, self.height_px = int(width_px), int(height_px)
        self.fig = Figure(figsize=(8.2, 5.6), dpi=100)
        FigureCanvasAgg(self.fig)
        self._xscale = 365.0
        self._legend_keys = {}
        self.shed_smooth = None
        self.cf_shed_smooth = None
        self._build()
        self.set_projector(projector)

    # ------------------------------------------------------------------ building
    def _build(self):
        fig = self.fig
        gs = fig.add_gridspec(3, 1, height_ratios=[1.45, 1, 1], hspace=0.5,
                              left=0.1, right=0.98, top=0.87, bottom=0.09)
        self.title = fig.suptitle("", y=0.995, va="top")
        self._gs = gs
        ax_d = fig.add_subplot(gs[0])
        ax_p = fig.add_subplot(gs[1], sharex=ax_d)
        ax_s = fig.add_subplot(gs[2], sharex=ax_d)
        self.ax_density, self.ax_phases, self.ax_shedding = ax_d, ax_p, ax_s

        self.window = Rectangle((0, 0), 0, 1, transform=ax_d.get_xaxis_transform(),
                                color=TREATED_COLOR, alpha=0.12, lw=0,
                                label="stimulation on", visible=False)
        ax_d.add_patch(self.window)
        (self.counterfactual_line,) = ax_d.plot([], [], ls="--", color=UNTREATED_COLOR,
                                                label="untreated (same seed)", visible=False)
        (self.mean_field_line,) = ax_d.plot([], [], ls=":", color="#000000", zorder=4,
                                            label="mean field (expected)", visible=False)
        (self.density_line,) = ax_d.plot([], [], color=_NEUTRAL, label="simulated")
        ax_d.set_ylabel("density\n(hairs/cm²)")
        self.note = ax_d.text(0.01, 0.04, "", transform=ax_d.transAxes, color="#333333",
                              va="bottom")

        self.bands = []
        for ph in _PHASES:
            band = PolyCollection([], facecolors=PHASE_COLORS[ph], linewidths=0, label=ph.label)
            ax_p.add_collection(band)
            self.bands.append(band)
        ax_p.set_ylim(0, 100)
        ax_p.set_ylabel("follicles in\neach phase (%)")

        (self.shed_raw_line,) = ax_s.plot([], [], color=SHED_COLOR, alpha=0.3, label="per day")
        (self.shed_cf_line,) = ax_s.plot([], [], ls="--", color=UNTREATED_COLOR,
                                         label="untreated (7-day)", visible=False)
        (self.shed_line,) = ax_s.plot([], [], color=SHED_COLOR, label="7-day mean")
        ax_s.set_ylabel("hairs shed per day\n(per 100,000 follicles)")
        ax_s.set_xlabel("time (years)")
        for ax in (ax_d, ax_p):
            ax.tick_params(labelbottom=False)
        # the cursor is blitted over a cached background: moving it redraws nothing else
        self.cursor_lines = [ax.axvline(0, color="#000000", alpha=0.7, animated=True)
                             for ax in (ax_d, ax_p, ax_s)]
        # Three layers, each cached: the frame (axes, ticks, labels, legends: redrawn only when a
        # limit or a legend changes), the data (lines, bands: on every update) and the cursor
        # (on every cursor move). Moving a slider therefore renders no text at all.
        self._data_artists = [self.window, *self.bands, self.counterfactual_line,
                              self.mean_field_line, self.density_line, self.note,
                              self.shed_raw_line, self.shed_cf_line, self.shed_line]
        self._layers = Layers(self.fig)
        self._data_version = 0  # the data layer's key: a new one on every update
        self._widths = {self.density_line: 1.8, self.counterfactual_line: 1.5,
                        self.mean_field_line: 2.0, self.shed_raw_line: 0.6, self.shed_cf_line: 1.2,
                        self.shed_line: 1.6, **{c: 1.0 for c in self.cursor_lines}}

    def set_projector(self, on):
        """Larger text and thicker lines (the image keeps its pixel size)."""
        self.projector = bool(on)
        self._font = scale_figure(self.fig, self.width_px, self.height_px, self.projector)
        # larger text needs wider margins (tick labels and two-line axis labels)
        self._gs.update(left=0.16 if self.projector else 0.11, bottom=0.11 if self.projector else 0.09,
                        hspace=0.85 if self.projector else 0.5, top=0.80 if self.projector else 0.87)
        for ax in (self.ax_density, self.ax_phases, self.ax_shedding):
            ax.set_position(ax.get_subplotspec().get_position(self.fig))
        for ax in (self.ax_density, self.ax_phases, self.ax_shedding):
            ax.tick_params(labelsize=self._font - 0.5)
            ax.yaxis.label.set_fontsize(self._font)
            ax.xaxis.label.set_fontsize(self._font)
        self.note.set_fontsize(self._font - 1)
        self.title.set_fontsize(self._font + 1)
        labels = (("density\n(hairs/cm²)", "follicles\n(%)", "shed per day\n(per 100,000)")
                  if self.projector else
                  ("density\n(hairs/cm²)", "follicles in\neach phase (%)",
                   "hairs shed per day\n(per 100,000 follicles)"))
        for ax, label in zip((self.ax_density, self.ax_phases, self.ax_shedding), labels):
            ax.set_ylabel(label)
        self.title.set_text("Density (hairs/cm²), phases (%) and shedding (hairs/day)"
                            if self.projector else "Hair density (hairs/cm²), follicles in each "
                            "phase (%) and hairs shed per day, over time")
        for line, w in self._widths.items():
            line.set_linewidth(w * (1.3 if self.projector else 1.0))
        self._legend_keys = {}
        self._layers.reset()
        if getattr(self, "_days", None) is not None:
            self._legends()

    # ------------------------------------------------------------------ updating
    def _legend(self, ax, handles, ncols):
        key = tuple(h.get_label() for h in handles)
        if self._legend_keys.get(ax) == key:
            return
        self._legend_keys[ax] = key
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=ncols,
                  fontsize=self._font + 1, frameon=False, borderaxespad=0.1, handlelength=1.6,
                  columnspacing=1.0)

    def _legends(self):
        shown = [h for h in (self.density_line, self.counterfactual_line, self.mean_field_line,
                             self.window) if h.get_visible()]
        self._legend(self.ax_density, shown, 2 if self.projector else 4)
        self._legend(self.ax_phases, self.bands, 4)
        shown = [h for h in (self.shed_raw_line, self.shed_line, self.shed_cf_line)
                 if h.get_visible()]
        self._legend(self.ax_shedding, shown, 3)

    def update(self, result, counterfactual=None, mean_field=None, note=""):
        """Show ``result`` (and the untreated ``counterfactual`` dashed, if treated).

        Parameters
        ----------
        result, counterfactual : hairsim.Result
        mean_field : object with ``days`` and ``density``, optional
        note : str
            Shown in the density panel (e.g. why the mean field is not drawn).
        """
        r = result
        treated = r.stimulation is not None and counterfactual is not None
        days = np.asarray(r.days, dtype=float)
        x, xlabel = time_axis(days)
        self._xscale = float(days[-1] / x[-1]) if x[-1] else 365.0
        self._days = days

        self.density_line.set_data(x, r.density)
        self.density_line.set_color(TREATED_COLOR if treated else _NEUTRAL)
        self.density_line.set_label("stimulated (what-if)" if treated else "simulated")
        ymax = float(np.nanmax(r.density))
        self.counterfactual_line.set_visible(treated)
        self.window.set_visible(treated)
        if treated:
            cf = counterfactual
            self.counterfactual_line.set_data(np.asarray(cf.days, dtype=float) / self._xscale,
                                              cf.density)
            ymax = max(ymax, float(np.nanmax(cf.density)))
            s = r.stimulation
            start = s.start_day / self._xscale
            stop = (s.stop_day + 1 if s.stop_day is not None else days[-1]) / self._xscale
            self.window.set_x(start)
            self.window.set_width(max(stop - start, 0.0))
        if mean_field is not None:
            self.mean_field_line.set_data(np.asarray(mean_field.days, dtype=float) / self._xscale,
                                          mean_field.density)
            ymax = max(ymax, float(np.nanmax(mean_field.density)))
        self.mean_field_line.set_visible(mean_field is not None)
        self.note.set_text(note)
        self.ax_density.set_xlim(x[0], x[-1])
        # round limits: they (and the frame layer) change only when the data outgrow them, and
        # a fixed scale lets a class compare one setting with the next
        self.ax_density.set_ylim(0, _nice_top(ymax * 1.08))

        n = float(r.n_follicles)
        lo = np.zeros_like(x)
        for band, ph in zip(self.bands, _PHASES):
            hi = lo + 100.0 * np.asarray(r.counts(ph), dtype=float) / n
            band.set_verts(_band(x, lo, hi))
            lo = hi

        shed = np.asarray(r.shed_per_day(SHED_PER_FOLLICLES), dtype=float)
        self.shed_smooth = moving_average(shed, 7)
        self.shed_raw_line.set_data(x, shed)
        self.shed_line.set_data(x, self.shed_smooth)
        self.shed_cf_line.set_visible(treated)
        if treated:
            self.cf_shed_smooth = moving_average(counterfactual.shed_per_day(SHED_PER_FOLLICLES), 7)
            self.shed_cf_line.set_data(x, self.cf_shed_smooth)
        else:
            self.cf_shed_smooth = self.shed_smooth
        # the daily counts are noisy: scale to the smooth curves (the untreated one sets the
        # scale, so that stimulation moves keep it), let a few daily spikes leave the frame
        base = float(np.max(self.cf_shed_smooth)) if shed.size else 1.0
        top = float(np.max(self.shed_smooth)) if shed.size else 1.0
        self.ax_shedding.set_ylim(0, _nice_top(max(base * 1.6, top * 1.1, 1.0)))
        self.ax_shedding.set_xlabel(xlabel)
        self._legends()
        self._data_version += 1

    def set_cursor(self, day):
        """Move the time cursor to ``day``."""
        xd = day / self._xscale
        for line in self.cursor_lines:
            line.set_xdata([xd, xd])

    def _frame_state(self):
        axes = (self.ax_density, self.ax_phases, self.ax_shedding)
        return (tuple(ax.get_xlim() + ax.get_ylim() for ax in axes),
                tuple(sorted((id(k), v) for k, v in self._legend_keys.items())),
                self.ax_shedding.get_xlabel(), self.projector)

    def _layer_list(self):
        return [(self._data_version, self._data_artists), (None, self.cursor_lines)]

    def render(self):
        """Draw into the Agg buffer, re-rendering only the layers that changed."""
        self._layers.render(self._frame_state(), self._layer_list())

    def png(self) -> bytes:
        """The figure as PNG bytes (the cursor blitted over the cached background)."""
        self.render()
        return render_png(self.fig, draw=False)

    def savefig(self, fname, **kwargs):
        """``Figure.savefig`` with everything drawn (on screen, data and cursor are layers)."""
        self._layers.savefig(self._layer_list(), fname, **kwargs)
