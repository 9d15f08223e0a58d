"""Shared fixtures. In-process tests draw with Agg; notebooks and the browser app use their own
backends (MPLBACKEND is never exported, see recipes)."""

import matplotlib

matplotlib.use("Agg")
