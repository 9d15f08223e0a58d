"""Progress on long work (``progress=True``): a tqdm bar when tqdm is installed, else plain text.

tqdm is optional (in the ``notebooks`` extra). With it, ``tqdm.auto`` draws a widget bar in a
notebook and a text bar in a terminal. Without it, a few plain lines go to stderr (at every tenth
of the work and at the end), so a terminal or a notebook still shows that work is going on.
Progress is off by default (and in the tests).
"""

from __future__ import annotations

import sys
import time

__all__ = ["progress_bar"]


class _Off:
    def update(self, n=1):
        pass

    def close(self):
        pass


class _Text:
    """Plain progress lines on stderr: '<desc>: 40 % (4,000 of 10,000 follicles)'."""

    def __init__(self, total, desc, unit):
        self.total, self.desc, self.unit = max(int(total), 1), desc, unit
        self.done, self.shown, self.t0 = 0, -1, time.perf_counter()

    def update(self, n=1):
        self.done += int(n)
        tenth = min(10, 10 * self.done // self.total)
        if tenth > self.shown and tenth < 10:
            self.shown = tenth
            print(f"{self.desc}: {10 * tenth} % ({self.done:,} of {self.total:,} {self.unit})",
                  file=sys.stderr, flush=True)

    def close(self):
        took = time.perf_counter() - self.t0
        print(f"{self.desc}: done ({self.done:,} {self.unit} in {took:.1f} s)", file=sys.stderr, flush=True)


def progress_bar(total: int, desc: str, enabled: bool, unit: str = "it"):
    """An object with ``update(n)`` and ``close()``: a tqdm bar, plain text lines, or nothing."""
    if not enabled:
        return _Off()
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _Text(total, desc, unit)
    return tqdm(total=int(total), desc=desc, unit=unit, unit_scale=unit == "follicles", leave=True)
