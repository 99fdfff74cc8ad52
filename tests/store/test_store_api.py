"""The store's public surface: ``__all__`` and the repository methods the web app uses."""

from __future__ import annotations

import inspect

import pytest

import csrating.store as store_module
from csrating.store import Role, Store

CONTRACT = {
    "add_user": ["self", "email", "password", "role", "la_code", "actor"],
    "authenticate": ["self", "email", "password"],
    "start_session": ["self", "user", "now", "lifetime"],
    "session_user": ["self", "token", "now"],
    "end_session": ["self", "token"],
    "load_dataset": ["self", "path", "name", "actor", "now"],
    "dataset_for": ["self", "load"],
    "create_round": ["self", "load", "rated", "embargo_at", "actor", "now", "year"],
    "rounds": ["self"],
    "round": ["self", "round_id"],
    "council_assessments": ["self", "round_id"],
    "council_assessment": ["self", "round_id", "la_code"],
    "propose_moderation": [
        "self",
        "round_id",
        "la_code",
        "to_grade",
        "withhold",
        "reason",
        "actor",
        "now",
        "expected_version",
    ],
    "decide_moderation": [
        "self",
        "record_id",
        "apply",
        "reason",
        "actor",
        "now",
        "expected_version",
        "reassess",
    ],
    "sign_off": ["self", "round_id", "la_code", "actor", "now", "expected_version"],
    "set_embargo": ["self", "round_id", "embargo_at", "actor", "now", "expected_version"],
    "is_published": ["self", "round_id", "now"],
    "audit_log": ["self", "limit"],
}
"""Each method the web app codes against, with the parameters it passes (in order)."""


def test_all_lists_the_public_names_sorted() -> None:
    public = {
        name
        for name, value in vars(store_module).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert sorted(store_module.__all__) == sorted(public)
    assert store_module.__all__ == sorted(store_module.__all__, key=lambda n: (not n.isupper(), n))


@pytest.mark.parametrize("method", sorted(CONTRACT))
def test_the_repository_keeps_the_agreed_api(method: str) -> None:
    parameters = inspect.signature(getattr(Store, method)).parameters
    assert list(parameters)[: len(CONTRACT[method])] == CONTRACT[method]
    extra = [p for name, p in parameters.items() if name not in CONTRACT[method]]
    assert all(p.default is not inspect.Parameter.empty for p in extra), "additions are optional"


def test_roles_are_the_four_of_the_design() -> None:
    assert [r.value for r in Role] == ["inspector", "moderator", "publisher", "council"]
    assert Role("council") is Role.COUNCIL
