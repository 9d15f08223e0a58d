"""The world view: the follicles of about 1 cm² of the run (a patch) and the scalp map beside it.

The patch is :class:`hairsim.plot_world.PatchDisplay` (what ``hs.plot.plot_patch`` draws) fed with
``hs.trace(result, n=225).state_at(day)``: a sample of the run's own follicles, not a separate
model. The scalp map is :func:`hairsim.scalp.plot_scalp_map` of a run of the same settings split
into regions by a male or female pattern, coloured by density.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from ..plot_world import PatchDisplay
from ..scalp import _color_range, plot_scalp_map
from .figure import PROJECTOR_SCALE, Layers, render_png, scale_figure

__all__ = ["WorldDisplay"]


class WorldDisplay:
    """Patch (top) and scalp map (bottom) in one figure.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    ax_patch, ax_map : Axes
    patch : PatchDisplay or None
        Made on the first :meth:`update_patch` (its size is the trace's).
    """

    def __init__(self, width_px=400, height_px=760, projector=False):
        self.width_px, self.height_px = int(width_px), int(height_px)
        self.fig = Figure(figsize=(4.0, 7.6), dpi=100)
        FigureCanvasAgg(self.fig)
        self.ax_patch = self.fig.add_axes([0.06, 0.515, 0.88, 0.39])
        self.ax_map = self.fig.add_axes([0.04, 0.005, 0.66, 0.305])
        self.ax_cbar = self.fig.add_axes([0.78, 0.04, 0.04, 0.26])
        self.patch = None
        self._patch_key = None
        self._norm = Normalize(0, 1)
        self._cbar = self.fig.colorbar(ScalarMappable(norm=self._norm, cmap="cividis"),
                                       cax=self.ax_cbar)
        self._cbar.set_label("non-vellus density (hairs/cm²)")
        self._layers = Layers(self.fig)
        self.set_projector(projector)

    def set_projector(self, on):
        self.projector = bool(on)
        self._font = scale_figure(self.fig, self.width_px, self.height_px, self.projector)
        # larger text: the map moves down under the patch's key
        self.ax_map.set_position([0.04, 0.0, 0.66, 0.29] if self.projector
                                 else [0.04, 0.005, 0.66, 0.305])
        self._cbar.ax.tick_params(labelsize=self._font - 1)
        self._cbar.ax.yaxis.label.set_fontsize(self._font - 1)
        self.patch = None          # rebuilt with the new stroke widths on the next update
        self._patch_key = None

    def update_patch(self, trace, state, day):
        """Draw ``state`` (from ``trace.state_at(day)``)."""
        key = (len(trace), trace.area_cm2, trace.thr)
        if self.patch is None or key != self._patch_key:
            self.ax_patch.cla()
            self.patch = PatchDisplay(self.ax_patch, len(trace), trace.area_cm2, trace.thr,
                                      scale=PROJECTOR_SCALE if self.projector else 1.0,
                                      fontsize=self._font + 1)
            self._patch_key = key
        self.patch.update(state, day)

    def update_map(self, scalp_result, day, pattern):
        """Colour the scalp map by each region's density on ``day``."""
        vmax = _color_range(scalp_result, None, None)[1]   # the scale plot_scalp_map uses
        if self._norm.vmax != vmax:
            self._norm.vmax = vmax
            self._cbar.update_normal(self._cbar.mappable)
        day = min(int(day), scalp_result.n_days)
        self.ax_map.cla()
        plot_scalp_map(scalp_result, day, ax=self.ax_map, vmin=0, vmax=vmax, colorbar=False)
        self.ax_map.set_xlabel("")
        self.ax_map.set_ylabel("")
        self.ax_map.set_xticks([])
        self.ax_map.set_yticks([])
        self.ax_map.set_title("Whole scalp (hairs/cm²)" if self.projector else
                              f"Whole scalp (hairs/cm²),\n{pattern.replace('_', ' ')}",
                              fontsize=self._font + 1)
        for t in self.ax_map.texts:
            t.set_fontsize(self._font - 1.5)

    def clear_map(self, message):
        self.ax_map.cla()
        self.ax_map.set_axis_off()
        self.ax_map.text(0.5, 0.5, message, ha="center", va="center", wrap=True,
                         fontsize=self._font - 1, transform=self.ax_map.transAxes)

    def _dynamic(self):
        """The artists that change with the day (drawn over the cached frame)."""
        out = []
        if self.patch is not None:
            p = self.patch
            out += [p.openings, p.hairs, p.clubs, p.club_ends, p.sheds, p.title]
        m = self.ax_map
        out += [*m.patches, *m.lines, *m.texts, m.title]
        return out

    def render(self):
        """Draw into the Agg buffer: the frame (legend, colour bar …) only when it changed."""
        m = self.ax_map  # a cleared map has no axes; a drawn one has its box and limits
        key = (self.projector, self._patch_key, id(self.patch), self._norm.vmax, m.axison,
               m.get_xlim(), m.get_ylim())
        self._layers.render(key, [(None, self._dynamic())])

    def png(self) -> bytes:
        self.render()
        return render_png(self.fig, draw=False)

    def savefig(self, fname, **kwargs):
        """``Figure.savefig`` with everything drawn."""
        self._layers.savefig([(None, self._dynamic())], fname, **kwargs)
