"""The interactive explorer: a no-code hairsim app built with ipywidgets.

Show it in a notebook or serve it with Voilà (``make app``)::

    from hairsim.widgets import Explorer
    app = Explorer()
    app                      # a cell ending in ``app`` shows the whole UI

The app is built in :mod:`hairsim.app` (controls table, widget-free model, figure, world view,
panel, export); this module keeps the public name. The stimulation is hypothetical: a what-if
model, not the measured effect of any product. This module imports ipywidgets (the ``notebooks``
extra).
"""

from .app.panel import HYPOTHETICAL_NOTE, STIMULATION_DEFAULTS, Explorer

__all__ = ["Explorer", "HYPOTHETICAL_NOTE", "STIMULATION_DEFAULTS"]
