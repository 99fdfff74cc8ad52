"""Controlled vocabularies of the canonical input tables (DESIGN §4)."""

from __future__ import annotations

from enum import Enum


class SettingType(Enum):
    """The kind of service or setting an inspection in ``inspections.csv`` is about."""

    CHILDMINDER = "childminder"
    CHILDCARE_NON_DOMESTIC = "childcare_non_domestic"
    NURSERY_SCHOOL = "nursery_school"
    PRIMARY_SCHOOL = "primary_school"
    SECONDARY_SCHOOL = "secondary_school"
    SPECIAL_SCHOOL = "special_school"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit"
    SCHOOL_SIXTH_FORM = "school_sixth_form"
    SIXTH_FORM_COLLEGE = "sixth_form_college"
    FURTHER_EDUCATION_COLLEGE = "further_education_college"
    CHILDRENS_HOME = "childrens_home"
    SECURE_CHILDRENS_HOME = "secure_childrens_home"
    LA_FOSTERING_AGENCY = "la_fostering_agency"
    LA_ADOPTION_AGENCY = "la_adoption_agency"
    PRIVATE_FOSTERING = "private_fostering"
    RESIDENTIAL_SPECIAL_SCHOOL = "residential_special_school"
    INDEPENDENT_FOSTERING_AGENCY = "independent_fostering_agency"
    VOLUNTARY_ADOPTION_AGENCY = "voluntary_adoption_agency"
    # Extensions met in Ofsted's children's social care provider files.
    ADOPTION_SUPPORT_AGENCY = "adoption_support_agency"
    RESIDENTIAL_FAMILY_CENTRE = "residential_family_centre"
    BOARDING_SCHOOL = "boarding_school"
    FE_COLLEGE_WITH_RESIDENTIAL_ACCOMMODATION = "fe_college_residential"
    RESIDENTIAL_HOLIDAY_SCHEME = "residential_holiday_scheme"
    SECURE_TRAINING_CENTRE = "secure_training_centre"

    @property
    def label(self) -> str:
        """The setting type in words, plural, e.g. ``"pupil referral units"``."""
        return _LABELS[self][1]

    @property
    def singular(self) -> str:
        """The setting type in words, singular, e.g. ``"pupil referral unit"``."""
        return _LABELS[self][0]


_LABELS = {
    SettingType.CHILDMINDER: ("childminder", "childminders"),
    SettingType.CHILDCARE_NON_DOMESTIC: (
        "childcare setting on non-domestic premises",
        "childcare settings on non-domestic premises",
    ),
    SettingType.NURSERY_SCHOOL: ("nursery school", "nursery schools"),
    SettingType.PRIMARY_SCHOOL: ("primary school", "primary schools"),
    SettingType.SECONDARY_SCHOOL: ("secondary school", "secondary schools"),
    SettingType.SPECIAL_SCHOOL: ("special school", "special schools"),
    SettingType.PUPIL_REFERRAL_UNIT: ("pupil referral unit", "pupil referral units"),
    SettingType.SCHOOL_SIXTH_FORM: ("school sixth form", "school sixth forms"),
    SettingType.SIXTH_FORM_COLLEGE: ("sixth form college", "sixth form colleges"),
    SettingType.FURTHER_EDUCATION_COLLEGE: (
        "further education college",
        "further education colleges",
    ),
    SettingType.CHILDRENS_HOME: ("children's home", "children's homes"),
    SettingType.SECURE_CHILDRENS_HOME: ("secure children's home", "secure children's homes"),
    SettingType.LA_FOSTERING_AGENCY: (
        "local authority fostering service",
        "local authority fostering services",
    ),
    SettingType.LA_ADOPTION_AGENCY: (
        "local authority adoption service",
        "local authority adoption services",
    ),
    SettingType.PRIVATE_FOSTERING: (
        "private fostering arrangements",
        "private fostering arrangements",
    ),
    SettingType.RESIDENTIAL_SPECIAL_SCHOOL: (
        "residential special school",
        "residential special schools",
    ),
    SettingType.INDEPENDENT_FOSTERING_AGENCY: (
        "independent fostering agency",
        "independent fostering agencies",
    ),
    SettingType.VOLUNTARY_ADOPTION_AGENCY: (
        "voluntary adoption agency",
        "voluntary adoption agencies",
    ),
    SettingType.ADOPTION_SUPPORT_AGENCY: ("adoption support agency", "adoption support agencies"),
    SettingType.RESIDENTIAL_FAMILY_CENTRE: (
        "residential family centre",
        "residential family centres",
    ),
    SettingType.BOARDING_SCHOOL: ("boarding school", "boarding schools"),
    SettingType.FE_COLLEGE_WITH_RESIDENTIAL_ACCOMMODATION: (
        "further education college with residential accommodation",
        "further education colleges with residential accommodation",
    ),
    SettingType.RESIDENTIAL_HOLIDAY_SCHEME: (
        "residential holiday scheme for disabled children",
        "residential holiday schemes for disabled children",
    ),
    SettingType.SECURE_TRAINING_CENTRE: ("secure training centre", "secure training centres"),
}


class Sector(Enum):
    """Who runs a setting."""

    LOCAL_AUTHORITY = "local_authority"
    PRIVATE = "private"
    VOLUNTARY = "voluntary"
    MAINTAINED = "maintained"
    ACADEMY = "academy"
    HEALTH_AUTHORITY = "health_authority"


class CouncilInspectionKind(Enum):
    """The kinds of council-level inspection in ``council_inspections.csv`` (Block B).

    The first five are the evidence of the 2009-2011 ratings. The rest are the inspections
    Ofsted has made of councils since, read from its published history by
    ``csrating ingest ofsted-la-inspections``: each row is one graded judgement (only
    ``unannounced_cra`` records an ``outcome`` instead of a grade). Block B reads the
    kinds the 2009 framework knows; the later kinds are kept for present-day simulations.
    """

    SAFEGUARDING_LAC = "safeguarding_lac"
    UNANNOUNCED_CRA = "unannounced_cra"
    JAR = "jar"
    SCR_EVALUATION = "scr_evaluation"
    APA_STAYING_SAFE = "apa_staying_safe"
    # Inspections of councils after the 2009 framework (Ofsted's published history).
    CHILD_PROTECTION = "child_protection"  # child protection (re-)inspections, 2012-13
    LOOKED_AFTER_CHILDREN = "looked_after_children"  # targeted looked after children inspections
    SIF = "sif"  # single inspection framework, 2013-2017
    LSCB = "lscb"  # review of the local safeguarding children board, alongside the SIF
    ILACS = "ilacs"  # inspection of local authority children's services, from 2018


SAFEGUARDING_JUDGEMENTS = (
    "overall_safeguarding",
    "overall_lac",
    "capacity_to_improve",
    "leadership_and_management",
    "partnership_working",
    "equality_and_diversity",
)
"""Judgements a full safeguarding and looked after children inspection records."""

JAR_JUDGEMENTS = ("safeguarding", "looked_after_children", "capacity_to_improve", "overall")
"""Judgements a joint area review records."""

SINGLE_JUDGEMENT = ("overall_effectiveness",)
"""The one judgement of a child protection, looked after children or LSCB inspection."""

SIF_JUDGEMENTS = (
    "overall_effectiveness",
    "help_and_protection",
    "looked_after_permanence",
    "adoption",
    "care_leavers",
    "leadership",
)
"""Judgements of the single inspection framework (2013-2017)."""

ILACS_JUDGEMENTS = (
    "overall_effectiveness",
    "impact_of_leaders",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "children_in_care_and_care_leavers",
)
"""Judgements of an ILACS inspection. Before 1 January 2023 children in care and care
leavers were judged together (``children_in_care_and_care_leavers``); since then apart."""


class UnannouncedOutcome(Enum):
    """What an unannounced inspection of contact, referral and assessment found."""

    PRIORITY_ACTION = "priority_action"
    DEVELOPMENT = "development"
    NONE = "none"
