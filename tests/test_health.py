"""The health endpoints a load balancer or an orchestrator polls: no token needed, none looked at.

`/healthz`: the process is up. `/readyz`: the database answers and every migration is applied.
(The database being down is in `test_database_outage.py`.)
"""

import pytest

from tests.support.processes import Server, manage, product_env


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token"])
def test_healthz_is_ok_without_a_token_or_a_database(client, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = client.get("/healthz", headers=headers)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token"])
def test_readyz_is_ok_on_a_migrated_database(client, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = client.get("/readyz", headers=headers)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
def test_a_method_other_than_get_or_head_is_405(client, path, method):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_head_answers_like_get_without_a_body(client, path):
    response = client.head(path)

    assert response.status_code == 200
    assert response.content == b""


def test_a_fresh_deployment_is_ready_once_migrated_without_a_restart(tmp_path):
    env = product_env(tmp_path / "fresh.sqlite3", DEBUG="true", SECRET_KEY="health-test-secret-key")
    with Server.product(env, tmp_path / "server.log") as server:
        before = server.request("GET", "/readyz")
        manage("migrate", "--no-input", "-v", "0", env=env)
        after = server.request("GET", "/readyz")
        alive = server.request("GET", "/healthz")

    assert before.status == 503, before
    assert before.json()["status"] == "unavailable"
    assert before.json()["pending_migrations"] > 0
    assert (after.status, after.json()) == (200, {"status": "ok", "database": "ok"})
    assert alive.status == 200
