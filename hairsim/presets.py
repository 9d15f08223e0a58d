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

    Anagen about 3 years (2–7), catagen 2 weeks (textbook values [R]); telogen 80 days, after which
    the club hair is held into the next anagen for about 20 days before it is shed (exogen), so a
    club hair lives about 3.3 months ("telogen about 3 months" [R]) and fewer than 7 exogen hairs
    stand on a cm² (Van Neste 2007: under 7/cm²); kenogen in 10 % of cycles, about 4 months (Rebora
    & Guarrera 2002); 225 follicles/cm² (Barman 1965: 175–300 hairs/cm², mean 223); terminal
    diameter 70 µm (60–90 µm [R]); 11 % vellus follicles (normal biopsies: terminal:vellus 7.8:1,
    Kim et al. 2005; 4–11 % vellus across normal-scalp series).
    Renewal theory gives anagen ≈ 91 %, catagen ≈ 1 %, telogen ≈ 7 %, kenogen ≈ 1 %, about 83
    hairs shed a day per 100,000 follicles and about 221 visible hairs/cm² (197 non-vellus).
    """
    return Params()


# The course of one susceptible follicle, shared by the three AGA presets: from its own onset, each
# new anagen lasts 0.4 times as long per year under androgen (60 % shorter; floor 30 days) and each
# new hair is 30 % thinner per year (to the vellus diameter), so a terminal hair turns vellus in
# about 2–3 years;
# kenogen becomes more frequent and longer as it miniaturizes (up to 45 % of cycles and 5 months;
# Rebora & Guarrera 2002: about 4 months, 3–12 months in progressing AGA). The presets differ in how
# many follicles are susceptible, over how many years they are recruited, and how long ago the
# disease started.
_AGA_COURSE = dict(anagen_shortening_per_year=0.4, miniaturization_per_year=0.3, anagen_min_days=30.0,
                   p_kenogen_miniaturized=0.45, kenogen_miniaturized_days=150.0)


def aga_mild() -> Params:
    """Early androgenetic alopecia (for example Norwood–Hamilton II–III, Ludwig I).

    40 % of the terminal follicles susceptible, recruited over 14 years from an onset 6 years before
    day 0 (each follicle's course as in every AGA preset: anagen 0.4 times as long and hairs 30 % thinner
    per year under androgen). Calibrated to the placebo arm of Price et al. 2006 (hair count −13.0 %
    at week 192): untreated, the non-vellus density falls about 12 % in 4 years, about 3 % a year.
    The vellus share of visible hairs rises from about 16 % as follicles miniaturize.
    """
    return Params(aga_susceptible_fraction=0.4, aga_onset_spread_years=14.0, years_since_onset=6.0,
                  **_AGA_COURSE)


def aga_moderate() -> Params:
    """Moderate androgenetic alopecia (for example Norwood–Hamilton III vertex–IV, Ludwig I–II).

    60 % of the terminal follicles susceptible, recruited over 13 years from an onset 6 years before
    day 0. Calibrated to the placebo arm of Kaufman et al. 2008 (−26.3 % hairs in the vertex target
    area over 5 years): untreated, the non-vellus density falls about 5 % a year (5–10 % a year:
    Sinclair & Asgari), starting near the 172 non-vellus hairs/cm² of trial vertex areas (Kaufman
    1998); telogen and kenogen rise, shedding is about 1.8 times healthy (Li 2022: 52.2 vs 27.9 hairs
    per wash), and terminal:vellus falls from about 4:1 towards 1:1.
    """
    return Params(aga_susceptible_fraction=0.6, aga_onset_spread_years=13.0, years_since_onset=6.0,
                  **_AGA_COURSE)


def aga_severe() -> Params:
    """Severe, fast-progressing androgenetic alopecia (for example young men heading for
    Norwood–Hamilton V–VI, or Ludwig III).

    75 % of the terminal follicles susceptible, recruited over 7 years from an onset 4.5 years before
    day 0. Calibrated to young men followed untreated by Rushton et al. 1991 (non-vellus density
    −22.7 % and total density −11.9 % over 24 months): untreated, the non-vellus density falls about
    12 % a year until the susceptible follicles are used up (about 11 years after the onset), the
    vellus share passes 50 %, and kenogen stays under 25 % of follicles (the highest reported is
    about 22 %: Rebora & Guarrera 2002).
    """
    return Params(aga_susceptible_fraction=0.75, aga_onset_spread_years=7.0, years_since_onset=4.5,
                  **_AGA_COURSE)


def telogen_effluvium(stress_day: float = 30.0, anagen_fraction: float = 0.3) -> Params:
    """A healthy scalp hit by a stress (illness, fever, childbirth, crash diet) on ``stress_day``.

    ``anagen_fraction`` of anagen follicles go into catagen at once; after catagen (2 weeks) and
    telogen (about 3 months) they shed together, so shedding peaks 2–3 months after the stress and
    then recovers: with catagen, telogen and the club's retention into the next anagen, shedding
    passes 1.25 times the usual rate about 7 weeks after the stress, peaks about 14 weeks after it
    and is back to normal by about 25 weeks (Headington 1993's "immediate anagen release"; reviews
    give onset 2–4 months after the trigger and recovery within 3–6 months). Measured daily wash counts:
    125.5 ± 62.7 hairs in telogen effluvium vs 27.9 ± 12.2 in normal subjects (Li 2022).
    """
    return Params(stress_day=stress_day, stress_anagen_fraction=anagen_fraction)


_PRESETS = {
    "healthy": (healthy, "A healthy adult scalp: anagen about 3 years, 90 % of follicles growing."),
    "aga_mild": (aga_mild, "Mild androgenetic alopecia: 40 % of follicles slowly shorten and thin; density falls about 3 % a year."),
    "aga_moderate": (aga_moderate, "Moderate androgenetic alopecia: 60 % of follicles shorten and thin; density falls about 5 % a year."),
    "aga_severe": (aga_severe, "Severe, fast androgenetic alopecia: 75 % of follicles affected; density falls about 12 % a year."),
    "telogen_effluvium": (telogen_effluvium, "Telogen effluvium: a stress on day 30 pushes 30 % of growing hairs to rest; they shed 2–3 months later."),
}


def names() -> list:
    """The preset names, in teaching order."""
    return list(_PRESETS)


def get(name: str) -> Params:
    """The preset called ``name``."""
    if not isinstance(name, str) or name not in _PRESETS:
        from ._validation import Options
        Options(tuple(_PRESETS)).check("name", name)
    return _PRESETS[name][0]()


def describe(name: str) -> str:
    """One plain sentence about the preset ``name``."""
    get(name)
    return _PRESETS[name][1]
