"""Users: argon2 hashes, authentication, roles and council codes."""

from __future__ import annotations

from typing import Literal

import pytest
from argon2 import PasswordHasher
from sqlalchemy.exc import IntegrityError
from store_helpers import CHEAP_HASHER, NOW

from csrating.store import Role, Store, StoreError, User
from csrating.store.repository import Store as StoreClass


def test_passwords_are_stored_as_argon2id_hashes(store: Store) -> None:
    user = store.add_user("Inspector@Ofsted.TEST", "correct horse battery", Role.INSPECTOR)
    assert user.email == "inspector@ofsted.test"
    assert user.password_hash.startswith("$argon2id$")
    assert "correct horse battery" not in user.password_hash
    assert CHEAP_HASHER.verify(user.password_hash, "correct horse battery")
    assert user.role is Role.INSPECTOR and user.la_code is None and user.active


def test_authenticate_accepts_the_right_password_only(store: Store) -> None:
    added = store.add_user("moderator@ofsted.test", "a long passphrase", "moderator")
    found = store.authenticate(" MODERATOR@ofsted.test ", "a long passphrase")
    assert found is not None and found.id == added.id and found.role is Role.MODERATOR
    assert store.authenticate("moderator@ofsted.test", "a long passphrasE") is None
    assert store.authenticate("nobody@ofsted.test", "a long passphrase") is None
    assert store.authenticate("not an address", "a long passphrase") is None


class CountingHasher(PasswordHasher):
    """A cheap hasher that counts its verifications."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.verified += 1
        return super().verify(hash, password)


def test_an_unknown_address_costs_a_verification_like_a_wrong_password(store: Store) -> None:
    store.add_user("known@ofsted.test", "the right words", Role.INSPECTOR)
    hasher = CountingHasher()
    counted = StoreClass(store.engine, password_hasher=hasher)
    assert counted.authenticate("unknown@ofsted.test", "the right words") is None
    assert hasher.verified == 1
    assert counted.authenticate("known@ofsted.test", "the wrong words") is None
    assert hasher.verified == 2


def test_a_disabled_user_cannot_sign_in(store: Store) -> None:
    user = store.add_user("publisher@ofsted.test", "publish it all", Role.PUBLISHER)
    store.set_user_active(user.id, False, actor="admin@ofsted.test", now=NOW)
    assert store.authenticate("publisher@ofsted.test", "publish it all") is None
    store.set_user_active(user.id, True, actor="admin@ofsted.test", now=NOW)
    assert store.authenticate("publisher@ofsted.test", "publish it all") is not None


def test_an_old_hash_is_replaced_on_sign_in(store: Store) -> None:
    store.add_user("analyst@ofsted.test", "numbers and more", Role.INSPECTOR)
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    upgraded = StoreClass(store.engine, password_hasher=stronger)
    user = upgraded.authenticate("analyst@ofsted.test", "numbers and more")
    assert user is not None
    assert not stronger.check_needs_rehash(user.password_hash)
    stored = store.user(user.id)
    assert stored.password_hash == user.password_hash
    assert "t=2" in stored.password_hash and "m=16" in stored.password_hash


def test_a_council_user_needs_one_of_the_152_council_codes(store: Store) -> None:
    user = store.add_user("dcs@worcestershire.test", "our own profile", Role.COUNCIL, "885")
    assert user.la_code == "885" and user.role is Role.COUNCIL
    with pytest.raises(StoreError, match="a council user needs the DfE code"):
        store.add_user("dcs@nowhere.test", "our own profile", Role.COUNCIL)
    with pytest.raises(StoreError, match="got '999'"):
        store.add_user("dcs@nowhere.test", "our own profile", Role.COUNCIL, "999")
    with pytest.raises(StoreError, match="only council users have a council code"):
        store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR, "885")
    assert [u.email for u in store.users()] == ["dcs@worcestershire.test"]


def test_the_database_also_refuses_a_council_user_without_a_code(store: Store) -> None:
    with pytest.raises(IntegrityError), store.session(write=True) as session:
        session.add(
            User(
                email="dcs@staffordshire.test",
                password_hash="x",
                role=Role.COUNCIL,
                la_code=None,
                created_at=NOW,
                active=True,
            )
        )
    assert store.users() == []


def test_bad_users_are_refused_with_a_reason(store: Store) -> None:
    store.add_user("inspector@ofsted.test", "inspecting well", Role.INSPECTOR)
    with pytest.raises(StoreError, match="already exists"):
        store.add_user("INSPECTOR@ofsted.test", "inspecting again", Role.MODERATOR)
    with pytest.raises(StoreError, match="too short"):
        store.add_user("short@ofsted.test", "short", Role.INSPECTOR)
    with pytest.raises(StoreError, match="is not a role"):
        store.add_user("admin@ofsted.test", "administering", "admin")
    with pytest.raises(StoreError, match="is not an e-mail address"):
        store.add_user("inspector", "inspecting well", Role.INSPECTOR)
    assert len(store.users()) == 1


def test_adding_a_user_is_audited_without_the_password(store: Store) -> None:
    user = store.add_user(
        "dcs@staffordshire.test",
        "our own profile",
        Role.COUNCIL,
        "860",
        actor="admin@x.test",
        now=NOW,
    )
    (entry,) = store.audit_log()
    assert (entry.action, entry.actor, entry.at) == ("user.add", "admin@x.test", NOW)
    assert (entry.entity, entry.entity_id) == ("user", str(user.id))
    assert entry.details_json == {
        "email": "dcs@staffordshire.test",
        "role": "council",
        "la_code": "860",
    }
    assert "our own profile" not in str(entry.details_json)
