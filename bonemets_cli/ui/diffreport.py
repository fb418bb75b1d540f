"""A ``bonemets diff`` as Markdown (for a pull request or the changelog) or JSON."""

from __future__ import annotations

import json
from typing import Any

from bonemets_cli.export.markup import md as escape_markdown
from bonemets_cli.review.diff import Diff, RouteChange, RouteKind

_HEADINGS = {
    RouteKind.DOWNGRADE: "Downgrades: the same answers now end less urgently",
    RouteKind.CHANGED: "Routes that end elsewhere",
    RouteKind.ADDED: "New routes",
    RouteKind.REMOVED: "Removed routes",
}


def _code(text: str) -> str:
    """Inline code that no backtick in ``text`` can close early."""
    return "`` " + text.replace("`", "'") + " ``" if "`" in text else f"`{text}`"


def _route_line(change: RouteChange) -> str:
    mark = "**DOWNGRADE** " if change.kind is RouteKind.DOWNGRADE else ""
    if change.old and change.new:
        ending = f"{change.old} → **{change.new}**"
    else:
        ending = str(change.new or change.old)
    where = f"from {change.start}"
    if change.before is not None:
        where += f"; before, {_code(change.before)} ended the walk"
    return f"- {mark}{_code(change.answers)} ({where}): {ending}"


def as_markdown(result: Diff, old_name: str, new_name: str) -> str:
    out = [f"# Pathway changes: {escape_markdown(old_name)} → {escape_markdown(new_name)}", ""]
    if result.empty:
        return "\n".join([*out, "No change to any pathway.", ""])
    for kind in RouteKind:
        mine = [c for c in result.routes if c.kind is kind]
        if mine:
            out += [f"## {_HEADINGS[kind]} ({len(mine)})", "", *map(_route_line, mine), ""]
    if result.added or result.removed:
        out += ["## Pathways", ""]
        out += [f"- new pathway {_code(p)}" for p in result.added]
        out += [f"- removed pathway {_code(p)}" for p in result.removed]
        out.append("")
    if result.nodes:
        out += [f"## Node changes ({len(result.nodes)})", ""]
        for change in result.nodes:
            if change.field in ("added", "removed"):
                text = change.new or change.old
                out.append(f"- {_code(str(change.node))} {change.field}: {escape_markdown(text)}")
            else:
                out.append(
                    f"- {_code(str(change.node))} {change.field}: "
                    f"{escape_markdown(change.old) or '(none)'} → "
                    f"{escape_markdown(change.new) or '(none)'}"
                )
        out.append("")
    out += ["## Versions", ""]
    for pid, (before, after) in result.versions_of.items():
        if before != after:
            out.append(f"- {_code(pid)}: {before or '(new)'} → {after or '(removed)'}")
    out += [f"- **version check:** {escape_markdown(p.message)}" for p in result.versions]
    if not result.versions:
        out.append("- version check: every change has the version bump it needs")
    return "\n".join(out) + "\n"


def as_json(result: Diff, old_name: str, new_name: str) -> str:
    def ending(value: Any) -> Any:
        return (
            None
            if value is None
            else {"outcome": str(value.outcome), "urgency": value.urgency.value}
        )

    data = {
        "old": old_name,
        "new": new_name,
        "routes": [
            {
                "kind": c.kind.value,
                "start": c.start,
                "answers": c.answers,
                "old": ending(c.old),
                "new": ending(c.new),
                "before": c.before,
            }
            for c in result.routes
        ],
        "pathways_added": list(result.added),
        "pathways_removed": list(result.removed),
        "nodes": [
            {"node": str(c.node), "field": c.field, "old": c.old, "new": c.new}
            for c in result.nodes
        ],
        "versions": {p: {"old": a, "new": b} for p, (a, b) in result.versions_of.items()},
        "version_problems": [
            {"pathway": p.pathway, "old": p.old, "new": p.new, "message": p.message}
            for p in result.versions
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
