"""How a source is cited, in every form the walk, the quiz and the leaflets print.

Kept in one place so a citation reads the same wherever it appears, and a key that no
bibliography knows is said in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from bonemets_cli.model.pathway import Source

NOT_FOUND = "(not in the bibliography)"


@dataclass(frozen=True)
class Citation:
    """A key a step cites and the source it means for that step (None: nowhere defined)."""

    key: str
    source: Source | None

    @property
    def url(self) -> str | None:
        return self.source.url if self.source else None

    @property
    def reference(self) -> str:
        """``Who. Title. Year``: the citation proper, as walk summaries list it."""
        return self.source.citation() if self.source else NOT_FOUND

    @property
    def text(self) -> str:
        """The reference as a sentence, with its full stop, as leaflets print it."""
        return self.reference + "."

    def short(self) -> str:
        """``key (who, year)``: enough to recognise a source at a glance."""
        if self.source is None:
            return f"{self.key} {NOT_FOUND}"
        src = self.source
        who = _short_who(src.authors or src.publisher or src.title)
        return f"{self.key} ({who}, {src.year})" if src.year else f"{self.key} ({who})"

    def full(self) -> str:
        """``[key] Who. Title. Year. (secondary source) URL``: what 'why?' shows."""
        if self.source is None:
            return f"[{self.key}] (not in the bibliography; run 'bonemets validate')"
        url = f" {self.source.url}" if self.source.url else ""
        kind = " (secondary source)" if self.source.kind == "secondary" else ""
        return f"[{self.key}] {self.text}{kind}{url}"

    def keyed(self) -> str:
        """``key: Who. Title. Year``: one line without brackets, as quiz feedback shows it."""
        return f"{self.key}: {self.reference}" if self.source else f"{self.key} {NOT_FOUND}"


def _short_who(who: str) -> str:
    """'National Institute for Health and Care Excellence (NICE)' → 'NICE'; 'Doe J, Roe R' → 'Doe J et al.'."""
    if who.endswith(")") and "(" in who:
        return who[who.rindex("(") + 1 : -1]
    if "," in who:
        return who.split(",", maxsplit=1)[0].strip() + " et al."
    return who if len(who) <= 40 else who[:39].rstrip() + "…"
