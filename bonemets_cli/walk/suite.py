"""What ``bonemets test`` runs: which case files, over which pathways, and their coverage.

Kept out of the command, as ``validate/run.py`` is, so the rules for which files count
live in one testable place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bonemets_cli.errors import NotFoundError, PathwayLoadError, UsageError
from bonemets_cli.load.cases import CaseDocument, case_files, is_case_file, load_cases
from bonemets_cli.load.catalog import Catalog, load_catalog, search_dirs
from bonemets_cli.load.loader import LoadErrors, PathwayDocument
from bonemets_cli.model.cases import CASES_SUFFIX
from bonemets_cli.model.refs import split_start
from bonemets_cli.walk.cases import CaseResult, run_cases
from bonemets_cli.walk.coverage import Coverage, coverage


@dataclass(frozen=True)
class SuiteResult:
    catalog: Catalog
    documents: list[CaseDocument]
    load_errors: list[PathwayLoadError]  # one per fault of a case file that could not be read
    results: list[CaseResult]
    coverage: Coverage

    @property
    def failed(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed]

    @property
    def files(self) -> int:
        return len(self.documents) + len(
            {str(e.location.file) for e in self.load_errors if e.location}
        )


def run_suite(paths: Sequence[Path], pathways_dirs: Sequence[Path]) -> SuiteResult:
    """Run the named case files (and those in named folders; every loaded folder's when
    none is named) over every loaded pathway; the pathways beside them are loaded too."""
    folders = [p for p in paths if p.is_dir()]
    named: list[Path] = []
    for path in paths:
        if path.is_dir():
            named.extend(case_files([path]))
        elif is_case_file(path):
            named.append(path)
        else:
            raise UsageError(
                f"{path} is not a case file: case files are named NAME{CASES_SUFFIX} "
                "(to pin a pathway's routes: bonemets test --generate PATHWAY)"
            )
    beside = [*folders, *(p.parent for p in named)]  # case files sit beside their pathways
    dirs = search_dirs(
        [*pathways_dirs, *(d for d in dict.fromkeys(beside) if d not in pathways_dirs)]
    )
    targets = named if paths else case_files(dirs)
    if not targets:
        where = ", ".join(str(p) for p in paths) or "the loaded pathway folders"
        raise NotFoundError(
            f"no case files ({CASES_SUFFIX}) in {where}; write one, or pin today's routes "
            "with 'bonemets test --generate PATHWAY -o PATHWAY.cases.yaml'"
        )
    catalog = load_catalog(dirs)
    catalog.raise_errors()
    documents: list[CaseDocument] = []
    errors: list[PathwayLoadError] = []
    for path in targets:
        try:
            documents.append(load_cases(path))
        except LoadErrors as exc:
            errors.extend(exc.errors)
        except PathwayLoadError as exc:
            errors.append(exc)
    results = run_cases(catalog.pathway_set, documents)
    return SuiteResult(
        catalog, documents, errors, results, coverage(under_test(catalog, documents), results)
    )


def under_test(catalog: Catalog, documents: Sequence[CaseDocument]) -> list[PathwayDocument]:
    """The pathways the case files are for: each file's and each case's start pathway."""
    ids = {doc.pathway for doc in documents}
    ids |= {split_start(case.start)[0] for doc in documents for _, case in doc.each() if case.start}
    return [catalog.pathways[pid] for pid in sorted(ids) if pid in catalog.pathways]
