"""Every preset meets the calibration targets of science.md §6."""

import numpy as np
import pytest

import hairsim as hs
from hairsim import Phase

N = 100_000


@pytest.fixture(scope="module")
def runs():
    return {name: hs.simulate(hs.presets.get(name), N, 4, rng=2026) for name in hs.presets.names()}


def test_healthy_steady_state_targets(runs):
    th = hs.steady_state(hs.presets.healthy())
    assert 0.85 <= th.anagen <= 0.92
    assert 0.01 <= th.catagen <= 0.03
    assert 0.06 <= th.telogen <= 0.15
    assert th.kenogen < 0.03
    assert 50 <= th.shed_per_day <= 100          # per 100,000 follicles
    assert 200 <= th.density <= 230
    r = runs["healthy"]
    assert 50 <= r.shed_per_day()[1:].mean() <= 100
    assert 200 <= r.density.mean() <= 230


def test_moderate_aga_untreated_progression(runs):
    r, h = runs["aga_moderate"], runs["healthy"]
    d = r.density
    for year in (1, 2):
        loss = 1 - d[365 * year] / d[365 * (year - 1)]
        assert 0.05 <= loss <= 0.10, (year, loss)
    rest = r.fraction(Phase.TELOGEN) + r.fraction(Phase.KENOGEN)
    assert rest[-1] > rest[0]
    assert r.vellus_fraction[-1] > r.vellus_fraction[0]
    assert r.shed[1:].mean() > 1.2 * h.shed[1:].mean()


def test_aga_presets_are_ordered_by_severity(runs):
    d = [runs[n].density[0] for n in ("healthy", "aga_mild", "aga_moderate", "aga_severe")]
    assert d == sorted(d, reverse=True)
    loss_mild = 1 - runs["aga_mild"].density[730] / runs["aga_mild"].density[0]
    loss_mod = 1 - runs["aga_moderate"].density[730] / runs["aga_moderate"].density[0]
    assert 0 < loss_mild < loss_mod
    assert runs["aga_severe"].vellus_fraction[0] > 0.4


def test_telogen_effluvium_preset(runs):
    r, h = runs["telogen_effluvium"], runs["healthy"]
    smooth = np.convolve(r.shed, np.ones(7) / 7, mode="same")
    peak = int(np.argmax(smooth[:365]))
    assert 30 + 60 <= peak <= 30 + 95                 # 2–3 months after the stress on day 30
    assert smooth[peak] > 3 * h.shed[1:].mean()


def test_presets_have_descriptions_and_sources():
    for name in hs.presets.names():
        assert hs.presets.describe(name).endswith(".")
        doc = getattr(hs.presets, name).__doc__
        assert any(src in doc for src in ("Barman", "Rebora", "Rushton", "Li 2022", "Sinclair"))
