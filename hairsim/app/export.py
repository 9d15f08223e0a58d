"""Export of the current run: CSV, PNG and GIF as bytes, and the link that downloads them.

In the app the bytes go straight to the browser (a ``download`` link holding the data): nothing is
written next to the notebook or into the repository. Files are written only when a notebook asks
for a path (``Explorer.export_csv(path)`` …); temporary files used to build the bytes live in the
system's temporary folder and are removed at once.
"""

from __future__ import annotations

import base64
import html
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

__all__ = ["csv_bytes", "png_bytes", "gif_bytes", "have_ffmpeg", "download_link", "MAX_LINK_BYTES"]

#: Largest file offered as a link (a data URL); larger ones are refused with a sentence.
MAX_LINK_BYTES = 20_000_000


def csv_bytes(result, name: str):
    """``(file name, bytes, MIME type)`` of ``result.to_csv``.

    If ``to_csv`` writes more than one file (a CSV with a settings file beside it), they come
    zipped together, so the download stays one click; unzip it and keep the two files side by
    side, and ``Result.from_csv`` reads the CSV back.
    """
    with tempfile.TemporaryDirectory(prefix="hairsim-export-") as tmp:
        target = Path(tmp) / name
        result.to_csv(target)
        files = sorted(p for p in Path(tmp).iterdir() if p.is_file())
        if len(files) == 1:
            return name, files[0].read_bytes(), "text/csv"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in files:
                zf.write(p, p.name)
        return Path(name).with_suffix(".zip").name, buf.getvalue(), "application/zip"


def png_bytes(curves, dpi=150) -> bytes:
    """The curves figure (``CurvesDisplay``) as a PNG, cursor included."""
    buf = io.BytesIO()
    curves.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    return buf.getvalue()


def gif_bytes(result, frames=None, fps=8, scalp=None, fmt="gif") -> bytes:
    """An animated GIF (or, with ``fmt="mp4"``, an MP4: needs ffmpeg) of the patch and the scalp
    map over the run (``hs.plot.animate``)."""
    from ..plot_world import animate

    with tempfile.TemporaryDirectory(prefix="hairsim-export-") as tmp:
        path = Path(tmp) / f"animation.{fmt}"
        animate(result, path, frames=frames, fps=fps, scalp=scalp)
        return path.read_bytes()


def have_ffmpeg() -> bool:
    """True where ffmpeg is installed (then the app also offers an MP4)."""
    return shutil.which("ffmpeg") is not None


def download_link(name: str, data: bytes, mime: str) -> str:
    """HTML: a link that saves ``data`` as ``name`` on the viewer's computer."""
    if len(data) > MAX_LINK_BYTES:
        raise ValueError(f"The export is too large to download from the page ({len(data):,} bytes; "
                         f"the limit is {MAX_LINK_BYTES:,}): choose fewer follicles or years.")
    b64 = base64.b64encode(data).decode("ascii")
    size = f"{len(data) / 1e6:.1f} MB" if len(data) >= 1e6 else f"{len(data) / 1e3:.0f} kB"
    return (f"<a class='hairsim-download' download='{html.escape(name)}' "
            f"href='data:{mime};base64,{b64}'>Save {html.escape(name)} ({size})</a>")
