"""Files of the ontology folder that the code reads at run time (the JSON-LD context, SHACL shapes)."""

from __future__ import annotations

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
CONTEXT = ONTOLOGY_DIR / "context.jsonld"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "govkg.ttl"


def ontology_file(path: Path) -> Path:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; govkg runs from a checkout (pip install -e .)")
    return path
