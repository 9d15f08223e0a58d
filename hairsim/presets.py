# DEV SHIM ONLY (guess of the lead's preset)
from .params import Params
def healthy(): return Params()
def aga_moderate(): return Params(aga_susceptible_fraction=0.6, anagen_shortening=0.8, miniaturization=0.15, p_kenogen_miniaturized=0.4, kenogen_miniaturized_days=300, years_since_onset=5)
def names(): return ["healthy","aga_moderate"]
def get(n): return globals()[n]()
