"""The offline page in a real browser: headless Debian Chromium driven by Playwright.

One browser for the module. Every route of the shipped pathways is walked through the
page's own buttons (the click handlers, the script's engine and its rendering) and must
end at the outcome and urgency of the Python engine, as pinned in the route snapshot; a
sample is walked with the keyboard alone. The page must make no network request, pass
axe-core with no violation, fit 320 px, and keep quiz progress as ``progress`` does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clihelp import run_bonemets
from pathwayhelp import routes_of
from tools import require, require_node_module

from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog
from bonemets_cli.model import PathwaySet, Route, ScoreNode
from bonemets_cli.model.wording import RED_FLAG_WORDS, URGENCY_HEADLINE

if os.environ.get("CI"):  # the dev extra installs it: under CI its absence is a failure
    import playwright.sync_api as playwright_api
else:
    playwright_api = pytest.importorskip("playwright.sync_api")

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "pathway_paths.txt"

LEAFLET_PARTS = """
() => {
  const box = document.getElementById("leaflet");
  const sections = [...box.querySelectorAll("section.outcome")];
  const signs = (s) => s ? [...s.querySelectorAll("li > strong:first-child")].map((e) => e.textContent) : [];
  const heading = (text) => [...box.querySelectorAll("h2")].find((h) => h.textContent === text);
  const listAfter = (text) => {
    const h = heading(text);
    return h ? [...h.nextElementSibling.querySelectorAll(":scope > li")].map((li) => li.textContent) : [];
  };
  return {
    title: box.querySelector("h1").textContent,
    emergency: signs(sections.find((s) => s.classList.contains("u-emergency"))),
    other: signs(sections.find((s) => s.querySelector("h2")?.textContent.startsWith("Warning signs"))),
    steps: [...(heading("The steps you went through")?.nextElementSibling.children ?? [])].map((li) => li.querySelector("strong").textContent),
    questions: listAfter("Questions to ask your doctor or nurse"),
    tell: listAfter("Things to tell your care team"),
    emergencies: [...box.querySelectorAll(".what p:first-child strong")].map((e) => e.textContent),
    sources: listAfter("Full references"),
    text: box.textContent,
  };
}
"""

# Drives one route through the page's real UI: the start form, then the answer buttons.
WALK_ROUTES = """
(routes) => routes.map((route) => {
  const select = document.getElementById("start-select");
  select.value = route.start;
  document.getElementById("start-button").click();
  for (const choice of route.answers) {
    let next;  // the question waits behind the notes before it, as at the terminal
    while ((next = document.querySelector("#walk-view [data-cmd=next-note]"))) next.click();
    const button = document.querySelector(`#walk-view [data-choice="${CSS.escape(choice)}"]`);
    if (!button) return {error: `no button ${choice} at ${document.querySelector("#walk-view article").dataset.name}`};
    button.click();
  }
  const out = document.querySelector("#walk-view .outcome[data-outcome]");
  if (!out) return {error: "no outcome"};
  return {outcome: out.dataset.outcome, urgency: out.dataset.urgency,
          headline: out.querySelector("h3").textContent, leaflet: (LEAFLET_PARTS)(),
          summary: {
            crumbs: document.querySelector("#walk-view .summary .crumbs").textContent,
            steps: [...document.querySelectorAll("#walk-view .summary .path > li")].map((li) =>
              li.firstChild.textContent + [...li.childNodes].slice(1).filter((n) => n.nodeName !== "UL").map((n) => n.textContent).join("")
              + [...li.querySelectorAll("li")].map((sub) => "|" + sub.textContent).join("")),
            notes: [...document.querySelectorAll("#walk-view .summary .note h4")].map((h) => h.textContent),
            outcome: [...out.querySelectorAll("p")].map((p) => p.textContent),
            sources: [...document.querySelectorAll("#walk-view .summary .sources li")].map((li) => li.textContent),
          }};
})
""".replace("LEAFLET_PARTS", LEAFLET_PARTS)


def choose(page: Any, choice: str) -> None:
    """Read through the notes before a question (it waits behind them, as at the
    terminal), then give the answer."""
    notes = page.locator("#walk-view [data-cmd=next-note]")
    while notes.count():
        notes.first.click()
    page.locator(f'#walk-view [data-choice="{choice}"]').click()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_dir()])


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline") / "bonemets.html"
    done = run_bonemets("export", "html", "-o", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require("chromium")
    with playwright_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, page_file: Path) -> Iterator[Any]:
    """A fresh page of the file, with every request other than the file itself refused."""
    context = browser.new_context(viewport={"width": 1000, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.requested = []
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda request: page.requested.append(request.url))
    url = page_file.as_uri()

    def only_the_file(route: Any) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", only_the_file)
    page.goto(url)
    yield page
    assert page.errors == []
    context.close()


def _answers(pathways: PathwaySet, route: Route) -> list[str]:
    """The choices the page asks for along ``route``: each option, each score item's choice."""
    answers: list[str] = []
    for step in route.steps:
        node = pathways.node(step.node)
        if isinstance(node, ScoreNode):
            answers += [step.scores[item.id] for item in node.items]
        elif step.choice:
            answers.append(step.choice)
    return answers


def _all_routes(catalog: Catalog) -> list[tuple[str, Route]]:
    """Every route, by starting pathway, in the snapshot's order."""
    starts = {d.pathway.id for d in catalog.entry_points()} | set(catalog.pathways)
    return [(pid, route) for pid in sorted(starts) for route in routes_of(catalog, pid)]


def _snapshot_routes() -> list[str]:
    return [
        line
        for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]


@pytest.fixture(scope="module")
def walked(browser: Any, page_file: Path, catalog: Catalog) -> list[tuple[str, Route, Any]]:
    """Every route walked once through the page's buttons: what the page shows at the end."""
    pathways = catalog.pathway_set
    routes = _all_routes(catalog)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_file.as_uri())
    results = page.evaluate(
        WALK_ROUTES, [{"start": pid, "answers": _answers(pathways, r)} for pid, r in routes]
    )
    context.close()
    assert errors == []
    return [(pid, route, got) for (pid, route), got in zip(routes, results, strict=True)]


def test_every_route_ends_as_the_engine_says(walked: list[tuple[str, Route, Any]]) -> None:
    lines = []
    for _, route, got in walked:
        assert "error" not in got, got
        assert got["headline"] == URGENCY_HEADLINE[route.urgency]
        answers = " > ".join(f"{s.node}={s.choice}" for s in route.steps if s.choice)
        lines.append(f"{answers} -> {got['outcome']} [{got['urgency']}]")
        assert (got["outcome"], got["urgency"]) == (str(route.outcome), route.urgency.value)
    assert lines == _snapshot_routes()
    counts = re.findall(r"^## from \S+ \((\d+) paths\)$", SNAPSHOT.read_text(), re.M)
    assert len(lines) == sum(map(int, counts)) > 200


def _sample(catalog: Catalog) -> list[tuple[str, Route]]:
    """The first and last route from each pathway's start, and the longest of all."""
    routes = _all_routes(catalog)
    picked: dict[tuple[str, int], tuple[str, Route]] = {}
    for pid in {p for p, _ in routes}:
        mine = [r for p, r in routes if p == pid]
        picked[(pid, 0)] = (pid, mine[0])
        picked[(pid, 1)] = (pid, mine[-1])
    longest = max(routes, key=lambda pr: len(pr[1].steps))
    return [*sorted(picked.values(), key=lambda pr: pr[0]), longest]


def _offer_number(page: Any, choice: str) -> int:
    ids = page.eval_on_selector_all(
        "#walk-view [data-choice]", "(bs) => bs.map((b) => b.dataset.choice)"
    )
    return int(ids.index(choice)) + 1


def test_a_sample_of_routes_by_keyboard_alone(page: Any, catalog: Catalog) -> None:
    pathways = catalog.pathway_set
    starts = page.eval_on_selector_all("#start-select option", "(os) => os.map((o) => o.value)")
    for pid, route in _sample(catalog):
        page.focus("#start-select")
        page.keyboard.press("Home")
        for _ in range(starts.index(pid)):
            page.keyboard.press("ArrowDown")
        assert page.input_value("#start-select") == pid
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "start-button"
        page.keyboard.press("Enter")
        for n, choice in enumerate(_answers(pathways, route)):
            while page.locator("#walk-view [data-cmd=next-note]").count():
                # the question waits behind its notes: Enter (as at the terminal) or n
                page.keyboard.press("Enter" if n % 2 else "n")
            page.keyboard.press(str(_offer_number(page, choice)))
        out = page.locator("#walk-view .outcome[data-outcome]")
        assert out.get_attribute("data-outcome") == str(route.outcome)
        assert URGENCY_HEADLINE[route.urgency] in out.inner_text()
        # focus follows the walk: the summary's heading, for a screen reader to read out
        assert page.evaluate("document.activeElement.id") == "summary-title"


def test_tab_and_enter_reach_every_answer(page: Any, catalog: Catalog) -> None:
    """No mouse and no shortcut: Tab from the step's heading to the answer, then Enter."""
    pathways = catalog.pathway_set
    pid, route = max(  # the route that passes the most notes before one question
        _all_routes(catalog),
        key=lambda pr: max((len(a.passed) for _, a in _asks_along(catalog, *pr)), default=0),
    )
    focused = []
    for _ in range(5):  # from a fresh page: the skip link, the two modes, the start
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate("document.activeElement.id || document.activeElement.className")
        )
    assert focused == ["skip", "mode-walk", "mode-quiz", "start-select", "start-button"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "step-title"
    page.select_option("#start-select", pid)
    page.click("#start-button")
    notes_read = 0
    for choice in _answers(pathways, route):
        if page.locator("#walk-view .note").count():
            # a note is read first: focus is on it, then Tab goes on (to its button)
            assert page.evaluate("!!document.activeElement.closest('.note')")
            notes_read += 1
        while page.locator("#walk-view [data-cmd=next-note]").count():
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.dataset.cmd") == "next-note"
            page.keyboard.press("Enter")
            assert page.evaluate("!!document.activeElement.closest('.note')")
        if not page.locator("#walk-view .note").count():
            assert page.evaluate("document.activeElement.id") == "step-title"
        for _ in range(40):  # past the note's own links, if any, then to the answer
            if page.evaluate("document.activeElement.dataset.choice") == choice:
                break
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.choice") == choice
        page.keyboard.press("Enter")
    out = page.locator("#walk-view .outcome[data-outcome]")
    assert out.get_attribute("data-outcome") == str(route.outcome)
    assert notes_read >= 1


def test_back_restart_and_why(page: Any, catalog: Catalog) -> None:
    pathways = catalog.pathway_set
    start = pathways.node(pathways.start("symptoms"))
    first = page.locator("#walk-view [data-choice]").first
    assert "(red flag)" in first.inner_text()  # red flags in words, never colour alone
    page.locator("#walk-view [data-choice]").last.click()
    second = page.locator("#walk-view article").get_attribute("data-name")
    page.keyboard.press("b")
    status = page.inner_text("#walk-status")
    assert status.startswith(f"Back: discarded your answer ({start.title}: ")
    assert page.locator("#walk-view article").get_attribute("data-name") == "symptoms:start"
    page.keyboard.press("b")
    assert "nothing to go back to" in page.inner_text("#walk-status")
    page.locator("#walk-view [data-choice]").last.click()
    assert page.locator("#walk-view article").get_attribute("data-name") == second
    page.keyboard.press("r")
    assert page.inner_text("#walk-status") == "Restarted: all answers discarded."
    assert page.locator("#walk-view article").get_attribute("data-name") == "symptoms:start"
    page.keyboard.press("?")
    why = page.locator("#why")
    assert why.is_visible()
    assert page.get_attribute("[data-cmd=why]", "aria-expanded") == "true"
    assert start.rationale
    assert start.rationale in why.inner_text()
    for key in start.sources:
        assert pathways.cite("symptoms", key).full() in why.inner_text()


def test_score_steps_show_points_and_the_band(page: Any, catalog: Catalog) -> None:
    pathways = catalog.pathway_set
    page.select_option("#start-select", "limb")
    page.click("#start-button")
    route = next(r for r in routes_of(catalog, "limb") if any(s.scores for s in r.steps))
    answers = _answers(pathways, route)
    score_ref = next(s.node for s in route.steps if s.scores)
    while page.locator("#walk-view article").get_attribute("data-name") != f"{score_ref}.site":
        choose(page, answers.pop(0))
    node = pathways.node(score_ref)
    assert isinstance(node, ScoreNode)
    text = page.inner_text("#walk-view")
    assert f"Item 1 of {len(node.items)}: " in text
    assert "Running total 0 (range " in text
    assert "point" in page.inner_text("#walk-view [data-choice]")
    for choice in answers:
        choose(page, choice)
    summary = page.inner_text("#walk-view .summary")
    total = node.total_of(next(s.scores for s in route.steps if s.scores))
    band = node.band_for(total)
    assert band is not None
    assert f"total {total}: {band.label}" in summary


def test_summary_and_leaflet_match_the_cli(page: Any, catalog: Catalog, tmp_path: Path) -> None:
    """The page's summary says what 'bonemets walk' says, and the printed leaflet holds
    the steps in plain words and the urgency in the leaflet's words."""
    from bonemets_cli.model.wording import DISCLAIMER, LAY_URGENCY, LEAFLET_DISCLAIMER

    pathways = catalog.pathway_set
    route = next(r for r in routes_of(catalog, "spine") if r.urgency.value == "emergency")
    answers = [f"--answer={s.node}={s.choice}" for s in route.steps if s.option]
    cli = run_bonemets("walk", "spine", *answers, "--format", "plain")
    assert cli.returncode == 0, cli.stderr
    page.select_option("#start-select", "spine")
    page.click("#start-button")
    for choice in _answers(pathways, route):
        choose(page, choice)
    shown = page.inner_text("#walk-view .summary")
    for raw in cli.stdout.splitlines():
        line = raw.strip()
        if line.startswith(("Pathways walked:", "Outcome:", "Urgency:", "What to do:", "Discuss:")):
            assert line in shown
        if line[:1].isdigit() and ". " in line:  # a numbered step: title: answer (red flag)
            assert line.split(". ", 1)[1] in shown.replace("\n", " ").replace("  ", " ")
    assert RED_FLAG_WORDS in shown or not any(s.option and s.option.red_flag for s in route.steps)
    assert DISCLAIMER in shown
    leaflet = page.locator("#leaflet")
    assert LAY_URGENCY[route.urgency] in leaflet.text_content()
    assert LEAFLET_DISCLAIMER in leaflet.text_content()
    assert "EMERGENCY: get help now" in leaflet.text_content()
    # the Print button: the browser's print dialog is replaced by its 'beforeprint' event
    page.evaluate("window.print = () => window.dispatchEvent(new Event('beforeprint'))")
    page.click("[data-cmd=print]")
    page.emulate_media(media="print")
    assert page.locator("#leaflet").is_visible()
    assert not page.locator("#walk").is_visible()
    pdf = tmp_path / "leaflet.pdf"
    page.pdf(path=str(pdf))  # the print style sheet lays the leaflet out on paper
    from pypdf import PdfReader

    printed = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    printed = " ".join(printed.split())
    assert f"Your path: {pathways['spine'].title}" in printed
    assert " ".join(LAY_URGENCY[route.urgency].split()) in printed
    assert "Start the walk" not in printed
    assert "Back (discards" not in printed
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator("#walk").is_visible()
    # a clinician-only pathway has no patient leaflet: the summary is printed instead
    prognosis = routes_of(catalog, "prognosis")[0]
    page.select_option("#start-select", "prognosis")
    page.click("#start-button")
    for choice in _answers(pathways, prognosis):
        choose(page, choice)
    assert "clinician-only" in page.inner_text("[data-cmd=print]")
    assert page.locator("#leaflet").text_content().startswith("Your walk: ")
    assert page.locator("#leaflet [id]").count() == 0  # no id twice on the page


def test_no_network_request_of_any_kind(page: Any, page_file: Path) -> None:
    """Walk, why, print, the quiz and the CSV download: the only request is the file."""
    page.click("#walk-view [data-choice]")
    page.click("[data-cmd=restart]")
    page.keyboard.press("?")
    page.click("#mode-quiz")
    page.click("#quiz-view [data-letter=A]")
    page.click("[data-quiz=next]")
    with page.expect_download():
        page.click("#progress-csv")
    page.click("#mode-walk")
    resources = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    assert resources == []
    assert [u for u in page.requested if not u.startswith("blob:")] == [page_file.as_uri()]
    html = page_file.read_text(encoding="utf-8")
    for fetcher in ("http://", "https://", "//fonts", "@import", "src=", "fetch(", "XMLHttp"):
        if fetcher in ("http://", "https://"):
            # the only addresses are sources' urls, shown as text in the data
            data = html.split('id="bonemets-data">', 1)[1].split("</script>", 1)[0]
            assert fetcher not in html.replace(data, "")
        else:
            assert fetcher not in html


def _axe(page: Any) -> list[dict[str, Any]]:
    axe = require_node_module("axe-core") / "axe.min.js"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result]


@pytest.mark.parametrize("width", [320, 1000])
def test_axe_finds_no_violation_and_nothing_overflows(
    page: Any, catalog: Catalog, width: int
) -> None:
    pathways = catalog.pathway_set
    page.set_viewport_size({"width": width, "height": 800})

    def check(state: str) -> None:
        assert _axe(page) == [], state
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{state}: {overflow} px wide at {width} px"

    check("first question")
    page.keyboard.press("?")
    check("why? open")
    route = next(r for r in routes_of(catalog, "spine") if r.urgency.value == "emergency")
    page.select_option("#start-select", "spine")
    page.click("#start-button")
    answers = _answers(pathways, route)
    while answers and not page.locator("#walk-view .step .score").count():
        choose(page, answers.pop(0))
    check("a score item")
    for choice in answers:
        choose(page, choice)
    check("an emergency outcome")
    page.click("#mode-quiz")
    check("a quiz question")
    page.click("#quiz-view [data-letter=B]")
    check("quiz feedback and progress")


def _quiz_item_ids(page: Any) -> list[str]:
    return [
        str(i)
        for i in page.evaluate(
            "JSON.parse(document.getElementById('bonemets-data').textContent).quiz.map((q) => q.id)"
        )
    ]


def test_quiz_items_feedback_and_progress_csv(page: Any, catalog: Catalog, tmp_path: Path) -> None:
    from fsrs import Card

    from bonemets_cli.load.catalog import load_banks
    from bonemets_cli.quiz.generate import build_pool, select
    from bonemets_cli.quiz.progress import build_progress
    from bonemets_cli.quiz.store import ItemState, Review
    from bonemets_cli.ui.progress_views import progress_csv

    expected = select(build_pool(catalog, load_banks(catalog.folders)), 1, 150)
    assert _quiz_item_ids(page) == [i.id for i in expected]
    page.click("#mode-quiz")
    assert page.evaluate("document.activeElement.id") == "question-title"
    chosen = []
    for number in range(4):
        item = expected[number]
        wrong = (item.correct_index + 1) % len(item.choices)
        pick = item.correct_index if number % 2 == 0 else wrong
        assert page.get_attribute("#quiz-view article", "data-item") == item.id
        assert item.question.splitlines()[0] in page.inner_text("#quiz-view")
        page.keyboard.press("ABCD"[pick].lower())
        feedback = page.inner_text("#feedback")
        if pick == item.correct_index:
            assert feedback.startswith("RIGHT")
        else:
            assert feedback.startswith("WRONG")
            assert f"the answer is {'ABCD'[item.correct_index]}. {item.correct_text}" in feedback
        assert item.explanation in feedback
        for citation in item.citations:
            assert f"Source: {citation}" in feedback
        chosen.append((item, pick == item.correct_index))
        page.keyboard.press("n")
    with page.expect_download() as info:
        page.click("#progress-csv")
    got = Path(info.value.path()).read_text(encoding="utf-8")
    stored = page.evaluate("JSON.parse(localStorage.getItem('bonemets.progress.v1'))")
    assert [r["item_id"] for r in stored] == [i.id for i, _ in chosen]
    now = dt.datetime.now(dt.timezone.utc)
    reviews = [
        Review(
            r["item_id"],
            r["pathway"],
            r["stage"],
            dt.datetime.fromisoformat(r["reviewed_at"].replace("Z", "+00:00")),
            r["correct"],
        )
        for r in stored
    ]
    # the browser runs no FSRS: an item is due when its last answer was wrong
    items = [
        ItemState(
            r.item_id,
            r.pathway,
            r.stage,
            now - dt.timedelta(minutes=1) if not r.correct else now + dt.timedelta(days=1),
            Card(),
        )
        for r in reviews
    ]
    assert got == progress_csv(build_progress(items, reviews, now))
    rows = list(csv.DictReader(io.StringIO(got)))
    assert rows[-1]["answers"] == "4"
    assert rows[-1]["accuracy"] == "0.5"
    # progress survives a reload: it is in the browser's local storage
    page.reload()
    page.click("#mode-quiz")
    assert "4" in page.inner_text("#progress-view")
    assert json.loads(page.evaluate("localStorage.getItem('bonemets.progress.v1')"))


def test_the_axe_check_is_not_vacuous(page: Any) -> None:
    """axe-core does run on this page: an image with no text and a nameless button fail."""
    page.evaluate(
        "document.getElementById('walk-view').append("
        "Object.assign(document.createElement('img'), {src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw='}),"
        "document.createElement('button'))"
    )
    assert {"image-alt", "button-name"} <= {v["id"] for v in _axe(page)}


def test_hostile_pathway_text_is_shown_as_text(
    browser: Any, tmp_path: Path, pathway_builder: Any
) -> None:
    from pathwayhelp import clean_pathway_data

    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    data = clean_pathway_data(id="hostile", title=hostile)
    data["nodes"]["start"]["text"] = hostile
    data["nodes"]["start"]["options"][0]["label"] = hostile
    pathway_builder("hostile.yaml", data, folder="p")
    out = tmp_path / "hostile.html"
    done = run_bonemets("--pathways-dir", tmp_path / "p", "export", "html", "hostile", "-o", out)
    assert done.returncode == 0, done.stderr
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(out.as_uri())
    assert hostile in page.inner_text("#walk-view")
    assert hostile in page.inner_text("#start-select")
    assert page.locator("#walk-view img").count() == 0
    assert page.locator("script").count() == 2
    page.click("#walk-view [data-choice]")
    assert page.locator("#walk-view .outcome[data-outcome]").get_attribute("data-urgency")
    assert dialogs == []
    assert errors == []
    context.close()


def test_the_printed_leaflet_says_what_the_personal_leaflet_says(
    walked: list[tuple[str, Route, Any]], catalog: Catalog
) -> None:
    """For every route, the page's leaflet has the warning signs, emergencies, steps,
    questions and sources of 'bonemets leaflet PATHWAY --answers' for that route."""
    from bonemets_cli.export.leaflet import build_personal_leaflet

    pathways = catalog.pathway_set
    for pid, route, shown in walked:
        if pathways[pid].clinician_only:
            continue
        got = shown["leaflet"]
        want = build_personal_leaflet(catalog, route)
        where = f"{pid}: {route.outcome}"
        assert got["title"] == want.title, where
        assert got["emergency"] == [s.title for s in want.warning_signs], where
        assert got["other"] == [s.title for s in want.other_signs], where
        assert got["steps"] == [i.title for i in want.sections[0].items], where
        assert got["questions"] == list(want.questions), where
        assert got["tell"] == list(want.tell), where
        assert got["emergencies"] == [f"What it may mean: {e.title}." for e in want.emergencies]
        assert [s.split(" http")[0] for s in got["sources"]] == [c.text for c in want.sources], (
            where
        )
        result = want.sections[1].items[0]
        assert result.urgency, where
        assert result.urgency in got["text"], where


def test_progress_csv_equals_progress_for_any_history(page: Any) -> None:
    """A history written into local storage (several pathways and stages, answers over
    three days, accuracies that need Python's rounding, such as 1/32 and 2/3) saves as
    exactly the CSV that 'bonemets progress --format csv' prints for the same answers."""
    from fsrs import Card

    from bonemets_cli.quiz.progress import build_progress
    from bonemets_cli.quiz.store import ItemState, Review
    from bonemets_cli.ui.progress_views import progress_csv

    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    reviews: list[Review] = []
    for n in range(32):  # 1 right in 32: 0.03125, a tie that rounds to even (0.0312)
        reviews.append(
            Review(
                f"bank:a{n % 5}", "spine", "imaging", now - dt.timedelta(days=2, minutes=n), n == 0
            )
        )
    for n in range(3):  # 2 right in 3: 0.6667
        reviews.append(
            Review(
                f"score:l{n}", "limb", "assessment", now - dt.timedelta(days=1, minutes=n), n != 1
            )
        )
    for n in range(7):
        reviews.append(
            Review(
                f"urgency:s{n}", "symptoms", "symptoms", now - dt.timedelta(minutes=n), n % 3 == 0
            )
        )
    reviews.append(Review("bank:x", "bank", 'general, "quoted"', now - dt.timedelta(hours=1), True))
    stored = [
        {
            "item_id": r.item_id,
            "pathway": r.pathway,
            "stage": r.stage,
            "reviewed_at": r.reviewed_at.isoformat().replace("+00:00", "Z"),
            "correct": r.correct,
        }
        for r in reviews
    ]
    page.evaluate("(s) => localStorage.setItem('bonemets.progress.v1', JSON.stringify(s))", stored)
    page.click("#mode-quiz")
    with page.expect_download() as info:
        page.click("#progress-csv")
    got = Path(info.value.path()).read_text(encoding="utf-8")
    last: dict[str, Review] = {}
    for r in sorted(reviews, key=lambda r: r.reviewed_at):
        last[r.item_id] = r
    items = [
        ItemState(
            i,
            r.pathway,
            r.stage,
            now - dt.timedelta(minutes=1) if not r.correct else now + dt.timedelta(days=1),
            Card(),
        )
        for i, r in last.items()
    ]
    assert got == progress_csv(build_progress(items, reviews, now))
    assert ",0.0312," in got
    assert ",0.6667," in got


def test_every_summary_says_what_bonemets_walk_says(
    walked: list[tuple[str, Route, Any]], catalog: Catalog
) -> None:
    """The end of every walk shows the summary 'walk/summary.py' makes of the same answers:
    the pathways walked (as 'summary_text' heads it), each step with its answers, score and
    red flag, the notes, the outcome and the sources."""
    from bonemets_cli.ui.walkviews import summary_text
    from bonemets_cli.walk.engine import Engine
    from bonemets_cli.walk.summary import summarise

    pathways = catalog.pathway_set
    engine = Engine(pathways)
    for pid, route, shown in walked:
        state = engine.begin(pid)
        for step in route.steps:
            node = pathways.node(step.node)
            if isinstance(node, ScoreNode):
                for item in node.items:
                    state = engine.answer(state, step.scores[item.id])
            elif step.choice:
                state = engine.answer(state, step.choice)
        want = summarise(engine, state)
        got = shown["summary"]
        assert want.outcome is not None
        cli_lines = summary_text(want, sources=False).splitlines()
        walked_line = next(line for line in cli_lines if line.startswith("Pathways walked: "))
        assert got["crumbs"] == walked_line, pid
        lines = []
        for done in want.steps:
            line = done.title
            if done.score:
                line += f" ({done.score})" + "".join(f"|{a}" for a in done.answers)
            elif done.answers:
                line += ": " + "; ".join(done.answers)
            if done.red_flag:
                line += f" {RED_FLAG_WORDS}"
            lines.append(line)
        assert got["steps"] == lines, pid
        assert got["notes"] == [f"Note: {n.title}" for n in want.notes]
        out = want.outcome
        assert got["outcome"] == [
            f"Outcome: {out.title}",
            f"Urgency: {URGENCY_HEADLINE[out.urgency]}",
            out.text,
            f"What to do: {out.action}",
            f"Discuss: {out.discuss}",
        ]
        assert got["sources"] == [
            f"[{c.key}] {c.reference}" + (f" {c.url}" if c.url else "") for c in want.sources
        ]


def _asks_along(catalog: Catalog, pid: str, route: Route) -> list[tuple[str, Any]]:
    """Each waiting step of ``route`` as the CLI's prompters get it, with the answer given."""
    from bonemets_cli.walk.engine import Engine
    from bonemets_cli.walk.session import make_ask

    engine = Engine(catalog.pathway_set)
    state = engine.begin(pid)
    asks = []
    for choice in _answers(catalog.pathway_set, route):
        asks.append((choice, make_ask(engine, state)))
        state = engine.answer(state, choice)
    return asks


def test_each_step_is_headed_as_the_terminal_walk_heads_it(page: Any, catalog: Catalog) -> None:
    """Along walks that cross pathways, pass several notes and score items, every step shows
    what 'step_text' prints first ("Step N · title", "Pathways walked: …"), "Now in: …"
    exactly where the prompter announces a crossing, the passed notes one at a time as
    'note_text' heads them, and no "band so far" before a score item is scored."""
    from bonemets_cli.ui.walkviews import note_text, now_in, step_text

    pathways = catalog.pathway_set
    symptoms = routes_of(catalog, "symptoms")
    crossing = next(
        r
        for r in symptoms
        if any(a.pos.key.pathway == "spine" for _, a in _asks_along(catalog, "symptoms", r))
    )
    scored = next(
        r for r in symptoms if any(isinstance(pathways.node(s.node), ScoreNode) for s in r.steps)
    )
    noted = max(
        _all_routes(catalog),
        key=lambda pr: max((len(a.passed) for _, a in _asks_along(catalog, *pr)), default=0),
    )
    seen: dict[str, Any] = {"crossed": 0, "first_items": 0, "most_notes": 0, "crumbs": set()}
    for pid, route in [("symptoms", crossing), ("symptoms", scored), noted]:
        page.select_option("#start-select", pid)
        page.click("#start-button")
        here: str | None = None  # the prompter's _Notes.here: the pathway on screen
        for choice, ask in _asks_along(catalog, pid, route):
            step = page.locator("#walk-view .step")
            for n, note in enumerate(ask.passed, 1):
                shown = step.locator(".note h3").inner_text()
                assert shown == note_text(note, pathways, n, len(ask.passed)).splitlines()[0]
                crossed = here is not None and here != note.key.pathway
                here = note.key.pathway
                assert step.locator(".now-in").count() == int(crossed), shown
                if crossed:
                    assert step.locator(".now-in").inner_text() == now_in(here, pathways)
                nexts = step.locator("[data-cmd=next-note]")
                assert nexts.count() == int(n < len(ask.passed))
                if n < len(ask.passed):
                    # the question waits behind its notes, as at the terminal
                    assert page.locator("#walk-view [data-choice]").count() == 0
                    page.keyboard.press("1")  # no answer to give yet: nothing happens
                    assert step.locator(".note h3").inner_text() == shown
                    nexts.click()
            seen["most_notes"] = max(seen["most_notes"], len(ask.passed))
            if not ask.passed:
                crossed = here is not None and here != ask.pos.key.pathway
                assert step.locator(".now-in").count() == int(crossed), ask.name
                if crossed:
                    seen["crossed"] += 1
                    assert step.locator(".now-in").inner_text() == now_in(
                        ask.pos.key.pathway, pathways
                    )
            here = ask.pos.key.pathway
            cli = step_text(ask, pathways).splitlines()
            assert step.locator(".step-head").inner_text() == cli[0]
            assert step.locator(".crumbs").inner_text() == cli[1]
            seen["crumbs"].add(cli[1])
            if isinstance(ask.pos.node, ScoreNode) and not ask.pos.scored:
                seen["first_items"] += 1
                score = step.locator(".score").inner_text()
                assert score in cli
                assert "band so far" not in score
            choose(page, choice)
        assert page.locator("#walk-view .summary").count() == 1
    walked = f"Pathways walked: {pathways['symptoms'].title} › {pathways['spine'].title}"
    assert walked in seen["crumbs"]
    assert seen["crossed"] >= 1, seen
    assert seen["first_items"] >= 1, seen
    assert seen["most_notes"] >= 2, seen


def test_the_outcome_comes_last_and_the_sources_wait_behind_an_action(
    page: Any, catalog: Catalog
) -> None:
    """As at the terminal's end: the walk first, the sources counted but shown only on
    'Sources', the disclaimer, then the outcome with its urgency in words, last."""
    pathways = catalog.pathway_set
    route = routes_of(catalog, "symptoms")[0]
    page.select_option("#start-select", "symptoms")
    page.click("#start-button")
    for choice in _answers(pathways, route):
        choose(page, choice)
    order = page.evaluate(
        """() => [...document.querySelectorAll('#walk-view .summary > *')].map((e) =>
             e.classList.contains('outcome') ? 'outcome' : e.id === 'all-sources' ? 'sources'
             : e.classList.contains('path') ? 'path' : e.className === 'disclaimer' ? 'disclaimer' : '')
             .filter(Boolean)"""
    )
    assert order == ["path", "sources", "disclaimer", "outcome"]
    sources = page.locator("#all-sources")
    button = page.locator("#walk-view [data-cmd=sources]")
    assert sources.is_hidden()
    assert button.get_attribute("aria-expanded") == "false"
    summary = page.inner_text("#walk-view .summary")
    assert "Sources: " in summary
    assert " cited" in summary
    assert page.locator("#walk-view .outcome .urgency").inner_text().startswith("Urgency: ")
    assert any(w in summary.split("Urgency: ")[-1] for w in URGENCY_HEADLINE.values())
    button.click()
    assert sources.is_visible()
    assert button.get_attribute("aria-expanded") == "true"
    assert sources.locator("li").count() >= 1
    assert _axe(page) == []
