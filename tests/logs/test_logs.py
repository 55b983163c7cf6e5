"""Logs as people and collectors read them: one JSON object per line, with each event's fields."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from annota.api.app import create_app
from annota.config import ConfigError
from annota.logs import configure_logging
from annota.settings import Settings


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


def json_lines(text: str) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_a_json_line_carries_the_events_fields_and_its_exception(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(log_format="json", log_level="info"))
    log = logging.getLogger("annota.jobs")

    log.info("background job %s done", 7, extra={"job_id": 7, "kind": "export"})
    try:
        raise ValueError("bad frame")
    except ValueError:
        log.exception("background job failed")
    log.debug("below the level")

    first, second = json_lines(capsys.readouterr().err)
    assert first["message"] == "background job 7 done" and first["level"] == "info"
    assert (first["logger"], first["job_id"], first["kind"]) == ("annota.jobs", 7, "export")
    assert str(first["time"]).endswith("+00:00")
    assert second["level"] == "error" and "ValueError: bad frame" in str(second["exception"])


def test_each_http_request_is_logged_with_its_route_status_and_duration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(data_dir=tmp_path, log_format="json", log_level="info")
    configure_logging(settings)

    with TestClient(create_app(settings)) as client:
        client.get("/api/projects/41")

    (request,) = [line for line in json_lines(capsys.readouterr().err) if line["logger"] == "annota.http"]
    assert request["route"] == "/api/projects/{project_id}" and request["path"] == "/api/projects/41"
    assert request["status"] == 401 and request["method"] == "GET"
    assert isinstance(request["duration_ms"], float)


def test_text_logs_are_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(log_level="warning"))

    logging.getLogger("annota.http").info("not shown at warning")
    logging.getLogger("annota.jobs").warning("worker %s silent", "w1")

    assert capsys.readouterr().err.strip().endswith("WARNING annota.jobs: worker w1 silent")


def test_a_bad_log_format_is_refused_naming_the_setting() -> None:
    with pytest.raises(ConfigError, match=r"log_format.*'xml'.*expected one of 'text', 'json'"):
        Settings.from_env({"ANNOTA_LOG_FORMAT": "xml"})
