from .params import Stimulation
def minoxidil_like(): return Stimulation(start_day=0, stop_day=336, wake=3.0, extend=0.5, thicken=0.3, responders=0.8)
