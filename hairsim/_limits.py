"""The limits every entry point checks before it starts work, and the sentence a refusal reads.

Each entry point estimates its total work (phase changes: 4 per hair cycle, follicles × cycles ×
groups × trials × participants …) and the memory of what it must hold (per-follicle arrays,
per-group series, trial tables), from its arguments alone, before it allocates anything; past a
limit it refuses with one sentence that names the argument that is too large and what fits::

    It looks like this study would need about 3.6e+13 phase changes (…), more than the limit of
    3e+09 (a few minutes of work); the 'n_trials' parameter can be at most 8 for these settings;
    got 100,000.

The limits (a few minutes of one core, a gigabyte or two of memory) keep a classroom laptop
responsive; larger studies are split into several calls.
"""

from __future__ import annotations

from ._validation import InvalidParameterError

__all__ = ["MAX_PHASE_CHANGES", "MAX_BYTES", "too_large"]

#: The most phase changes (4 per hair cycle) one call may need: about 3e9, a few minutes on one core.
MAX_PHASE_CHANGES = 3e9
#: The most memory (bytes) the series, tables and per-follicle arrays of one call may take.
MAX_BYTES = 2e9


def too_large(what: str, need: str, limit: str, name, most: str, got: str,
              advice: str = "") -> InvalidParameterError:
    """The refusal: what the request would need, the limit, the argument to reduce and what fits.

    ``name`` is an argument's name, or a tuple of names whose product is what is too large."""
    tail = f" (or {advice})" if advice else ""
    subject = (f"the '{name}' parameter" if isinstance(name, str) else
               "the product " + " × ".join(f"'{n}'" for n in name))
    return InvalidParameterError(
        f"It looks like {what} would need about {need}, more than the limit of {limit}; {subject} "
        f"can be at most {most} for these settings{tail}; got {got}.")
