"""The world view: the follicles themselves, as a phototrichogram of about 1 cm² shows them.

:func:`plot_patch` draws a sample of a run's own follicles (``hs.trace(result, n=225)``) on a
grid, each as the hair it carries on one day: a short stroke coloured by the follicle's phase
(Okabe–Ito colours from :mod:`hairsim.phases`), as thick as the hair (vellus hairs thin); a club
hair still held in exogen drawn beside the new one, in the telogen colour with its club end; an
empty ring for a follicle without a visible hair (kenogen, or anagen before the shaft emerges); a
cross where a club hair was shed that day. The title counts the patch's hairs as a trial would.

:func:`animate` plays the patch (and, optionally, the scalp map of :mod:`hairsim.scalp`) over the
run and can write a GIF (Pillow, which matplotlib already needs) or an MP4 (only where ffmpeg is
installed).

Both draw through :class:`PatchDisplay`, which keeps its artists and updates them (no redraw of
the axes), so a notebook slider or the classroom app can move the day cheaply. Nothing here changes
matplotlib's global state.

>>> import hairsim as hs
>>> r = hs.simulate("healthy", 2_000, 1, rng=1)
>>> ax = hs.plot.plot_patch(r, day=100)
"""

from __future__ import annotations

import math
import shutil

import numpy as np

from ._validation import (AxesOrNone, Bound, FilePath, Flag, InstanceOf, Interval, ResultLike, fail,
                          validate_params)
from .phases import PHASE_COLORS, SHED_COLOR, Phase

__all__ = ["PatchDisplay", "plot_patch", "animate", "patch_state"]

_EMPTY_COLOR = "#999999"        # the ring of a follicle opening without a visible hair
_CLUB_COLOR = PHASE_COLORS[Phase.TELOGEN]
_HAIR_ANGLE = math.radians(60)  # hairs lean the same way, as combed
_CLUB_ANGLE = math.radians(150)
_HAIR_LENGTH = 0.42             # in grid cells
_UM_PER_POINT = 28.0            # stroke width: a 70 µm hair is 2.5 pt wide


def patch_state(result, day, n=None, trace=None):
    """The state dict of ``n`` of the run's follicles on ``day`` (see :func:`hairsim.trace`)."""
    from .trace import trace as make_trace

    tr = make_trace(result, n=n) if trace is None else trace
    return tr.state_at(day), tr


def _grid(k):
    side = int(math.ceil(math.sqrt(k)))
    i = np.arange(k)
    # row 0 at the top, like a photograph
    return np.column_stack([i % side + 0.5, side - 1 - i // side + 0.5]), side


class PatchDisplay:
    """A patch of follicles drawn on one Axes; :meth:`update` redraws it for another day.

    Parameters
    ----------
    ax : matplotlib Axes
    k : int
        Number of follicles (the grid is ⌈√k⌉ × ⌈√k⌉ cells).
    area_cm2 : float
        The skin the follicles stand for (for the title's density).
    vellus_threshold_um : float
        Hairs thinner than this are vellus (drawn thin, not counted as non-vellus).
    scale : float
        Stroke width multiplier (1.5 on a projector).
    legend : bool
        Draw a key below the patch.
    fontsize : float, optional
        Text size of the key and labels (the title one point larger); default matplotlib's
        settings, so that ``hs.plot.projector()`` enlarges them.

    Attributes
    ----------
    hairs, clubs : matplotlib.collections.LineCollection
        The current cycle's hairs and the held club hairs.
    openings, club_ends, sheds : matplotlib.collections.PathCollection
        Follicle openings (rings), club ends, crosses where a hair was shed that day.
    title : matplotlib.text.Text
    count : dict
        The last hair count: ``hairs``, ``nonvellus``, ``per_cm2``, ``follicles``.
    """

    def __init__(self, ax, k, area_cm2, vellus_threshold_um=30.0, scale=1.0, legend=True,
                 fontsize=None):
        from matplotlib.collections import LineCollection

        self.ax = ax
        self.k = int(k)
        self.area_cm2 = float(area_cm2)
        self.thr = float(vellus_threshold_um)
        self.scale = float(scale)
        self.xy, side = _grid(self.k)
        self.side = side
        self.count = {}
        self.openings = ax.scatter(self.xy[:, 0], self.xy[:, 1], s=14 * scale, marker="o",
                                   facecolors="none", edgecolors=_EMPTY_COLOR, linewidths=0.7,
                                   zorder=2)
        self.hairs = LineCollection([], capstyle="round", zorder=3)
        self.clubs = LineCollection([], capstyle="round", zorder=3, colors=_CLUB_COLOR)
        ax.add_collection(self.hairs)
        ax.add_collection(self.clubs)
        self.club_ends = ax.scatter([], [], s=10 * scale, color=_CLUB_COLOR, zorder=4)
        self.sheds = ax.scatter([], [], s=22 * scale, marker="x", color=SHED_COLOR,
                                linewidths=1.2 * scale, zorder=5)
        ax.set_xlim(0, side)
        ax.set_ylim(0, side)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        edge = math.sqrt(self.area_cm2) * 10.0       # mm
        ax.set_xlabel(f"{edge:.0f} mm × {edge:.0f} mm, seen from above", fontsize=fontsize)
        self.title = ax.set_title("", fontsize=None if fontsize is None else fontsize + 1)
        if legend:
            self._legend(fontsize)

    def _legend(self, fontsize):
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], color=PHASE_COLORS[ph], lw=2.2 * self.scale, label=ph.label)
                   for ph in (Phase.ANAGEN, Phase.CATAGEN, Phase.TELOGEN)]
        handles += [
            Line2D([], [], color=_CLUB_COLOR, lw=1.6 * self.scale, marker="o", markersize=3,
                   label="club hair kept"),
            Line2D([], [], ls="", marker="o", markerfacecolor="none", markeredgecolor=_EMPTY_COLOR,
                   label="no hair (kenogen)"),
            Line2D([], [], ls="", marker="x", color=SHED_COLOR, label="shed today"),
        ]
        self.legend = self.ax.legend(handles=handles, loc="upper center", ncols=2,
                                     bbox_to_anchor=(0.5, -0.08), fontsize=fontsize,
                                     frameon=False, handlelength=1.3, columnspacing=0.8,
                                     handletextpad=0.4)

    def update(self, state, day=None):
        """Show ``state`` (a dict from ``FollicleTrace.state_at``); return the changed artists."""
        phase = np.asarray(state["phase"])
        if phase.size != self.k:
            raise ValueError(f"The 'state' parameter must hold {self.k} follicles (the patch's "
                             f"size); got {phase.size}.")
        hair = np.asarray(state["hair_visible"], dtype=bool)
        d_hair = np.asarray(state["hair_diameter_um"], dtype=float)
        club = np.asarray(state["club_visible"], dtype=bool)
        d_club = np.asarray(state["club_diameter_um"], dtype=float)
        shed = np.asarray(state["shed_today"], dtype=bool)

        def strokes(mask, angle):
            base = self.xy[mask]
            tip = base + _HAIR_LENGTH * np.array([math.cos(angle), math.sin(angle)])
            return np.stack([base, tip], axis=1)

        colors = np.array([PHASE_COLORS[Phase(p)] for p in range(4)])
        self.hairs.set_segments(strokes(hair, _HAIR_ANGLE))
        self.hairs.set_colors(colors[phase[hair]])
        self.hairs.set_linewidths(self.scale * d_hair[hair] / _UM_PER_POINT)
        segs = strokes(club, _CLUB_ANGLE)
        self.clubs.set_segments(segs)
        self.clubs.set_linewidths(self.scale * d_club[club] / _UM_PER_POINT)
        self.club_ends.set_offsets(segs[:, 1] if club.any() else np.zeros((0, 2)))
        self.sheds.set_offsets(self.xy[shed] + [0.25, -0.25] if shed.any() else np.zeros((0, 2)))
        empty = ~hair & ~club
        edge = np.where(empty, 1.0, 0.35)
        self.openings.set_edgecolors([(0.6, 0.6, 0.6, a) for a in edge])

        from .trace import count_hairs

        self.count = count_hairs(state, self.thr, self.area_cm2)
        thick, hairs = self.count["nonvellus"], self.count["hairs"]
        when = "" if day is None else f"Day {int(day)}: "
        self.title.set_text(f"{when}{thick / self.area_cm2:.0f} hairs/cm² counted\n"
                            f"(non-vellus; {hairs - thick} vellus)")
        return [self.hairs, self.clubs, self.club_ends, self.sheds, self.openings, self.title]


_RESULT = ResultLike(("days", "n_follicles", "key", "params"), "a hairsim.Result")
_DAY = Bound(lambda a: Interval(0, a["result"].n_days, integer=True),
             static=Interval(0, 100_000 * 365, integer=True))
_N = Bound(lambda a: Interval(1, a["result"].n_follicles, integer=True, none_ok=True),
           static=Interval(1, 1e8, integer=True, none_ok=True))


def _trace_type():
    from .trace import FollicleTrace
    return FollicleTrace


def _scalp_type():
    from .scalp import ScalpResult
    return ScalpResult


def _figure_type():
    from matplotlib.figure import Figure
    return Figure


_TRACE = InstanceOf((_trace_type,), "a hairsim.FollicleTrace", none_ok=True)


@validate_params({"result": _RESULT, "day": _DAY, "ax": AxesOrNone(), "n": _N, "trace": _TRACE,
                  "legend": Flag()}, owner="hairsim.plot.plot_patch")
def plot_patch(result, day, ax=None, *, n=None, trace=None, legend=True):
    """Draw about 1 cm² of the run's own follicles on ``day``, each as the hair it carries.

    Parameters
    ----------
    result : Result
        A run of :func:`hairsim.simulate`.
    day : int
        Day of the run (0 … n_days).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if None.
    n : None or int, default None
        How many follicles (None: 225 ≈ 1 cm² at the default 225 follicles/cm², or all of a smaller
        run's); a sample spread over the run's follicles (:func:`hairsim.trace`), not a separate
        model.
    trace : FollicleTrace, optional
        Reuse a trace made earlier (``hs.trace(result, n)``).
    legend : bool, default True

    Returns
    -------
    matplotlib Axes
        With ``ax.patch_display`` (the :class:`PatchDisplay`, whose ``count`` holds the patch's
        hair count).
    """
    state, tr = patch_state(result, day, n=n, trace=trace)
    if ax is None:
        from matplotlib import pyplot as plt

        _, ax = plt.subplots(figsize=(4.6, 5.6), layout="constrained")
    display = PatchDisplay(ax, len(tr), tr.area_cm2, result.params.vellus_threshold_um,
                           legend=legend)
    display.update(state, day)
    ax.patch_display = display
    return ax


def _frame_days(n_days, frames):
    if frames is None:
        frames = min(n_days // 30 + 1, 121)
    return np.unique(np.linspace(0, n_days, int(frames)).round().astype(int))


#: An animation's frames, frames per second and resolution (also the explorer's exports').
FRAMES = Interval(2, 2000, integer=True, none_ok=True)
FPS = Interval(0, 60, "right")
DPI = Interval(10, 600, integer=True)


@validate_params({"result": _RESULT, "path": FilePath(none_ok=True), "frames": FRAMES, "fps": FPS,
                  "n": _N, "scalp": InstanceOf((_scalp_type,), "a hairsim.scalp.ScalpResult", none_ok=True),
                  "fig": InstanceOf((_figure_type,), "a matplotlib Figure", none_ok=True),
                  "dpi": DPI}, owner="hairsim.plot.animate")
def animate(result, path=None, *, frames=None, fps=8, n=None, scalp=None, fig=None, dpi=80):
    """Animate the patch (and the scalp map) over the run; optionally write a GIF or an MP4.

    Parameters
    ----------
    result : Result
    path : str or Path, optional
        ``*.gif`` (written with Pillow) or ``*.mp4`` (needs ffmpeg on the PATH). None: only return
        the animation (e.g. to show it in a notebook with ``anim.to_jshtml()``).
    frames : int, optional
        Number of frames, spread evenly over the run (default one a month, at most 121).
    fps : float, default 8
        Frames per second of the file, in (0, 60].
    n : None or int, default None
        Follicles in the patch (None: 225, or all of a smaller run's).
    scalp : ScalpResult, optional
        From :func:`hairsim.scalp.simulate_scalp`: its map is drawn beside the patch. It must
        cover at least the days of ``result`` (a shorter one is refused before anything is drawn).
    fig : matplotlib Figure, optional
    dpi : int, [10, 600], default 80

    Returns
    -------
    matplotlib.animation.FuncAnimation
        Its ``frame_days`` attribute lists the day of each frame.
    """
    from matplotlib import animation

    if scalp is not None and scalp.n_days < result.n_days:  # its map is drawn on every frame's day
        raise fail("scalp", f"a hairsim.scalp.ScalpResult covering at least the result's {result.n_days:,} days",
                   f"a ScalpResult of {scalp.n_days:,} days")
    days = _frame_days(result.n_days, frames)
    suffix = None
    if path is not None:
        suffix = str(path).lower().rsplit(".", 1)[-1]
        if suffix not in ("gif", "mp4"):
            raise fail("path", "a file path ending in .gif or .mp4", repr(str(path)))
        if suffix == "mp4" and shutil.which("ffmpeg") is None:
            raise fail("path", "a file path ending in .gif (an .mp4 needs ffmpeg, which is not installed "
                       "here)", repr(str(path)))
    from .trace import trace as make_trace

    tr = make_trace(result, n=n)
    if fig is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(8.4, 4.8) if scalp is not None else (4.4, 4.9), dpi=dpi,
                     layout="constrained")
    axes = fig.subplots(1, 2 if scalp is not None else 1, squeeze=False)[0]
    display = PatchDisplay(axes[0], len(tr), tr.area_cm2, result.params.vellus_threshold_um)
    map_ax = axes[1] if scalp is not None else None
    if map_ax is not None:
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import Normalize

        from .scalp import plot_scalp_map

        from .scalp import _color_range

        vmax = _color_range(scalp, None, None)[1]
        fig.colorbar(ScalarMappable(norm=Normalize(0, vmax), cmap="cividis"), ax=map_ax,
                     shrink=0.8, label="non-vellus hair density (hairs/cm²)")

    def draw(i):
        day = int(days[i])
        changed = display.update(tr.state_at(day), day)
        if map_ax is not None:
            map_ax.cla()
            plot_scalp_map(scalp, day, ax=map_ax, vmin=0, vmax=vmax, colorbar=False)
        return changed

    draw(0)
    anim = animation.FuncAnimation(fig, draw, frames=len(days), interval=1000.0 / fps, blit=False,
                                   repeat=False)
    anim.frame_days = days
    if path is not None:
        writer = (animation.PillowWriter(fps=fps) if suffix == "gif"
                  else animation.FFMpegWriter(fps=fps))
        anim.save(str(path), writer=writer, dpi=dpi)
    return anim

