"""A council's page: profile, rating and its trace, letter, moderation; letter downloads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from csrating.frameworks import Assessment, PublicAssessment, explain, public_view
from csrating.letters.render import MEDIA_TYPES, render
from csrating.presentation import profile_tables
from csrating.scales import CouncilRating
from csrating.web.authz import Access, Action, audience_of, guard
from csrating.web.pages._common import cached, letter_fragment, page, services_of, shared_page
from csrating.web.pages.compare import comparison_section
from csrating.web.services import EMBARGO_BANNER, state_of
from csrating.web.templating import templates

router = APIRouter(include_in_schema=False)

DOWNLOADS = ("pdf", "docx")
"""Letter formats offered for download."""

GRADE_CHOICES = [
    *(
        (str(r.value), f"{r.value} – {r.label}")
        for r in sorted(CouncilRating, key=lambda r: -r.value)
    ),
    ("withhold", "Withhold the rating pending further inspection"),
]


def council_page(
    request: Request,
    access: Access,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """Render the council page (also after a refused form, with its errors)."""
    services = services_of(request)
    round_ = access.round
    la_code = access.la_code
    assert round_ is not None and la_code is not None
    # After a form, the record may have changed since the guard read it: read it again.
    record = access.record if request.method == "GET" else None
    record = record or services.record(round_, la_code)
    profile, assessment = services.current(round_, record)
    # The page's banner gives the round's notices once; the letter in it keeps only its
    # draft mark (a downloaded letter carries both).
    letter_html = services.fragments.get_or_make(
        ("letter", round_.id, la_code, record.version, access.published),
        lambda: letter_fragment(
            services.letter(round_, record, published=access.published)[0],
            None if access.published else EMBARGO_BANNER,
        ),
    )
    state = state_of(record)
    show_moderation = access.can(Action.VIEW_MODERATION)
    history = services.moderation_history(round_, record) if show_moderation else []
    pending = [m for m in history if str(getattr(m.status, "value", m.status)) == "draft"]
    signed_off = getattr(record, "signed_off_at", None) is not None
    info = services.round_data(round_).council(la_code)
    rows = services.profile_rows(round_, la_code)
    staff = access.viewer.is_inspectorate
    view = public_view(assessment)
    context: dict[str, Any] = {
        "title": info.name,
        "info": {
            "la_code": info.la_code,
            "name": info.name,
            "region": info.region,
            "type_label": info.type.label,
        },
        "record": {
            "state": state,
            "grade": record.grade,
            "provisional_grade": record.provisional_grade if staff else None,
            "version": record.version,
            "updated_by": record.updated_by if staff else None,
            "updated_at": record.updated_at,
        },
        "profile_rows": rows,
        "comparison_html": services.comparisons.get_or_make(
            (round_.id, la_code),
            lambda: Markup(  # noqa: S704 - an autoescaped template
                templates.get_template("_comparison.html").render(
                    comparison=comparison_section(
                        services.round_data(round_).comparison.council(la_code), round_.id
                    ),
                    round_id=round_.id,
                    la_code=la_code,
                )
            ),
        ),
        "profile_html": services.fragments.get_or_make(
            ("profile", round_.id, la_code),
            lambda: Markup(  # noqa: S704 - an autoescaped template
                templates.get_template("_profile.html").render(
                    profile_rows=rows, profile_tables=profile_tables(rows, info.name)
                )
            ),
        ),
        # the inspectorate sees the whole assessment; everyone else its public view
        "limiters": assessment.limiters if staff else view.limiters,
        "bands": assessment.bands if staff else view.bands,
        "grade_detail": staff or not view.withheld,
        "trace_rows": _trace_rows(assessment) if staff else _public_rows(view),
        "explanation": explain(assessment, audience=audience_of(access)),
        "letter_html": letter_html,
        "embargo_notice": EMBARGO_BANNER
        if not access.viewer.is_inspectorate
        else "Embargoed: this rating is not yet published.",
        "show_moderation": show_moderation,
        "history": history,
        "pending": pending,
        "can_propose": access.can(Action.PROPOSE_MODERATION) and not signed_off and not pending,
        "can_decide": access.can(Action.DECIDE_MODERATION) and not signed_off,
        "four_eyes": request.app.state.settings.four_eyes,
        "can_sign_off": access.can(Action.SIGN_OFF) and not signed_off and not pending,
        "can_what_if": access.can(Action.WHAT_IF),
        "grade_choices": GRADE_CHOICES,
        "errors": errors or {},
        "form": form or {},
    }
    return page(request, access, "council.html", context, status_code=status_code)


def _trace_rows(assessment: Assessment) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "is_limiter": r.is_limiter,
            "outcome": r.outcome.value,
            "reason": r.reason,
        }
        for r in assessment.trace
    ]


def _public_rows(view: PublicAssessment) -> list[dict[str, Any]]:
    return [
        {
            "code": step.code,
            "is_limiter": step.is_limiter,
            "outcome": step.outcome.value,
            "reason": step.reason,
        }
        for step in view.steps
    ]


@router.get("/rounds/{round_id}/councils/{la_code}")
async def council_view(
    request: Request, access: Annotated[Access, Depends(guard(Action.VIEW_COUNCIL))]
) -> Response:
    """Show a council's profile, rating, trace, letter and (to the inspectorate) moderation."""
    record = access.record
    version = record.version if record is not None else None
    return await shared_page(
        request,
        access,
        ("council", *access.state, access.la_code, version),
        lambda: council_page(request, access),
    )


@router.get("/rounds/{round_id}/councils/{la_code}/letter.{fmt}")
async def letter_download(
    request: Request, fmt: str, access: Annotated[Access, Depends(guard(Action.DOWNLOAD_LETTER))]
) -> Response:
    """Download a council's letter as PDF or DOCX (marked embargoed until publication)."""
    if fmt not in DOWNLOADS:
        raise HTTPException(404, f"Letters can be downloaded as {' or '.join(DOWNLOADS)}.")
    services = services_of(request)
    round_ = access.round
    la_code = access.la_code
    assert round_ is not None and la_code is not None
    record = (
        access.record
        if access.record is not None
        else await run_in_threadpool(services.record, round_, la_code)
    )

    def render_letter() -> bytes:
        letter, banner = services.letter(round_, record, published=access.published)
        content = render(letter.markdown, fmt, title=letter.title, banner=banner)
        return content if isinstance(content, bytes) else content.encode("utf-8")

    body = await cached(
        services.documents,
        (round_.id, la_code, record.version, access.published, fmt),
        render_letter,
    )
    status = "" if access.published else "-embargoed-draft"
    filename = f"rating-{round_.year}-{access.la_code}{status}.{fmt}"
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
