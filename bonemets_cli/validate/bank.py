"""The quiz-bank rule: each bank item has exactly one correct option and known sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from bonemets_cli.errors import Location, PathwayLoadError
from bonemets_cli.load.catalog import BankDocument, Catalog, bank_files, load_bank
from bonemets_cli.load.loader import LoadErrors
from bonemets_cli.validate.problems import Level, Problem


def bank_rule(extra_files: Iterable[Path] = ()) -> Callable[[Catalog], Iterator[Problem]]:
    """A ``validate_catalog`` extra rule checking the banks of the catalog's folders."""
    extra = list(extra_files)

    def check(catalog: Catalog) -> Iterator[Problem]:
        files = bank_files(catalog.folders)
        known = {p.resolve() for p in files}
        files += [p for p in extra if p.resolve() not in known]
        yield from bank_problems(catalog, files)

    return check


def bank_problems(catalog: Catalog, files: Iterable[Path]) -> Iterator[Problem]:
    pool = {k for bib in catalog.bibliographies for k in bib.bibliography.sources}
    pool |= {k for doc in catalog.documents for k in doc.pathway.sources}
    first_file: dict[str, str] = {}
    for path in files:
        try:
            doc = load_bank(path)
        except PathwayLoadError as exc:
            errors = exc.errors if isinstance(exc, LoadErrors) else [exc]
            for err in errors:
                where = err.location or Location(str(path))
                yield Problem(where, Level.ERROR, err.rule or "yaml-syntax", err.message)
            continue
        yield from _item_problems(doc, pool, first_file, catalog)


def _item_problems(
    doc: BankDocument, pool: set[str], first_file: dict[str, str], catalog: Catalog
) -> Iterator[Problem]:
    def at(*path: str | int) -> Location:
        return doc.source.locate(path)

    for n, item in enumerate(doc.bank.items):
        if item.id in first_file:
            yield Problem(
                at("items", n, "id"),
                Level.ERROR,
                "duplicate-id",
                f"quiz item id '{item.id}' is already used in {first_file[item.id]}",
            )
        else:
            first_file[item.id] = doc.file
        correct = sum(o.correct for o in item.options)
        if correct != 1:
            yield Problem(
                at("items", n, "options"),
                Level.ERROR,
                "quiz-answer",
                f"quiz item '{item.id}' has {correct} correct options; mark exactly one "
                "with 'correct: true'",
            )
        counts = Counter(o.text.casefold() for o in item.options)
        for i, option in enumerate(item.options):
            if counts[option.text.casefold()] > 1:
                counts[option.text.casefold()] = 0
                yield Problem(
                    at("items", n, "options", i, "text"),
                    Level.ERROR,
                    "quiz-options",
                    f"quiz item '{item.id}' offers '{option.text}' twice",
                )
        for i, key in enumerate(item.sources):
            if key not in pool:
                yield Problem(
                    at("items", n, "sources", i),
                    Level.ERROR,
                    "unknown-source",
                    f"source '{key}' is in no bibliography",
                )
        if item.pathway is not None and item.pathway not in catalog.pathways:
            yield Problem(
                at("items", n, "pathway"),
                Level.WARNING,
                "missing-pathway",
                f"quiz item '{item.id}' names pathway '{item.pathway}', which is not loaded",
            )
