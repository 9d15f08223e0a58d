"""Named **hypothetical** stimulation examples.

These are illustrations of what the knobs do, tuned so that their time course resembles a
published trial. They are not models of any drug or product, and their parameters are not
measured quantities.
"""

from __future__ import annotations

from .params import Stimulation

__all__ = ["minoxidil_like"]


def minoxidil_like(start_day: float = 0.0, weeks: float = 48, persistence: float = 0.0) -> Stimulation:
    """A hypothetical daily stimulation whose effect on moderate AGA has a minoxidil-like time course.

    Tuned (``tests/test_examples.py``) so that, on :func:`hairsim.presets.aga_moderate`, it gives the
    time course reported for topical minoxidil: extra shedding in the first weeks (Messenger &
    Rundegren 2004), a density gain visible by week 8 that levels off after weeks 12–16, about
    +14 non-vellus hairs/cm² over untreated at week 48 (Olsen et al. 2002: 5 % minoxidil +18.6 vs
    placebo +3.9 hairs/cm²), and, with ``persistence=0``, a return to the untreated course within
    about 24 weeks of stopping (Price et al. 1999). It is **not** a pharmacological model of
    minoxidil; it only shows that such a time course follows from waking resting follicles
    (wake 5: telogen and kenogen run six times faster at full exposure), prolonging anagen a
    little (extend 0.2) and thickening new hairs (thicken 0.2) in 60 % of follicles, with an
    exposure that builds up and fades with a 5-day half-life.

    After stopping (``persistence=0``) the gain is gone within about 18 weeks, and a small deficit
    (about 2–3 % of density) follows: the woken follicles spent extra hair cycles, and in hairsim
    AGA progresses cycle by cycle (Halloy et al. 2000). Whether waking follicles costs cycles in
    people is not known; treat it as a question the model raises, not a finding.

    One known difference: hairsim sheds a club hair when its telogen ends, so the woken follicles'
    extra shedding starts within days and peaks in weeks 1–3; with minoxidil it is reported from
    about week 2, probably because a club hair is often pushed out by the new hair growing beneath
    it, which hairsim does not model.

    Parameters
    ----------
    start_day : float, default 0
        First day of application.
    weeks : float, default 48
        Weeks of daily application (the last day is ``start_day + 7·weeks − 1``).
    persistence : float, [0, 1], default 0
        Share of the gain kept after stopping (0 for minoxidil, Price 1999).
    """
    return Stimulation(start_day=start_day, stop_day=start_day + 7 * weeks - 1, schedule="continuous",
                       half_life_days=5.0, wake=5.0, extend=0.2, thicken=0.2, responders=0.6,
                       persistence=persistence)
