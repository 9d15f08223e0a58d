"""The explorer's controls drive the simulation and the plotted data (no browser).

traitlets calls observers synchronously, so setting ``control.value`` re-simulates at once.
Statistical assertions use fixed seeds and tolerances derived from the number of follicles.
"""

from __future__ import annotations

import base64
import io
import math
import re

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import pytest

import hairsim as hs
from hairsim.widgets import HYPOTHETICAL_NOTE, STIMULATION_DEFAULTS, Explorer

DPM = 365 / 12


def _last_year_mean(series):
    return float(np.mean(np.asarray(series, dtype=float)[-365:]))


def _density_sd(n_follicles, follicles_per_cm2=225.0, p=0.5):
    """Upper bound of the SD of one day's density: a count of at most n follicles, var <= n p(1-p).

    A mean over days has an SD no larger than the largest single-day SD, so this bounds it too.
    """
    return follicles_per_cm2 * math.sqrt(p * (1 - p) / n_follicles)


def _fingerprint(r):
    return np.concatenate([r.density, r.shed, r.anagen, r.kenogen, r.telogen])


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


# ---------------------------------------------------------------- construction and display
def test_initial_state_shows_the_run_and_the_note(make_app):
    app = make_app(preset="aga_moderate", seed=3)
    assert app.error == ""
    assert app.result is app.counterfactual          # stimulation is off by default
    assert app.result.n_follicles == 5_000 and app.result.days[-1] == 4 * 365
    assert app.result.seed == 3
    np.testing.assert_array_equal(app.density_line.get_ydata(), app.result.density)
    assert not app.counterfactual_line.get_visible()
    assert app.redraw_count == 1 and app.simulation_count == 1
    texts = [w.value for w in _walk(app.widget) if isinstance(w, widgets.HTML)]
    assert any(HYPOTHETICAL_NOTE in t for t in texts)
    assert "application/vnd.jupyter.widget-view+json" in app._repr_mimebundle_()
    assert "Moderate androgenetic alopecia, 4 years, 5,000 follicles" in app.caption()


def test_constructor_rejects_bad_values_with_a_sentence():
    with pytest.raises(ValueError, match="'preset' parameter must be one of"):
        Explorer(preset="bald")
    with pytest.raises(ValueError, match=r"'years' parameter must be a whole number in \[1, 30\]; got 0"):
        Explorer(years=0)
    with pytest.raises(ValueError, match="'n_follicles' parameter must be a whole number in"):
        Explorer(n_follicles=-5)
    with pytest.raises(ValueError, match=r"'n_follicles' parameter .* got True \(a bool\)"):
        Explorer(n_follicles=True)
    with pytest.raises(ValueError, match="'seed' parameter must be a whole number"):
        Explorer(seed=1.7)


def test_global_matplotlib_style_untouched(make_app):
    before = dict(mpl.rcParams)
    app = make_app()
    app.controls["stimulation"].value = True
    app.fig.canvas.draw()
    after = dict(mpl.rcParams)
    assert {k for k in before if before[k] != after[k]} <= {"backend"}


def test_axes_have_labels_with_units(make_app):
    app = make_app()
    assert "hairs/cm²" in app.ax_density.get_ylabel()
    assert "%" in app.ax_phases.get_ylabel()
    assert "per day" in app.ax_shedding.get_ylabel()
    assert "years" in app.ax_shedding.get_xlabel()


# ---------------------------------------------------------------- scalp controls
@pytest.mark.parametrize(
    ("control", "new_value", "field", "expected"),
    [
        ("anagen_years", 1.0, "anagen_mean_days", 365.0),
        ("kenogen_pct", 80.0, "p_kenogen", 0.8),
    ],
)
def test_cycle_controls_move_density_as_renewal_theory_says(make_app, control, new_value, field,
                                                            expected):
    """Healthy scalp: a shorter anagen or more kenogen lowers the density by the steady-state amount."""
    n = 20_000
    app = make_app(preset="healthy", n_follicles=n, seed=5)
    before = _last_year_mean(app.result.density)
    ss_before = hs.steady_state(app.params()).density
    app.controls[control].value = new_value
    assert getattr(app.params(), field) == pytest.approx(expected)
    after = _last_year_mean(app.result.density)
    ss_after = hs.steady_state(app.params()).density
    np.testing.assert_array_equal(app.density_line.get_ydata(), app.result.density)
    tol = 5 * 2 * _density_sd(n)
    assert ss_after < ss_before
    assert after < before
    assert (before - after) == pytest.approx(ss_before - ss_after, abs=tol)


def test_anagen_spread_control_changes_the_run(make_app):
    app = make_app(preset="healthy")
    before = _fingerprint(app.result)
    app.controls["anagen_cv"].value = 0.1
    assert app.params().anagen_cv == pytest.approx(0.1)
    assert not np.array_equal(before, _fingerprint(app.result))


def test_aga_progression_controls_change_the_decline(make_app):
    n = 20_000
    app = make_app(preset="aga_moderate", n_follicles=n, seed=2)
    declining = _last_year_mean(app.result.density)
    assert app.params() == hs.presets.aga_moderate()

    app.controls["anagen_shortening_pct"].value = 90.0
    app.controls["miniaturization_pct"].value = 90.0
    app.controls["aga_affected_pct"].value = 90.0
    p = app.params()
    assert p.anagen_shortening_per_year == pytest.approx(0.1) and p.miniaturization_per_year == pytest.approx(0.9)
    faster = _last_year_mean(app.result.density)

    app.controls["aga_affected_pct"].value = 0.0
    assert app.params().aga_susceptible_fraction == 0.0
    unaffected = _last_year_mean(app.result.density)
    tol = 5 * 2 * _density_sd(n)
    assert faster < declining - tol
    assert unaffected > declining + tol
    # With no follicle affected, the run stays at the healthy steady state.
    assert unaffected == pytest.approx(hs.steady_state(app.params()).density, abs=5 * _density_sd(n))


def test_follicles_and_years_controls(make_app):
    app = make_app(n_follicles=1_000, years=3)
    app.controls["n_follicles"].value = 225
    assert app.result.n_follicles == 225
    app.controls["years"].value = 6
    assert app.result.days[-1] == 6 * 365
    assert app.ax_density.get_xlim() == (0, 6)
    for name in ("stim_start_month", "stim_stop_month", "time_month"):
        assert app.controls[name].max == 72
    assert app.controls["time_month"].value == 72      # the cursor stays at the end


def test_plot_pixels_change_when_a_slider_moves(make_app):
    app = make_app()
    app.fig.canvas.draw()
    px0 = np.asarray(app.fig.canvas.buffer_rgba()).copy()
    n0 = app.redraw_count
    app.controls["anagen_years"].value = 0.5
    app.fig.canvas.draw()
    assert app.redraw_count == n0 + 1
    assert not np.array_equal(px0, np.asarray(app.fig.canvas.buffer_rgba()))


# ---------------------------------------------------------------- stimulation
def test_stimulation_departs_from_counterfactual_only_after_start(make_app):
    n = 20_000
    app = make_app(preset="aga_moderate", n_follicles=n, years=3, seed=4)
    app.controls["stim_start_month"].value = 12
    app.controls["stim_stop_month"].value = 24
    app.controls["stimulation"].value = True
    assert app.error == ""
    s = app.stimulation()
    assert s.start_day == 365 and s.stop_day == 729
    assert app.result.stimulation == s and app.counterfactual.stimulation is None
    treated, untreated = app.result.density, app.counterfactual.density
    start = int(s.start_day)
    np.testing.assert_array_equal(treated[: start + 1], untreated[: start + 1])
    assert not np.array_equal(treated[start + 1:], untreated[start + 1:])
    # The plotted lines are these series; the dashed one is shown.
    np.testing.assert_array_equal(app.density_line.get_ydata(), treated)
    np.testing.assert_array_equal(app.counterfactual_line.get_ydata(), untreated)
    assert app.counterfactual_line.get_visible()
    assert app.counterfactual_line.get_linestyle() == "--"
    window = app.curves.window
    assert window.get_visible()
    per_unit = 365 / 12                              # a 3-year run is drawn in months
    assert hs.plot.time_axis(app.result.days)[1] == "time (months)"
    assert window.get_x() == pytest.approx(365 / per_unit)
    assert window.get_width() == pytest.approx((729 + 1 - 365) / per_unit)
    # The default (hypothetical) knobs raise density during the window.
    window = slice(int(s.stop_day) - 60, int(s.stop_day))
    gain = float(np.mean(treated[window] - untreated[window]))
    assert gain > 5 * _density_sd(n)
    assert "from month 12 to month 24: " + s.describe().rstrip(".") in app.caption()


@pytest.mark.parametrize(
    ("control", "value", "field", "expected"),
    [
        ("wake", 4.0, "wake", 4.0),
        ("extend", 2.0, "extend", 2.0),
        ("thicken_pct", 90.0, "thicken", 0.9),
        ("responders_pct", 30.0, "responders", 0.3),
        ("persistence_pct", 100.0, "persistence", 1.0),
        ("half_life_days", 40.0, "half_life_days", 40.0),
        ("stim_start_month", 6, "start_day", round(6 * DPM)),
        ("stim_stop_month", 18, "stop_day", round(18 * DPM) - 1),
        ("schedule", "sessions", "schedule", "sessions"),
    ],
)
def test_each_stimulation_control_changes_the_run_with_one_simulation(make_app, control, value,
                                                                     field, expected):
    app = make_app(preset="aga_moderate", n_follicles=5_000, years=3)
    app.controls["stimulation"].value = True
    before, cf, sims = _fingerprint(app.result), app.counterfactual, app.simulation_count
    app.controls[control].value = value
    assert app.error == ""
    got = getattr(app.stimulation(), field)
    assert got == expected if isinstance(expected, str) else got == pytest.approx(expected)
    assert not np.array_equal(before, _fingerprint(app.result))
    assert app.counterfactual is cf                  # cached: not re-simulated
    assert app.simulation_count == sims + 1


def test_session_interval_control(make_app):
    app = make_app(preset="aga_moderate", years=3)
    app.controls["stimulation"].value = True
    app.controls["schedule"].value = "sessions"
    assert not app.controls["interval_days"].disabled
    before = _fingerprint(app.result)
    app.controls["interval_days"].value = 90
    assert app.stimulation().interval_days == 90
    assert not np.array_equal(before, _fingerprint(app.result))


def test_stimulation_off_hides_counterfactual_and_disables_knobs(make_app):
    app = make_app()
    app.controls["stimulation"].value = True
    app.controls["stimulation"].value = False
    assert app.stimulation() is None and app.result is app.counterfactual
    assert not app.counterfactual_line.get_visible() and not app.curves.window.get_visible()
    assert app.controls["wake"].disabled
    sims = app.simulation_count
    app.controls["wake"].value = 7.0                # no stimulation: nothing to re-simulate
    assert app.simulation_count == sims


def test_non_stimulation_change_resimulates_both_runs(make_app):
    app = make_app()
    app.controls["stimulation"].value = True
    sims, cf = app.simulation_count, app.counterfactual
    app.controls["anagen_years"].value = 2.0
    assert app.simulation_count == sims + 2 and app.counterfactual is not cf
    assert app.counterfactual.params.anagen_mean_days == pytest.approx(730)


# ---------------------------------------------------------------- presets, seed, reset
@pytest.mark.parametrize("name", hs.presets.names())
def test_preset_sets_controls_and_simulates_once(make_app, name):
    first = "healthy" if name != "healthy" else "aga_severe"
    app = make_app(preset=first)
    sims, draws = app.simulation_count, app.redraw_count
    app.controls["preset"].value = name
    p = hs.presets.get(name)
    assert app.params() == p
    assert app.controls["anagen_years"].value == pytest.approx(p.anagen_mean_days / 365)
    assert app.controls["aga_affected_pct"].value == pytest.approx(100 * p.aga_susceptible_fraction)
    assert app.controls["anagen_shortening_pct"].value == pytest.approx(100 * (1 - p.anagen_shortening_per_year))
    assert app.controls["miniaturization_pct"].value == pytest.approx(100 * p.miniaturization_per_year)
    assert app.controls["kenogen_pct"].value == pytest.approx(100 * p.p_kenogen)
    assert app.simulation_count == sims + 1 and app.redraw_count == draws + 1
    assert app.result.params == p


def test_new_seed_changes_the_noise_and_reset_keeps_it(make_app):
    app = make_app(seed=1)
    first = app.result.density.copy()
    seed = app.new_seed()
    assert seed != 1 and app.seed == seed and app.controls["seed"].value == seed
    assert app.result.seed == seed
    assert not np.array_equal(first, app.result.density)

    app.controls["anagen_years"].value = 1.0
    app.controls["stimulation"].value = True
    app.controls["wake"].value = 9.0
    app.reset()
    assert app.seed == seed and app.controls["preset"].value == "aga_moderate"
    assert app.params() == hs.presets.aga_moderate()
    assert app.stimulation() is None
    for name, value in STIMULATION_DEFAULTS.items():
        assert app.controls[name].value == value
    fresh = hs.simulate(hs.presets.aga_moderate(), n_follicles=5_000, years=4, rng=seed)
    np.testing.assert_array_equal(app.result.density, fresh.density)


def test_seed_control_reproduces_a_run(make_app):
    app = make_app(seed=1)
    app.controls["seed"].value = 42
    ref = hs.simulate(app.params(), n_follicles=5_000, years=4, rng=42)
    np.testing.assert_array_equal(app.result.shed, ref.shed)


# ---------------------------------------------------------------- time cursor, readouts
def test_time_cursor_moves_without_resimulating(make_app):
    app = make_app(years=4)
    sims, draws = app.simulation_count, app.redraw_count
    image, world = app._image.value, app._world_image.value
    app.controls["time_month"].value = 12              # what Play does (linked in the browser)
    assert app.curves.cursor_lines[0].get_xdata()[0] == pytest.approx(1.0)
    assert app._image.value != image                 # the cursor moved on the figure
    assert app._world_image.value != world           # and the world view shows month 12
    assert "month 12" in app._readouts.value
    d = app.result.density[365]
    assert f"{d:.0f} hairs/cm²" in app._readouts.value
    assert app.simulation_count == sims and app.redraw_count == draws


def test_readouts_report_change_from_baseline_and_untreated(make_app):
    app = make_app(preset="aga_severe")
    text = app._readouts.value
    r = app.result
    change = r.density[-1] - r.density[0]
    assert f"{abs(change):.0f} hairs/cm²" in text and "from the start" in text
    assert f"{100 * r.anagen[-1] / r.n_follicles:.1f} %" in text
    assert "Untreated" not in text
    app.controls["stimulation"].value = True
    assert "Untreated (same seed)" in app._readouts.value


# ---------------------------------------------------------------- mean field
def test_mean_field_curve_for_a_non_progressive_cycle(make_app):
    app = make_app(preset="healthy")
    app.controls["mean_field"].value = True
    assert app.mean_field_line.get_visible()
    mf = hs.mean_field(app.params(), years=4)
    np.testing.assert_allclose(app.mean_field_line.get_ydata(), mf.density)


def test_mean_field_disabled_with_its_reason_for_progressive_aga(make_app):
    app = make_app(preset="aga_moderate")
    assert app.controls["mean_field"].disabled
    assert "year after year" in app._mf_reason.value
    app.controls["mean_field"].value = True          # set from code anyway: a note, no curve
    assert not app.mean_field_line.get_visible()
    assert "year after year" in app.curves.note.get_text()
    assert app.error == ""
    app.controls["preset"].value = "healthy"
    assert not app.controls["mean_field"].disabled and app._mf_reason.value == ""


# ---------------------------------------------------------------- export
def test_export_csv_round_trips_and_png_is_written(make_app, tmp_path):
    app = make_app(n_follicles=1_000, years=2)
    app.controls["stimulation"].value = True
    path = app.export_csv(tmp_path / "run.csv")
    back = hs.Result.from_csv(path)
    for name in ("days", "anagen", "catagen", "telogen", "kenogen", "shed", "density",
                 "total_density", "exposure"):
        np.testing.assert_array_equal(getattr(back, name), getattr(app.result, name))
    assert back.seed == app.seed and back.stimulation == app.result.stimulation
    png = app.export_png(tmp_path / "fig.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _link_bytes(status_html):
    m = re.search(r"download='([^']+)' href='data:([^;]+);base64,([^']+)'", status_html)
    assert m, status_html
    return m.group(1), m.group(2), base64.b64decode(m.group(3))


def test_export_buttons_download_to_the_browser_and_write_no_file(make_app, tmp_path,
                                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(n_follicles=1_000, years=2)
    app.controls["export_csv"].click()
    name, mime, data = _link_bytes(app._export_status.value)
    assert name.startswith(f"hairsim_aga_moderate_seed{app.seed}.")
    check = tmp_path.parent / f"{tmp_path.name}-check"   # outside the folder the app runs in
    check.mkdir()
    if mime == "application/zip":                     # the CSV and its settings file, together
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            zf.extractall(check)
        csv_name = next(n for n in zf.namelist() if n.endswith(".csv"))
    else:
        assert mime == "text/csv"
        csv_name = name
        (check / name).write_bytes(data)
    back = hs.Result.from_csv(check / csv_name)
    np.testing.assert_array_equal(back.density, app.result.density)
    app.controls["export_png"].click()
    name, mime, data = _link_bytes(app._export_status.value)
    assert (name, mime) == (f"hairsim_aga_moderate_seed{app.seed}.png", "image/png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert list(tmp_path.iterdir()) == []            # nothing written where the app runs


def test_save_animation_writes_a_gif_with_one_frame_a_month(make_app):
    from PIL import Image

    app = make_app(n_follicles=1_000, years=1)
    app.controls["export_gif"].click()
    name, mime, data = _link_bytes(app._export_status.value)
    assert mime == "image/gif" and name.endswith(".gif")
    with Image.open(io.BytesIO(data)) as im:
        assert im.n_frames == 365 // 30 + 1          # one frame a month, days 0 … 365


def test_export_with_no_run_is_one_sentence(make_app, monkeypatch):
    app = make_app(n_follicles=1_000, years=2)
    app.model.result = None
    with pytest.raises(ValueError, match=r"^There is no run to export yet: .*\.$"):
        app.export_csv()
    app.controls["export_csv"].click()             # the button shows it, does not raise
    assert "There is no run to export yet" in app._export_status.value


def test_export_arguments_are_checked_before_anything_is_written(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(n_follicles=1_000, years=1)
    path_rule = "must be None or a file path (a non-empty str or pathlib.Path)"
    with pytest.raises(ValueError) as info:
        app.export_csv(3)
    assert str(info.value) == f"The 'path' parameter {path_rule}; got 3."
    with pytest.raises(TypeError, match=rf"^The 'path' parameter {re.escape(path_rule)}; got '' \(an empty str\)\.$"):
        app.export_png("")                             # was: a PNG written into the current folder
    with pytest.raises(ValueError, match=r"^The 'dpi' parameter must be a whole number in \[10, 600\]; got 5\.$"):
        app.export_png(dpi=5)
    with pytest.raises(ValueError, match=r"^The 'frames' parameter must be None or a whole number in \[2, 2000\]; got 1\.$"):
        app.export_gif(frames=1)
    with pytest.raises(ValueError, match=r"^The 'fps' parameter must be a float in \(0, 60\]; got 0\.$"):
        app.export_gif(fps=0)
    with pytest.raises(TypeError, match=r"^It looks like 'pth' is not an argument of Explorer\.export_csv\. "
                                        r"Did you mean 'path'\?"):
        app.export_csv(pth="a.csv")
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_missing_folder_is_one_sentence_naming_the_path(make_app, tmp_path, monkeypatch):
    app = make_app(n_follicles=1_000, years=1)
    missing = tmp_path / "no" / "such"
    import hairsim.app.panel as panel  # refused before the animation is built, not after

    def built(*a, **k):
        raise AssertionError("the GIF was built before the folder was checked")
    monkeypatch.setattr(panel, "gif_bytes", built)
    for export, name in [(app.export_csv, "a.csv"), (app.export_png, "a.png"),
                         (lambda p: app.export_gif(p, frames=2), "a.gif")]:
        with pytest.raises(ValueError) as info:      # not a raw FileNotFoundError
            export(missing / name)
        assert str(info.value) == (f"It looks like '{missing / name}' cannot be written: the folder "
                                   f"'{missing}' does not exist."), name
    assert list(tmp_path.iterdir()) == []
    assert app.export_png(tmp_path, dpi=20).parent == tmp_path   # a folder still takes the default name


# ---------------------------------------------------------------- errors a student can cause
def test_stop_before_start_shows_a_message_not_a_traceback(make_app):
    app = make_app()
    app.controls["stimulation"].value = True
    good = app.result
    app.controls["stim_start_month"].value = 30
    app.controls["stim_stop_month"].value = 10
    assert "'stim_stop_month' control must be after the start (month 30); got month 10." in app.error
    assert "Cannot run these settings" in app._error_html.value
    assert app.result is good                        # the last valid run stays on screen
    app.controls["stim_stop_month"].value = 40
    assert app.error == "" and app._error_html.value == ""
    assert app.result.stimulation.start_day == round(30 * DPM)


def test_unexpected_engine_error_is_shown(make_app, monkeypatch):
    app = make_app()

    def broken(*args, **kwargs):
        raise RuntimeError("engine exploded")

    class BrokenScenario:
        def __init__(self, *args, **kwargs):
            broken()

    monkeypatch.setattr(hs, "simulate", broken)
    monkeypatch.setattr(hs, "Scenario", BrokenScenario, raising=False)
    app.controls["anagen_years"].value = 2.0         # must not raise
    assert "engine exploded" in app.error


def test_shorter_run_keeps_a_valid_stimulation_window(make_app):
    app = make_app(years=3)
    app.controls["stimulation"].value = True          # months 12 to 24 by default
    app.controls["years"].value = 1                   # both would clamp to month 12
    assert app.error == ""
    assert app.controls["stim_start_month"].value < app.controls["stim_stop_month"].value <= 12
    assert app.result.days[-1] == 365 and app.result.stimulation is not None


def test_set_changes_several_controls_with_one_simulation(make_app):
    app = make_app(preset="aga_moderate")
    sims = app.simulation_count
    same = app.set(preset="healthy", anagen_years=1.0, years=6, stimulation=True,
                   stim_start_month=60, stim_stop_month=70, wake=3.0)
    assert same is app
    assert app.simulation_count == sims + 2          # untreated + treated, once each
    p = app.params()
    assert p == hs.presets.healthy().replace(anagen_mean_days=365.0)
    s = app.stimulation()
    assert s.start_day == round(60 * DPM) and s.wake == 3.0
    assert app.result.days[-1] == 6 * 365
    with pytest.raises(ValueError, match=r"'anagen_years' control must be a float in \[0.1, 8\]; got 50"):
        app.set(anagen_years=50)
    with pytest.raises(ValueError, match="'preset' control must be one of"):
        app.set(preset="bald")
    with pytest.raises(TypeError, match="'anagen' is not a known control. Did you mean 'anagen_cv'"):
        app.set(anagen=2)


# ---------------------------------------------------------------- debounce, keyboard, layout
def test_a_burst_of_browser_events_runs_only_the_last(make_app, monkeypatch):
    """Changes that come from the browser (in a kernel's loop) wait for the burst to end."""
    import asyncio
    import threading

    from hairsim.app import panel

    def running_loop():                              # as in a kernel: its loop is running
        try:
            return asyncio.get_running_loop()
        except RuntimeError:
            return None

    monkeypatch.setattr(panel, "_in_kernel_loop", running_loop)
    app = make_app(preset="aga_moderate")
    app.controls["stimulation"].value = True
    sims = app.simulation_count
    wake = app.controls["wake"]

    async def burst():
        for value in (2.0, 2.5, 3.0, 3.5):
            with wake._lock_property(value=value):  # what ipywidgets does for a browser message
                wake.value = value
        assert app.simulation_count == sims          # nothing ran yet …
        assert "hairsim-updating" in app._fig_box._dom_classes   # … and the figure says so
        await asyncio.sleep(0.3)

    # a loop of its own in a thread (another test may have left this thread's loop "running")
    failures = []

    def run():
        try:
            asyncio.run(burst())
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join(60)
    assert not failures, failures
    assert app.simulation_count == sims + 1          # one run, with the last value
    assert app.result.stimulation.wake == 3.5
    assert "hairsim-updating" not in app._fig_box._dom_classes


def test_figures_are_images_with_no_tab_stop_and_the_css_classes(make_app):
    app = make_app()
    for img in (app._image, app._world_image):
        assert isinstance(img, widgets.Image) and img.value[:4] == b"\x89PNG"
        assert img.tooltip is None                   # a tooltip breaks the Image view
    assert "hairsim-world-view" in app._world_box._dom_classes
    assert "hairsim-time-cursor" in app.controls["time_month"]._dom_classes
    assert [app._tabs.get_title(i) for i in range(4)][-1] == "About this model"
    about = app._tabs.children[3].value
    for heading in ("What it is", "How it works", "Things to notice", "Things to try",
                    "How to extend it", "Related notebooks", "How to cite", "Evidence note"):
        assert heading in about


def test_projector_mode_enlarges_text_and_lines(make_app):
    app = make_app()
    lw = app.density_line.get_linewidth()
    app.controls["projector"].value = True
    assert app.fig.dpi > 100 and app.density_line.get_linewidth() > lw
    assert "hairsim-projector" in app.widget._dom_classes
    w, h = app.fig.get_size_inches() * app.fig.dpi
    assert (round(w), round(h)) == (app.curves.width_px, app.curves.height_px)


def test_play_speed_sets_the_play_step_and_interval(make_app):
    app = make_app()
    app.controls["speed"].value = 12.0
    play = app.controls["play"]
    assert play.step * 1000 / play.interval == pytest.approx(12.0, rel=0.05)


def test_mp4_button_only_where_ffmpeg_exists(make_app):
    import shutil

    app = make_app(n_follicles=1_000, years=1)
    hidden = app.controls["export_mp4"].layout.display == "none"
    assert hidden == (shutil.which("ffmpeg") is None)
