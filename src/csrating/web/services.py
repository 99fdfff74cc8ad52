"""What the pages and the API share: the store, the clock, and each round's results.

A round is rated once from its stored dataset by :func:`csrating.pipeline.rate` and kept
in this process's cache (:mod:`csrating.web.cache`: the dataset and framework of a round
never change); the workflow state, current grade and moderation come from the store on
every request, so what a page shows is never older than the store.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csrating.errors import StoreError
from csrating.frameworks import Assessment, Framework, Moderation, assess, load_framework
from csrating.ingest.dataset import Dataset
from csrating.letters import Letter, Signatory, addressee_for, rating_letter
from csrating.pipeline import CouncilResult, RatedRound, at_cut_off, rate
from csrating.profile import PerformanceProfile
from csrating.reference import Council
from csrating.scales import CouncilRating
from csrating.store.rounds import round_signatory
from csrating.web.cache import LruCache
from csrating.whatif import WhatIfResult

if TYPE_CHECKING:
    import datetime as dt

    from csrating.store import CouncilAssessment, Round, Store


__all__ = [
    "EMBARGO_BANNER",
    "MAX_ID",
    "CouncilRow",
    "RoundData",
    "Services",
    "record_id",
    "round_title",
    "standing_what_if",
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


class Services:
    """The store, the clock and the round cache, as one object the routes share."""

    def __init__(self, store: Store, clock: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.clock = clock
        self._rounds: LruCache[int, RoundData] = LruCache(4)
        self._building = threading.Lock()
        self._lock = threading.Lock()
        self._letters: OrderedDict[tuple[Any, ...], Letter] = OrderedDict()
        self._published: dict[tuple[Any, ...], dict[str, object]] = {}

    # Rounds ---------------------------------------------------------------------------

    def find_round(self, round_id: object) -> Round | None:
        """Return the round with id ``round_id`` (text or number), or ``None``.

        Anything but a number the database's ids can hold (1 to 2,147,483,647) is no
        round: it is never sent to the database, which would fail on it.
        """
        number = record_id(round_id)
        if number is None:
            return None
        from csrating.errors import RecordNotFound

        try:
            return self.store.round(number)
        except RecordNotFound:
            return None

    def rounds(self) -> list[Round]:
        """Return every round, newest first."""
        return sorted(self.store.rounds(), key=lambda r: r.id, reverse=True)

    def is_published(self, round_: Round) -> bool:
        """Whether ``round_`` is published now (embargo passed, every council settled)."""
        return bool(self.store.is_published(round_.id, now=self.clock()))

    def is_demonstration(self, round_: Round) -> bool:
        """Whether the round's dataset is synthetic demonstration data (its manifest)."""
        return self.round_data(round_).demonstration

    def round_data(self, round_: Round) -> RoundData:
        """Return the round rated by the rules (built once per process)."""
        with self._building:  # one thread builds a round; the others wait for it
            return self._rounds.get_or_make(round_.id, lambda: self._build(round_))

    def _build(self, round_: Round) -> RoundData:
        framework = at_cut_off(load_framework(round_.framework_id), round_.cut_off)
        load = self.store.dataset_load(round_.dataset_load_id)
        rated = rate(self.store.dataset_for(load), framework, moderation={})
        return RoundData(rated, round_signatory(round_))

    def reassess(self, round_: Round) -> Callable[[str, Moderation], Assessment]:
        """Return the function that re-rates a council of ``round_`` with a moderation."""
        data = self.round_data(round_)

        def reassess(la_code: str, moderation: Moderation) -> Assessment:
            profile, _ = data.base(la_code)
            return assess(profile, data.framework, moderation=moderation)

        return reassess

    # Councils -------------------------------------------------------------------------

    def records(self, round_: Round) -> list[CouncilAssessment]:
        """Return the round's council assessments from the store."""
        return list(self.store.council_assessments(round_.id))

    def record(self, round_: Round, la_code: str) -> CouncilAssessment:
        """Return one council's assessment record from the store."""
        return self.store.council_assessment(round_.id, la_code)

    def rows(self, round_: Round) -> list[CouncilRow]:
        """Return the round's councils in name order, with state and grades."""
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
        """Return a council's profile and its assessment as it now stands (moderation in)."""
        data = self.round_data(round_)
        profile, base = data.base(record.la_code)
        moderation = _moderation_of(record)
        if moderation is not None:
            return profile, assess(profile, data.framework, moderation=moderation)
        return profile, _with_grade(base, record)

    def results(self, round_: Round) -> list[CouncilResult]:
        """Return every council's result with its current grade (for summaries and maps)."""
        out = []
        for record in self.records(round_):
            profile, assessment = self.current(round_, record)
            out.append(CouncilResult(profile_council(round_, self, record), profile, assessment))
        return out

    def published_view(
        self,
        round_: Round,
        build: Callable[[list[CouncilResult]], dict[str, object]],
    ) -> dict[str, object]:
        """Return ``build(results)`` for a published round, built once per state of its
        records (a published round no longer changes, so this is built once)."""
        records = self.records(round_)
        key = (round_.id, tuple(sorted((r.la_code, r.version) for r in records)))
        with self._lock:
            cached = self._published.get(key)
        if cached is None:
            cached = build(self.results(round_))
            with self._lock:
                self._published = {key: cached}
        return cached

    def letter(
        self, round_: Round, record: CouncilAssessment, *, published: bool
    ) -> tuple[Letter, str | None]:
        """Return a council's letter as it now stands, and the banner it carries."""
        data = self.round_data(round_)
        key = (round_.id, record.la_code, record.version, published)
        with self._lock:
            letter = self._letters.get(key)
        if letter is None:
            profile, assessment = self.current(round_, record)
            letter = self.write_letter(data, profile, assessment)
            with self._lock:
                self._letters[key] = letter
                while len(self._letters) > 400:
                    self._letters.popitem(last=False)
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

    def moderation_history(self, round_: Round, la_code: str) -> Sequence[Any]:
        """Return the council's moderation records, oldest first."""
        return list(self.store.moderation_records(round_.id, la_code))


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


def profile_council(round_: Round, services: Services, record: CouncilAssessment) -> Council:
    """Return the council of a stored assessment, in the round's geography."""
    return services.round_data(round_).council(record.la_code)


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
