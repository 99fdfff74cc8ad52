"""A moderation record: an inspector's professional judgement applied after the rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from csrating.scales import CouncilRating


@dataclass(frozen=True)
class Moderation:
    """An inspector's recorded override of the rules' grade (professional judgement)."""

    moderator: str
    date: dt.date
    from_grade: CouncilRating | None
    to_grade: CouncilRating | None
    reason: str
    withhold: bool = False
