"""Names of nodes: ``pathway:node``, and ``pathway:node.item`` for one item of a score.

Every reference to a node is written and read here, so ``next``, scripted answers,
transcripts, quiz item ids and messages all spell it the same way.
"""

from __future__ import annotations

from typing import NamedTuple


class NodeRef(NamedTuple):
    """A node of a pathway. A tuple underneath: graph walks hash refs in every set and
    dict step, and tuple hashing and ordering are the cheap ones."""

    pathway: str
    node: str

    @classmethod
    def parse(cls, text: str, default_pathway: str) -> NodeRef:
        """``node`` (in ``default_pathway``) or ``pathway:node``, as ``next`` writes it.

        Splits as ``split_pathway`` does, written out: the graph checks parse every link.
        """
        pathway, _, node = text.rpartition(":")
        return cls(pathway or default_pathway, node)

    def __str__(self) -> str:
        return f"{self.pathway}:{self.node}"

    def item_name(self, item: str | None) -> str:
        """``pathway:node.item`` for one item of a score (``pathway:node`` for none)."""
        return with_item(str(self), item)


def with_item(name: str, item: str | None) -> str:
    """``name.item``, or ``name`` alone for no item: how answers name one score item."""
    return f"{name}.{item}" if item else name


def split_pathway(text: str) -> tuple[str | None, str]:
    """``[pathway:]node`` → (pathway, or None when left out, node)."""
    pathway, _, node = text.rpartition(":")
    return pathway or None, node


def split_item(name: str) -> tuple[str, str | None]:
    """``[pathway:]node[.item]`` → (``[pathway:]node``, item or None); ids hold no dot."""
    node, _, item = name.partition(".")
    return node, item or None


def split_start(text: str) -> tuple[str, str | None]:
    """Where a walk starts, ``pathway`` or ``pathway:node``: here a bare name is a pathway."""
    pathway, _, node = text.partition(":")
    return pathway, node or None
