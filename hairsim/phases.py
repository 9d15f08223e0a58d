"""The phases of the hair cycle, and the colours every hairsim figure uses for them."""

from __future__ import annotations

import enum

__all__ = ["Phase", "PHASE_COLORS", "SHED_COLOR", "TREATED_COLOR", "UNTREATED_COLOR"]


class Phase(enum.IntEnum):
    """A follicle's phase. Exogen (the shedding of the club hair) is an event, not a phase."""

    ANAGEN = 0   #: growing hair
    CATAGEN = 1  #: regression, about two weeks
    TELOGEN = 2  #: resting club hair, about three months
    KENOGEN = 3  #: empty follicle between shedding and the next anagen

    @property
    def label(self) -> str:
        return self.name.lower()


# Okabe & Ito (2008) colour-blind-safe palette.
PHASE_COLORS = {
    Phase.ANAGEN: "#009E73",   # bluish green
    Phase.CATAGEN: "#E69F00",  # orange
    Phase.TELOGEN: "#0072B2",  # blue
    Phase.KENOGEN: "#999999",  # grey
}
SHED_COLOR = "#D55E00"        # vermillion
TREATED_COLOR = "#CC79A7"     # reddish purple
UNTREATED_COLOR = "#000000"   # black (dashed)
