"""The repository: :class:`Store`, the one object the web app and the CLI talk to.

Each method is one transaction (commit on success, rollback on error) that also writes
its audit entry. Times are passed in as timezone-aware UTC ``datetime`` values; the
store reads no clock except where noted (``add_user`` and ``end_session`` without ``now``).
Objects returned are detached from their session with every column loaded.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from argon2 import PasswordHasher
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from csrating.errors import ConcurrentEdit, RecordNotFound, StoreError
from csrating.ingest import Dataset
from csrating.letters import Signatory
from csrating.pipeline import RatedRound
from csrating.store import (
    attempts,
    audit,
    datasets,
    rounds,
    sessions,
    startup,
    users,
    views,
    workflow,
)
from csrating.store._checks import utc
from csrating.store.attempts import AttemptLimit, Refusal, Reservation
from csrating.store.engine import database_url, make_engine, writer
from csrating.store.migrate import check_schema, upgrade
from csrating.store.models import (
    AuditEntry,
    CouncilAssessment,
    DatasetLoad,
    ModerationRecord,
    Role,
    Round,
    User,
    WebSession,
)
from csrating.store.views import SESSION_ACTIVITY_INTERVAL, RequestView, RoundProgress
from csrating.store.workflow import Reassess

DEFAULT_SESSION_LIFETIME = dt.timedelta(hours=8)
"""How long a sign-in lasts unless the caller says otherwise."""

_BOOTSTRAP_LOCK = 7_162_010
"""PostgreSQL advisory lock key held while filling an empty store (any fixed number)."""


@dataclass(frozen=True)
class NewUser:
    """An account to add: e-mail address, password, role and (council users) council."""

    email: str
    password: str
    role: Role | str
    la_code: str | None = None


PASSWORD_CHECKS_AT_ONCE = 4
"""How many passwords one process checks at the same time (the others wait their turn)."""


def open_store(
    url: str | None = None,
    *,
    migrate: bool = True,
    password_hasher: PasswordHasher | None = None,
    pool_size: int | None = None,
) -> Store:
    """Open the store, creating or upgrading its schema to the newest revision.

    Args:
        url: a SQLAlchemy URL; by default ``CSRATING_DATABASE_URL``, else
            ``sqlite:///csrating.db`` in the current folder (see :func:`database_url`).
        migrate: run the Alembic migrations; when ``False`` the schema must already be
            at the newest revision.
        password_hasher: the argon2 hasher (default parameters unless given; tests pass
            a cheap one).
        pool_size: connections kept open, and the most there will be: the number of
            threads that use the store at once (see :func:`make_engine`).

    Raises:
        StoreError: the URL is not supported, the database cannot be opened, or (with
            ``migrate=False``) its schema is out of date.
    """
    engine = make_engine(database_url(url), pool_size=pool_size)
    try:
        if migrate:
            upgrade(engine)
        else:
            check_schema(engine)
    except OperationalError as error:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open the database {where}: {error.orig}") from error
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, password_hasher=password_hasher)


class Store:
    """The store's repository over one database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine, *, password_hasher: PasswordHasher | None = None) -> None:
        """Wrap ``engine``, whose schema is already migrated (see :func:`open_store`)."""
        self.engine = engine
        self._hasher = password_hasher or PasswordHasher()
        self._dummy_hash: str | None = None
        self._hashing = threading.BoundedSemaphore(PASSWORD_CHECKS_AT_ONCE)
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=writer(engine), expire_on_commit=False)
        # A web request's read (see view): on PostgreSQL without BEGIN and ROLLBACK, two
        # round trips saved; under READ COMMITTED each statement of a transaction takes a
        # fresh snapshot anyway. SQLite's BEGIN costs nothing and gives one snapshot.
        self._reads = (
            engine.execution_options(isolation_level="AUTOCOMMIT")
            if engine.dialect.name == "postgresql"
            else engine
        )

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def startup_lock(self) -> Iterator[None]:
        """Hold, for the block, a lock only one process at a time can hold on this database.

        For start-up work that must run once however many servers start together (the
        demonstration round, for one). PostgreSQL: an advisory lock held by a connection
        of its own; SQLite: an exclusive ``flock`` on a file beside the database (no lock
        is needed for a database in memory, which no other process can open). Either is
        released if the process dies.
        """
        with startup.exclusive(self.engine):
            yield

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """Open a session: commit when the block ends, roll back if it raises.

        Args:
            write: take SQLite's write lock at the start (``BEGIN IMMEDIATE``), so writers
                queue rather than fail; use it for blocks that change anything.
        """
        factory = self._writer if write else self._reader
        with factory() as session:
            try:
                yield session
                session.commit()
            except StaleDataError as error:
                session.rollback()
                raise ConcurrentEdit(
                    "the record was changed by someone else since you opened it; "
                    "reload and try again"
                ) from error
            except BaseException:
                session.rollback()
                raise

    # ------------------------------------------------------------------ users and sessions

    def add_user(
        self,
        email: str,
        password: str,
        role: Role | str,
        la_code: str | None = None,
        *,
        actor: str = audit.SYSTEM,
        now: dt.datetime | None = None,
    ) -> User:
        """Add an active user; a council user needs one of the 152 councils' codes.

        Args:
            email: the sign-in address (stored lower-cased, unique).
            password: at least 8 characters; only its argon2 hash is stored.
            role: inspector, moderator, publisher or council.
            la_code: the council's DfE code, for (and only for) a council user.
            actor: who adds the user, for the audit log.
            now: when (UTC); the current time if not given.

        Raises:
            StoreError: a bad address, role, code or password, or the address is taken.
        """
        at = utc(now, "now") if now is not None else dt.datetime.now(dt.UTC)
        with self.session(write=True) as session:
            return users.add_user(
                session,
                self._hasher,
                email=email,
                password=password,
                role=role,
                la_code=la_code,
                actor=actor,
                now=at,
            )

    def authenticate(self, email: str, password: str) -> User | None:
        """Return the active user with this address and password, or ``None``.

        Takes about as long for an unknown address as for a wrong password; a hash made
        with older parameters is replaced.
        """
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash(secrets.token_hex(16))
        with self.session() as session:
            user = users.find_by_email(session, email)
        # Verify outside any transaction: hashing is slow and must not hold a lock. Each
        # check takes the hasher's memory (64 MiB by default): only a few run at once.
        with self._hashing:
            right = users.check_password(self._hasher, self._dummy_hash, user, password)
        if not right:
            return None
        assert user is not None
        if not self._hasher.check_needs_rehash(user.password_hash):
            return user
        with self.session(write=True) as session:
            return users.rehash(session, self._hasher, user.id, password)

    # ------------------------------------------------------------------ sign-in limits

    def reserve_sign_in(
        self, limits: Sequence[AttemptLimit], *, now: dt.datetime, window: dt.timedelta
    ) -> Reservation | Refusal:
        """Count a sign-in attempt against ``limits`` before its password is checked.

        Returns:
            A :class:`~csrating.store.attempts.Reservation` (go on and check the password,
            then call :meth:`sign_in_succeeded` or :meth:`sign_in_failed`), or a
            :class:`~csrating.store.attempts.Refusal`: a limit is full; check nothing.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return attempts.reserve(session, limits, now=at, window=window)

    def sign_in_succeeded(self, reservation: Reservation) -> None:
        """Give back the places of an attempt whose password was right."""
        with self.session(write=True) as session:
            attempts.succeeded(session, reservation)

    def sign_in_failed(
        self,
        reservation: Reservation,
        *,
        email: str,
        address: str,
        now: dt.datetime,
        window: dt.timedelta,
    ) -> list[str]:
        """Audit a failed sign-in (and any lockout it caused); its places stay taken.

        Returns:
            The kinds of limit (``account``, ``address``) this failure filled.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return attempts.failed(
                session, reservation, email=email, address=address, now=at, window=window
            )

    # ------------------------------------------------------------------ users

    def users(self) -> list[User]:
        """Return every user, by e-mail address."""
        with self.session() as session:
            return list(session.scalars(select(User).order_by(User.email)))

    def user(self, user_id: int) -> User:
        """Return the user with ``user_id``.

        Raises:
            RecordNotFound: there is no such user.
        """
        with self.session() as session:
            return users.get_user(session, user_id)

    def set_user_active(self, user_id: int, active: bool, *, actor: str, now: dt.datetime) -> User:
        """Enable or disable a user; disabling ends their sessions.

        Raises:
            RecordNotFound: there is no such user.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return users.set_active(session, user_id, active, actor=actor, now=at)

    def user_by_email(self, email: str) -> User:
        """Return the user with this e-mail address (any case).

        Raises:
            RecordNotFound: there is no such user.
        """
        with self.session() as session:
            return users.find_user(session, email)

    def reset_password(self, user_id: int, password: str, *, actor: str, now: dt.datetime) -> int:
        """Give a user a new password and end their sessions; return how many ended.

        Raises:
            RecordNotFound: there is no such user.
            StoreError: the password is too short.
        """
        at = utc(now, "now")
        users.check_new_password(password)
        with self.session(write=True) as session:
            return users.reset_password(
                session, self._hasher, user_id, password, actor=actor, now=at
            )

    def end_user_sessions(self, user_id: int, *, actor: str, now: dt.datetime) -> int:
        """End every session of a user (audited); return how many there were.

        Raises:
            RecordNotFound: there is no such user.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return users.end_user_sessions(session, user_id, actor=actor, now=at)

    def session_counts(self, *, now: dt.datetime) -> dict[int, int]:
        """Return how many unexpired sessions each user has (users with none left out)."""
        at = utc(now, "now")
        with self.session() as session:
            rows = session.execute(
                select(WebSession.user_id, func.count())
                .where(WebSession.expires_at > at)
                .group_by(WebSession.user_id)
            )
            return {int(user_id): int(count) for user_id, count in rows}

    def start_session(
        self, user: User, *, now: dt.datetime, lifetime: dt.timedelta = DEFAULT_SESSION_LIFETIME
    ) -> tuple[str, WebSession]:
        """Start a browser session for ``user``.

        Returns:
            The raw token (put it in the cookie; only its SHA-256 is stored) and the
            session, whose ``csrf_token`` goes into forms.

        Raises:
            StoreError: the user is disabled, or ``lifetime`` is not positive.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return sessions.start_session(session, user.id, now=at, lifetime=lifetime)

    def session_user(self, token: str, *, now: dt.datetime) -> tuple[User, WebSession] | None:
        """Return the user and session of a cookie token, noting ``now`` as last seen when
        the last note is a minute old or more (:data:`SESSION_ACTIVITY_INTERVAL`).

        The session is read without the write lock; only an expired session (deleted) or
        a stale note takes it, each in its own short transaction.

        Returns:
            ``None`` when the token is unknown or expired, or the user is disabled.
        """
        at = utc(now, "now")
        seen = self.view(token=token, now=at)
        if seen.expired:
            self.forget_expired_session(token, now=at)
        if seen.user is None or seen.session is None:
            return None
        if seen.stale:
            self.note_activity(seen.session.id, now=at)
            seen.session.last_seen_at = at
        return seen.user, seen.session

    def view(
        self,
        *,
        token: str | None = None,
        round_id: int | None = None,
        la_code: str | None = None,
        now: dt.datetime,
    ) -> RequestView:
        """Read what one web request needs in one short read (see
        :func:`csrating.store.views.read_view`): the session's user, the round, its
        progress and a council's record (without its assessment JSON), in two statements
        at most, writing nothing."""
        at = utc(now, "now")
        with self._reads.connect() as connection:  # nothing written
            return views.read_view(
                connection, token=token, round_id=round_id, la_code=la_code, now=at
            )

    def note_activity(
        self,
        session_id: int,
        *,
        now: dt.datetime,
        interval: dt.timedelta = SESSION_ACTIVITY_INTERVAL,
    ) -> bool:
        """Note a session as seen at ``now`` unless it was noted less than ``interval`` ago.

        Returns:
            Whether anything was written.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return sessions.note_activity(session, session_id, now=at, interval=interval)

    def forget_expired_session(self, token: str, *, now: dt.datetime) -> None:
        """Delete the session of ``token`` if it has expired."""
        at = utc(now, "now")
        with self.session(write=True) as session:
            sessions.delete_expired(session, token, now=at)

    def council_records(self, round_id: int) -> list[CouncilAssessment]:
        """Return a round's council records by council code, without their assessment
        JSON (reading ``assessment_json`` raises): what lists and cache keys need.

        Raises:
            RecordNotFound: there is no such round.
        """
        with self.session() as session:
            return rounds.list_council_records(session, round_id)

    def end_session(self, token: str, *, now: dt.datetime | None = None) -> None:
        """End the session of a cookie token (signing out); unknown tokens are ignored."""
        at = utc(now, "now") if now is not None else dt.datetime.now(dt.UTC)
        with self.session(write=True) as session:
            sessions.end_session(session, token, now=at)

    def purge_sessions(self, *, now: dt.datetime) -> int:
        """Delete every expired session; return how many there were."""
        at = utc(now, "now")
        with self.session(write=True) as session:
            return sessions.purge_expired(session, now=at)

    # ------------------------------------------------------------------ datasets and rounds

    def load_dataset(self, path: Path, *, name: str, actor: str, now: dt.datetime) -> DatasetLoad:
        """Validate a dataset folder and record the load, accepted or refused.

        Args:
            path: the dataset folder (see :func:`csrating.ingest.load_dataset`).
            name: a label for people, e.g. ``"2009 rating data"``.
            actor: who loads it.
            now: when (UTC).

        Returns:
            The accepted load, with its report and content hash.

        Raises:
            InputError: the dataset was refused; the refusal (with its report) is
                recorded first, and nothing else in the store changes.
            StoreError: the name is empty.
        """
        at = utc(now, "now")
        datasets.check_name(name)
        dataset, refusal, digest = datasets.read_dataset(Path(path))
        with self.session(write=True) as session:
            load = datasets.record_load(
                session,
                Path(path),
                name=name,
                actor=actor,
                now=at,
                dataset=dataset,
                refusal=refusal,
                digest=digest,
            )
        if refusal is not None:
            refusal.add_note(f"recorded as refused dataset load {load.id} ({load.name})")
            raise refusal
        return load

    def dataset_loads(self) -> list[DatasetLoad]:
        """Return every dataset load, accepted and refused, newest first."""
        with self.session() as session:
            return list(session.scalars(select(DatasetLoad).order_by(DatasetLoad.id.desc())))

    def dataset_load(self, load_id: int) -> DatasetLoad:
        """Return the dataset load with ``load_id``.

        Raises:
            RecordNotFound: there is no such load.
        """
        with self.session() as session:
            return rounds.get_load(session, load_id)

    def dataset_for(self, load: DatasetLoad) -> Dataset:
        """Return an accepted load's dataset, cached per content hash.

        Raises:
            StoreError: the load was refused, or its files changed since.
        """
        return datasets.dataset_for(load)

    def create_round(
        self,
        load: DatasetLoad,
        rated: RatedRound,
        *,
        embargo_at: dt.datetime,
        actor: str,
        now: dt.datetime,
        year: int | None = None,
        signatory: Signatory | None = None,
    ) -> Round:
        """Store a rated round: one assessment per council, all in one transaction.

        Each council gets a :class:`CouncilAssessment` in state provisional (withheld
        when the rules withhold it), version 1.

        Args:
            load: an accepted dataset load.
            rated: the load's dataset rated without moderation (see
                :func:`csrating.pipeline.rate`); its framework and cut-off are recorded.
            embargo_at: when the results may be published (UTC).
            actor: who creates the round.
            now: when (UTC).
            year: the rating year; by default the framework's (see ``Framework.year``).
            signatory: who signs the round's letters (name and role); by default the
                framework's own signatory (see :class:`csrating.letters.Signatory`).

        Raises:
            StoreError: the load was refused, the framework is not an annual rating
                framework, or the signatory's name or role is blank or too long.
        """
        at = utc(now, "now")
        embargo = utc(embargo_at, "embargo_at")
        framework = rated.framework
        if framework.kind != "rating":
            raise StoreError(
                f"framework {framework.id} is not an annual rating framework (its kind is "
                f"{framework.kind}): a round rates councils with one such as rating-2009"
            )
        with self.session(write=True) as session:
            return rounds.add_round(
                session,
                rounds.get_load(session, load.id),
                rated,
                embargo_at=embargo,
                year=year or framework.year,
                actor=actor,
                now=at,
                signatory=signatory,
            )

    def create_first_round(
        self,
        path: Path,
        rate_dataset: Callable[[Dataset], RatedRound],
        *,
        name: str,
        embargo_at: dt.datetime,
        accounts: Sequence[NewUser],
        actor: str,
        now: dt.datetime,
        signatory: Signatory | None = None,
    ) -> tuple[Round, list[User]] | None:
        """Fill an empty store in one transaction: load a dataset, open a round on it and
        add the accounts, all or nothing.

        Meant for the first start of a server: if it is interrupted, nothing is left
        behind and the next start does it all again. Two processes starting at once
        cannot both do it (SQLite's write lock; an advisory lock on PostgreSQL).

        Args:
            path: the dataset folder.
            rate_dataset: rates the dataset read from ``path`` without moderation
                (see :func:`csrating.pipeline.rate`); called outside the transaction.
            name: the dataset load's name.
            embargo_at: the round's embargo time (UTC).
            accounts: users to add; an address already in use is left as it is.
            actor: who does it, for the audit log.
            now: when (UTC).
            signatory: who signs the round's letters (see :meth:`create_round`).

        Returns:
            The round and the users added, or ``None`` if the store already had a round
            (then nothing is done).

        Raises:
            InputError: the dataset was refused (nothing is recorded).
            StoreError: the framework is not an annual rating one, or an account is bad.
        """
        at = utc(now, "now")
        embargo = utc(embargo_at, "embargo_at")
        datasets.check_name(name)
        if self.rounds():
            return None
        dataset, refusal, digest = datasets.read_dataset(Path(path))
        if refusal is not None:
            raise refusal
        assert dataset is not None
        rated = rate_dataset(dataset)
        if rated.framework.kind != "rating":
            raise StoreError(f"framework {rated.framework.id} is not an annual rating framework")
        for account in accounts:
            users.check_new_password(account.password)
        with self.session(write=True) as session:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(select(func.pg_advisory_xact_lock(_BOOTSTRAP_LOCK)))
            if session.scalar(select(Round.id).limit(1)) is not None:
                return None
            load = datasets.record_load(
                session,
                Path(path),
                name=name,
                actor=actor,
                now=at,
                dataset=dataset,
                refusal=None,
                digest=digest,
            )
            round_ = rounds.add_round(
                session,
                load,
                rated,
                embargo_at=embargo,
                year=rated.framework.year,
                actor=actor,
                now=at,
                signatory=signatory,
            )
            taken = set(session.scalars(select(User.email)))
            added = [
                users.add_user(
                    session,
                    self._hasher,
                    email=account.email,
                    password=account.password,
                    role=account.role,
                    la_code=account.la_code,
                    actor=actor,
                    now=at,
                )
                for account in accounts
                if users.normalise_email(account.email) not in taken
            ]
            return round_, added

    def rounds(self) -> list[Round]:
        """Return every round, newest first."""
        with self.session() as session:
            return rounds.list_rounds(session)

    def rounds_with_progress(self) -> list[tuple[Round, RoundProgress]]:
        """Return every round, newest first, with how far its councils have got (one read)."""
        with self._reads.connect() as connection:
            return views.rounds_with_progress(connection)

    def round(self, round_id: int) -> Round:
        """Return the round with ``round_id``.

        Raises:
            RecordNotFound: there is no such round.
        """
        with self.session() as session:
            return rounds.get_round(session, round_id)

    def council_assessments(self, round_id: int) -> list[CouncilAssessment]:
        """Return a round's 152 council assessments, by council code.

        Raises:
            RecordNotFound: there is no such round.
        """
        with self.session() as session:
            return rounds.list_council_assessments(session, round_id)

    def council_assessment(self, round_id: int, la_code: str) -> CouncilAssessment:
        """Return one council's assessment in a round.

        Raises:
            RecordNotFound: there is no such round or council.
        """
        with self.session() as session:
            return rounds.get_council_assessment(session, round_id, la_code)

    # ------------------------------------------------------------------ workflow

    def propose_moderation(
        self,
        round_id: int,
        la_code: str,
        *,
        to_grade: int | None,
        withhold: bool,
        reason: str,
        actor: str,
        now: dt.datetime,
        expected_version: int,
    ) -> ModerationRecord:
        """Propose a new grade for a council (or withholding its rating), with a reason.

        The proposal is a draft until a moderator decides it; one may wait per council.
        The council's assessment version goes up.

        Raises:
            StoreError: an empty reason, a grade outside 1-4 (or one given with
                ``withhold``), no change, a council signed off or with a draft waiting.
            ConcurrentEdit: the assessment changed since ``expected_version``.
            RecordNotFound: there is no such round or council.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return workflow.propose(
                session,
                round_id,
                la_code,
                to_grade=to_grade,
                withhold=withhold,
                reason=reason,
                actor=actor,
                now=at,
                expected_version=expected_version,
            )

    def decide_moderation(
        self,
        record_id: int,
        *,
        apply: bool,
        reason: str,
        actor: str,
        now: dt.datetime,
        expected_version: int,
        reassess: Reassess | None = None,
        four_eyes: bool = True,
    ) -> CouncilAssessment:
        """Apply or reject a draft moderation.

        Applying stores the council as ``reassess`` re-rates it with the moderation, so
        its trace records it; the state becomes moderated (or withheld). Rejecting keeps
        the grade and needs a reason. ``expected_version`` is the council assessment's
        version.

        With ``four_eyes`` (the default) the person who proposed it cannot apply it.

        Raises:
            StoreError: the record was already decided, a rejection has no reason, or
                the proposer tries to apply it (with ``four_eyes``).
            ConcurrentEdit: the assessment changed since ``expected_version``.
            RecordNotFound: there is no such record.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return workflow.decide(
                session,
                record_id,
                apply=apply,
                reason=reason,
                actor=actor,
                now=at,
                expected_version=expected_version,
                reassess=reassess,
                four_eyes=four_eyes,
            )

    def moderation_records(
        self, round_id: int, la_code: str | None = None
    ) -> list[ModerationRecord]:
        """Return a round's moderation records (or one council's), oldest first."""
        with self.session() as session:
            return workflow.records(session, round_id, la_code)

    def moderation_record(self, record_id: int) -> ModerationRecord:
        """Return one moderation record.

        Raises:
            RecordNotFound: there is no such record.
        """
        with self.session() as session:
            record = session.get(ModerationRecord, record_id)
            if record is None:
                raise RecordNotFound(f"there is no moderation record {record_id}")
            return record

    def sign_off(
        self, round_id: int, la_code: str, *, actor: str, now: dt.datetime, expected_version: int
    ) -> CouncilAssessment:
        """Sign a council off for publication; a withheld one stays withheld.

        Raises:
            StoreError: already signed off, or a moderation is waiting for a decision.
            ConcurrentEdit: the assessment changed since ``expected_version``.
        """
        at = utc(now, "now")
        with self.session(write=True) as session:
            return workflow.sign_off(
                session, round_id, la_code, actor=actor, now=at, expected_version=expected_version
            )

    def set_embargo(
        self,
        round_id: int,
        embargo_at: dt.datetime,
        *,
        actor: str,
        now: dt.datetime,
        expected_version: int,
    ) -> Round:
        """Move a round's embargo time (not once it is published).

        Raises:
            StoreError: the round is already published.
            ConcurrentEdit: the round changed since ``expected_version``.
        """
        at = utc(now, "now")
        embargo = utc(embargo_at, "embargo_at")
        with self.session(write=True) as session:
            return workflow.set_embargo(
                session, round_id, embargo, actor=actor, now=at, expected_version=expected_version
            )

    def is_published(self, round_id: int, *, now: dt.datetime) -> bool:
        """Whether a round is public: the embargo passed and every council is signed off
        or withheld.

        Raises:
            RecordNotFound: there is no such round.
        """
        at = utc(now, "now")
        with self.session() as session:
            return workflow.published(session, rounds.get_round(session, round_id), now=at)

    def audit_log(
        self, *, limit: int = 200, entity: str | None = None, entity_id: object | None = None
    ) -> list[AuditEntry]:
        """Return the newest audit entries first, optionally for one kind of record or one."""
        with self.session() as session:
            return audit.entries(session, limit=limit, entity=entity, entity_id=entity_id)
