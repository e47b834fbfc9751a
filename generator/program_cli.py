"""`python -m generator program`: a program (JSON) in, its one- or two-page PDF sheet out.

Build-side edge around the pure core: reads the spec, checks it with the same Python the
browser's program builder runs (generator.planner.program), and renders the same element tree
the browser prints through WeasyPrint. An invalid program exits 2 with the one line the
builder shows; warnings are printed to standard error and never stop the sheet.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path

from .core.errors import DataError, ProgramError

__all__ = ["print_program"]


def print_program(source: str, out: Path, data_dir: Path, *, paper: str = "a4", site_url: str | None = None) -> int:
    """Render the program in `source` (a file, or - for standard input) to `out`; returns the exit status."""
    from .handouts.build import HandoutError, font_css, render_pdf
    from .handouts.program_sheet import program_html
    from .handouts.sheets import Doc
    from .load import figure_bytes, load_catalog
    from .planner.program import (
        MAX_PROGRAM_CHARS,
        encode_fragment,
        parse_program_json,
        program_to_plain,
        program_warnings,
        sheet_exercises,
    )
    from .planner.sheet import long_date
    from .site_address import sheet_address

    try:
        if source == "-":
            text = sys.stdin.read(MAX_PROGRAM_CHARS + 1)
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read(MAX_PROGRAM_CHARS + 1)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"program: cannot read {source}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 2
    try:
        catalog = load_catalog(data_dir)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    try:
        program = parse_program_json(text, catalog)
    except ProgramError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    warnings = program_warnings(program, catalog)
    for w in warnings:
        where = f"exercises[{w['index']}] ({w['id']})" if w["index"] >= 0 else "conditions"
        kept = w["index"] < 0 or program.exercises[w["index"]].keep
        tail = "" if kept else ' Left off the sheet: add "keep": true to keep it.'
        print(f"program: {where}: warning: {w['text']}{tail}", file=sys.stderr)
    address = sheet_address(
        os.environ.get("SITE_URL", "") if site_url is None else site_url,
        "program/",
        encode_fragment(program_to_plain(program, patient=False)),
    )
    today = _dt.date.today().isoformat()
    html = program_html(
        program,
        catalog,
        figures=figure_bytes(data_dir, catalog),
        paper=paper,
        address=address,
        made=f"Printed {long_date(today)}",
        exercises=sheet_exercises(program, warnings),
        font_css=font_css()[0],
    )
    try:
        pdf = render_pdf(Doc(str(out), "the program sheet", html))
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_bytes(pdf)
        os.replace(tmp, out)
    except HandoutError as exc:
        print(f"program: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"program: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0
