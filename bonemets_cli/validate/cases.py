"""The case-file rule: ``bonemets validate`` reads case files against their own schema
(``bonemets test`` runs them), so a broken one is found by the same check as a pathway."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from bonemets_cli.errors import Location, PathwayLoadError
from bonemets_cli.load.cases import case_files, load_cases
from bonemets_cli.load.catalog import Catalog
from bonemets_cli.load.loader import LoadErrors
from bonemets_cli.model.refs import split_start
from bonemets_cli.validate.problems import Problem, error, suggest, warning


def case_rule(files: Iterable[Path] | None = None) -> Callable[[Catalog], Iterator[Problem]]:
    """A ``validate_catalog`` extra rule checking these case files (None: those of the
    catalog's folders)."""
    named = None if files is None else list(files)

    def check(catalog: Catalog) -> Iterator[Problem]:
        yield from case_problems(catalog, case_files(catalog.folders) if named is None else named)

    return check


def case_problems(catalog: Catalog, files: Iterable[Path]) -> Iterator[Problem]:
    for path in files:
        try:
            doc = load_cases(path)
        except PathwayLoadError as exc:
            for err in exc.errors if isinstance(exc, LoadErrors) else [exc]:
                yield error(
                    err.location or Location(str(path)), err.rule or "yaml-syntax", err.message
                )
            continue
        known = catalog.pathways
        if doc.pathway not in known and not all(c.start for _, c in doc.each()):
            where = doc.locate("pathway") if doc.cases.pathway else Location(doc.file, 1, 1)
            yield warning(
                where,
                "missing-pathway",
                f"case file is for pathway '{doc.pathway}', which is not loaded"
                + suggest(doc.pathway, known),
            )
        for index, case in doc.each():
            pathway = split_start(case.start)[0] if case.start else None
            if pathway is not None and pathway not in known:
                yield warning(
                    doc.locate("cases", index, "start"),
                    "missing-pathway",
                    f"case starts in pathway '{pathway}', which is not loaded"
                    + suggest(pathway, known),
                )
