"""The domain model: pathways and quiz banks (pydantic, immutable), the words for urgency,
node references and the graph of loaded pathways (nodes, links, routes, sources).

Nothing here reads files, prints or prompts. The names below are this package's public
face; each is loaded from its module on first use, so that importing ``model.wording``
(for ``--help``'s disclaimer) does not load pydantic and every model with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bonemets_cli.model.bank import Bank, BankItem, BankOption
    from bonemets_cli.model.citation import Citation
    from bonemets_cli.model.graph import Link, PathwaySet, Route, RouteStep
    from bonemets_cli.model.pathway import (
        ID_PATTERN,
        REF_PATTERN,
        SCHEMA_VERSION,
        STAGES,
        AnyNode,
        Bibliography,
        Distractor,
        Frozen,
        Id,
        InfoNode,
        Node,
        NodeKind,
        Option,
        OutcomeNode,
        Pathway,
        QuestionNode,
        QuizHints,
        Ref,
        ScoreBand,
        ScoreChoice,
        ScoreItem,
        ScoreNode,
        Source,
        Stage,
        Text,
    )
    from bonemets_cli.model.refs import NodeRef
    from bonemets_cli.model.wording import (
        DEFAULT_DISCUSS,
        GENERIC_DISCUSS,
        URGENCY_MEANING,
        Urgency,
    )

__all__ = [
    "DEFAULT_DISCUSS",
    "GENERIC_DISCUSS",
    "ID_PATTERN",
    "REF_PATTERN",
    "SCHEMA_VERSION",
    "STAGES",
    "URGENCY_MEANING",
    "AnyNode",
    "Bank",
    "BankItem",
    "BankOption",
    "Bibliography",
    "Citation",
    "Distractor",
    "Frozen",
    "Id",
    "InfoNode",
    "Link",
    "Node",
    "NodeKind",
    "NodeRef",
    "Option",
    "OutcomeNode",
    "Pathway",
    "PathwaySet",
    "QuestionNode",
    "QuizHints",
    "Ref",
    "Route",
    "RouteStep",
    "ScoreBand",
    "ScoreChoice",
    "ScoreItem",
    "ScoreNode",
    "Source",
    "Stage",
    "Text",
    "Urgency",
]

_MODULES = ("wording", "refs", "pathway", "citation", "graph", "bank")


def __getattr__(name: str) -> Any:
    for module in _MODULES:
        loaded = importlib.import_module(f"bonemets_cli.model.{module}")
        if not name.startswith("_") and hasattr(loaded, name):
            return getattr(loaded, name)
    raise AttributeError(f"module 'bonemets_cli.model' has no attribute '{name}'")
