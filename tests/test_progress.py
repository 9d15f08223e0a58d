"""progress=True on long work: a tqdm bar when tqdm is installed, plain lines on stderr otherwise."""

from __future__ import annotations

import builtins

import numpy as np
import pytest

import hairsim as hs


@pytest.fixture
def no_tqdm(monkeypatch):
    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "tqdm" or name.startswith("tqdm."):
            raise ImportError("no tqdm here")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


def test_off_by_default(capsys):
    hs.simulate("healthy", 200, 0.2, rng=1)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_plain_lines_without_tqdm(no_tqdm, capsys):
    r = hs.simulate("healthy", 1_000, 0.2, rng=1, chunk_size=100, progress=True)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "simulate: 10 % (100 of 1,000 follicles)"
    assert err[-1].startswith("simulate: done (1,000 follicles in ")
    assert len(err) == 10   # every tenth once, and the end
    assert r.equals(hs.simulate("healthy", 1_000, 0.2, rng=1))   # the same run


def test_trials_report_participants(no_tqdm, capsys):
    hs.run_trial("aga_moderate", {"placebo": None}, 3, [0, 2], rng=1, progress=True)
    err = capsys.readouterr().err
    assert "participants: done (3 participants in " in err


def test_a_tqdm_bar_when_installed(capsys, require):
    require("tqdm")
    a = hs.power_curve("aga_moderate", {"a": None, "b": None}, n_per_arm=[2], weeks=[2], n_trials=2, rng=1,
                       progress=True)
    err = capsys.readouterr().err
    assert "participants" in err and "8/8" in err       # tqdm's text bar (stderr, not a notebook)
    b = hs.power_curve("aga_moderate", {"a": None, "b": None}, n_per_arm=[2], weeks=[2], n_trials=2, rng=1)
    assert np.array_equal(a.power, b.power)
