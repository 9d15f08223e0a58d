"""One way in: declared constraints, one sentence form for every failure, one "did you mean".

Every argument of every public function, and every field of :class:`~hairsim.Params` and
:class:`~hairsim.Stimulation`, declares its constraint here (in the spirit of scikit-learn's
``_param_validation``). Functions declare theirs in one table with :func:`validate_params`::

    @validate_params({"n_follicles": Interval(1, 1e8, integer=True), "rng": Seed()})
    def simulate(params, n_follicles=10_000, ..., rng=None): ...

A failure always reads as one line, naming the parameter, what is allowed and the value given::

    The 'anagen_cv' parameter must be a float in [0, 3]; got -0.1.

and an unknown name gets the helper's "did you mean"::

    It looks like 'anagen_cvv' is not a Params field. Did you mean 'anagen_cv'? Valid names are: …

The error is an :class:`InvalidParameterError`, both a ``ValueError`` and a ``TypeError`` (as in
scikit-learn), so either ``except`` catches it. Messages never print an array's repr: arrays are
described by their shape, or by their first bad element and its index.

Array values obey exactly the scalar rules, element by element (no strings, bools, complex numbers
or None). A whole number may be given as an int or as a float with no fractional part (``1e5``).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import inspect
import math
import numbers
import os
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "InvalidParameterError", "Interval", "Options", "InstanceOf", "ParamsOrPreset", "Seed", "Flag",
    "Text", "FilePath", "Sequence", "Mapping", "AnyOf", "HasMethods", "ResultLike", "AxesOrNone",
    "PhaseChoice", "Bound", "Fields", "check_value", "validate_params", "unknown_name_message", "did_you_mean",
    "describe_value", "fail", "resolve_params", "lognormal_mu_sigma",
]

#: The one cut-off of every "did you mean" (difflib's similarity ratio).
SIMILARITY_CUTOFF = 0.6


class InvalidParameterError(ValueError, TypeError):
    """A bad argument: one sentence naming the parameter, what is allowed and the value given.

    A subclass of both ``ValueError`` and ``TypeError``, so ``except ValueError`` and
    ``except TypeError`` both catch it. ``name``, ``allowed`` and ``got`` hold the sentence's
    parts when it was made by :func:`fail`."""

    name = allowed = got = None


# ---------------------------------------------------------------------------------------------
# the sentence
# ---------------------------------------------------------------------------------------------

def _fmt(x) -> str:
    """A number compactly: 3 → '3', 2.0 → '2', 0.5 → '0.5', 1e5 → '100,000', inf → 'inf'."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x.is_integer() and abs(x) < 1e16:
        return f"{int(x):,}" if abs(x) >= 10_000 else str(int(x))
    return repr(x)


def _short(text: str, limit: int = 40) -> str:
    return repr(text) if len(text) <= limit else repr(text[: limit - 3] + "...")


def describe_value(value) -> str:
    """The value given, in a few words on one line (never an array's repr)."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"{bool(value)!r} (a bool)"
    if isinstance(value, str):
        return f"{_short(value)} (a str)" if value else "'' (an empty str)"
    if isinstance(value, numbers.Real):
        return _fmt(value)
    if isinstance(value, numbers.Complex):
        return f"{complex(value)!r} (a complex number)"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return describe_value(value.item())
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        kind = type(value).__name__
        return f"an empty {kind}" if not value else f"a {kind} of {len(value)} values"
    if isinstance(value, dict):
        return f"a dict of {len(value)} items"
    if isinstance(value, (bytes, bytearray)):
        return f"{len(value)} bytes"
    return f"an object of type {type(value).__name__}"


def fail(name: str, allowed: str, got: str, kind: str = "parameter", hint: str = "",
         why: str = "") -> InvalidParameterError:
    """The error for a bad value: ``The 'name' parameter must be <allowed><why>; got <got>.<hint>``."""
    err = InvalidParameterError(f"The '{name}' {kind} must be {allowed}{why}; got {got}.{hint}")
    err.name, err.allowed, err.got = name, allowed, got
    return err


def did_you_mean(name, known) -> str:
    """' Did you mean 'x'?' for the closest known name, or '' — the one "did you mean" of hairsim.

    The one known name that starts with ``name`` (three letters or more: 'male' → 'male_pattern'),
    else the closest by difflib's ratio at the one cut-off (:data:`SIMILARITY_CUTOFF`)."""
    known = [str(k) for k in known]
    text = str(name)
    starts = [k for k in known if len(text) >= 3 and k.lower().startswith(text.lower()) and k != text]
    if len(starts) == 1:
        return f" Did you mean '{starts[0]}'?"
    close = difflib.get_close_matches(text, known, n=1, cutoff=SIMILARITY_CUTOFF)
    return f" Did you mean '{close[0]}'?" if close else ""


def unknown_name_message(name: str, known, owner: str, noun: str = "field") -> str:
    """'It looks like…' message for an unknown keyword, with a 'did you mean' and the valid names:
    ``It looks like 'x' is not a <owner> <noun>. Did you mean 'y'? Valid names are: ….``"""
    known = list(known)
    return (f"It looks like '{name}' is not a {owner} {noun}.{did_you_mean(name, known)} "
            f"Valid names are: {', '.join(map(str, known))}.")


# ---------------------------------------------------------------------------------------------
# constraints
# ---------------------------------------------------------------------------------------------

class Constraint:
    """A declared constraint: ``describe()`` says what is allowed, ``check()`` returns the value
    normalised or raises :class:`InvalidParameterError`; ``invalid_values()`` lists values that
    break it (the generated tests use them)."""

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def check(self, name, value, kind="parameter"):  # pragma: no cover - abstract
        raise NotImplementedError

    def invalid_values(self) -> list:
        return [object()]

    def valid_values(self) -> list:
        """Values of every form this constraint accepts (the generated tests check each passes)."""
        return []

    def bad_values(self) -> list:
        """:meth:`invalid_values` that this constraint really refuses (what the tests try)."""
        return [v for v in self.invalid_values() if not _accepts(self, v)]

    def fail(self, name, value, kind="parameter", got=None, hint=""):
        return fail(name, self.describe(), describe_value(value) if got is None else got, kind, hint)


def _real_or_none(value):
    """(ok, float) for a real scalar that is not a bool; 0-d arrays count as scalars."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return False, value
    try:
        return True, float(value)
    except OverflowError:  # an int beyond the float range
        return True, math.inf if value > 0 else -math.inf


@dataclass(frozen=True)
class Interval(Constraint):
    """A real interval.

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
        Whether the value must be a whole number (an int, or a float with no fractional part).
    """

    lo: float
    hi: float
    closed: str = "both"
    none_ok: bool = False
    array_ok: bool = False
    integer: bool = False

    def _range(self) -> str:
        left = "[" if self.closed in ("both", "left") and math.isfinite(self.lo) else "("
        right = "]" if self.closed in ("both", "right") and math.isfinite(self.hi) else ")"
        return f"{left}{_fmt(self.lo)}, {_fmt(self.hi)}{right}"

    def _where(self) -> str:
        if math.isinf(self.hi) and math.isfinite(self.lo):  # a half line reads better as a bound
            return ("≥ " if self.closed in ("both", "left") else "> ") + _fmt(self.lo)
        return f"in {self._range()}"

    def describe(self, plural: bool = False) -> str:
        if plural:
            kind = "whole numbers" if self.integer else "floats"
            return f"{kind} {self._where()}"
        kind = "a whole number" if self.integer else "a float"
        text = f"{kind} {self._where()}"
        if self.none_ok:
            text = f"None or {text}"
        return text

    def describe_array(self) -> str:
        return f"{self.describe()} or a 1-D array of such values (one per follicle)"

    def contains(self, x) -> np.ndarray | bool:
        lo_ok = (x >= self.lo) if self.closed in ("both", "left") else (x > self.lo)
        hi_ok = (x <= self.hi) if self.closed in ("both", "right") else (x < self.hi)
        return lo_ok & hi_ok

    def fail(self, name, value, kind="parameter", got=None, hint=""):
        array_like = isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.ndim)
        allowed = self.describe_array() if self.array_ok and array_like else self.describe()
        return fail(name, allowed, describe_value(value) if got is None else got, kind, hint)

    def _scalar_ok(self, x: float) -> bool:
        return math.isfinite(x) and bool(self.contains(x)) and (not self.integer or x.is_integer())

    def check(self, name, value, kind="parameter"):
        if value is None:
            if self.none_ok:
                return None
            raise self.fail(name, value, kind)
        ok, x = _real_or_none(value)
        if ok:
            if not self._scalar_ok(x):
                raise self.fail(name, value, kind, got=_fmt(x))
            return int(x) if self.integer else x
        if isinstance(value, (list, tuple, np.ndarray)) and self.array_ok:
            arr = numeric_array(name, value, self, kind)
            if arr.ndim != 1 or arr.size == 0:
                raise self.fail(name, value, kind, got="an empty array" if arr.size == 0 and arr.ndim == 1
                                else f"an array of shape {arr.shape}")
            allowed = self.describe_array()
            bad = ~np.isfinite(arr)
            bad |= ~self.contains(np.where(bad, 0.0, arr))
            if self.integer:
                bad |= np.where(bad, 0.0, arr) % 1 != 0
            if bad.any():
                i = int(np.argmax(bad))
                raise fail(name, allowed, f"an array with {_fmt(arr[i])} at index {i}", kind)
            arr.setflags(write=False)
            return arr
        raise self.fail(name, value, kind)

    def inside(self, count: int = 1) -> list:
        """``count`` increasing values inside the interval (whole numbers if it asks for them)."""
        lo = self.lo if math.isfinite(self.lo) else min(0.0, self.hi - count - 1)
        hi = self.hi if math.isfinite(self.hi) else lo + count + 1
        xs = [lo + (hi - lo) * (i + 1) / (count + 1) for i in range(count)]
        if self.integer:
            xs = [float(math.floor(x)) if self.contains(math.floor(x)) else float(math.ceil(x)) for x in xs]
        return xs

    def valid_values(self) -> list:
        x = self.inside()[0]
        out = [int(x), np.int64(int(x))] if self.integer else [x, np.float64(x), np.float32(x)]
        if self.integer:
            out.append(float(x))  # a whole float (1e5 from a command line, say)
        if self.array_ok:
            out += [[x, x], np.array([x, x])]
        if self.none_ok:
            out.append(None)
        return [v for v in out if not (isinstance(v, np.floating) and not self.contains(float(v)))]

    def invalid_values(self) -> list:
        out = [math.nan, math.inf, -math.inf, True, "abc", 1 + 2j, np.zeros((2, 2))]
        if self.closed in ("both", "left") and math.isfinite(self.lo):
            out.append(self.lo - max(1e-6, abs(self.lo) * 1e-6))
        elif math.isfinite(self.lo):
            out.append(self.lo)
        if self.closed in ("both", "right") and math.isfinite(self.hi):
            out.append(self.hi + max(1e-6, abs(self.hi) * 1e-6))
        elif math.isfinite(self.hi):
            out.append(self.hi)
        if self.lo >= 0:
            out.append(-1)
        if self.integer:
            mid = self.lo + 0.5 if math.isfinite(self.lo) else 0.5
            out.append(mid if self.contains(mid) else 0.5)
        if not self.none_ok:
            out.append(None)
        if not self.array_ok:
            out.append([1.0, 2.0])
        else:
            out += [["500", "600"], np.array([True, False]), np.array([1 + 0j]), [None, 1.0], []]
        return out


def numeric_array(name, value, constraint, kind="parameter", keep_int=False) -> np.ndarray:
    """A list or array as a float array (an integer array stays one with ``keep_int``), with the
    scalar rules element by element: its first string, bool, complex number, None or other
    non-number is named with its index."""
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):
        raise constraint.fail(name, value, kind, got=f"a {type(value).__name__} of uneven shape") from None
    k = arr.dtype.kind
    noun = "an array" if isinstance(value, np.ndarray) else f"a {type(value).__name__}"
    if keep_int and (k == "i" or (k == "u" and arr.dtype.itemsize < 8)):
        return arr
    if k in "iuf":
        return np.array(arr, dtype=float)
    if k == "O":
        flat = arr.ravel()
        for i, v in enumerate(flat):
            ok, _ = _real_or_none(v)
            if not ok:
                where = f" at index {i}" if arr.ndim == 1 else f" at flat index {i}"
                raise constraint.fail(name, value, kind, got=f"{noun} with {describe_value(v)}{where}")
        try:
            return np.array(arr, dtype=float)
        except OverflowError:  # a whole number beyond the float range
            raise constraint.fail(name, value, kind, got=f"{noun} with a number beyond the float range") from None
    if k in "bcUS" and arr.size:
        where = " at index 0" if arr.ndim == 1 else " at flat index 0"
        got = f"{noun} with {describe_value(arr.ravel()[0].item())}{where}"
    else:
        got = f"{noun} of dtype {arr.dtype}"
    raise constraint.fail(name, value, kind, got=got)


def _value_text(v) -> str:
    return repr(v) if isinstance(v, str) else _fmt(v) if isinstance(v, numbers.Real) else repr(v)


@dataclass(frozen=True)
class Options(Constraint):
    """A choice among a few values (strings, or numbers); a near miss gets a "did you mean"."""

    values: tuple

    def describe(self) -> str:
        return "one of " + ", ".join(_value_text(v) for v in self.values)

    def check(self, name, value, kind="parameter"):
        if not isinstance(value, np.ndarray):
            for v in self.values:
                same_kind = (isinstance(v, str) == isinstance(value, str)
                             and isinstance(v, bool) == isinstance(value, (bool, np.bool_)))
                if same_kind and value == v:
                    return v
        hint = did_you_mean(value, [v for v in self.values if isinstance(v, str)]) \
            if isinstance(value, str) else ""
        raise self.fail(name, value, kind, hint=hint)

    def invalid_values(self) -> list:
        out = [None, math.nan, True, [1.0]]
        if all(isinstance(v, str) for v in self.values):
            out += ["nope", 3]
        return out


@dataclass(frozen=True)
class InstanceOf(Constraint):
    """An instance of one of some classes (given as classes, or as zero-argument callables
    returning them, for late imports), or None when ``none_ok``."""

    types: tuple
    text: str
    none_ok: bool = False

    def _classes(self):
        return tuple(t if isinstance(t, type) else t() for t in self.types)

    def describe(self) -> str:
        return f"{self.text} or None" if self.none_ok else self.text

    def check(self, name, value, kind="parameter"):
        if value is None and self.none_ok:
            return None
        if isinstance(value, self._classes()):
            return value
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        out = [3, "abc", [1.0], True]
        if not self.none_ok:
            out.append(None)
        return out


@dataclass(frozen=True)
class HasMethods(Constraint):
    """An object with the given methods (duck typing: an executor needs ``submit``)."""

    methods: tuple
    text: str
    none_ok: bool = True

    def describe(self) -> str:
        return f"None or {self.text}" if self.none_ok else self.text

    def check(self, name, value, kind="parameter"):
        if value is None and self.none_ok:
            return None
        if all(callable(getattr(value, m, None)) for m in self.methods):
            return value
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        return [3, "abc", True]


@dataclass(frozen=True)
class ResultLike(Constraint):
    """A run's result: a :class:`hairsim.Result` (or anything with its daily ``days`` and the
    series a helper reads, such as a :class:`hairsim.theory.MeanField`)."""

    attrs: tuple = ("days",)
    text: str = "a hairsim.Result"
    none_ok: bool = False

    def describe(self) -> str:
        return f"None or {self.text}" if self.none_ok else self.text

    def check(self, name, value, kind="parameter"):
        if value is None and self.none_ok:
            return None
        if all(hasattr(value, a) for a in self.attrs) and not isinstance(value, (np.ndarray, str)):
            return value
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        return ([] if self.none_ok else [None]) + [3, "abc", np.zeros(3)]


@dataclass(frozen=True)
class Flag(Constraint):
    """True or False (a bool, not a number or a string)."""

    def describe(self) -> str:
        return "True or False"

    def check(self, name, value, kind="parameter"):
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        return ["no", 1, None, math.nan]


@dataclass(frozen=True)
class Text(Constraint):
    """A non-empty string (e.g. a name or a label)."""

    none_ok: bool = False
    what: str = "a non-empty str"

    def describe(self) -> str:
        return f"None or {self.what}" if self.none_ok else self.what

    def check(self, name, value, kind="parameter"):
        if value is None and self.none_ok:
            return None
        if isinstance(value, str) and value.strip():
            return value
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        out = ["", 3, True, [1.0]]
        if not self.none_ok:
            out.append(None)
        return out


@dataclass(frozen=True)
class FilePath(Constraint):
    """A file path: a non-empty str or ``os.PathLike``; returned as a str."""

    none_ok: bool = False

    def describe(self) -> str:
        text = "a file path (a non-empty str or pathlib.Path)"
        return f"None or {text}" if self.none_ok else text

    def check(self, name, value, kind="parameter"):
        if value is None and self.none_ok:
            return None
        if isinstance(value, (str, os.PathLike)):
            path = os.fspath(value)
            if isinstance(path, str) and path.strip():
                return path
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        out = ["", 3, True]
        if not self.none_ok:
            out.append(None)
        return out


@dataclass(frozen=True)
class Seed(Constraint):
    """An ``rng=`` argument (SPEC 7): None, a non-negative int, a numpy SeedSequence or Generator,
    or a :class:`hairsim.RunKey`. Returned unchanged (see :func:`hairsim._random.resolve_seed`)."""

    def describe(self) -> str:
        return ("None, a non-negative int, a numpy SeedSequence, a numpy Generator or a "
                "hairsim.RunKey")

    def check(self, name, value, kind="parameter"):
        if value is None or isinstance(value, (np.random.SeedSequence, np.random.Generator)):
            return value
        if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)) \
                and int(value) >= 0:
            return value
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        return [-3, 1.5, "abc", True, math.nan, [1, 2]]


@dataclass(frozen=True)
class ParamsOrPreset(Constraint):
    """A :class:`hairsim.Params` or a preset name (the one resolver; see :func:`resolve_params`).

    ``scalar_only`` refuses per-follicle arrays (a virtual trial's population)."""

    none_ok: bool = False
    scalar_only: bool = False

    def describe(self) -> str:
        from . import presets
        names = ", ".join(map(repr, presets.names()))
        if self.none_ok:
            return f"a hairsim.Params, a preset name ({names}) or None"
        return f"a hairsim.Params or a preset name ({names})"

    def check(self, name, value, kind="parameter"):
        from .params import Params
        from . import presets
        if value is None and self.none_ok:
            return None
        if isinstance(value, str):
            if value not in presets.names():
                raise self.fail(name, value, kind, hint=did_you_mean(value, presets.names()))
            value = presets.get(value)
        if not isinstance(value, Params):
            raise self.fail(name, value, kind)
        if self.scalar_only:
            arrays = value.array_fields()
            if arrays:
                field_name = next(iter(arrays))
                raise fail(name, "a hairsim.Params with one value per field (each participant "
                           "varies around it)", f"a per-follicle array for '{field_name}'", kind)
        return value

    def invalid_values(self) -> list:
        out = [3, "aga_moderat", {"anagen_mean_days": 3}, True]
        if not self.none_ok:
            out.append(None)
        return out


def resolve_params(value, name: str = "params", *, none_ok: bool = False, scalar_only: bool = False):
    """The one "Params or preset name" resolver: a :class:`~hairsim.Params` (a preset name is
    looked up), or None when ``none_ok``."""
    return ParamsOrPreset(none_ok=none_ok, scalar_only=scalar_only).check(name, value)


@dataclass(frozen=True)
class PhaseChoice(Constraint):
    """A phase: a :class:`hairsim.Phase`, its number (0–3) or its name ('anagen', …)."""

    def describe(self) -> str:
        return "a hairsim.Phase, 0–3 or one of 'anagen', 'catagen', 'telogen', 'kenogen'"

    def check(self, name, value, kind="parameter"):
        from .phases import Phase
        if isinstance(value, Phase):
            return value
        if isinstance(value, str):
            names = [p.label for p in Phase]
            if value.lower() in names:
                return Phase[value.upper()]
            raise self.fail(name, value, kind, hint=did_you_mean(value, names))
        if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)) \
                and 0 <= int(value) <= 3:
            return Phase(int(value))
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        return [4, -1, 1.5, "anagn", True, None]


@dataclass(frozen=True)
class AxesOrNone(Constraint):
    """None or a matplotlib Axes."""

    def describe(self) -> str:
        return "None or a matplotlib Axes"

    def check(self, name, value, kind="parameter"):
        if value is None:
            return None
        from matplotlib.axes import Axes
        if isinstance(value, Axes):
            return value
        raise self.fail(name, value, kind)

    def invalid_values(self) -> list:
        return [3, "abc", True]


@dataclass(frozen=True)
class Sequence(Constraint):
    """A list (or 1-D array) of values, each obeying ``element``; returned as a numpy array
    (float, or int for whole numbers).

    Parameters
    ----------
    element : Interval
    min_size, max_size : int
    increasing : bool
        Strictly increasing.
    scalar_ok : bool
        A single value stands for a list of one.
    what : str
        What the values are, in the message (default: ``element``'s plural description).
    text : str
        The whole description, in place of the generated one.
    allow_nan : bool
        NaN is a value (a day with no value in a data series); inf still is not.
    none_ok : bool
        None is allowed (it means "the default").
    """

    element: Interval
    min_size: int = 1
    max_size: float = math.inf
    increasing: bool = False
    scalar_ok: bool = False
    what: str = ""
    text: str = ""
    allow_nan: bool = False
    none_ok: bool = False

    def describe(self) -> str:
        if self.none_ok:
            return f"{Sequence.describe(dataclasses.replace(self, none_ok=False))}, or None"
        if self.text:
            return self.text
        what = self.what or self.element.describe(plural=True)
        if self.min_size == self.max_size:
            size = f"a list of exactly {self.min_size:,}"
        elif self.min_size <= 1:
            size = "a non-empty list"
        else:
            size = f"a list of at least {self.min_size:,}"
        if math.isfinite(self.max_size) and self.min_size != self.max_size:
            size += f" (at most {int(self.max_size):,})"
        text = f"{size} {what}" if self.min_size == self.max_size else f"{size} of {what}"
        if self.increasing:
            text += ", in increasing order"
        return text

    def check(self, name, value, kind="parameter"):
        if value is None and self.none_ok:
            return None
        ok, x = _real_or_none(value)
        if ok:  # a single number: one value, where the constraint allows it
            if not self.scalar_ok:
                raise self.fail(name, value, kind)
            if not self.element._scalar_ok(x):
                big = isinstance(value, numbers.Integral) and math.isinf(x)
                raise self.fail(name, value, kind, got="a whole number beyond the float range" if big else _fmt(x))
            value = [value]
        if not isinstance(value, (list, tuple, np.ndarray, range)):
            raise self.fail(name, value, kind)
        arr = numeric_array(name, list(value) if isinstance(value, range) else value, self, kind,
                            keep_int=self.element.integer)
        if arr.ndim != 1:
            raise self.fail(name, value, kind, got=f"an array of shape {arr.shape}")
        noun = "an array" if isinstance(value, np.ndarray) else f"a {type(value).__name__}"
        if arr.size < self.min_size or arr.size > self.max_size:
            raise self.fail(name, value, kind, got=f"{noun} of {arr.size} values")
        e = self.element
        bad = ~np.isfinite(arr)
        if self.allow_nan:
            bad &= ~np.isnan(arr)
        bad |= ~e.contains(np.where(np.isfinite(arr), arr, 0.0))
        if e.integer:
            bad |= np.where(bad, 0.0, arr) % 1 != 0
        if bad.any():
            i = int(np.argmax(bad))
            raise self.fail(name, value, kind, got=f"{noun} with {_fmt(arr[i])} at index {i}")
        if self.increasing and arr.size > 1 and np.any(np.diff(arr) <= 0):
            i = int(np.argmax(np.diff(arr) <= 0)) + 1
            raise self.fail(name, value, kind,
                            got=f"{noun} with {_fmt(arr[i])} after {_fmt(arr[i - 1])} at index {i}")
        return np.asarray(arr, dtype=np.int64) if e.integer else arr

    def valid_values(self) -> list:
        n = max(self.min_size, 1)
        xs = self.element.inside(n)
        if self.increasing and len(set(xs)) < len(xs):
            return []  # no room for n increasing whole numbers: nothing simple to try
        out = [xs, tuple(xs), np.array(xs)]
        if self.element.integer:
            out.append([np.int64(x) for x in xs])
            if all(b - a == 1 for a, b in zip(xs, xs[1:])):
                out.append(range(int(xs[0]), int(xs[-1]) + 1))
        if self.scalar_ok and n == 1:
            out += [xs[0], np.float64(xs[0])]
            if self.element.integer:
                out.append(int(xs[0]))
        if self.none_ok:
            out.append(None)
        return out

    def invalid_values(self) -> list:
        lo = self.element.lo
        below = lo - 1 if math.isfinite(lo) else None
        out = [[], [math.inf], [True], ["abc"], [None], np.zeros((2, 2)), "abc", {1: 2}]
        if not self.none_ok:
            out.append(None)
        if not self.allow_nan:
            out.append([math.nan])
        if not self.scalar_ok:
            out.append(5.0)
        if below is not None:
            out.append([below])
        if math.isfinite(self.element.hi):
            out.append([self.element.hi + 1])
        if self.increasing:
            hi = self.element.hi if math.isfinite(self.element.hi) else lo + 10
            out.append([hi, lo] if hi > lo else [lo, lo])
        return out


@dataclass(frozen=True)
class Mapping(Constraint):
    """A dict whose keys and values obey constraints (returned as a new dict)."""

    keys: Constraint
    values: Constraint
    min_size: int = 0
    what: str = ""

    def describe(self) -> str:
        if self.what:
            return self.what
        size = "a non-empty dict" if self.min_size else "a dict"
        return f"{size} of {self.keys.describe()} → {self.values.describe()}"

    def check(self, name, value, kind="parameter"):
        if not isinstance(value, dict):
            raise self.fail(name, value, kind)
        if len(value) < self.min_size:
            raise self.fail(name, value, kind, got="an empty dict")
        out = {}
        for k, v in value.items():
            try:
                k2 = self.keys.check(name, k, kind)
                v2 = self.values.check(name, v, kind)
            except InvalidParameterError as exc:
                hint = ""
                if not _key_ok(self.keys, k, name):
                    got = f"a dict with the key {describe_value(k)}"
                    if isinstance(self.keys, Options):
                        hint = did_you_mean(k, [o for o in self.keys.values if isinstance(o, str)])
                else:
                    got = f"a dict with {exc.got or describe_value(v)} for {k!r}"
                raise self.fail(name, value, kind, got=got, hint=hint) from None
            out[k2] = v2
        return out

    def invalid_values(self) -> list:
        out = [3, "abc", [1, 2], None, {"": None}]
        if self.min_size:
            out.append({})
        bad = self.values.invalid_values()
        out += [{"x": b} for b in bad[:3]]
        return out


def _key_ok(constraint, key, name) -> bool:
    try:
        constraint.check(name, key)
        return True
    except InvalidParameterError:
        return False


@dataclass(frozen=True)
class Fields(Constraint):
    """Keyword arguments (a ``**kwargs`` dict) that must be fields of a declared table: unknown
    names get the did-you-mean, values their own constraint (named by their own name)."""

    table: dict
    owner: str
    noun: str = "field"

    def describe(self) -> str:
        return f"{self.owner} {self.noun}s: {', '.join(self.table)}"

    def check(self, name, value, kind="parameter"):
        for key in value:
            if key not in self.table:
                raise InvalidParameterError(unknown_name_message(key, self.table, self.owner, self.noun))
        return {key: self.table[key].check(key, v, kind) for key, v in value.items()}

    def invalid_values(self) -> list:
        return []


def _kind_of(constraint):
    """The Python kinds of value a constraint is about (to pick the sentence of an AnyOf)."""
    if isinstance(constraint, Mapping):
        return (dict,)
    if isinstance(constraint, Sequence):
        return (list, tuple, np.ndarray)
    if isinstance(constraint, Interval):
        return (numbers.Real,)
    if isinstance(constraint, (Text, Options)):
        return (str,)
    return ()


@dataclass(frozen=True)
class AnyOf(Constraint):
    """One of several constraints (the first that accepts the value wins). A rejected value gets
    the sentence of the option about its kind (a dict, a list, a number, a str) if there is one."""

    options: tuple

    def describe(self) -> str:
        return " or ".join(c.describe() for c in self.options)

    def check(self, name, value, kind="parameter"):
        errors = []
        for c in self.options:
            try:
                return c.check(name, value, kind)
            except InvalidParameterError as exc:
                errors.append((c, exc))
        for c, exc in errors:
            kinds = _kind_of(c)
            if kinds and isinstance(value, kinds) and not isinstance(value, (bool, np.bool_)):
                raise exc
        raise self.fail(name, value, kind)

    def valid_values(self) -> list:
        return [v for c in self.options for v in c.valid_values()]

    def invalid_values(self) -> list:
        out = []
        for v in [None, "abc", True, math.nan, 3 + 1j, [object()]]:
            if not any(_accepts(c, v) for c in self.options):
                out.append(v)
        return out


def _accepts(constraint, value) -> bool:
    try:
        constraint.check("x", value)
        return True
    except InvalidParameterError:
        return False


@dataclass(frozen=True)
class Bound(Constraint):
    """A constraint that depends on other arguments (or on ``self``): ``make(arguments)``
    returns the constraint for this call. ``static`` is used where no arguments are known."""

    make: object
    static: Constraint = field(default=None)

    def describe(self) -> str:
        return self.static.describe() if self.static is not None else "a valid value"

    def resolve(self, arguments) -> Constraint:
        return self.make(arguments)

    def check(self, name, value, kind="parameter"):  # without the call's arguments
        return value if self.static is None else self.static.check(name, value, kind)

    def invalid_values(self) -> list:
        return [] if self.static is None else self.static.invalid_values()


# ---------------------------------------------------------------------------------------------
# one value; a whole function
# ---------------------------------------------------------------------------------------------

def check_value(name: str, value, constraint, kind: str = "parameter"):
    """Validate one value and return it normalised (e.g. a float, None, a str or a read-only
    float array).

    Raises
    ------
    InvalidParameterError
        (a ``ValueError`` and a ``TypeError``) with one sentence naming the parameter, the
        allowed range and the value given.
    """
    return constraint.check(name, value, kind)


def validate_params(constraints: dict, *, owner: str | None = None):
    """Declare a function's argument constraints in one table and check them on every call.

    Each passed argument named in ``constraints`` is checked in the table's order and replaced by
    its normalised value (a preset name becomes its Params, ``1e5`` becomes ``100000`` for a whole
    number, a list becomes an array). A constraint may be a :class:`Bound`, built from the other
    arguments of the call (``arguments["self"]`` for a method). An unexpected keyword gets the
    "did you mean"; a ``**kwargs`` argument may be declared as a constraint on its dict. Defaults
    are not checked (they are valid by construction). The table stays readable as
    ``function.__hairsim_constraints__`` (the generated tests read it).
    """

    def decorate(fn):
        sig = inspect.signature(fn)
        names = [p for p in sig.parameters]
        var_kw = next((p.name for p in sig.parameters.values() if p.kind is p.VAR_KEYWORD), None)
        unknown = set(constraints) - set(names)
        if unknown:  # pragma: no cover - a programming error, caught by the tests at import
            raise RuntimeError(f"{fn.__qualname__} declares constraints for unknown arguments {unknown}")
        label = owner or fn.__qualname__
        accepted = [p for p in names if p not in ("self", "cls") and
                    sig.parameters[p].kind not in (inspect.Parameter.VAR_KEYWORD,
                                                   inspect.Parameter.VAR_POSITIONAL)]

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if var_kw is None:
                for key in kwargs:
                    if key not in sig.parameters:
                        raise InvalidParameterError(
                            f"It looks like '{key}' is not an argument of {label}."
                            f"{did_you_mean(key, accepted)} Valid names are: {', '.join(accepted)}.")
            try:
                bound = sig.bind(*args, **kwargs)
            except TypeError as exc:
                raise InvalidParameterError(f"{label}: {exc}.".replace("..", ".")) from None
            passed = set(bound.arguments)
            bound.apply_defaults()
            arguments = bound.arguments
            for name, constraint in constraints.items():
                if name not in passed:
                    continue
                if isinstance(constraint, Bound):
                    constraint = constraint.resolve(arguments)
                arguments[name] = constraint.check(name, arguments[name])
            return fn(*bound.args, **bound.kwargs)

        wrapper.__hairsim_constraints__ = dict(constraints)
        return wrapper

    return decorate


# ---------------------------------------------------------------------------------------------
# the one (mean, CV) → (μ, σ) conversion
# ---------------------------------------------------------------------------------------------

def lognormal_mu_sigma(mean, cv):
    """(μ, σ) of the lognormal with the given mean and coefficient of variation.

    σ² = log(1 + cv²) and μ = log(mean) − σ²/2, so that exp(μ + σ²/2) = mean. Scalars give
    floats (``math``); arrays give arrays (``numpy``), element by element."""
    if isinstance(mean, np.ndarray) or isinstance(cv, np.ndarray):
        s2 = np.log1p(np.square(np.asarray(cv, dtype=float)))
        return np.log(np.asarray(mean, dtype=float)) - 0.5 * s2, np.sqrt(s2)
    s2 = math.log1p(float(cv) * float(cv))
    return math.log(float(mean)) - 0.5 * s2, math.sqrt(s2)
