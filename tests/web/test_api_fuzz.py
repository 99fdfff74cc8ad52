"""API fuzzing: schemathesis generates requests from the app's own OpenAPI description
and checks that none gets a server error, and that every response is one the description
lists, with the content type and body it says.

Bounded and repeatable: a fixed number of cases per operation, Hypothesis derandomised
(the same cases every run), no example database, offline (the app is called in-process
through ASGI). It runs signed out and signed in as an inspector and as a council user,
with both valid requests (positive) and invalid ones (negative), on free path parameters
and on the test round and council (so that the handlers run, not only the guards).

Run it alone with ``pytest -m slow tests/web/test_api_fuzz.py -s`` to see the figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from web_helpers import ACCOUNTS, OWN, PASSWORD, Web, csrf_from, sign_in

from csrating.store import open_store
from csrating.web import FakeClock, WebSettings, create_app
from csrating.web.commands import DEMO_EMBARGO
from factories import create_round

pytestmark = pytest.mark.slow

CASES = 25
"""Cases per operation, role, mode and kind of path (free or the test round's)."""

ROLES = ("public", "inspector", "council-own")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]

FIGURES: Counter[str] = Counter()
"""Operations, cases and failures, printed at the end of the module."""


@pytest.fixture(scope="module")
def fuzz_web(tmp_path_factory: pytest.TempPathFactory, small_demo: Path) -> Iterator[Web]:
    """One app over the small demo round for the whole module (nothing the API does is
    stored, so the cases cannot affect each other)."""
    from argon2 import PasswordHasher

    clock = FakeClock(DEMO_EMBARGO.replace(day=1))
    folder = tmp_path_factory.mktemp("fuzz")
    store = open_store(
        f"sqlite:///{folder / 'fuzz.db'}",
        password_hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
    )
    load = store.load_dataset(small_demo, name="demo (small)", actor="test", now=clock())
    round_ = create_round(
        store, load, framework_id="rating-2009", embargo_at=DEMO_EMBARGO, actor="test", now=clock()
    )
    for email, role, la_code in ACCOUNTS.values():
        store.add_user(email, PASSWORD, role, la_code, actor="test", now=clock())
    app = create_app(store, clock=clock, settings=WebSettings(login_address_attempts=100))
    helper = Web(app, store, clock, round_.id)
    yield helper
    helper.close()
    store.close()


def _headers(web: Web, role: str) -> dict[str, str]:
    if role == "public":
        return {}
    client = web.new_client()
    assert sign_in(client, ACCOUNTS[role][0], PASSWORD).status_code == 303
    token = csrf_from(client.get("/").text)
    return {
        "Cookie": f"csrating_session={client.cookies['csrating_session']}",
        "X-CSRF-Token": token,
    }


def _run(
    operation: Any, headers: dict[str, str], mode: GenerationMode, fixed: dict[str, Any]
) -> None:
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed or None)

    @settings(
        max_examples=CASES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        FIGURES["cases"] += 1
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        FIGURES[f"status {response.status_code}"] += 1

    check()


@pytest.mark.parametrize("role", ROLES)
def test_the_api_gives_no_server_error_and_only_documented_responses(
    fuzz_web: Web, role: str
) -> None:
    """Every operation, valid and invalid input, as ``role``: no 5xx, and every status,
    content type and body as the OpenAPI description says."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", fuzz_web.app)
    headers = _headers(fuzz_web, role)
    real = {"round_id": fuzz_web.round_id, "la_code": OWN}
    for result in schema.get_all_operations():
        operation = result.ok()
        FIGURES[f"operations as {role}"] += 1
        names = {p.name for p in operation.path_parameters}
        fixed = {name: value for name, value in real.items() if name in names}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for path in ({}, fixed) if fixed else ({},):
                try:
                    _run(operation, headers, mode, path)
                except Unsatisfiable:  # nothing left to make invalid (no parameters)
                    continue
                except Exception:
                    FIGURES["failures"] += 1
                    raise


def test_print_the_figures(fuzz_web: Web) -> None:
    """Print what the fuzzing covered (shown with ``-s``)."""
    operations = sum(count for key, count in FIGURES.items() if key.startswith("operations"))
    statuses = ", ".join(
        f"{key.removeprefix('status ')}: {count}"
        for key, count in sorted(FIGURES.items())
        if key.startswith("status ")
    )
    print(
        f"\nschemathesis: {operations} operation runs ({len(ROLES)} roles), "
        f"{FIGURES['cases']} cases, {FIGURES['failures']} failures; statuses {statuses}"
    )
    assert FIGURES["failures"] == 0
