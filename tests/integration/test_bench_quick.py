"""The benchmark runs end to end at two tiny sizes: every page is measured, each page sends the same number of
queries at both sizes (at most 10), and no page loads anything from another origin.

Timings are not asserted here: DESIGN.md section 11 leaves time to `make bench`, on national-scale data.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.seed import scale
from bench import run
from bench.report import query_limit


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    results = tmp_path_factory.mktemp("bench")
    return run.main(
        ["--quick", "--sizes", "50,200", "--requests", "3", "--results-dir", str(results), "--database-url", ""]
    )


def _counts(result: dict[str, Any]) -> dict[str, int]:
    return {size: measured["queries"] for size, measured in result["sizes"].items()}


def test_every_page_is_measured(outcome: dict[str, Any]) -> None:
    assert outcome["pages_found"] > 0
    assert outcome["pages_not_measured"] == []
    assert outcome["not_measured"] == [], "every role a page allows is measured"
    assert outcome["pages_measured"] == outcome["pages_found"]
    for result in outcome["results"]:
        assert {m["status"] for m in result["sizes"].values()} == {200}, result["endpoint"]


def test_query_counts_do_not_grow_and_stay_small(outcome: dict[str, Any]) -> None:
    for result in outcome["results"]:
        counts = _counts(result)
        label = f"{result['endpoint']}{result['variant']} as {result['role']}: {counts}"
        assert len(set(counts.values())) == 1, label
        assert max(counts.values()) <= query_limit(result["endpoint"]), label


def test_nothing_is_loaded_from_another_origin(outcome: dict[str, Any]) -> None:
    assert outcome["other_origin_requests"] == []


def test_first_visit_counts_the_young_persons_page_and_its_assets(outcome: dict[str, Any]) -> None:
    visit = outcome["first_visit"]
    assert visit["assets"], "the young person's home links no assets?"
    assert all(asset["immutable"] for asset in visit["assets"])
    assert visit["repeat_visit_bytes"] == visit["html_bytes_gz"]
    assert visit["first_visit_bytes"] > visit["repeat_visit_bytes"]


def test_latest_json_is_written(outcome: dict[str, Any]) -> None:
    latest = json.loads((Path(outcome["results_dir"]) / "latest.json").read_text())
    assert latest["pages_measured"] == outcome["pages_measured"]


def test_seed_scale_refuses_production_settings(app) -> None:
    app.config["ORBIT_SETTINGS"] = replace(app.config["ORBIT_SETTINGS"], env="production")
    result = app.test_cli_runner().invoke(args=["seed-scale", "--young-people", "10"])
    assert result.exit_code != 0
    assert "production" in result.output
    with pytest.raises(scale.ScaleRefused):
        scale.seed(10)


def test_the_machines_speed_is_probed_before_every_page(outcome: dict[str, Any]) -> None:
    speed = outcome["machine_speed"]
    assert speed["probes"] > outcome["pages_found"]  # before each page (some endpoints have two rules), and after
    assert 0 < speed["loop_ms_min"] <= speed["loop_ms_median"] <= speed["loop_ms_max"]
    assert speed["spread"] == pytest.approx(speed["loop_ms_max"] / speed["loop_ms_min"], abs=0.01)
