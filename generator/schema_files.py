"""Write the JSON Schema files that editors use to complete and check the data."""

from __future__ import annotations

import json
from pathlib import Path

from .core.catalog import KINDS
from .core.schema import json_schema
from .figures.model import BodyMap, PoseFile
from .planner.program import PROGRAM_SCHEMA

__all__ = ["SCHEMA_NAMES", "render_schemas", "write_schemas"]

# data/<kind>/ folder -> schema file stem
SCHEMA_NAMES = {
    "exercises": "exercise",
    "muscles": "muscle",
    "equipment": "equipment",
    "conditions": "condition",
    "topics": "topic",
    "plans": "plan",
    "sources": "source",
}


def render_schemas() -> dict[str, str]:
    """File name -> JSON text of each schema."""
    out = {}
    for kind, cls in KINDS.items():
        name = SCHEMA_NAMES[kind]
        schema = json_schema(cls, f"Hip extension guide: {name} (data/{kind}/<id>.yaml)")
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    # Not a data folder: the program builder's sheet, read by `python -m generator program`.
    out["program.schema.json"] = json.dumps(PROGRAM_SCHEMA, indent=2, ensure_ascii=False) + "\n"
    # The figures' data: each exercise's positions, and the body map's regions.
    for name, cls, where in (
        ("pose", PoseFile, "data/poses/<exercise id>.yaml"),
        ("bodymap", BodyMap, "data/bodymap.yaml"),
    ):
        schema = json_schema(cls, f"Hip extension guide: {name} ({where})")
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into `out_dir`; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in render_schemas().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
