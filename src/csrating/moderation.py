"""A moderation record: an inspector's professional judgement applied after the rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from csrating.scales import CouncilRating


@dataclass(frozen=True)
class Moderation:
    """An inspector's recorded override of the rules' grade (professional judgement).

    ``framework`` names the framework (rule set) the decision was made under; a record
    with none applies under any framework.
    """

    moderator: str
    date: dt.date
    from_grade: CouncilRating | None
    to_grade: CouncilRating | None
    reason: str
    withhold: bool = False
    framework: str | None = None

    def applies_to(self, framework_id: str) -> bool:
        """Whether this decision belongs to a round rated under ``framework_id``."""
        return self.framework is None or self.framework == framework_id
