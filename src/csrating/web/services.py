"""What the pages and the API share: the store, the clock, and each round's results.

A round is rated once from its stored dataset by :func:`csrating.pipeline.rate` and kept
in this process's cache (:mod:`csrating.web.cache`: the dataset and framework of a round
never change); the workflow state, current grade and moderation come from the store on
every request (in one read, :meth:`Services.resolve`), so what a page shows is never older
than the store; everything built from them is cached under those versions.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from sqlalchemy import inspect

from csrating.errors import RecordNotFound, StoreError
from csrating.frameworks import Assessment, Framework, Moderation, assess, load_framework
from csrating.ingest.dataset import Dataset
from csrating.letters import Letter, Signatory, addressee_for, rating_letter
from csrating.pipeline import CouncilResult, RatedRound, at_cut_off, rate
from csrating.presentation import ProfileRows, profile_rows
from csrating.presentation.comparison import NationalComparison, national_comparison
from csrating.profile import PerformanceProfile
from csrating.reference import Council
from csrating.scales import CouncilRating
from csrating.store.rounds import round_signatory
from csrating.web.cache import LruCache
from csrating.whatif import WhatIfResult

if TYPE_CHECKING:
    import datetime as dt

    from csrating.store import (
        CouncilAssessment,
        Round,
        RoundProgress,
        Store,
        User,
        WebSession,
    )


__all__ = [
    "EMBARGO_BANNER",
    "MAX_ID",
    "CouncilRow",
    "Lookup",
    "RoundData",
    "Services",
    "is_published",
    "record_id",
    "round_title",
    "standing_what_if",
    "state_key",
]

EMBARGO_BANNER = "Embargoed — draft, not for publication"
"""What every draft letter says at the top until the round is published."""


@dataclass(frozen=True)
class RoundData:
    """A round's dataset rated under its framework, without moderation, and who signs
    its letters (the round's configuration)."""

    rated: RatedRound
    signatory: Signatory = dataclasses.field(default_factory=Signatory)

    @property
    def framework(self) -> Framework:
        """The round's framework, at the round's cut-off."""
        return self.rated.framework

    @property
    def dataset(self) -> Dataset:
        """The round's dataset."""
        return self.rated.dataset

    @property
    def demonstration(self) -> bool:
        """Whether the data are synthetic (the dataset's manifest says so)."""
        return self.rated.demonstration

    @property
    def notices(self) -> tuple[str, ...]:
        """What every page of the round says first (demonstration data, a simulation)."""
        return self.rated.notices

    def base(self, la_code: str) -> tuple[PerformanceProfile, Assessment]:
        """Return a council's profile and its assessment by the rules alone."""
        result = self.rated.result(la_code)
        return result.profile, result.assessment

    def council(self, la_code: str) -> Council:
        """Return a council of the round's geography."""
        return self.rated.geography.council(la_code)

    @cached_property
    def comparison(self) -> NationalComparison:
        """Every council's lines over every period (built on first use, then kept)."""
        return national_comparison(self.rated)


@dataclass(frozen=True)
class CouncilRow:
    """A council as the dashboard and the API list it."""

    la_code: str
    name: str
    region: str
    state: str
    provisional_grade: int | None
    grade: int | None
    version: int
    updated_at: dt.datetime
    updated_by: str


MAX_ID = 2_147_483_647
"""The largest id a store table holds (PostgreSQL's ``integer``; SQLite's are wider)."""

_ID = re.compile(r"[0-9]{1,10}")


def record_id(value: object) -> int | None:
    """Return ``value`` (text or number) as a record id, or ``None`` if it cannot be one.

    An id is written in ASCII digits (no sign, no spaces) and lies between 1 and
    :data:`MAX_ID`; anything else names no record.
    """
    text = str(value)
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def round_title(round_: Round) -> str:
    """Return a round's name, e.g. "Annual rating 2009 (rating-2009)"."""
    return f"Children's services annual rating {round_.year}"


def state_of(record: CouncilAssessment) -> str:
    """Return a council assessment's state as text."""
    state = record.state
    return str(getattr(state, "value", state))


@dataclass(frozen=True)
class Lookup:
    """What a request's guard reads in one step: who asks, the round, its progress, the
    council's record (without JSON), and whether the round is published now."""

    user: User | None
    session: WebSession | None
    round: Round | None
    progress: RoundProgress | None
    record: CouncilAssessment | None
    published: bool
    expired: bool
    stale: bool


def state_key(round_: Round, progress: RoundProgress) -> tuple[int, int, int]:
    """Return the cache key of a round's state: its id and version and its records' stamp.

    The round's version changes with its embargo, the stamp with any council's record
    (see :class:`~csrating.store.RoundProgress`).
    """
    return (round_.id, round_.version, progress.stamp)


class Services:
    """The store, the clock and the caches, as one object the routes share.

    Every cache is keyed by versions read from the database (see :mod:`csrating.web.cache`),
    so what any process serves changes as soon as the database does.
    """

    def __init__(self, store: Store, clock: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.clock = clock
        self._rated: LruCache[tuple[int, str, dt.date], RatedRound] = LruCache(4)
        self._rounds: LruCache[tuple[int, str, dt.date, Signatory], RoundData] = LruCache(16)
        self._building = threading.Lock()
        self._rows: LruCache[tuple[int, int, int], list[CouncilRow]] = LruCache(16)
        self._results: LruCache[tuple[int, int, int], list[CouncilResult]] = LruCache(16)
        self._published: LruCache[tuple[Any, ...], dict[str, object]] = LruCache(16)
        self._pending: LruCache[tuple[int, int, int], int] = LruCache(16)
        self._current: LruCache[tuple[int, str, int], tuple[PerformanceProfile, Assessment]] = (
            LruCache(512)
        )
        self._profile_rows: LruCache[tuple[int, str], ProfileRows] = LruCache(512)
        self._history: LruCache[tuple[int, str, int], list[Any]] = LruCache(256)
        self._letters: LruCache[tuple[Any, ...], Letter] = LruCache(512)
        self.fragments: LruCache[tuple[Any, ...], Markup] = LruCache(1024)
        """Rendered parts of pages (letter, profile, tables), keyed by versions."""
        self.comparisons: LruCache[tuple[int, str], Markup] = LruCache(64)
        """Council pages' comparison sections by round and council: the largest part of a
        page (about 0.6 MB, 20 ms to draw), so fewer are kept."""
        self.documents: LruCache[tuple[Any, ...], bytes] = LruCache(512)
        """Letters as PDF and DOCX bytes, keyed by record version and publication."""
        self.pages: LruCache[tuple[Any, ...], bytes] = LruCache(512)
        """Whole responses that are the same for everyone of an audience (public pages,
        JSON), keyed by versions, publication and audience."""

    # Requests -------------------------------------------------------------------------

    def resolve(
        self, token: str | None, round_id: object = None, la_code: str | None = None
    ) -> Lookup:
        """Read who asks, the round named, its progress and the council's record at once.

        Args:
            token: the session cookie's token.
            round_id: the round in the address (text or number), if any; ``None`` in the
                result's ``round`` if it is not a round's id.
            la_code: the council in the address, if any.
        """
        number = record_id(round_id) if round_id is not None else None
        now = self.clock()
        view = self.store.view(
            token=token,
            round_id=number,
            la_code=la_code if number is not None else None,
            now=now,
        )
        if view.expired and token:
            # Once in a session's life, in a transaction of its own after the read.
            self.store.forget_expired_session(token, now=now)
        published = (
            view.round is not None
            and view.progress is not None
            and is_published(view.round, view.progress, now)
        )
        if view.round is not None:
            self.round_data(view.round)  # built once per process, before the first answer
        return Lookup(
            view.user,
            view.session,
            view.round,
            view.progress,
            view.record,
            published,
            view.expired,
            view.stale,
        )

    # Rounds ---------------------------------------------------------------------------

    def find_round(self, round_id: object) -> Round | None:
        """Return the round with id ``round_id`` (text or number), or ``None``.

        Anything but a number the database's ids can hold (1 to 2,147,483,647) is no
        round: it is never sent to the database, which would fail on it.
        """
        number = record_id(round_id)
        if number is None:
            return None
        return self.store.view(round_id=number, now=self.clock()).round

    def rounds(self) -> list[Round]:
        """Return every round, newest first."""
        return sorted(self.store.rounds(), key=lambda r: r.id, reverse=True)

    def round_list(self) -> list[tuple[Round, bool]]:
        """Return every round, newest first, with whether it is published now (one read)."""
        now = self.clock()
        return [
            (round_, is_published(round_, progress, now))
            for round_, progress in self.store.rounds_with_progress()
        ]

    def progress(self, round_: Round) -> RoundProgress:
        """Return how far the round's councils have got (read from the store now)."""
        view = self.store.view(round_id=round_.id, now=self.clock())
        if view.progress is None:
            raise RecordNotFound(f"there is no round {round_.id}")
        return view.progress

    def is_published(self, round_: Round) -> bool:
        """Whether ``round_`` is published now (embargo passed, every council settled)."""
        return bool(self.store.is_published(round_.id, now=self.clock()))

    def is_demonstration(self, round_: Round) -> bool:
        """Whether the round's dataset is synthetic demonstration data (its manifest)."""
        return self.round_data(round_).demonstration

    def round_data(self, round_: Round) -> RoundData:
        """Return the round's dataset rated by its rules (built once per process), with
        the round's signatory.

        The rating is keyed by what it depends on (dataset load, framework, cut-off), so
        rounds that share them share it, whoever signs their letters.
        """
        signatory = round_signatory(round_)
        key = (round_.dataset_load_id, round_.framework_id, round_.cut_off, signatory)
        found = self._rounds.get(key)
        if found is not None:
            return found
        with self._building:  # one thread builds a round; the others wait for it
            rated = self._rated.get_or_make(key[:3], lambda: self._rate(round_))
            return self._rounds.get_or_make(key, lambda: RoundData(rated, signatory))

    def _rate(self, round_: Round) -> RatedRound:
        framework = at_cut_off(load_framework(round_.framework_id), round_.cut_off)
        load = self.store.dataset_load(round_.dataset_load_id)
        return rate(self.store.dataset_for(load), framework, moderation={})

    def reassess(self, round_: Round) -> Callable[[str, Moderation], Assessment]:
        """Return the function that re-rates a council of ``round_`` with a moderation."""
        data = self.round_data(round_)

        def reassess(la_code: str, moderation: Moderation) -> Assessment:
            profile, _ = data.base(la_code)
            return assess(profile, data.framework, moderation=moderation)

        return reassess

    # Councils -------------------------------------------------------------------------

    def records(self, round_: Round) -> list[CouncilAssessment]:
        """Return the round's council records from the store, without assessment JSON."""
        return list(self.store.council_records(round_.id))

    def record(self, round_: Round, la_code: str) -> CouncilAssessment:
        """Return one council's assessment record from the store (JSON included)."""
        return self.store.council_assessment(round_.id, la_code)

    def rows(self, round_: Round, progress: RoundProgress | None = None) -> list[CouncilRow]:
        """Return the round's councils in name order, with state and grades (cached by
        the round's state)."""
        key = state_key(round_, progress or self.progress(round_))
        return self._rows.get_or_make(key, lambda: self._make_rows(round_))

    def _make_rows(self, round_: Round) -> list[CouncilRow]:
        data = self.round_data(round_)
        rows = []
        for record in self.records(round_):
            info = data.council(record.la_code)
            rows.append(
                CouncilRow(
                    la_code=record.la_code,
                    name=info.name,
                    region=info.region,
                    state=state_of(record),
                    provisional_grade=record.provisional_grade,
                    grade=record.grade,
                    version=record.version,
                    updated_at=record.updated_at,
                    updated_by=record.updated_by,
                )
            )
        return sorted(rows, key=lambda r: (r.name.casefold(), r.la_code))

    def current(
        self, round_: Round, record: CouncilAssessment
    ) -> tuple[PerformanceProfile, Assessment]:
        """Return a council's profile and its assessment as it now stands (moderation in).

        Cached by the record's version; ``record`` may come without its JSON (the record is
        read again, once, when the JSON is needed).
        """
        key = (round_.id, record.la_code, record.version)
        return self._current.get_or_make(key, lambda: self._make_current(round_, record))

    def _make_current(
        self, round_: Round, record: CouncilAssessment
    ) -> tuple[PerformanceProfile, Assessment]:
        data = self.round_data(round_)
        if "assessment_json" in inspect(record).unloaded:
            record = self.record(round_, record.la_code)
        profile, base = data.base(record.la_code)
        moderation = _moderation_of(record)
        if moderation is not None:
            return profile, assess(profile, data.framework, moderation=moderation)
        return profile, _with_grade(base, record)

    def profile_rows(self, round_: Round, la_code: str) -> ProfileRows:
        """Return a council's profile as the rows people read (built once per council: the
        profile is the rules' evidence, which moderation does not change)."""
        data = self.round_data(round_)
        return self._profile_rows.get_or_make(
            (round_.id, la_code), lambda: profile_rows(data.base(la_code)[0])
        )

    def results(self, round_: Round, progress: RoundProgress | None = None) -> list[CouncilResult]:
        """Return every council's result with its current grade (for summaries and maps).

        Built from the stored grades and states over the rules' assessments (no JSON is
        read), cached by the round's state.
        """
        key = state_key(round_, progress or self.progress(round_))
        return self._results.get_or_make(key, lambda: self._make_results(round_))

    def _make_results(self, round_: Round) -> list[CouncilResult]:
        data = self.round_data(round_)
        out = []
        for record in self.records(round_):
            profile, base = data.base(record.la_code)
            council = data.council(record.la_code)
            out.append(CouncilResult(council, profile, _with_grade(base, record)))
        return out

    def round_view(
        self,
        round_: Round,
        build: Callable[[list[CouncilResult]], dict[str, object]],
        progress: RoundProgress | None = None,
    ) -> dict[str, object]:
        """Return ``build(results)`` for a round, built once per state of the round."""
        state = progress or self.progress(round_)
        key = (*state_key(round_, state), getattr(build, "__qualname__", repr(build)))
        return self._published.get_or_make(key, lambda: build(self.results(round_, state)))

    def pending_moderations(self, round_: Round, progress: RoundProgress | None = None) -> int:
        """Return how many moderations of the round wait for a decision (cached by its
        state: proposing or deciding one changes its council's version)."""
        key = state_key(round_, progress or self.progress(round_))

        def count() -> int:
            history = self.store.moderation_records(round_.id)
            return sum(1 for m in history if str(getattr(m.status, "value", m.status)) == "draft")

        return self._pending.get_or_make(key, count)

    def letter(
        self, round_: Round, record: CouncilAssessment, *, published: bool
    ) -> tuple[Letter, str | None]:
        """Return a council's letter as it now stands, and the banner it carries."""
        key = (round_.id, record.la_code, record.version, published)

        def write() -> Letter:
            profile, assessment = self.current(round_, record)
            return self.write_letter(self.round_data(round_), profile, assessment)

        letter = self._letters.get_or_make(key, write)
        return letter, letter_banner(letter, published=published)

    @staticmethod
    def write_letter(
        data: RoundData, profile: PerformanceProfile, assessment: Assessment
    ) -> Letter:
        """Write the rating letter for ``profile`` and ``assessment`` under the round."""
        return rating_letter(
            profile,
            assessment,
            data.framework,
            addressee_for(data.council(profile.la_code), data.dataset.contacts),
            demonstration=data.demonstration,
            signatory=data.signatory,
        )

    def moderation_history(self, round_: Round, record: CouncilAssessment | str) -> list[Any]:
        """Return the council's moderation records, oldest first (cached by the record's
        version when given the record)."""
        if isinstance(record, str):
            return list(self.store.moderation_records(round_.id, record))
        la_code = record.la_code
        key = (round_.id, la_code, record.version)
        return self._history.get_or_make(
            key, lambda: list(self.store.moderation_records(round_.id, la_code))
        )


def is_published(round_: Round, progress: RoundProgress, now: dt.datetime) -> bool:
    """Whether a round is public at ``now``: its embargo has passed and every council is
    signed off or withheld."""
    return now >= round_.embargo_at and progress.ready


def standing_what_if(data: RoundData, standing: Assessment, result: WhatIfResult) -> WhatIfResult:
    """Return a what-if as anyone outside the inspectorate may see it.

    A what-if applies the rules alone. When inspectors withheld the council's rating (a
    moderation), it stays withheld whatever the changes: the what-if is re-assessed with
    that moderation, so it never shows the rules' grade the moderation set aside.

    Args:
        data: the round.
        standing: the council's assessment as it stands (see :meth:`Services.current`).
        result: the what-if by the rules alone.

    Returns:
        ``result``, or the same changes with the withholding moderation applied.
    """
    moderation = standing.moderation
    if moderation is None or not moderation.withhold:
        return result
    held = assess(result.profile, data.framework, moderation=moderation)
    return dataclasses.replace(result, assessment=held)


def letter_banner(letter: Letter, *, published: bool) -> str | None:
    """Return the notice at the top of a letter: embargo and demonstration data."""
    parts = []
    if not published:
        parts.append(EMBARGO_BANNER)
    if letter.banner:
        parts.append(letter.banner)
    return ". ".join(parts) if parts else None


def _moderation_of(record: CouncilAssessment) -> Moderation | None:
    """Read the moderation stored with a council's assessment.

    Raises:
        StoreError: the stored record is not a moderation (the store was edited by hand).
    """
    import datetime as dt

    data = (record.assessment_json or {}).get("moderation")
    if not data:
        return None
    try:
        return Moderation(
            moderator=str(data["moderator"]),
            date=dt.date.fromisoformat(str(data["date"])),
            from_grade=CouncilRating(data["from_grade"]) if data.get("from_grade") else None,
            to_grade=CouncilRating(data["to_grade"]) if data.get("to_grade") else None,
            reason=str(data["reason"]),
            withhold=bool(data.get("withhold", False)),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise StoreError(
            f"the stored moderation of council {record.la_code} in round {record.round_id} "
            f"cannot be read ({error!r}): restore it from the audit log"
        ) from None


def _with_grade(base: Assessment, record: CouncilAssessment) -> Assessment:
    withheld = state_of(record) == "withheld" or record.grade is None
    rating = None if withheld else CouncilRating(record.grade)
    if rating == base.rating and withheld == base.withheld:
        return base
    return dataclasses.replace(base, rating=rating, withheld=withheld)
