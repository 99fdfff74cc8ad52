"""The what-if panel: try changes to a council's evidence in a sandbox."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from csrating.errors import WhatIfError
from csrating.frameworks import Assessment, PublicAssessment, explain, public_view
from csrating.reference import indicator_catalogue
from csrating.scales import InspectionGrade
from csrating.types import IndicatorId
from csrating.vocabulary import SettingType
from csrating.web.authz import Access, Action, audience_of, guard
from csrating.web.letter_diff import letter_changes
from csrating.web.pages._common import FormData, form_data, letter_fragment, page, services_of
from csrating.web.services import EMBARGO_BANNER, RoundData, standing_what_if
from csrating.whatif import MAX_COUNT, Change, RegradeSettings, SetIndicator, what_if

router = APIRouter(include_in_schema=False)

ROWS = (1, 2, 3)
"""How many change rows of each kind the form offers."""

WHAT_IF_BANNER = "What-if simulation: not a rating, not for publication"

_COUNT = re.compile(r"[0-9]{1,6}")
_LONGEST_VALUE = 40  # an indicator value longer than this is not a number anyone means


def _choices(data: RoundData) -> dict[str, Any]:
    scope = sorted(data.framework.profile.scope, key=lambda t: t.label)
    return {
        "setting_types": [(t.value, t.label.capitalize()) for t in scope],
        "inspection_grades": [(str(g.value), f"{g.value} {g.word}") for g in InspectionGrade],
        "indicators": [
            (i.id, f"{i.id} {i.title}")
            for i in indicator_catalogue(data.framework.profile.catalogue)
        ],
        "setting_rows": ROWS,
        "indicator_rows": ROWS,
    }


def _period(data: RoundData, la_code: str) -> str | None:
    profile, _ = data.base(la_code)
    return profile.block_c.period


def parse_changes(form: FormData, data: RoundData) -> tuple[list[Change], dict[str, str]]:
    """Read the what-if form's rows into changes; return them with any errors by row."""
    changes: list[Change] = []
    errors: dict[str, str] = {}
    scope = {t.value for t in data.framework.profile.scope}
    for i in ROWS:
        kind = form.get(f"setting_type_{i}", "").strip()
        count = form.get(f"count_{i}", "").strip()
        if not kind and not count:
            continue
        key = f"setting-{i}"
        if kind not in scope:
            errors[key] = f"Settings change {i}: choose a type of setting"
        elif not _COUNT.fullmatch(count) or not 1 <= int(count) <= MAX_COUNT:
            errors[key] = (
                f"Settings change {i}: enter how many settings, a whole number from 1 to "
                f"{MAX_COUNT:,}"
            )
        else:
            try:
                from_grade = InspectionGrade(int(form.get(f"from_grade_{i}", "")))
                to_grade = InspectionGrade(int(form.get(f"to_grade_{i}", "")))
            except ValueError:
                errors[key] = f"Settings change {i}: choose the grades to change from and to"
                continue
            changes.append(RegradeSettings(SettingType(kind), int(count), from_grade, to_grade))
    known = {i.id for i in indicator_catalogue()}
    for i in ROWS:
        ident = form.get(f"indicator_{i}", "").strip()
        text = form.get(f"value_{i}", "").strip().replace(",", "")
        if not ident and not text:
            continue
        key = f"indicator-{i}"
        if ident not in known:
            errors[key] = f"Indicator change {i}: choose an indicator"
            continue
        try:
            if len(text) > _LONGEST_VALUE:
                raise ValueError(text)
            value = float(text)
        except ValueError:
            errors[key] = f"Indicator change {i}: enter the new value as a number, for example 72.5"
            continue
        if not math.isfinite(value):
            errors[key] = f"Indicator change {i}: enter the new value as a number"
            continue
        changes.append(SetIndicator(IndicatorId(ident), value))
    if not changes and not errors:
        errors["setting-1"] = "Make at least one change: regrade some settings or set an indicator"
    return changes, errors


def _render(
    request: Request,
    access: Access,
    *,
    form: FormData,
    errors: dict[str, str],
    result: Any = None,
    status_code: int = 200,
) -> Response:
    services = services_of(request)
    assert access.round is not None and access.la_code is not None
    data = services.round_data(access.round)
    _, baseline = data.base(access.la_code)
    shown: Assessment | PublicAssessment = baseline
    if not access.viewer.is_inspectorate:  # the rating as it stands, as the public sees it
        record = services.record(access.round, access.la_code)
        _, baseline = services.current(access.round, record)
        shown = public_view(baseline)
        if result is not None:  # a rating withheld by inspectors stays withheld
            result = standing_what_if(data, baseline, result)
    outcome: Assessment | PublicAssessment | None = None
    if result is not None:
        staff = access.viewer.is_inspectorate
        outcome = result.assessment if staff else public_view(result.assessment)
    info = data.council(access.la_code)
    context: dict[str, Any] = {
        "title": f"What-if: {info.name}",
        "info": {"la_code": info.la_code, "name": info.name},
        "form": form,
        "errors": errors,
        "result": result,
        "outcome": outcome,
        "baseline": shown,
        "period": _period(data, access.la_code),
        **_choices(data),
    }
    if result is not None:
        profile, _ = data.base(access.la_code)
        before = services.write_letter(data, profile, baseline)
        after = services.write_letter(data, result.profile, result.assessment)
        banner = WHAT_IF_BANNER if access.published else f"{WHAT_IF_BANNER}. {EMBARGO_BANNER}"
        context.update(
            explanation=explain(result.assessment, audience=audience_of(access)),
            letter_changes=letter_changes(before.markdown, after.markdown),
            letter_html=letter_fragment(after, banner, shift=3),
        )
    return page(request, access, "whatif.html", context, status_code=status_code)


@router.get("/rounds/{round_id}/councils/{la_code}/what-if")
def what_if_form(
    request: Request, access: Annotated[Access, Depends(guard(Action.WHAT_IF))]
) -> Response:
    """Show the what-if form."""
    return _render(request, access, form={}, errors={})


@router.post("/rounds/{round_id}/councils/{la_code}/what-if")
def what_if_run(
    request: Request,
    access: Annotated[Access, Depends(guard(Action.WHAT_IF, csrf=True))],
    form: Annotated[FormData, Depends(form_data)],
) -> Response:
    """Apply the changes in a sandbox and show the rating and letter they would give."""
    services = services_of(request)
    assert access.round is not None and access.la_code is not None
    data = services.round_data(access.round)
    changes, errors = parse_changes(form, data)
    if errors:
        return _render(request, access, form=form, errors=errors, status_code=400)
    try:
        result = what_if(data.rated, access.la_code, changes)
    except WhatIfError as error:
        text = str(error)
        return _render(
            request,
            access,
            form=form,
            errors={"setting-1": text[:1].upper() + text[1:]},
            status_code=400,
        )
    return _render(request, access, form=form, errors={}, result=result)
