"""The `kg` command. Each subcommand lives in `kg/commands/<name>.py` with a `register(sub)`
function and is listed in `COMMANDS`. Errors a user can fix print one line and exit 2."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

from kg import __version__
from kg.errors import InputError

EXIT_BAD_INPUT = 2
# A build allocates hundreds of thousands of small objects that live to the end (mentions, quads,
# page nodes); at Python's default threshold (700) the cycle collector re-walks them all again and
# again: measured 0.5 s of a 3.9 s corpus build. Collect far less often; cycles are still freed.
GC_THRESHOLD = (100_000, 50, 100)

# One module per subcommand, in the order `kg --help` lists them.
COMMANDS = ["build", "eval", "query", "load", "serve", "push", "validate", "view"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="govkg: build a knowledge graph (RDF) from Chinese government documents.",
    )
    parser.add_argument("--version", action="version", version=f"govkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"kg.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    gc.set_threshold(*GC_THRESHOLD)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return args.func(args)
    except InputError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("kg: interrupted; earlier outputs are unchanged", file=sys.stderr)
        return 130
