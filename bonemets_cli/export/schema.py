"""JSON Schema for the file formats, generated from the models so it can never drift.

pydantic writes a node as ``oneOf`` with an OpenAPI ``discriminator``, which JSON Schema
validators ignore: a broken outcome then fails all four kinds and the message names
whichever failed last. Each tagged union is rewritten as ``if kind is X then X's
schema``, so a validator or an editor checks the node against its own kind alone and
names the field that is wrong.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from bonemets_cli.model import Bank, Bibliography, Pathway
from bonemets_cli.model.cases import CaseFile

_MODELS: dict[str, type[BaseModel]] = {
    "pathway": Pathway,
    "bibliography": Bibliography,
    "quiz": Bank,
    "cases": CaseFile,
}


def json_schema(kind: str) -> dict[str, Any]:
    model = _MODELS[kind]
    schema = _if_then(model.model_json_schema(mode="validation"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://bonemets.invalid/schema/{kind}.schema.json",
        **schema,
    }


def _if_then(value: Any) -> Any:
    """Every ``oneOf`` + ``discriminator`` below ``value`` as ``if``/``then`` on the tag."""
    if isinstance(value, list):
        return [_if_then(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _if_then(v) for k, v in value.items()}
    tagged = out.pop("discriminator", None)
    if tagged is None:
        return out
    out.pop("oneOf", None)
    tag, mapping = tagged["propertyName"], tagged["mapping"]
    return {
        **out,
        "type": "object",
        "required": [tag],
        "properties": {tag: {"enum": sorted(mapping)}},
        "allOf": [
            {
                "if": {"properties": {tag: {"const": name}}, "required": [tag]},
                "then": {"$ref": ref},
            }
            for name, ref in sorted(mapping.items())
        ],
    }


def json_schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
