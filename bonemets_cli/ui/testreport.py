"""``bonemets test`` results → text like a test runner's, JUnit XML, GitHub annotations
or LCOV coverage. Each returns a string; the command decides where it goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bonemets_cli.errors import Location, visible
from bonemets_cli.walk.cases import CaseResult
from bonemets_cli.walk.coverage import Coverage
from bonemets_cli.walk.suite import SuiteResult

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# The JUnit and GitHub writers import what they need when called: importing the problem
# formatter loads every validation rule, a tenth of a plain 'bonemets test' run.


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result: SuiteResult) -> str:
    failed, total = len(result.failed), len(result.results)
    files = _plural(result.files, "file")
    line = f"{_plural(total, 'case')} in {files}: {total - failed} passed, {failed} failed"
    if result.load_errors:
        line += f", {_plural(len(result.load_errors), 'error')} in case files"
    return line


def coverage_line(cov: Coverage) -> str:
    parts = [f"{hit}/{total} {kind}s" for kind, (hit, total) in cov.by_kind().items() if total]
    return f"coverage {cov.percent:.1f}% ({', '.join(parts) or 'nothing to cover'})"


def failure_message(result: CaseResult) -> str:
    return f"{result.case.name}: " + "; ".join(result.failures)


def as_text(result: SuiteResult, *, show_missed: bool = True) -> str:
    """One line per failing case and per fault of a case file, the summary, coverage."""
    lines = [visible(f"{e.location}: error: {e.message} ({e.rule})") for e in result.load_errors]
    lines += [visible(f"{r.location}: FAIL {failure_message(r)}") for r in result.failed]
    if show_missed:
        docs = result.catalog.pathways
        lines += [
            visible(f"{t.location}: not covered: {t.describe(docs)}")
            for t in result.coverage.missed
        ]
    lines += [summary(result), coverage_line(result.coverage)]
    return "\n".join(lines) + "\n"


def as_github(result: SuiteResult) -> str:
    """Workflow commands: an error per failing case and case-file fault, a warning per
    thing not covered."""
    from bonemets_cli.ui import problems as problem_format
    from bonemets_cli.validate.problems import Level, Problem

    docs = result.catalog.pathways
    problems = [
        Problem(e.location or Location("?"), Level.ERROR, e.rule or "case-file", e.message)
        for e in result.load_errors
    ]
    problems += [
        Problem(r.location, Level.ERROR, "case-failed", failure_message(r)) for r in result.failed
    ]
    problems += [
        Problem(t.location, Level.WARNING, "not-covered", f"not covered: {t.describe(docs)}")
        for t in result.coverage.missed
    ]
    return problem_format.as_github(problems)


def as_junit(result: SuiteResult) -> str:
    """JUnit XML: a suite per case file, a test case per case (ElementTree escapes)."""
    from xml.etree import ElementTree as ET

    root = ET.Element("testsuites", name="bonemets test")
    by_file: dict[str, list[CaseResult]] = {doc.file: [] for doc in result.documents}
    for r in result.results:
        by_file[r.doc.file].append(r)
    broken: dict[str, list[str]] = {}
    for e in result.load_errors:
        file = e.location.file if e.location else "?"
        broken.setdefault(file, []).append(f"{e.location}: {e.message} ({e.rule})")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for file, runs in by_file.items():
        suite = _suite(root, file, len(runs), sum(not r.passed for r in runs), 0)
        for r in runs:
            case = ET.SubElement(
                suite,
                "testcase",
                name=r.case.name,
                classname=r.doc.pathway,
                file=file,
                line=str(r.location.line),
            )
            if not r.passed:
                failure = ET.SubElement(case, "failure", message="; ".join(r.failures))
                failure.text = f"{r.location}: " + "\n".join(r.failures)
        totals["tests"] += len(runs)
        totals["failures"] += sum(not r.passed for r in runs)
    for file, messages in broken.items():
        suite = _suite(root, file, 1, 0, 1)
        case = ET.SubElement(suite, "testcase", name="read the case file", classname="", file=file)
        error = ET.SubElement(case, "error", message=messages[0])
        error.text = "\n".join(messages)
        totals["tests"] += 1
        totals["errors"] += 1
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: Element, file: str, tests: int, failures: int, errors: int) -> Element:
    from xml.etree.ElementTree import SubElement

    return SubElement(
        root,
        "testsuite",
        name=file,
        tests=str(tests),
        failures=str(failures),
        errors=str(errors),
        skipped="0",
    )


def as_lcov(cov: Coverage) -> str:
    """LCOV: a record per pathway file; nodes are its lines and functions, the options
    and score bands its branches (one block per node)."""
    out = ["TN:bonemets"]
    for file, targets in cov.files().items():
        out.append(f"SF:{file}")
        nodes = [t for t in targets if t.kind == "node"]
        for t in nodes:
            out.append(f"FN:{t.location.line},{t.ref}")
        for t in nodes:
            out.append(f"FNDA:{t.count},{t.ref}")
        out += [f"FNF:{len(nodes)}", f"FNH:{sum(t.count > 0 for t in nodes)}"]
        blocks = {t.ref: n for n, t in enumerate(nodes)}
        branches = [t for t in targets if t.kind != "node"]
        seen: dict[object, int] = {}
        for t in branches:
            index = seen[t.ref] = seen.get(t.ref, -1) + 1
            out.append(f"BRDA:{t.location.line},{blocks[t.ref]},{index},{t.count}")
        out += [f"BRF:{len(branches)}", f"BRH:{sum(t.count > 0 for t in branches)}"]
        lines: dict[int, int] = {}
        for t in targets:
            lines[t.location.line] = lines.get(t.location.line, 0) + t.count
        out += [f"DA:{line},{count}" for line, count in sorted(lines.items())]
        out += [f"LF:{len(lines)}", f"LH:{sum(c > 0 for c in lines.values())}", "end_of_record"]
    return "\n".join(out) + "\n"
