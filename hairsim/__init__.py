"""hairsim: a population of scalp hair follicles cycling through anagen, catagen, telogen and
kenogen, with androgenetic alopecia and a **hypothetical** stimulation.

>>> import hairsim as hs
>>> r = hs.simulate(hs.presets.aga_moderate(), n_follicles=20_000, years=2, rng=1)
>>> r.density.shape
(731,)

The stimulation is a what-if model (knobs for the claims made for "exosome" treatments), never the
measured effect of any product.
"""

from . import calibration, examples, plot, presets, scalp
from ._random import RunKey
from ._validation import InvalidParameterError
from .engine import simulate
from .params import Params, Stimulation
from .phases import PHASE_COLORS, SHED_COLOR, TREATED_COLOR, UNTREATED_COLOR, Phase
from .result import Result
from .scenario import Scenario
from .theory import SteadyState, mean_field, steady_state
from .trace import FollicleTrace, trace
from .trial import TrialResult, power_curve, run_trial

__version__ = "0.1.0"

__all__ = [
    "simulate", "Scenario", "RunKey", "InvalidParameterError", "Params", "Stimulation", "Result", "Phase",
    "PHASE_COLORS", "SHED_COLOR",
    "TREATED_COLOR", "UNTREATED_COLOR", "steady_state", "SteadyState", "mean_field", "presets",
    "examples", "plot", "scalp", "run_trial", "power_curve", "TrialResult", "trace", "FollicleTrace",
    "__version__",
]
