"""Named populations: a healthy scalp, three stages of androgenetic alopecia, telogen effluvium.

Each preset is a function returning a :class:`~hairsim.Params`; its docstring gives the sources
and the calibration targets it meets (``science.md`` §6, checked by ``tests/test_presets.py``).
"""

from __future__ import annotations

from .params import Params

__all__ = ["healthy", "aga_mild", "aga_moderate", "aga_severe", "telogen_effluvium", "names", "get",
           "describe"]


def healthy() -> Params:
    """A healthy adult scalp at steady state.

    Anagen about 3 years (2–7), catagen 2 weeks, telogen 3 months (textbook values [R]);
    kenogen in 10 % of cycles, about 4 months (Rebora & Guarrera 2002); 225 follicles/cm² (Barman
    1965: 175–300 hairs/cm², mean 223); terminal diameter 70 µm (60–90 µm [R]).
    Renewal theory gives anagen ≈ 90 %, catagen ≈ 1 %, telogen ≈ 7 %, kenogen ≈ 1 %, about 83
    hairs shed a day per 100,000 follicles and about 218 visible hairs/cm².
    """
    return Params()


def aga_mild() -> Params:
    """Early androgenetic alopecia (for example Norwood–Hamilton II–III, Ludwig I).

    40 % of follicles susceptible; each new anagen 20 % shorter (floor 120 days), each new hair 15 %
    thinner; kenogen up to 45 % of cycles and 7 months in fully miniaturized follicles (Rebora &
    Guarrera 2002; Courtois 1994; Sinclair 2016). Onset 6 years before day 0. Untreated, the
    non-vellus density falls 1.5–4 % a year over the first three years.
    """
    return Params(aga_susceptible_fraction=0.4, anagen_shortening=0.8, anagen_min_days=120.0,
                  miniaturization=0.15, p_kenogen_miniaturized=0.45, kenogen_miniaturized_days=210.0,
                  years_since_onset=6.0)


def aga_moderate() -> Params:
    """Moderate androgenetic alopecia (for example Norwood–Hamilton III vertex–IV, Ludwig I–II).

    60 % of follicles susceptible; each new anagen 20 % shorter (floor 90 days), each new hair 15 %
    thinner; kenogen up to 60 % of cycles and 8 months in fully miniaturized follicles. Onset 8
    years before day 0. Untreated, non-vellus density falls 6–9 % a year in the first two years
    (target 5–10 %: Sinclair & Asgari), telogen and kenogen rise, shedding rises. Young men in
    Rushton 1991 lost faster (−22.7 % non-vellus over 24 months; this preset: about −14.5 %).
    """
    return Params(aga_susceptible_fraction=0.6, anagen_shortening=0.8, anagen_min_days=90.0,
                  miniaturization=0.15, p_kenogen_miniaturized=0.6, kenogen_miniaturized_days=240.0,
                  years_since_onset=8.0)


def aga_severe() -> Params:
    """Advanced androgenetic alopecia (for example Norwood–Hamilton V–VI, Ludwig III).

    80 % of follicles susceptible; each new anagen 30 % shorter (floor 60 days), each new hair 20 %
    thinner; kenogen up to 70 % of cycles and 10 months (Rebora & Guarrera 2002: up to about 7
    months, longer and more frequent as AGA advances). Onset 11 years before day 0: more than half
    of the visible hairs are vellus, and the non-vellus density (about 60 hairs/cm²) is close to
    its floor, set by the 20 % of follicles that are not susceptible.
    """
    return Params(aga_susceptible_fraction=0.8, anagen_shortening=0.7, anagen_min_days=60.0,
                  miniaturization=0.2, p_kenogen_miniaturized=0.7, kenogen_miniaturized_days=300.0,
                  years_since_onset=11.0)


def telogen_effluvium(stress_day: float = 30.0, anagen_fraction: float = 0.3) -> Params:
    """A healthy scalp hit by a stress (illness, fever, childbirth, crash diet) on ``stress_day``.

    ``anagen_fraction`` of anagen follicles go into catagen at once; after catagen (2 weeks) and
    telogen (about 3 months) they shed together, so shedding peaks 2–3 months after the stress and
    then recovers (Headington 1993's "immediate anagen release"). Measured daily wash counts:
    125.5 ± 62.7 hairs in telogen effluvium vs 27.9 ± 12.2 in normal subjects (Li 2022).
    """
    return Params(stress_day=stress_day, stress_anagen_fraction=anagen_fraction)


_PRESETS = {
    "healthy": (healthy, "A healthy adult scalp: anagen about 3 years, 90 % of follicles growing."),
    "aga_mild": (aga_mild, "Mild androgenetic alopecia: 40 % of follicles slowly shorten and thin, cycle by cycle."),
    "aga_moderate": (aga_moderate, "Moderate androgenetic alopecia: 60 % of follicles shorten and thin; density falls 5–10 % a year."),
    "aga_severe": (aga_severe, "Severe androgenetic alopecia: 80 % of follicles affected, many already vellus."),
    "telogen_effluvium": (telogen_effluvium, "Telogen effluvium: a stress on day 30 pushes 30 % of growing hairs to rest; they shed 2–3 months later."),
}


def names() -> list:
    """The preset names, in teaching order."""
    return list(_PRESETS)


def get(name: str) -> Params:
    """The preset called ``name``."""
    if name not in _PRESETS:
        import difflib
        close = difflib.get_close_matches(str(name), _PRESETS, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"It looks like {name!r} is not a preset.{hint} Presets are: {', '.join(_PRESETS)}.")
    return _PRESETS[name][0]()


def describe(name: str) -> str:
    """One plain sentence about the preset ``name``."""
    get(name)
    return _PRESETS[name][1]
