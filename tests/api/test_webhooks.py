from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest

from annota.storage.db import Database
from annota.storage.team_webhooks import MAX_ATTEMPTS, deliver_pending
from tests.api.conftest import Users, assert_error
from tests.api.webhook_receiver import Receiver, receiver
from tests.auth.team import Team, make_team

__all__ = ["receiver"]


@pytest.fixture
def team(users: Users) -> Team:
    return make_team(users)


def hook(team: Team, url: str, events: list[str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"url": url} if events is None else {"url": url, "events": events}
    answer = team["mark"].post(f"/api/projects/{team.project_id}/webhooks", json=body)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def deliver(database: Database, at: datetime) -> list[Any]:
    with database.write() as session:
        return deliver_pending(session, at, timeout_s=5)


def deliveries(team: Team, hook_id: int) -> list[dict[str, Any]]:
    return list(team["mark"].get(f"/api/webhooks/{hook_id}/deliveries").json())


def test_an_event_is_posted_signed_with_the_webhooks_secret(
    team: Team, receiver: Receiver, database: Database
) -> None:
    created = hook(team, receiver.url, ["job.assigned"])
    team.assign(team.job_ids[0], assignee="anna")

    outcomes = deliver(database, datetime.now(UTC))

    assert [o.status_code for o in outcomes] == [200]
    headers, body = receiver.received[0]
    signed = f"{headers['x-annota-timestamp']}.".encode() + body
    expected = hmac.new(created["secret"].encode(), signed, hashlib.sha256).hexdigest()
    assert headers["x-annota-signature"] == f"sha256={expected}"
    assert headers["x-annota-event"] == "job.assigned"
    payload = orjson.loads(body)
    assert payload["data"]["job"]["assignee_id"] == team.ids["anna"]
    assert payload["actor"]["username"] == "olga" and payload["project_id"] == team.project_id
    assert deliveries(team, created["id"])[0]["status"] == "delivered"


def test_the_secret_is_shown_once(team: Team) -> None:
    created = hook(team, "https://example.test/hook")

    listed = team["mark"].get(f"/api/projects/{team.project_id}/webhooks").json()

    assert len(created["secret"]) == 64
    assert "secret" not in listed[0]


def test_a_failed_delivery_is_retried_with_backoff_and_every_attempt_is_logged(
    team: Team, receiver: Receiver, database: Database
) -> None:
    created = hook(team, receiver.url)
    receiver.statuses = [500, 503]
    team.assign(team.job_ids[0], assignee="anna")
    start = datetime.now(UTC)

    deliver(database, start)
    too_soon = deliver(database, start + timedelta(seconds=20))
    deliver(database, start + timedelta(seconds=31))
    deliver(database, start + timedelta(seconds=31 + 61))

    assert too_soon == []
    log = deliveries(team, created["id"])[0]
    assert (log["status"], log["attempts"]) == ("delivered", 3)
    assert [a["status_code"] for a in log["log"]] == [500, 503, 200]


def test_a_delivery_that_keeps_failing_is_given_up(
    team: Team, receiver: Receiver, database: Database
) -> None:
    created = hook(team, receiver.url)
    receiver.statuses = [500] * MAX_ATTEMPTS
    team.assign(team.job_ids[0], assignee="anna")
    at = datetime.now(UTC)

    for _ in range(MAX_ATTEMPTS + 2):
        deliver(database, at)
        at += timedelta(hours=2)

    log = deliveries(team, created["id"])[0]
    assert (log["status"], log["attempts"], len(receiver.received)) == ("failed", MAX_ATTEMPTS, MAX_ATTEMPTS)


def test_an_unreachable_receiver_is_logged_as_an_error(team: Team, database: Database) -> None:
    created = hook(team, "http://127.0.0.1:9/closed")
    team.assign(team.job_ids[0], assignee="anna")

    outcome = deliver(database, datetime.now(UTC))[0]

    assert outcome.status_code is None and outcome.error
    assert deliveries(team, created["id"])[0]["log"][0]["error"]


def test_only_subscribed_events_of_active_webhooks_are_delivered(team: Team) -> None:
    issues_only = hook(team, "https://example.test/a", ["issue.opened"])
    paused = hook(team, "https://example.test/b")
    team["mark"].patch(f"/api/webhooks/{paused['id']}", json={"active": False})
    everything = hook(team, "https://example.test/c", ["*"])

    team.assign(team.job_ids[0], assignee="anna", reviewer="rita")

    assert deliveries(team, issues_only["id"]) == [] and deliveries(team, paused["id"]) == []
    assert [d["event"] for d in deliveries(team, everything["id"])] == ["job.assigned"]


def test_a_ping_is_queued_for_one_webhook(team: Team, receiver: Receiver, database: Database) -> None:
    created = hook(team, receiver.url)
    other = hook(team, "https://example.test/other")

    assert team["mark"].post(f"/api/webhooks/{created['id']}/ping").status_code == 202
    deliver(database, datetime.now(UTC))

    assert orjson.loads(receiver.received[0][1])["event"] == "ping"
    assert deliveries(team, other["id"]) == []


def test_bad_urls_and_unknown_events_are_refused_with_their_place(team: Team) -> None:
    answer = team["mark"].post(
        f"/api/projects/{team.project_id}/webhooks",
        json={"url": "ftp://x", "events": ["job.assigned", "nope"]},
    )

    assert_error(answer, 422, "invalid_url", ["body", "url"])
    assert_error(answer, 422, "unknown_event", ["body", "events", 1])


def test_webhooks_are_managed_by_the_projects_managers_only(team: Team) -> None:
    created = hook(team, "https://example.test/hook")
    team.assign(team.job_ids[0], assignee="anna")

    assert_error(team["anna"].get(f"/api/webhooks/{created['id']}/deliveries"), 403, "forbidden")
    assert_error(team["ivan"].get(f"/api/webhooks/{created['id']}/deliveries"), 404, "not_found")
    assert_error(team["anna"].delete(f"/api/webhooks/{created['id']}"), 403, "forbidden")
    assert team["olga"].delete(f"/api/webhooks/{created['id']}").status_code == 204
