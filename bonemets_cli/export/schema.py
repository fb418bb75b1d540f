"""JSON Schema for the file formats, generated from the models so it can never drift."""

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
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://bonemets.invalid/schema/{kind}.schema.json",
        **schema,
    }


def json_schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
