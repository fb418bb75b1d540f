"""The domain model: pathways, quiz banks and the words used for urgency; node references
and the graph of loaded pathways (nodes, links, routes, sources, citations).

Immutable pydantic models, also the source of the JSON Schema. Nothing here reads files,
prints or prompts.
"""

from bonemets_cli.model.bank import Bank, BankItem, BankOption
from bonemets_cli.model.citation import Citation
from bonemets_cli.model.graph import Link, PathwaySet, Route, RouteStep
from bonemets_cli.model.pathway import (
    DEFAULT_DISCUSS,
    GENERIC_DISCUSS,
    ID_PATTERN,
    REF_PATTERN,
    SCHEMA_VERSION,
    STAGES,
    URGENCY_MEANING,
    AnyNode,
    Bibliography,
    Frozen,
    Id,
    InfoNode,
    Node,
    NodeKind,
    Option,
    OutcomeNode,
    Pathway,
    QuestionNode,
    Ref,
    ScoreBand,
    ScoreChoice,
    ScoreItem,
    ScoreNode,
    Source,
    Stage,
    Text,
    Urgency,
)
from bonemets_cli.model.refs import NodeRef

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
