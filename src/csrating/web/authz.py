"""Who may do what: one table, one check, and a route dependency built on it.

Every route declares the :class:`Action` it performs through :func:`guard`; the dependency
finds who is asking (:class:`Viewer`), the round and council the URL names, and whether the
round is published, and refuses with 403 (or, for someone not signed in, a redirect to the
sign-in page) anything :data:`PERMISSIONS` does not allow.

Scopes: ``ANY`` - any council; ``OWN`` - only the council the user belongs to;
``PUBLISHED`` - only once the round is published; ``OWN_OR_PUBLISHED`` - their own council
at any time, any council once published.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import BackgroundTasks, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from csrating.frameworks.explain import Audience as ExplainAudience
from csrating.reference import geography, vintages
from csrating.web.csrf import check_csrf

if TYPE_CHECKING:
    from csrating.store import CouncilAssessment, Round, RoundProgress, User, WebSession
    from csrating.web.services import Lookup

__all__ = [
    "PERMISSIONS",
    "SESSION_COOKIE",
    "Access",
    "Action",
    "Audience",
    "Scope",
    "Viewer",
    "allowed",
    "current_viewer",
    "guard",
]


class Audience(Enum):
    """Who is asking: a role, or the public (not signed in)."""

    PUBLIC = "public"
    COUNCIL = "council"
    INSPECTOR = "inspector"
    MODERATOR = "moderator"
    PUBLISHER = "publisher"

    @property
    def is_inspectorate(self) -> bool:
        """Whether the audience works for the inspectorate (sees everything)."""
        return self in INSPECTORATE


INSPECTORATE = frozenset({Audience.INSPECTOR, Audience.MODERATOR, Audience.PUBLISHER})


class Scope(Enum):
    """How far a permission reaches."""

    ANY = "any"
    OWN = "own"
    PUBLISHED = "published"
    OWN_OR_PUBLISHED = "own_or_published"


class Action(Enum):
    """Everything a route does."""

    VIEW_HOME = "view_home"
    SIGN_IN = "sign_in"
    VIEW_RESULTS = "view_results"
    VIEW_ROUNDS = "view_rounds"
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_COUNCIL = "view_council"
    DOWNLOAD_LETTER = "download_letter"
    VIEW_MODERATION = "view_moderation"
    PROPOSE_MODERATION = "propose_moderation"
    DECIDE_MODERATION = "decide_moderation"
    VIEW_PUBLICATION = "view_publication"
    SIGN_OFF = "sign_off"
    SET_EMBARGO = "set_embargo"
    WHAT_IF = "what_if"
    VIEW_AUDIT = "view_audit"
    SIGN_OUT = "sign_out"


_P, _C = Audience.PUBLIC, Audience.COUNCIL
_I, _M, _B = Audience.INSPECTOR, Audience.MODERATOR, Audience.PUBLISHER
_STAFF_ANY = {_I: Scope.ANY, _M: Scope.ANY, _B: Scope.ANY}
_EVERYONE = {_P: Scope.ANY, _C: Scope.ANY, **_STAFF_ANY}

PERMISSIONS: dict[Action, dict[Audience, Scope]] = {
    # Pages anyone may open; what they show depends on the embargo.
    Action.VIEW_HOME: _EVERYONE,
    Action.SIGN_IN: _EVERYONE,
    Action.VIEW_RESULTS: _EVERYONE,
    # The round list: a council user sees the rounds with a link to their own council.
    Action.VIEW_ROUNDS: {_C: Scope.OWN, **_STAFF_ANY},
    # Progress, states and the distribution so far: the inspectorate only.
    Action.VIEW_DASHBOARD: _STAFF_ANY,
    # A council's profile, rating and letter: its own users before publication, everyone
    # after it.
    Action.VIEW_COUNCIL: {_P: Scope.PUBLISHED, _C: Scope.OWN_OR_PUBLISHED, **_STAFF_ANY},
    Action.DOWNLOAD_LETTER: {_P: Scope.PUBLISHED, _C: Scope.OWN_OR_PUBLISHED, **_STAFF_ANY},
    # Moderation: inspectors draft, moderators draft and decide; history is internal.
    Action.VIEW_MODERATION: _STAFF_ANY,
    Action.PROPOSE_MODERATION: {_I: Scope.ANY, _M: Scope.ANY},
    Action.DECIDE_MODERATION: {_M: Scope.ANY},
    # Sign-off and the embargo: publishers act, the rest of the inspectorate may look.
    Action.VIEW_PUBLICATION: _STAFF_ANY,
    Action.SIGN_OFF: {_B: Scope.ANY},
    Action.SET_EMBARGO: {_B: Scope.ANY},
    # What-if: the inspectorate on any council, a council user on their own.
    Action.WHAT_IF: {_C: Scope.OWN, **_STAFF_ANY},
    Action.VIEW_AUDIT: _STAFF_ANY,
    Action.SIGN_OUT: {_C: Scope.ANY, **_STAFF_ANY},
}
"""The authorisation table: for each action, who may do it and how far it reaches."""


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a signed-in user with their session, or the public."""

    user: User | None = None
    session: WebSession | None = None

    @property
    def audience(self) -> Audience:
        """The viewer's role, or :attr:`Audience.PUBLIC`."""
        if self.user is None:
            return Audience.PUBLIC
        role = self.user.role
        return Audience(getattr(role, "value", role))

    @property
    def la_code(self) -> str | None:
        """The council a council user belongs to."""
        return getattr(self.user, "la_code", None) if self.user is not None else None

    @property
    def is_inspectorate(self) -> bool:
        """Whether the viewer sees everything at any time."""
        return self.audience.is_inspectorate

    @property
    def signed_in(self) -> bool:
        """Whether someone is signed in."""
        return self.user is not None

    @property
    def csrf_token(self) -> str:
        """The session's CSRF token ("" for the public)."""
        return str(getattr(self.session, "csrf_token", "")) if self.session else ""

    @property
    def name(self) -> str:
        """How audit entries and pages name the viewer."""
        return str(self.user.email) if self.user is not None else "public"


def allowed(
    viewer: Viewer, action: Action, *, la_code: str | None = None, published: bool = False
) -> bool:
    """Return whether ``viewer`` may do ``action`` (on council ``la_code``, if any).

    Args:
        viewer: who is asking.
        action: what they want to do.
        la_code: the council concerned, when the action is about one council.
        published: whether the round concerned is published.
    """
    scope = PERMISSIONS[action].get(viewer.audience)
    if scope is None:
        return False
    own = la_code is None or (viewer.la_code is not None and la_code == viewer.la_code)
    if scope is Scope.ANY:
        return True
    if scope is Scope.OWN:
        return own
    if scope is Scope.PUBLISHED:
        return published
    return own or published


@dataclass(frozen=True)
class Access:
    """What a guarded route gets: the viewer, the round (if the URL names one), publication.

    ``progress`` (the round's) and ``record`` (the council's, without its assessment JSON)
    were read in the same transaction as the rest; their versions key the caches.
    """

    viewer: Viewer
    round: Round | None
    la_code: str | None
    published: bool
    progress: RoundProgress | None = None
    record: CouncilAssessment | None = None

    @property
    def state(self) -> tuple[int, int, int, bool]:
        """The cache key of what the round shows now: its id, version, records' stamp and
        publication."""
        assert self.round is not None and self.progress is not None
        return (self.round.id, self.round.version, self.progress.stamp, self.published)

    @property
    def can_see_grades(self) -> bool:
        """Whether grades may be shown: always to the inspectorate, to others once published."""
        return self.viewer.is_inspectorate or self.published

    def can(self, action: Action | str, la_code: str | None = None) -> bool:
        """Whether the viewer may also do ``action`` here (to show or hide a control)."""
        return allowed(
            self.viewer, Action(action), la_code=la_code or self.la_code, published=self.published
        )


def audience_of(access: Access) -> ExplainAudience:
    """Who an explanation is for: the inspectorate sees everything, others no staff names,
    moderation reasons or provisional grades."""
    return "inspectorate" if access.viewer.is_inspectorate else "public"


SESSION_COOKIE = "csrating_session"
"""The cookie holding the session token."""


async def current_viewer(request: Request, background: BackgroundTasks) -> Viewer:
    """Return who is asking: the user of a valid session cookie, or the public."""
    cached = getattr(request.state, "viewer", None)
    if isinstance(cached, Viewer):
        return cached
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        viewer = request.state.viewer = Viewer()
        return viewer
    lookup = await run_in_threadpool(request.app.state.services.resolve, token)
    return _remember(request, background, lookup)


def _remember(request: Request, background: BackgroundTasks, lookup: Lookup) -> Viewer:
    """Keep the viewer a lookup found for the rest of the request; leave noting the
    session's activity (when its last note is a minute old) until after the response."""
    services = request.app.state.services
    viewer = Viewer(user=lookup.user, session=lookup.session) if lookup.user else Viewer()
    if lookup.stale and lookup.session is not None:
        background.add_task(services.store.note_activity, lookup.session.id, now=services.clock())
    request.state.viewer = viewer
    return viewer


class SignInRequired(Exception):
    """Raised by a guard when the public asks for a page that needs a sign-in."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path

    @property
    def location(self) -> str:
        """Where to send the browser: the sign-in page, then back here."""
        return f"/login?next={quote(self.next_path, safe='/')}"


def guard(action: Action, *, csrf: bool = False) -> Callable[..., Coroutine[Any, Any, Access]]:
    """Return the dependency that lets a request through only if ``action`` is allowed.

    The round and council come from the path parameters ``round_id`` and ``la_code``;
    an unknown round or council is 404. A refusal is 403, or :class:`SignInRequired`
    for the public (pages turn it into a redirect to sign in; the API into 403). With
    ``csrf``, a request allowed so far must then carry the session's CSRF token (403).
    """

    async def dependency(request: Request, background: BackgroundTasks) -> Access:
        services = request.app.state.services
        round_id = request.path_params.get("round_id")
        la_code = request.path_params.get("la_code")
        cached = getattr(request.state, "viewer", None)
        token = None if isinstance(cached, Viewer) else request.cookies.get(SESSION_COOKIE)
        lookup = None
        if round_id is not None or token:
            # One hand-off to a thread, one read transaction: session, round, progress
            # and the council's record together.
            lookup = await run_in_threadpool(
                services.resolve, token, round_id, None if la_code is None else str(la_code)
            )
        if isinstance(cached, Viewer):
            viewer = cached
        elif lookup is not None:
            viewer = _remember(request, background, lookup)
        else:
            viewer = request.state.viewer = Viewer()
        round_ = lookup.round if lookup is not None else None
        if round_id is not None and round_ is None:
            raise HTTPException(404, f"There is no round {round_id}.")
        published = bool(lookup is not None and lookup.published)
        if la_code is not None and not _is_council(services, round_, str(la_code)):
            raise HTTPException(404, f"There is no council with the code {la_code}.")
        if not allowed(viewer, action, la_code=la_code, published=published):
            if not viewer.signed_in:
                raise SignInRequired(request.url.path)
            raise HTTPException(403, _refusal(viewer, action, la_code))
        if csrf:
            await check_csrf(request, viewer.csrf_token)
        return Access(
            viewer,
            round_,
            la_code,
            published,
            progress=lookup.progress if lookup is not None else None,
            record=lookup.record if lookup is not None else None,
        )

    dependency.__name__ = f"guard_{action.value}"
    return dependency


def _refusal(viewer: Viewer, action: Action, la_code: str | None) -> str:
    audience = viewer.audience
    if audience is Audience.COUNCIL and la_code is not None and la_code != viewer.la_code:
        return "You can see only your own council until the results are published."
    if audience is Audience.COUNCIL:
        return "This page is for the inspectorate only."
    return f"Your role ({audience.value}) cannot do this: ask a colleague who can."


def _is_council(services: object, round_: Round | None, la_code: str) -> bool:
    """Whether ``la_code`` is a council of the round's geography (of any, without one)."""
    if round_ is None:
        return any(geography(v).is_council_code(la_code) for v in vintages())
    framework = services.round_data(round_).framework  # type: ignore[attr-defined]
    return geography(framework.vintage).is_council_code(la_code)
