"""Command line: ``python -m hairsim simulate --preset aga_moderate --years 10 --csv out.csv``.

Run ``python -m hairsim --help`` (or ``python -m hairsim simulate --help``) for the options.
"""

from __future__ import annotations

import argparse
import re
import sys

from . import examples, presets
from ._validation import FilePath, InvalidParameterError, ParamsOrPreset, check_value
from .engine import simulate
from .params import Params, Stimulation
from .theory import steady_state

#: The command line's own options, declared like every function's (the rest go to simulate()).
_CLI = {"csv": FilePath(), "plot": FilePath(), "preset": ParamsOrPreset(),
        "start_from": ParamsOrPreset(none_ok=True), "write": FilePath()}

#: The library's argument names → the flags that set them, per command: an error names the flag the
#: user typed ('--seed', not 'rng'). --set NAME=VALUE keeps its own names (the user typed them).
_FLAGS = {
    "simulate": {"preset": "--preset", "start_from": "--start-from", "years": "--years",
                 "n_follicles": "--follicles", "rng": "--seed", "csv": "--csv", "plot": "--plot",
                 **{name: "--" + name.replace("_", "-") for name in Stimulation.fields()}},
    "steady-state": {"preset": "--preset"},
    "calibrate": {"n_follicles": "--follicles", "replicates": "--replicates", "seed": "--seed",
                  "write": "--write", "folder": "--write"},
}


def _in_flags(message: str, command) -> str:
    """A library error's sentence with the flags of ``command`` in place of the library's names:
    "The 'rng' parameter must be …" → "The '--seed' option must be …"."""
    flags = _FLAGS.get(command, {})
    message = re.sub(r"'(\w+)' parameter\b",
                     lambda m: f"'{flags[m[1]]}' option" if m[1] in flags else m[0], message)
    # a command line passes a seed as a number: the library's other seed forms do not apply
    return re.sub(r"^(The '--seed' option must be) None, a non-negative int[^;]*(; got .+)$",
                  r"\1 a whole number ≥ 0\2", message)


DESCRIPTION = """\
hairsim simulates the hair follicles of a scalp as they cycle through anagen (growth),
catagen (regression), telogen (rest) and kenogen (empty), and reports the hair density,
the phase shares and the daily shedding, day by day.

Examples:
  python -m hairsim presets
  python -m hairsim simulate --preset aga_moderate --years 10 --follicles 100000 --seed 1 \\
      --csv out.csv --plot out.png
  python -m hairsim simulate --preset healthy --set anagen_mean_days=500 --start-from healthy
  python -m hairsim simulate --preset aga_moderate --years 2 --example minoxidil_like --seed 1
  python -m hairsim steady-state --preset healthy
  python -m hairsim calibrate            # the model against its published targets

Any stimulation is HYPOTHETICAL: a what-if model, not the measured effect of any product.
"""


def _kv(text: str):
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE (for example anagen_mean_days=800); got {text!r}")
    name, value = text.split("=", 1)
    name, value = name.strip(), value.strip()
    if value.lower() == "none":
        return name, None
    try:
        return name, float(value)
    except ValueError:
        return name, value  # validation will say what is allowed


_UNSET = object()  # a stimulation option the command line did not give


def number(text: str):
    """A number (an int when it is whole, so that '1e5' follicles or seed '7' read as whole numbers;
    the library then checks its range), or None for the word 'none' (used for --stop-day)."""
    if text.strip().lower() == "none":
        return None
    try:
        return int(text)  # exactly: a seed beyond 2**53 is not rounded through a float
    except ValueError:
        pass
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number; got {text!r}") from None
    return int(x) if x.is_integer() and abs(x) < 2**63 else x


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hairsim", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("presets", help="list the preset populations")

    ss = sub.add_parser("steady-state", help="phase shares, shedding and density from renewal theory")
    ss.add_argument("--preset", default="healthy", help="preset population (default: healthy)")
    ss.add_argument("--set", dest="changes", type=_kv, action="append", default=[], metavar="NAME=VALUE",
                    help="change one parameter of the preset (repeatable)")

    cal = sub.add_parser("calibrate", help="the model against its published targets: a table (and a figure)")
    cal.add_argument("--follicles", type=number, default=20_000, metavar="N",
                     help="follicles in each run (default: 20000)")
    cal.add_argument("--replicates", type=number, default=5, metavar="RUNS",
                     help="independent runs per quantity; SE = their SD / sqrt(runs) (default: 5)")
    cal.add_argument("--seed", type=number, default=2026, metavar="SEED",
                     help="seed of the first run (default: 2026)")
    cal.add_argument("--write", default=None, metavar="FOLDER",
                     help="also write FOLDER/calibration.md (its table) and FOLDER/calibration.png")

    sim = sub.add_parser("simulate", help="simulate a population and write a CSV and/or a PNG")
    sim.add_argument("--preset", default="healthy",
                     help="preset population: " + ", ".join(presets.names()) + " (default: healthy)")
    sim.add_argument("--set", dest="changes", type=_kv, action="append", default=[], metavar="NAME=VALUE",
                     help="change one parameter (repeatable), e.g. --set anagen_mean_days=800; "
                          "'python -m hairsim presets' lists the presets, and a wrong name lists the parameters")
    sim.add_argument("--start-from", default=None, metavar="PRESET",
                     help="start in this preset's steady state (e.g. healthy, to watch a change take over)")
    sim.add_argument("--years", type=number, default=10.0, metavar="YEARS",
                     help="length of the run in years, (0, 200] (default: 10)")
    sim.add_argument("--follicles", type=number, default=100_000, metavar="N",
                     help="number of follicles: 225 ≈ 1 cm², 100,000 ≈ a whole scalp (default: 100000)")
    sim.add_argument("--seed", type=number, default=None, metavar="SEED",
                     help="random seed, a whole number ≥ 0: the same seed gives the same run "
                          "(default: a new one, printed)")
    sim.add_argument("--csv", default=None, metavar="PATH",
                     help="write the daily results to this CSV file (and the settings to PATH's .json "
                          "beside it; pandas.read_csv and spreadsheets open the CSV as it is)")
    sim.add_argument("--plot", default=None, metavar="PATH",
                     help="write a figure to this file: .png (added when PATH has no suffix), .pdf or .svg")
    st = sim.add_argument_group(
        "hypothetical stimulation (what-if knobs, not a real treatment's effect)",
        "Use --example for a named example (the options below then change it), or --stimulate "
        "with the options below. Days count from the start of the run.")
    st.add_argument("--example", choices=["minoxidil_like"], default=None,
                    help="use a named hypothetical example schedule")
    st.add_argument("--stimulate", action="store_true", help="add a stimulation built from the options below")
    defaults = Stimulation()
    for name in Stimulation.fields():
        text, unit, doc = Stimulation.constraints()[name]
        flag = "--" + name.replace("_", "-")
        kind = str if name == "schedule" else number
        metavar = {"schedule": "{continuous,sessions}"}.get(name, "DAYS" if unit.startswith("day") else "X")
        st.add_argument(flag, dest="stim_" + name, type=kind, default=_UNSET, metavar=metavar,
                        help=f"{doc} ({text}{', ' + unit if unit else ''}; default {getattr(defaults, name)})")
    return parser


def _params(preset: str, changes) -> Params:
    p = check_value("preset", preset, _CLI["preset"])
    if changes:
        p = p.replace(**dict(changes))
    return p


def _plot_path(path):
    """The figure's file name: a suffix matplotlib can write (.png added when there is none)."""
    import os
    from matplotlib.figure import Figure

    path = check_value("plot", path, _CLI["plot"])
    formats = sorted(Figure().canvas.get_supported_filetypes())
    root, ext = os.path.splitext(path)
    if not ext:
        return path + ".png"
    if ext[1:].lower() not in formats:
        raise InvalidParameterError(
            f"The 'plot' parameter must be a file name ending in one of {', '.join('.' + f for f in formats)} "
            f"(or no suffix, for .png); got {path!r}.")
    return path


def _stimulation(args):
    # an option not given is _UNSET; one given as 'none' is None (--stop-day none: never stopped)
    given = {n: getattr(args, "stim_" + n) for n in Stimulation.fields() if getattr(args, "stim_" + n) is not _UNSET}
    if args.example == "minoxidil_like":
        return examples.minoxidil_like().replace(**given)
    if args.stimulate or given:
        return Stimulation(**given)
    return None


def main(argv=None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        if args.command == "presets":
            for name in presets.names():
                print(f"{name:18s} {presets.describe(name)}")
            return 0
        if args.command == "steady-state":
            print(steady_state(_params(args.preset, args.changes)))
            return 0
        if args.command == "calibrate":
            from . import calibration
            folder = None if args.write is None else check_value("write", args.write, _CLI["write"])
            rep = calibration.report(args.follicles, args.replicates, args.seed)
            print(rep.to_markdown())
            if folder is not None:
                for path in calibration.write(rep, folder):
                    print(f"wrote {path}")
            return 0 if rep.passed else 1

        params = _params(args.preset, args.changes)
        start_from = check_value("start_from", args.start_from, _CLI["start_from"])
        csv_path = None if args.csv is None else check_value("csv", args.csv, _CLI["csv"])
        plot_path = None if args.plot is None else _plot_path(args.plot)
        stim = _stimulation(args)
        seed = args.seed
        if seed is None:  # draw one, and say it, so the run can be repeated
            import numpy as np
            seed = int(np.random.default_rng().integers(0, 2**31))
        result = simulate(params, n_follicles=args.follicles, years=args.years, stimulation=stim,
                          rng=seed, start_from=start_from)
        print(repr(result))
        if stim is not None:
            print(stim.describe())
        print(result.format_summary())
        if csv_path is not None:
            from .result import sidecar_path
            result.to_csv(csv_path)
            print(f"wrote {csv_path} and {sidecar_path(csv_path)}")
        if plot_path is not None:
            from .plot import plot_overview
            counterfactual = None
            if stim is not None:
                counterfactual = simulate(params, n_follicles=args.follicles, years=args.years,
                                          rng=seed, start_from=start_from)
            fig = plot_overview(result, counterfactual=counterfactual)
            try:
                fig.savefig(plot_path, dpi=120)
            except OSError as exc:
                from .result import _os_sentence
                raise _os_sentence(exc, plot_path, "written") from None
            print(f"wrote {plot_path}")
        return 0
    except (ValueError, TypeError, OSError) as exc:
        print(f"error: {_in_flags(str(exc), args.command)}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
