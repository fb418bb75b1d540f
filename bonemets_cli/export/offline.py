"""The walk and the quiz in one self-contained HTML file, for ward PCs without Python.

The pathways travel as JSON data inside the page and a small hand-written script walks
them the way ``walk/engine.py`` does (the tests drive every route in a browser and
compare with the engine). Everything the page shows is computed here or written in
``model/wording.py``: the script adds no clinical words of its own. Jinja2 renders the
page and its ``tojson`` filter makes the data safe inside ``<script>`` (``<``, ``>``,
``&`` and ``'`` become ``\\u`` escapes, so no pathway text can close the element).
The same input gives the same bytes: no dates, no random order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

from bonemets_cli import __version__
from bonemets_cli.export.contacts import CONTACT_LABELS
from bonemets_cli.export.leaflet import (
    EMERGENCY_HEADING,
    EMERGENCY_INTRO,
    ESCALATES,
    NO_SIGNS_INTRO,
    OTHER_SIGNS_HEADING,
    OTHER_SIGNS_INTRO,
    WORDS,
    prompt_parts,
)
from bonemets_cli.export.signs import emergency_outcomes, warning_signs
from bonemets_cli.model import (
    AnyNode,
    InfoNode,
    NodeRef,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    ScoreNode,
    Urgency,
)
from bonemets_cli.model.citation import NOT_FOUND
from bonemets_cli.model.wording import (
    DISCLAIMER,
    LAY_EMERGENCY_SOURCES,
    LAY_URGENCY,
    LEAFLET_DISCLAIMER,
    RED_FLAG_WORDS,
    URGENCY_HEADLINE,
    URGENCY_MEANING,
    URGENCY_WORD,
)

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "offline.html.j2"
STYLE = "offline.css"
SCRIPT = "offline.js"


class QuizChoice(Protocol):
    """What the page needs of a quiz option (``quiz.items.Choice`` has it)."""

    @property
    def text(self) -> str: ...
    @property
    def correct(self) -> bool: ...


class QuizQuestion(Protocol):
    """What the page needs of a quiz item (``quiz.items.QuizItem`` has it); export does
    not import the quiz package, its peer."""

    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def pathway(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def choices(self) -> Sequence[QuizChoice]: ...
    @property
    def explanation(self) -> str: ...
    @property
    def citations(self) -> Sequence[str]: ...


def linked_pathways(pathways: PathwaySet, named: Iterable[str]) -> list[str]:
    """The named pathways and every pathway a walk from them can cross into, in load
    order: a page that holds ``symptoms`` must hold ``mscc`` too, or a walk would stop."""
    wanted: set[str] = set()
    todo = [pathways.pathway(pid).id for pid in named]
    while todo:
        pid = todo.pop()
        if pid in wanted or pid not in pathways:
            continue
        wanted.add(pid)
        for ref, _ in pathways.nodes(pid):
            todo.extend(link.target.pathway for link in pathways.successors(ref))
    return [pid for pid in pathways if pid in wanted]


class _Cites:
    """Each distinct citation once; nodes and quiz items refer to it by number."""

    def __init__(self, pathways: PathwaySet) -> None:
        self.pathways = pathways
        self.rows: list[dict[str, Any]] = []
        self.index: dict[tuple[str, ...], int] = {}

    def of(self, pathway_id: str, keys: Iterable[str]) -> list[int]:
        out = []
        for key in keys:
            c = self.pathways.cite(pathway_id, key)
            row = {
                "key": c.key,
                "short": c.short(),
                "full": c.full(),
                "ref": c.reference,
                "text": c.text,
                "url": c.url,
                "found": c.source is not None,
                "publisher": c.source.publisher if c.source else None,
            }
            ident = tuple(str(v) for v in row.values())
            if ident not in self.index:
                self.index[ident] = len(self.rows)
                self.rows.append(row)
            out.append(self.index[ident])
        return out


def _node(pathways: PathwaySet, ref: NodeRef, node: AnyNode, cites: _Cites) -> dict[str, Any]:
    def target(written: str) -> str:
        return str(NodeRef.parse(written, ref.pathway))

    data: dict[str, Any] = {
        "kind": node.kind,
        "title": node.title,
        "stage": node.stage,
        "text": node.text,
        "lay": node.lay or node.text,
        "rationale": node.rationale,
        "discuss": node.discuss_prompt(),
        # what a leaflet lists of this step's prompt: questions to ask, things to tell
        "prompt": dict(zip(("ask", "tell"), prompt_parts(node), strict=True)),
        "sources": cites.of(ref.pathway, node.sources),
    }
    if isinstance(node, QuestionNode):
        data["options"] = [
            {
                "id": o.id,
                "label": o.label,
                "lay": o.lay or o.label,
                "red": o.red_flag,
                "next": target(o.next),
            }
            for o in node.options
        ]
        data.update(_warnings(pathways, ref, node))
    elif isinstance(node, InfoNode):
        data["next"] = target(node.next)
    elif isinstance(node, ScoreNode):
        data["items"] = [
            {
                "id": i.id,
                "label": i.label,
                "text": i.text,
                "choices": [{"id": c.id, "label": c.label, "points": c.points} for c in i.choices],
            }
            for i in node.items
        ]
        data["bands"] = [
            {"min": b.min, "max": b.max, "label": b.label, "next": target(b.next)}
            for b in node.bands
        ]
    elif isinstance(node, OutcomeNode):
        data["urgency"] = node.urgency.value
        data["action"] = node.action
    return data


def _words() -> dict[str, Any]:
    return {
        "headline": {u.value: URGENCY_HEADLINE[u] for u in Urgency},
        "meaning": {u.value: URGENCY_MEANING[u] for u in Urgency},
        "word": {u.value: URGENCY_WORD[u] for u in Urgency},
        "lay": {u.value: LAY_URGENCY[u] for u in Urgency},
        "rank": {u.value: u.rank for u in Urgency},
        "red_flag": RED_FLAG_WORDS,
        "disclaimer": DISCLAIMER,
        "leaflet_disclaimer": LEAFLET_DISCLAIMER,
        "not_found": NOT_FOUND,
        "leaflet": {
            "emergency_heading": EMERGENCY_HEADING,
            "emergency_intro": EMERGENCY_INTRO,
            "no_signs_intro": NO_SIGNS_INTRO,
            "other_heading": OTHER_SIGNS_HEADING,
            "other_intro": OTHER_SIGNS_INTRO,
            "escalates": ESCALATES,
            "contact_lines": [
                {"label": label, "emergency": key in ("hotline", "out_of_hours")}
                for key, label in CONTACT_LABELS
                if key != "organisation"
            ],
            **{name: getattr(WORDS, name) for name in WORDS.__dataclass_fields__},
        },
    }


def _warnings(pathways: PathwaySet, ref: NodeRef, node: AnyNode) -> dict[str, Any]:
    """What a leaflet takes from a question with red-flag answers (``export.signs``): its
    warning signs, and the emergency outcomes those answers lead to. The page gathers
    them along the red flags of the pathways a route passed, as a personal leaflet does."""
    signs = [
        {
            "title": sign.title,
            "text": sign.text,
            "when": sign.when,
            "urgency": sign.urgency.value,
            "escalates": sign.may_escalate,
            "follow_up": sign.follow_up,  # asked once help is needed: not a sign on page 1
        }
        for sign in warning_signs(pathways, [(ref, node)])
    ]
    outcomes = [str(r) for r, _ in emergency_outcomes(pathways, [(ref, node)])]
    return {"signs": signs, "red_outcomes": outcomes} if signs else {}


def _quiz(items: Sequence[QuizQuestion]) -> list[dict[str, Any]]:
    return [
        {
            "id": item.id,
            "type": str(getattr(item.type, "value", item.type)),
            "pathway": item.pathway,
            "stage": item.stage,
            "question": item.question,
            "choices": [c.text for c in item.choices],
            "correct": next(i for i, c in enumerate(item.choices) if c.correct),
            "explanation": item.explanation,
            "citations": list(item.citations),
        }
        for item in items
    ]


def page_data(
    pathways: PathwaySet, named: Sequence[str] = (), quiz: Sequence[QuizQuestion] = ()
) -> dict[str, Any]:
    """Everything the page's script reads: pathways, nodes, citations, words, quiz items."""
    included = linked_pathways(pathways, named) if named else list(pathways)
    if named:
        starts = [pathways.pathway(pid).id for pid in dict.fromkeys(named)]
    else:  # entry points first, as 'bonemets walk' starts at the first of them
        starts = sorted(included, key=lambda pid: not pathways[pid].entry)
    cites = _Cites(pathways)
    nodes = {
        str(ref): _node(pathways, ref, node, cites)
        for pid in included
        for ref, node in pathways.nodes(pid)
    }
    return {
        "version": __version__,
        "starts": starts,
        "pathways": {
            pid: {
                "title": pw.title,
                "version": pw.version,
                "summary": pw.summary,
                "start": f"{pid}:{pw.start}",
                "entry": pw.entry,
                "clinician_only": pw.clinician_only,
                "producer": pw.producer,
                # the emergency panel's own sources, listed first as leaflets list them
                "panel_sources": cites.of(pid, LAY_EMERGENCY_SOURCES),
                "reviewed": pw.reviewed.isoformat(),
                "next_review": pw.next_review.isoformat(),
                "order": [str(ref) for ref in pathways.walk_order(pid)],
            }
            for pid in included
            for pw in [pathways[pid]]
        },
        "nodes": nodes,
        "cites": cites.rows,
        "words": _words(),
        "quiz": _quiz(quiz),
    }


def _load_template(name: str) -> str:
    """The page, its style sheet and its script ship inside the package."""
    return (resources.files("bonemets_cli.export") / "templates" / name).read_text("utf-8")


def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # compact, sorted and still HTML-safe: tojson escapes < > & ' after dumping
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "separators": (",", ":"),
        "ensure_ascii": False,
    }
    return env


def offline_html(
    pathways: PathwaySet,
    named: Sequence[str] = (),
    quiz: Sequence[QuizQuestion] = (),
    quiz_command: str | None = None,
) -> bytes:
    """The page as bytes: the pathways named (all when none) and the quiz items given
    (``quiz_command`` names the quiz that asks the same)."""
    import markupsafe  # jinja2's own

    data = page_data(pathways, named, quiz)
    html = (
        _environment()
        .get_template(TEMPLATE)
        .render(
            data=data,
            version=__version__,
            quiz_command=quiz_command,
            # our own files, put in as they are: read as templates, jinja2 would lex
            # and compile 45 KB of script and style on every export
            style=markupsafe.Markup(_load_template(STYLE)),
            script=markupsafe.Markup(_load_template(SCRIPT)),
        )
    )
    return html.encode("utf-8")
