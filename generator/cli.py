"""The command line: `validate`, `plan`, `program` and `schema`.

User mistakes (bad data, bad profile, bad arguments) end with a clear message on standard
error and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.errors import DataError, ProfileError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check every data file and cross-reference")
    val.add_argument("data_dir", nargs="?", help="data directory (default: the repository's data/)")
    plan = sub.add_parser("plan", help="print the plan JSON for a profile")
    plan.add_argument("--profile", required=True, help="profile JSON file, or - for standard input")
    plan.add_argument("--data", dest="data_dir", help="data directory (default: the repository's data/)")
    program = sub.add_parser("program", help="print a program (the program builder's sheet) to PDF")
    program.add_argument("--spec", required=True, help="program JSON file (data/schema/program.schema.json), or -")
    program.add_argument("--out", required=True, help="the PDF file to write")
    program.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
    program.add_argument(
        "--site-url", help="the site's public address, for the link and QR code on the sheet (default: $SITE_URL)"
    )
    program.add_argument("--data", dest="data_dir", help="data directory (default: the repository's data/)")
    schema = sub.add_parser("schema", help="write the JSON Schema of each data file kind")
    schema.add_argument("out_dir", nargs="?", help="output directory (default: data/schema)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from .load import DEFAULT_DATA_DIR, load_catalog

    data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else DEFAULT_DATA_DIR
    if args.command == "schema":
        from .schema_files import write_schemas

        out = Path(args.out_dir) if args.out_dir else DEFAULT_DATA_DIR / "schema"
        for path in write_schemas(out):
            print(path)
        return 0
    if args.command == "plan":
        return _plan(args.profile, data_dir)
    if args.command == "program":
        from .program_cli import print_program

        return print_program(args.spec, Path(args.out), data_dir, paper=args.paper, site_url=args.site_url)
    try:
        catalog = load_catalog(data_dir)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(
        f"{data_dir}: OK: {len(catalog.exercises)} exercises, {len(catalog.muscles)} muscles, "
        f"{len(catalog.equipment)} equipment items, {len(catalog.conditions)} conditions, "
        f"{len(catalog.topics)} topics, {len(catalog.plans)} sample plans"
    )
    return 0


def _plan(source: str, data_dir: Path) -> int:
    from .load import load_catalog
    from .planner.plan import make_plan, plan_to_json
    from .planner.profile import MAX_PROFILE_CHARS, parse_profile_json

    try:
        # One character more than the limit is read at most: parse_profile_json refuses it.
        if source == "-":
            text = sys.stdin.read(MAX_PROFILE_CHARS + 1)
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read(MAX_PROFILE_CHARS + 1)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"profile: cannot read {source}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 2
    try:
        catalog = load_catalog(data_dir)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    try:
        profile = parse_profile_json(text, catalog)
    except ProfileError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    sys.stdout.write(plan_to_json(make_plan(catalog, profile)))
    return 0
