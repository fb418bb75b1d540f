from __future__ import annotations

import gc
from pathlib import Path

import pytest

from bonemets_cli.catalog import load_catalog
from bonemets_cli.gcpause import paused_gc
from bonemets_cli.validate import validate_catalog

DATA = Path(__file__).parent / "data" / "valid"


def test_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_comes_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_and_validating_leave_the_collector_on() -> None:
    catalog = load_catalog([DATA])
    validate_catalog(catalog)
    assert gc.isenabled()
    assert catalog.documents
