"""Named **hypothetical** stimulation examples.

These are illustrations of what the knobs do, tuned so that their time course resembles a
published trial. They are not models of any drug or product, and their parameters are not
measured quantities.
"""

from __future__ import annotations

from ._validation import Interval, describe_value, fail, validate_params
from .params import Stimulation

__all__ = ["minoxidil_like"]

#: The last day a Stimulation may reach (its ``stop_day`` is at most this).
_LAST_DAY = 100_000


@validate_params({"start_day": Interval(0, 100_000), "weeks": Interval(0, 5000, "right"),
                  "persistence": Interval(0, 1)}, owner="hairsim.examples.minoxidil_like")
def minoxidil_like(start_day: float = 0.0, weeks: float = 48, persistence: float = 0.0) -> Stimulation:
    """A hypothetical daily stimulation whose effect on moderate AGA has a minoxidil-like time course.

    Tuned (``tests/test_examples.py``, ``docs/calibration.md``) so that, on
    :func:`hairsim.presets.aga_moderate`, it gives the time course reported for topical minoxidil:
    an early shed (Messenger & Rundegren 2004: minoxidil shortens telogen and pushes resting
    follicles into anagen; "weeks 2–8" is clinic lore [F]), here peaking in week 4; a density gain
    visible by week 8 that levels off by week 16 (about 80 % of the week-48 gain); about +14
    non-vellus hairs/cm² over untreated at week 48 (Olsen et al. 2002: 5 % minoxidil +18.6 vs placebo
    +3.9 hairs/cm²); and, with ``persistence=0``, a return to the untreated course within about 24
    weeks of stopping, never below it (Price et al. 1999).

    It is **not** a pharmacological model of minoxidil; it only shows that such a time course
    follows from waking resting follicles (wake 6: telogen and kenogen run seven times faster at
    full exposure), prolonging anagen a little (extend 0.15) and thickening new hairs (thicken 0.4:
    a hair that starts under full exposure regains 40 % of the diameter its follicle has lost) in
    60 % of follicles, with an exposure that builds up and fades with a 5-day half-life.

    Why the early shed: a woken follicle starts its next anagen early, and the club hair it holds is
    shed about three weeks later (exogen), so the extra shedding starts after a week and peaks
    around week 4. After stopping (``persistence=0``) each responding follicle falls back onto the
    course it would have had: the hairs the exposure held are shed (a withdrawal shed about 3–4
    months later), and the gain is gone within about 24 weeks.

    Parameters
    ----------
    start_day : float, default 0
        First day of application; the last day (``start_day + 7·weeks − 1``) must be at most day
        100,000.
    weeks : float, [1/7, 5000], default 48
        Weeks of daily application, at least one day (the last day is ``start_day + 7·weeks − 1``).
    persistence : float, [0, 1], default 0
        Share of the responding follicles that keep their gain after stopping (0 for minoxidil,
        Price 1999).
    """
    # the relations of the two arguments through the stimulation's stop_day, in their own names
    if 7 * weeks < 1:
        raise fail("weeks", "a float in (0, 5000] and at least 1/7 (one day of application)",
                   describe_value(weeks))
    if start_day + 7 * weeks - 1 > _LAST_DAY:
        raise fail("start_day", f"a float in [0, {describe_value(_LAST_DAY + 1 - 7 * weeks)}]",
                   describe_value(start_day), why=f" (the last day, start_day + 7·weeks − 1 with weeks = "
                   f"{describe_value(weeks)}, must be at most day {_LAST_DAY:,})")
    return Stimulation(start_day=start_day, stop_day=start_day + 7 * weeks - 1, schedule="continuous",
                       half_life_days=5.0, wake=6.0, extend=0.15, thicken=0.4, responders=0.6,
                       persistence=persistence)
