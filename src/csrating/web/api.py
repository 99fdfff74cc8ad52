"""The JSON API: the same data as the pages, under the same authorisation, documented.

FastAPI writes the OpenAPI description (served at ``/api/openapi.json``); ``/api/docs`` is
a server-rendered page listing the endpoints from it (FastAPI's own Swagger UI loads its
scripts from a CDN, which this application never does).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from csrating.errors import WhatIfError
from csrating.frameworks import Assessment, explain, public_view
from csrating.publish import summarise
from csrating.scales import CouncilRating, InspectionGrade
from csrating.types import IndicatorId
from csrating.vocabulary import SettingType
from csrating.web.authz import Access, Action, audience_of, guard
from csrating.web.pages._common import cached, services_of
from csrating.web.pages.whatif import WHAT_IF_BANNER
from csrating.web.services import CouncilRow, round_title, standing_what_if, state_of
from csrating.web.templating import render_page
from csrating.whatif import MAX_COUNT, Change, RegradeSettings, SetIndicator, what_if

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

API_DESCRIPTION = (
    "Rounds, councils' ratings with their trace and profile, letters, what-if and the "
    "audit log. Grades are shown to the inspectorate at any time, to a council user for "
    "their own council, and to everyone once a round is published."
)


class RoundOut(BaseModel):
    """A rating round."""

    id: int
    year: int
    title: str
    framework_id: str
    cut_off: dt.date
    embargo_at: dt.datetime
    published: bool


class GradeCount(BaseModel):
    """One line of the distribution."""

    grade: int
    label: str
    count: int
    percentage: int | None


class RoundDetail(RoundOut):
    """A round with, where the viewer may see grades, its distribution (and states)."""

    distribution: list[GradeCount] | None = None
    withheld: int | None = None
    states: dict[str, int] | None = None


class CouncilOut(BaseModel):
    """A council in a round; grades only where the viewer may see them."""

    la_code: str
    name: str
    region: str
    grade: int | None = None
    label: str | None = None
    state: str | None = None
    version: int | None = None
    url: str


class ModerationOut(BaseModel):
    """A moderation record."""

    id: int
    status: str
    proposed_by: str
    proposed_at: dt.datetime
    from_grade: int | None
    to_grade: int | None
    withhold: bool
    reason: str
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None


class LetterOut(BaseModel):
    """A council's letter as Markdown, with the notice it carries and download links."""

    title: str
    banner: str | None
    markdown: str
    downloads: dict[str, str]


class CouncilDetail(CouncilOut):
    """Everything about one council in a round that the viewer may see.

    ``assessment`` is the whole assessment (its trace, the provisional grade, the
    moderation record) for the inspectorate, and its public view for everyone else:
    no provisional grade, staff identity or moderation reason, and nothing of a grade
    when the rating is withheld (see :func:`csrating.frameworks.public_view`).
    """

    embargoed: bool
    provisional_grade: int | None = None
    explanation: list[str]
    assessment: dict[str, Any]
    profile: dict[str, Any]
    letter: LetterOut
    moderation: list[ModerationOut] | None = None


class RegradeIn(BaseModel):
    """Regrade some settings of one type at their latest inspection."""

    kind: Literal["regrade_settings"]
    setting_type: SettingType
    count: int = Field(ge=1, le=MAX_COUNT, description="how many settings to regrade")
    from_grade: int = Field(ge=1, le=4, description="inspection grade, 1 outstanding")
    to_grade: int = Field(ge=1, le=4, description="inspection grade, 1 outstanding")


class IndicatorIn(BaseModel):
    """Give a National Indicator a new value for the profile's period."""

    kind: Literal["set_indicator"]
    indicator: str = Field(max_length=20, examples=["NI059"])
    value: float = Field(allow_inf_nan=False, ge=-1e12, le=1e12)


class WhatIfIn(BaseModel):
    """The changes to try."""

    changes: list[Annotated[RegradeIn | IndicatorIn, Field(discriminator="kind")]] = Field(
        min_length=1, max_length=20
    )


class WhatIfOut(BaseModel):
    """What the rules give with the changes made (nothing is stored)."""

    la_code: str
    changes: list[str]
    rating_now: int | None
    label_now: str
    rating: int | None
    label: str
    bands: dict[str, int]
    explanation: list[str]
    assessment: dict[str, Any]
    letter_markdown: str


class ErrorOut(BaseModel):
    """A refusal: what was wrong, in a sentence."""

    detail: str


class Problem(BaseModel):
    """One problem of a request that did not validate: where, what, and its kind."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(BaseModel):
    """A request that did not validate (its values are never echoed back)."""

    detail: list[Problem]


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Return the ``responses`` of a route that can answer with these error statuses."""
    described: dict[int, dict[str, Any]] = {
        400: {"model": ErrorOut, "description": "The changes cannot be tried (said why)"},
        403: {
            "model": ErrorOut,
            "description": "Not allowed: sign in, another role or council, or a missing "
            "X-CSRF-Token",
        },
        404: {"model": ErrorOut, "description": "No such round or council"},
        422: {"model": ValidationErrorOut, "description": "The request did not validate"},
    }
    return {code: described[code] for code in codes}


class AuditOut(BaseModel):
    """One audit entry."""

    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any]


def assessment_for(access: Access, assessment: Assessment) -> dict[str, Any]:
    """Return an assessment as ``access``'s viewer may see it: whole for the
    inspectorate, its public view for anyone else."""
    if access.viewer.is_inspectorate:
        return assessment.to_dict()
    return public_view(assessment).to_dict()


def _round_out(round_: Any, published: bool) -> RoundOut:
    return RoundOut(
        id=round_.id,
        year=round_.year,
        title=round_title(round_),
        framework_id=round_.framework_id,
        cut_off=round_.cut_off,
        embargo_at=round_.embargo_at,
        published=published,
    )


def _council_out(row: CouncilRow, round_id: int, *, grades: bool, staff: bool) -> CouncilOut:
    return CouncilOut(
        la_code=row.la_code,
        name=row.name,
        region=row.region,
        grade=row.grade if grades else None,
        label=(CouncilRating(row.grade).label if row.grade else "withheld") if grades else None,
        state=row.state if staff else None,
        version=row.version if staff else None,
        url=f"/api/rounds/{round_id}/councils/{row.la_code}",
    )


@router.get("/rounds", response_model=list[RoundOut], summary="List the rating rounds")
def list_rounds(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_RESULTS))]
) -> list[RoundOut]:
    """Every round, newest first, with its embargo time and whether it is published."""
    return [_round_out(r, published) for r, published in services_of(request).round_list()]


@router.get(
    "/rounds/{round_id}", response_model=RoundDetail, summary="One round", responses=_errors(404)
)
async def get_round(
    request: Request, round_id: int, access: Annotated[Access, Depends(guard(Action.VIEW_RESULTS))]
) -> Response:
    """The round; its distribution once published (or to the inspectorate), and to the
    inspectorate how many councils are in each state."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None

    def build() -> bytes:
        detail = RoundDetail(**_round_out(round_, access.published).model_dump())
        if access.can_see_grades:
            summary = summarise(services.results(round_, access.progress))
            detail.distribution = [
                GradeCount(
                    grade=line.rating.value,
                    label=line.rating.label,
                    count=line.count,
                    percentage=line.percentage,
                )
                for line in summary.grades
            ]
            detail.withheld = len(summary.withheld)
        if access.viewer.is_inspectorate:
            rows = services.rows(round_, access.progress)
            detail.states = dict(Counter(row.state for row in rows))
        return detail.model_dump_json().encode("utf-8")

    key = ("round", *access.state, access.can_see_grades, access.viewer.is_inspectorate)
    return _json(await cached(services.pages, key, build))


def _json(body: bytes) -> Response:
    """Return JSON already serialised (and cached under the versions it was built from)."""
    return Response(body, media_type="application/json")


@router.get(
    "/rounds/{round_id}/councils",
    response_model=list[CouncilOut],
    summary="The councils of a round",
    responses=_errors(404),
)
def list_councils(
    request: Request, round_id: int, access: Annotated[Access, Depends(guard(Action.VIEW_RESULTS))]
) -> list[CouncilOut]:
    """Every council with its grade, once published; before that the inspectorate sees
    every council (with its state), a council user only their own, the public none."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None
    rows = services.rows(round_, access.progress)
    viewer = access.viewer
    if not access.can_see_grades:
        rows = [row for row in rows if viewer.la_code is not None and row.la_code == viewer.la_code]
        if not rows:
            return []
    return [_council_out(row, round_.id, grades=True, staff=viewer.is_inspectorate) for row in rows]


@router.get(
    "/rounds/{round_id}/councils/{la_code}",
    response_model=CouncilDetail,
    summary="One council: rating, trace, profile, letter",
    responses=_errors(403, 404),
)
async def get_council(
    request: Request,
    round_id: int,
    la_code: str,
    access: Annotated[Access, Depends(guard(Action.VIEW_COUNCIL))],
) -> Response:
    """A council's rating with its trace in plain English, its profile and its letter
    (marked embargoed until publication); the inspectorate also gets its moderation."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None
    record = (
        access.record
        if access.record is not None
        else await run_in_threadpool(services.record, round_, la_code)
    )
    staff = access.viewer.is_inspectorate
    audience = audience_of(access)

    def build() -> bytes:
        profile, assessment = services.current(round_, record)
        letter, banner = services.letter(round_, record, published=access.published)
        info = services.round_data(round_).council(la_code)
        base = f"/rounds/{round_.id}/councils/{la_code}"
        moderation = None
        if staff:
            moderation = [
                ModerationOut(
                    id=m.id,
                    status=str(getattr(m.status, "value", m.status)),
                    proposed_by=m.proposed_by,
                    proposed_at=m.proposed_at,
                    from_grade=m.from_grade,
                    to_grade=m.to_grade,
                    withhold=m.withhold,
                    reason=m.reason,
                    decided_by=m.decided_by,
                    decided_at=m.decided_at,
                    decision_reason=m.decision_reason,
                )
                for m in services.moderation_history(round_, record)
            ]
        detail = CouncilDetail(
            la_code=info.la_code,
            name=info.name,
            region=info.region,
            grade=record.grade,
            label=CouncilRating(record.grade).label if record.grade else "withheld",
            state=state_of(record) if staff else None,
            version=record.version if staff else None,
            url=f"/api{base}",
            embargoed=not access.published,
            provisional_grade=record.provisional_grade if staff else None,
            explanation=explain(assessment, audience=audience),
            assessment=assessment_for(access, assessment),
            profile=profile.to_dict(),
            letter=LetterOut(
                title=letter.title,
                banner=banner,
                markdown=letter.markdown,
                downloads={fmt: f"{base}/letter.{fmt}" for fmt in ("pdf", "docx")},
            ),
            moderation=moderation,
        )
        return detail.model_dump_json().encode("utf-8")

    key = ("council", *access.state, la_code, record.version, staff, audience)
    return _json(await cached(services.pages, key, build))


@router.post(
    "/rounds/{round_id}/councils/{la_code}/what-if",
    response_model=WhatIfOut,
    summary="Try changes to a council's evidence (nothing is stored)",
    responses=_errors(400, 403, 404, 422),
)
def post_what_if(
    request: Request,
    round_id: int,
    la_code: str,
    body: WhatIfIn,
    access: Annotated[Access, Depends(guard(Action.WHAT_IF, csrf=True))],
) -> WhatIfOut | JSONResponse:
    """Regrade settings or change indicator values in a sandbox and get the rating and
    letter they would give. Send the session's CSRF token in the ``X-CSRF-Token`` header."""
    services = services_of(request)
    round_ = access.round
    assert round_ is not None
    data = services.round_data(round_)
    changes: list[Change] = []
    for item in body.changes:
        if isinstance(item, RegradeIn):
            changes.append(
                RegradeSettings(
                    item.setting_type,
                    item.count,
                    InspectionGrade(item.from_grade),
                    InspectionGrade(item.to_grade),
                )
            )
        else:
            changes.append(SetIndicator(IndicatorId(item.indicator), item.value))
    try:
        result = what_if(data.rated, la_code, changes)
    except WhatIfError as error:
        return JSONResponse({"detail": str(error)}, status_code=400)
    if access.viewer.is_inspectorate:
        _, baseline = data.base(la_code)
        bands = dict(result.assessment.bands)
    else:  # the rating as it stands (moderation in), never the rules' grade before it
        _, baseline = services.current(round_, services.record(round_, la_code))
        result = standing_what_if(data, baseline, result)  # withheld by inspectors stays so
        bands = dict(public_view(result.assessment).bands)
    letter = services.write_letter(data, result.profile, result.assessment)
    return WhatIfOut(
        la_code=la_code,
        changes=list(result.descriptions),
        rating_now=baseline.rating.value if baseline.rating else None,
        label_now=baseline.label,
        rating=result.assessment.rating.value if result.assessment.rating else None,
        label=result.assessment.label,
        bands=bands,
        explanation=explain(result.assessment, audience=audience_of(access)),
        assessment=assessment_for(access, result.assessment),
        letter_markdown=f"**{WHAT_IF_BANNER}**\n\n{letter.markdown}",
    )


@router.get(
    "/audit",
    response_model=list[AuditOut],
    summary="The audit log",
    responses=_errors(403, 422),
)
def audit_log(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.VIEW_AUDIT))],
    limit: int = 200,
) -> list[AuditOut]:
    """The newest audit entries first (at most 1,000)."""
    entries = services_of(request).store.audit_log(limit=max(1, min(limit, 1000)))
    return [
        AuditOut(
            at=e.at,
            actor=e.actor,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            details=dict(e.details_json or {}),
        )
        for e in entries
    ]


def openapi_schema(app: FastAPI) -> dict[str, Any]:
    """Return the OpenAPI description, listing only the error responses each operation
    really gives.

    FastAPI adds a 422 to every operation with parameters; the guard answers a path that
    names no round or council with 404 before any parameter is read, so only the
    operations that declare a 422 (:func:`_errors`) keep one.
    """
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            if responses.get("422", {}).get("description") == "Validation Error":
                del responses["422"]
    components = schema.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    app.openapi_schema = schema
    return schema


@router.get("/openapi.json", include_in_schema=False)
def openapi_json(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_HOME))]
) -> JSONResponse:
    """The OpenAPI description of this API."""
    return JSONResponse(request.app.openapi())


@router.get("/docs", include_in_schema=False)
def api_docs(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_HOME))]
) -> HTMLResponse:
    """A readable list of the endpoints, built from the OpenAPI description."""
    schema = request.app.openapi()
    endpoints = []
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": f"{method}-{path}".replace("/", "-")
                    .replace("{", "")
                    .replace("}", ""),
                    "summary": operation.get("summary", ""),
                    "description": " ".join(operation.get("description", "").split()),
                    "parameters": [
                        {
                            "name": p.get("name"),
                            "location": p.get("in"),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ]
                    + (
                        [
                            {
                                "name": "body",
                                "location": "body (JSON)",
                                "required": True,
                                "description": "see the OpenAPI description",
                            }
                        ]
                        if "requestBody" in operation
                        else []
                    ),
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return render_page(
        request,
        "api_docs.html",
        {
            "title": schema.get("info", {}).get("title", "API"),
            "description": schema.get("info", {}).get("description", ""),
            "openapi_version": schema.get("openapi", ""),
            "endpoints": endpoints,
        },
        viewer=access.viewer,
    )
