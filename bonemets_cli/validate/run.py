"""What ``bonemets validate`` checks: sort the named paths, load, validate, count files.

Kept out of the command so the rules for which files count (pathways, bibliographies,
quiz banks, whole folders) live in one testable place.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bonemets_cli.errors import NotFoundError, UsageError
from bonemets_cli.load.cases import case_files, is_case_file
from bonemets_cli.load.catalog import (
    BIBLIOGRAPHY,
    Catalog,
    bank_files,
    is_bank_file,
    load_catalog,
    pathway_files,
    search_dirs,
)
from bonemets_cli.load.loader import PathwayDocument
from bonemets_cli.validate import RULES, Problem, pathway_reading_levels, validate_catalog
from bonemets_cli.validate.bank import bank_rule
from bonemets_cli.validate.cases import case_rule
from bonemets_cli.validate.readability import ReadingLevel


@dataclass(frozen=True)
class CheckResult:
    catalog: Catalog
    problems: list[Problem]
    files_checked: int
    reading: list[tuple[PathwayDocument, ReadingLevel]] = field(default_factory=list)


def check_paths(
    paths: Sequence[Path],
    pathways_dirs: Sequence[Path],
    *,
    reading_ease: float,
    ignore: Collection[str] = (),
    today: dt.date | None = None,
    report_reading: bool = False,
) -> CheckResult:
    """Validate the named files and folders (all loaded pathways when none are named).

    Every pathway folder is loaded so cross-pathway links and the shared bibliography
    resolve, but only problems in the named files are reported.
    """
    unknown = [rule for rule in ignore if rule not in RULES]
    if unknown:
        hint = difflib.get_close_matches(unknown[0], list(RULES), n=1)
        raise UsageError(
            f"--ignore: no rule '{unknown[0]}'"
            + (f"; did you mean '{hint[0]}'?" if hint else "; see the rule ids in the README")
        )
    files: list[Path] = []
    folders: list[Path] = []
    banks: list[Path] = []
    cases: list[Path] = []
    for path in paths:
        if path.is_dir() and is_bank_file(path / "x.yaml"):  # a quiz/ folder: its bank files
            banks.extend(bank_files([path.parent]))
        elif path.is_dir():
            folders.append(path)
        elif is_case_file(path):
            cases.append(path)
        else:
            (banks if is_bank_file(path) else files).append(path)
    dirs = list(pathways_dirs) + folders
    dirs += [d for d in dict.fromkeys(b.parent.parent for b in banks) if d not in dirs]
    dirs += [d for d in dict.fromkeys(c.parent for c in cases) if d not in dirs]
    catalog = load_catalog(search_dirs(dirs), files)
    only: list[Path] | None = None
    if paths:
        only = files + [p for d in folders for p in pathway_files(d)]
        only += [d / BIBLIOGRAPHY for d in folders if (d / BIBLIOGRAPHY).is_file()]
        only += banks + bank_files(folders) + cases + case_files(folders)
        checked = len(only)
        if not checked:  # a wrong folder must not pass a CI job as "no problems"
            named = ", ".join(str(p) for p in paths)
            raise NotFoundError(
                f"no pathway files in {named}: expected .yaml pathway, bibliography, "
                "quiz-bank or case files; check the folder name"
            )
    else:
        read = {doc.file for doc in catalog.documents}  # a partly read file is in both
        read |= {str(e.location.file) if e.location else "?" for e in catalog.errors}
        checked = len(read) + len(bank_files(catalog.folders)) + len(case_files(catalog.folders))
    problems = validate_catalog(
        catalog,
        today=today,
        only=only,
        # only the case files that are reported on are read (all, when none is named)
        extra_rules=[bank_rule(banks), case_rule(cases + case_files(folders) if paths else None)],
        reading_ease=None if "reading-level" in ignore else reading_ease,
    )
    reading = []
    if report_reading:
        wanted = None if only is None else {p.resolve() for p in only}
        reading = [
            (doc, level)
            for doc, level in pathway_reading_levels(catalog)
            if wanted is None or Path(doc.file).resolve() in wanted
        ]
    return CheckResult(catalog, [p for p in problems if p.rule not in ignore], checked, reading)
