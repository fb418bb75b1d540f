"""Provenance rules: every clinical statement must cite a source a bibliography knows."""

from __future__ import annotations

from collections.abc import Iterator

from bonemets_cli.load.catalog import Catalog
from bonemets_cli.model import OutcomeNode
from bonemets_cli.validate.problems import Problem, error, suggest, warning


def source_problems(catalog: Catalog) -> Iterator[Problem]:
    for pid, doc in catalog.pathways.items():
        pool = catalog.pathway_set.sources(pid)
        for nid, node in doc.pathway.nodes.items():
            for i, key in enumerate(node.sources):
                if key not in pool and key not in catalog.broken_sources:
                    yield error(
                        doc.locate("nodes", nid, "sources", i),
                        "unknown-source",
                        f"source '{key}' is in no bibliography" + suggest(key, pool),
                    )
            if isinstance(node, OutcomeNode):
                if not node.sources:
                    yield error(
                        doc.locate("nodes", nid, key=True),
                        "outcome-source",
                        f"outcome '{nid}' cites no source; add 'sources: [key]'",
                    )
                if node.discuss is None:
                    yield warning(
                        doc.locate("nodes", nid, key=True),
                        "default-discuss",
                        f"outcome '{nid}' has no 'discuss' prompt and falls back to the generic "
                        f"{node.urgency.value} one; write one suited to the step",
                    )
            elif not node.sources:
                yield warning(
                    doc.locate("nodes", nid, key=True),
                    "missing-source",
                    f"node '{nid}' cites no source; every clinical statement needs one",
                )
