"""``bonemets export html``: the file itself (the browser tests are in
``test_export_offline_browser.py``): same bytes every time, data that cannot break out
of its ``<script>``, the pathways and quiz items it carries, and the command's errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from clihelp import run_bonemets
from pathwayhelp import PathwayBuilder, clean_env, clean_pathway_data

from bonemets_cli.load.catalog import Catalog, builtin_dir, load_banks, load_catalog
from bonemets_cli.quiz.generate import build_pool, select

HOSTILE = "</script><script>alert(1)</script><!-- ]]> & ' \" \u2028 </SCRIPT >"


def page_data(html: str) -> dict[str, Any]:
    """The JSON the page carries, read as the browser reads it."""
    found = re.search(
        r'<script type="application/json" id="bonemets-data">(.*?)</script>', html, re.S
    )
    assert found, "no data element"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_dir()])


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("page") / "bonemets.html"
    done = run_bonemets("export", "html", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    return out.read_text(encoding="utf-8")


def test_same_input_same_bytes_in_fresh_processes(tmp_path: Path) -> None:
    """Two runs with different hash seeds (set and dict order) write identical files."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"page{seed}.html"
        env = clean_env({"PYTHONHASHSEED": seed})
        done = subprocess.run(
            [sys.executable, "-m", "bonemets_cli", "export", "html", "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_the_page_carries_every_shipped_pathway_and_node(shipped: str, catalog: Catalog) -> None:
    data = page_data(shipped)
    pathways = catalog.pathway_set
    assert set(data["pathways"]) == set(pathways)
    assert data["starts"][0] == "symptoms"  # the entry point first, as 'bonemets walk'
    assert set(data["nodes"]) == {str(ref) for ref, _ in pathways.nodes()}
    for ref, node in pathways.nodes():
        shown = data["nodes"][str(ref)]
        assert (shown["kind"], shown["title"], shown["text"]) == (node.kind, node.title, node.text)
        keys = [data["cites"][i]["key"] for i in shown["sources"]]
        assert keys == list(node.sources)
    assert len(shipped.encode()) < 600_000  # small: the README states its size


def test_quiz_items_are_those_of_bonemets_quiz(shipped: str, catalog: Catalog) -> None:
    pool = build_pool(catalog, load_banks(catalog.folders))
    expected = select(pool, 1, 150)
    items = page_data(shipped)["quiz"]
    assert [i["id"] for i in items] == [i.id for i in expected]
    for got, item in zip(items, expected, strict=True):
        assert got["question"] == item.question
        assert got["choices"] == [c.text for c in item.choices]
        assert got["correct"] == item.correct_index
        assert got["explanation"] == item.explanation
        assert got["citations"] == list(item.citations)
    assert {i["type"] for i in items} == {"next-step", "urgency", "score", "bank"}
    assert "bonemets quiz --seed 1 -n 150" in shipped


def test_named_pathways_bring_the_pathways_they_link_to(tmp_path: Path, catalog: Catalog) -> None:
    out = tmp_path / "spine.html"
    done = run_bonemets(
        "export", "html", "spine", "-o", out, "--quiz-seed", "5", "--quiz-count", "7"
    )
    assert done.returncode == 0, done.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["starts"] == ["spine"]
    assert "spine" in data["pathways"]
    for node in data["nodes"].values():  # every link lands on a node the page holds
        for target in [o["next"] for o in node.get("options", [])] + [
            b["next"] for b in node.get("bands", [])
        ]:
            assert target in data["nodes"]
    assert "prognosis" not in data["pathways"]
    expected = select(build_pool(catalog, load_banks(catalog.folders), pathway="spine"), 5, 7)
    assert [i["id"] for i in data["quiz"]] == [i.id for i in expected]


def test_hostile_pathway_text_stays_data(tmp_path: Path, pathway_builder: PathwayBuilder) -> None:
    """Text that would close the script element, open a comment or inject markup is
    escaped inside the data and comes back intact from JSON."""
    data = clean_pathway_data(id="hostile", title=HOSTILE)
    data["nodes"]["start"]["text"] = HOSTILE
    data["nodes"]["start"]["options"][0]["label"] = HOSTILE
    pathway_builder("hostile.yaml", data, folder="p")
    out = tmp_path / "hostile.html"
    done = run_bonemets("--pathways-dir", tmp_path / "p", "export", "html", "hostile", "-o", out)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert len(re.findall(r"</script", html, re.I)) == 2  # the data's and the script's own
    assert "<!--" not in html
    assert "alert(1)" in html  # the text is there, harmlessly
    shown = page_data(html)
    assert shown["pathways"]["hostile"]["title"] == HOSTILE.strip()
    assert shown["nodes"]["hostile:start"]["options"][0]["label"] == HOSTILE.strip()


def test_standard_output_and_bad_targets(tmp_path: Path) -> None:
    done = run_bonemets("export", "html", "biopsy", "--quiz-count", "0", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>")
    assert page_data(done.stdout)["quiz"] == []
    folder = tmp_path / "folder"
    folder.mkdir()
    done = run_bonemets("export", "html", "-o", folder)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "it is a folder" in done.stderr
    done = run_bonemets("export", "html", "-o", tmp_path / "missing" / "x.html")
    assert done.returncode == 1
    assert "does not exist; create it first" in done.stderr
    done = run_bonemets("export", "html", "nosuch", "-o", tmp_path / "x.html")
    assert done.returncode == 1
    assert "no pathway 'nosuch'" in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_export_without_a_subcommand_shows_its_forms() -> None:
    done = run_bonemets("export")
    assert "html" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_the_size_the_readme_states_is_the_size_written(shipped: str) -> None:
    """Wards copy the file to shared drives and USB sticks: the README's figure holds."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    stated = re.search(r"The file is about (\d+) KiB", readme)
    assert stated, "README no longer states the page's size"
    size_kib = len(shipped.encode("utf-8")) / 1024
    assert abs(size_kib - int(stated.group(1))) <= 0.05 * size_kib, size_kib
