"""Every error answer has one shape: {"ok": false, "status", "errors": [{"loc", "msg", "type"}]}."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from annota.api.app import create_app
from annota.settings import Settings
from annota.storage.db import Database
from tests.api.conftest import assert_error

PUBLIC_ROUTES = {
    ("POST", "/api/auth/login"),
    ("GET", "/api/server/about"),
    ("GET", "/api/server/health"),
    ("GET", "/api/server/ready"),
}


def api_routes(client: TestClient) -> list[tuple[str, str]]:
    schema = client.get("/api/openapi.json").json()
    return [
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_route_but_the_public_ones_answers_401_in_the_error_shape_without_credentials(
    app_client: TestClient,
) -> None:
    routes = api_routes(app_client)
    assert len(routes) >= 25
    for method, path in routes:
        if (method, path) in PUBLIC_ROUTES:
            continue
        answer = app_client.request(method, concrete(path))
        assert_error(answer, 401, "not_authenticated")


def test_an_unknown_api_path_is_404_in_the_error_shape(alice: TestClient) -> None:
    assert_error(alice.get("/api/nothing/here"), 404, "not_found")


def test_a_wrong_method_is_405_in_the_error_shape(alice: TestClient) -> None:
    assert_error(alice.put("/api/projects"), 405, "method_not_allowed")


def test_malformed_json_is_422_with_its_location(alice: TestClient) -> None:
    answer = alice.post("/api/projects", content=b'{"name": ', headers={"content-type": "application/json"})
    body = assert_error(answer, 422, "json_invalid")
    assert body["errors"][0]["loc"][0] == "body"


def test_a_wrong_type_in_a_query_parameter_is_422_with_its_location(alice: TestClient) -> None:
    assert_error(
        alice.get("/api/projects", params={"page_size": "many"}), 422, "int_parsing", ["query", "page_size"]
    )


def test_a_missing_field_is_422_with_its_location(alice: TestClient) -> None:
    assert_error(alice.post("/api/projects", json={}), 422, "missing", ["body", "name"])


def test_a_crash_is_500_and_never_echoes_the_exception(settings: Settings, database: Database) -> None:
    app = create_app(settings, database=database)

    def crash() -> None:
        raise RuntimeError("secret detail /srv/other-org/file.jpg")

    app.add_api_route("/api/test-crash", crash)
    app.router.routes.insert(0, app.router.routes.pop())  # before the web app's catch-all

    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/api/test-crash")
    body = assert_error(answer, 500, "internal_error")
    assert "secret" not in answer.text and body["errors"][0]["msg"] == "internal server error"


@pytest.mark.parametrize("path", ["/", "/projects/3", "/tasks/1/media"])
def test_web_pages_fall_back_to_the_app_or_a_located_error_when_not_built(
    app_client: TestClient, path: str
) -> None:
    answer = app_client.get(path)
    if answer.headers["content-type"].startswith("text/html"):
        assert answer.status_code == 200 and '<div id="root"' in answer.text
    else:
        assert_error(answer, 404, "web_app_missing")
