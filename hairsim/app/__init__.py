"""The classroom explorer, one concept per file (needs the ``notebooks`` extra for the widgets).

* :mod:`~hairsim.app.controls` – one table of the controls (a row per slider);
* :mod:`~hairsim.app.model` – :class:`ExplorerModel`: values → runs → readouts (no ipywidgets);
* :mod:`~hairsim.app.figure` – the curves as artists kept and updated;
* :mod:`~hairsim.app.world` – the world view (patch of follicles and scalp map);
* :mod:`~hairsim.app.panel` – the ipywidgets app, :class:`~hairsim.app.panel.Explorer`;
* :mod:`~hairsim.app.export` – CSV / PNG / GIF bytes and the browser download.

Importing this package does not import ipywidgets; ``hairsim.widgets.Explorer`` does.
"""

from .model import HYPOTHETICAL_NOTE, ExplorerModel

__all__ = ["ExplorerModel", "HYPOTHETICAL_NOTE"]
