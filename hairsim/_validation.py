"""One table of constraints, one sentence form for every failure.

Every field of :class:`~hairsim.Params` and :class:`~hairsim.Stimulation` declares its constraint
here (in the spirit of scikit-learn's ``_param_validation``). A failure always reads::

    The 'anagen_cv' parameter must be a float in [0, 3]; got -0.1.
"""

from __future__ import annotations

import difflib
import math
import numbers
from dataclasses import dataclass

import numpy as np

__all__ = ["Interval", "Options", "check_value", "unknown_name_message"]


def _fmt(x: float) -> str:
    """Format a bound compactly: 3 → '3', 0.5 → '0.5', 1e5 → '100000'."""
    if x == math.inf:
        return "inf"
    if float(x).is_integer():
        return str(int(x))
    return f"{x:g}"


@dataclass(frozen=True)
class Interval:
    """A real interval constraint.

    Parameters
    ----------
    lo, hi : float
        Bounds. ``math.inf`` for an open end.
    closed : {"both", "left", "right", "neither"}
        Which bounds belong to the interval.
    none_ok : bool
        Whether ``None`` is allowed (it means "off" for that field).
    array_ok : bool
        Whether a 1-D array of values (one per follicle) is allowed.
    integer : bool
        Whether the value must be a whole number.
    """

    lo: float
    hi: float
    closed: str = "both"
    none_ok: bool = False
    array_ok: bool = False
    integer: bool = False

    def describe(self) -> str:
        left = "[" if self.closed in ("both", "left") else "("
        right = "]" if self.closed in ("both", "right") else ")"
        kind = "a whole number" if self.integer else "a float"
        text = f"{kind} in {left}{_fmt(self.lo)}, {_fmt(self.hi)}{right}"
        if self.none_ok:
            text = f"None or {text}"
        return text

    def contains(self, x) -> np.ndarray | bool:
        lo_ok = (x >= self.lo) if self.closed in ("both", "left") else (x > self.lo)
        hi_ok = (x <= self.hi) if self.closed in ("both", "right") else (x < self.hi)
        return lo_ok & hi_ok


@dataclass(frozen=True)
class Options:
    """A choice among a few strings."""

    values: tuple

    def describe(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)


def _got(value) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float):
        return f"{value:g}" if math.isfinite(value) else str(value)
    return repr(value)


def check_value(name: str, value, constraint, kind: str = "parameter"):
    """Validate one value and return it normalised (float, None, str or read-only float array).

    Raises
    ------
    ValueError
        With one sentence naming the parameter, the allowed range and the value given.
    """
    if isinstance(constraint, Options):
        if not isinstance(value, str) or value not in constraint.values:
            raise ValueError(
                f"The '{name}' {kind} must be {constraint.describe()}; got {_got(value)}."
            )
        return value

    if value is None:
        if constraint.none_ok:
            return None
        raise ValueError(f"The '{name}' {kind} must be {constraint.describe()}; got None.")

    if isinstance(value, (bool, np.bool_)):
        raise ValueError(
            f"The '{name}' {kind} must be {constraint.describe()}; got {value!r} (a bool)."
        )

    if isinstance(value, numbers.Real):
        x = float(value)
        if not math.isfinite(x) or not constraint.contains(x):
            raise ValueError(f"The '{name}' {kind} must be {constraint.describe()}; got {_got(x)}.")
        if constraint.integer and not x.is_integer():
            raise ValueError(f"The '{name}' {kind} must be {constraint.describe()}; got {_got(x)}.")
        return int(x) if constraint.integer else x

    if isinstance(value, (list, tuple, np.ndarray)) and constraint.array_ok:
        try:
            arr = np.array(value, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(
                f"The '{name}' {kind} must be {constraint.describe()} or a 1-D array of such "
                f"values (one per follicle); got an array that is not numeric."
            ) from None
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(
                f"The '{name}' {kind} must be {constraint.describe()} or a 1-D array of such "
                f"values (one per follicle); got an array of shape {arr.shape}."
            )
        bad = ~np.isfinite(arr) | ~constraint.contains(np.where(np.isfinite(arr), arr, 0.0))
        bad |= ~np.isfinite(arr)
        if bad.any():
            first = arr[np.argmax(bad)]
            raise ValueError(
                f"The '{name}' {kind} must be {constraint.describe()} or a 1-D array of such "
                f"values (one per follicle); got an array containing {_got(float(first))} "
                f"(at index {int(np.argmax(bad))})."
            )
        arr.setflags(write=False)
        return arr

    shape = "an array" if isinstance(value, (list, tuple, np.ndarray)) else type(value).__name__
    raise ValueError(f"The '{name}' {kind} must be {constraint.describe()}; got {_got(value)} ({shape}).")


def unknown_name_message(name: str, known, owner: str) -> str:
    """'It looks like…' message for an unknown keyword, with a 'did you mean' and the valid names."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return (
        f"It looks like '{name}' is not a {owner} field.{hint} "
        f"Valid names are: {', '.join(known)}."
    )
