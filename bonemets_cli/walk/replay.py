"""A walk replayed from scripted answers to its outcome, handed on as a model route.

A personal leaflet tells the route one person took. Export may not drive the walk
engine (walk and export are peers), so the replay happens here and the leaflet gets
the route: the nodes passed and the answers given, in model terms.
"""

from __future__ import annotations

from bonemets_cli.errors import UsageError
from bonemets_cli.model import NodeRef, PathwaySet, QuestionNode, Route, RouteStep, ScoreNode
from bonemets_cli.walk.engine import Engine, Position, WalkState
from bonemets_cli.walk.transcript import ScriptedAnswers


def replay_route(pathways: PathwaySet, pathway_id: str, answers: ScriptedAnswers) -> Route:
    """The route the answers take through ``pathway_id``; they must reach an outcome."""
    pathways.pathway(pathway_id)  # an unknown pathway is the first thing to say
    engine = Engine(pathways)
    start = NodeRef.parse(answers.start, pathway_id) if answers.start else None
    if start is not None and start.pathway != pathway_id:
        raise UsageError(
            f"the answers file starts in pathway '{start.pathway}', not '{pathway_id}'; "
            f"run 'bonemets leaflet {start.pathway} --answers ...'"
        )
    answers.resolve(engine, pathway_id)
    state = engine.begin(pathway_id, start.node if start else None)
    return route_of(replay(engine, state, answers))


def replay(engine: Engine, state: WalkState, answers: ScriptedAnswers) -> Position:
    """Follow the scripted answers to an outcome; a step with no answer is a usage error."""
    while True:
        pos = engine.position(state)
        if pos.finished:
            return pos
        choice = answers.lookup(pos.key, pos.item.id if pos.item else None)
        if choice is None:
            raise UsageError(
                f"the answers stop at '{pos.name}' before an outcome; "
                "add an answer for it (a leaflet needs a finished walk)"
            )
        state = engine.answer(state, choice)


def route_of(pos: Position) -> Route:
    """A finished walk as the route it took."""
    assert pos.outcome is not None, "only a finished walk is a route"
    steps: list[RouteStep] = []
    for step in pos.steps:
        node = step.node
        if isinstance(node, QuestionNode):
            chosen = step.answers[0].choice
            option = next(o for o in node.options if o.id == chosen)
            steps.append(RouteStep(step.key, chosen, option))
        elif isinstance(node, ScoreNode) and step.band is not None:
            scores = {a.item: a.choice for a in step.answers if a.item}
            steps.append(RouteStep.scored(step.key, step.band, scores))
        else:
            steps.append(RouteStep(step.key, ""))
    return Route(tuple(steps), pos.key, pos.outcome.urgency)
