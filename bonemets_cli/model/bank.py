"""The quiz-bank format: hand-written facts that are not a step of any pathway.

Bank files live in a ``quiz/`` folder beside the pathways (``pathways/quiz/*.yaml``) and
cite the same bibliography; they load and validate like pathways.
"""

from __future__ import annotations

from pydantic import Field

from bonemets_cli.model.pathway import Frozen, Id, Stage, Text


class BankOption(Frozen):
    text: Text
    correct: bool = False


class BankItem(Frozen):
    """One question; exactly one option is correct and the explanation cites a source."""

    id: Id
    question: Text
    options: tuple[BankOption, ...] = Field(min_length=2)
    explanation: Text
    sources: tuple[Id, ...] = Field(min_length=1, description="Bibliography keys cited.")
    stage: Stage | None = None
    pathway: Id | None = Field(default=None, description="The pathway this fact belongs to.")


class Bank(Frozen):
    schema_version: int = Field(ge=1)
    items: tuple[BankItem, ...] = Field(min_length=1)
