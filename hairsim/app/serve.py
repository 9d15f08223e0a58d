"""Serve the explorer to a classroom with Voilà (``make app`` runs ``python -m hairsim.app.serve``).

What the classroom settings do:

* **Idle kernels are culled.** Each page load starts a kernel (about 120 MB). A kernel whose tab
  was closed (or refreshed) is shut down once it has been idle ``--cull-idle`` seconds
  (``--MappingKernelManager.cull_idle_timeout``), checked every ``--cull-interval`` seconds
  (``--MappingKernelManager.cull_interval``). A kernel whose tab is still open is kept
  (``cull_connected=False``), so a student who pauses does not lose the page. 30 students
  refreshing no longer pile up gigabytes.
* **No CDN.** The ``hairsim`` template is Voilà's lab template without its two FontAwesome links
  (the icons are already bundled with Voilà and served by this server), so the page works offline
  and makes no request off this host.
* **Downloads go to the browser.** The app's CSV / PNG / animation buttons hand the bytes to the
  browser; nothing is written into the repository.
* **Loopback by default** (``--ip 127.0.0.1``; ``--ip 0.0.0.0`` or the machine's address serves a
  classroom network), on ``--port`` (8866), tracebacks hidden from students.

Usage::

    python -m hairsim.app.serve [--port 8866] [--cull-idle 900] [--cull-interval 60] [--ip 127.0.0.1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

__all__ = ["NOTEBOOK", "voila_command", "voila_env", "main"]

HERE = Path(__file__).resolve().parent / "voila"
#: The notebook Voilà serves (one cell: ``Explorer()``).
NOTEBOOK = HERE / "explorer.ipynb"
#: A Jupyter data folder holding the ``hairsim`` Voilà template.
DATA_DIR = HERE / "share"


def voila_command(port=8866, ip="127.0.0.1", cull_idle=900, cull_interval=60, tracebacks=False,
                  python=None) -> list:
    """The Voilà command line of the classroom server."""
    return [
        python or sys.executable, "-m", "voila", str(NOTEBOOK), "--no-browser",
        f"--Voila.ip={ip}", f"--port={int(port)}", "--Voila.port_retries=0",
        "--template=hairsim",
        f"--MappingKernelManager.cull_idle_timeout={int(cull_idle)}",
        f"--MappingKernelManager.cull_interval={int(cull_interval)}",
        "--MappingKernelManager.cull_connected=False",
        f"--show_tracebacks={bool(tracebacks)}",
    ]


def voila_env(base=None) -> dict:
    """The environment: the template's data folder on JUPYTER_PATH, no MPLBACKEND override."""
    env = dict(os.environ if base is None else base)
    env.pop("MPLBACKEND", None)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(DATA_DIR), env.get("JUPYTER_PATH")) if p)
    return env


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hairsim.app.serve",
                                     description="Serve the hairsim explorer to a classroom (Voilà).")
    parser.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; 0.0.0.0 for a class network)")
    parser.add_argument("--cull-idle", type=int, default=900, metavar="SECONDS",
                        help="shut down a closed tab's kernel after this long idle (default 900)")
    parser.add_argument("--cull-interval", type=int, default=60, metavar="SECONDS",
                        help="how often to look for idle kernels (default 60)")
    args = parser.parse_args(argv)
    cmd = voila_command(args.port, args.ip, args.cull_idle, args.cull_interval)
    print(f"Serving the hairsim explorer on http://{args.ip}:{args.port}/ (Ctrl-C stops it)")
    return subprocess.call(cmd, env=voila_env(), cwd=str(HERE))


if __name__ == "__main__":
    raise SystemExit(main())
