"""One presentation of a performance profile's figures, for every surface.

A profile is shown on the published site, in the web application, in the profile
workbook, in the open data and on the command line. All of them draw the same rows,
built here from the profile, so the same figure reads the same everywhere:

* :func:`profile_rows` turns a :class:`~csrating.profile.PerformanceProfile` into
  :class:`ProfileRows`: typed rows for Block A (:class:`SettingsRow`,
  :class:`ServiceRow`), Block B (:class:`EvidenceRow`) and Block C
  (:class:`IndicatorRow`);
* each figure is a :class:`Figure`: its :attr:`~Figure.text` is written through
  :mod:`csrating.formatting` (rounded half up, ``"63%"``, ``"71.3"``, ``"no data"``) and
  its :attr:`~Figure.number` is the same figure for a spreadsheet, rounded half up to the
  places shown, with the :attr:`~Figure.number_format` that shows it alike;
* :func:`profile_tables` gives the tables the pages and the command line draw
  (:class:`TextTable`: caption, columns, rows of text);
* :func:`tidy_figures` gives one :class:`TidyFigure` per block, line and measure, as the
  open data's ``profiles.csv`` publishes them.

Everything here is pure: no I/O, no clock.
"""

from __future__ import annotations

from csrating.presentation._figures import (
    PERCENT,
    SHARE_PLACES,
    ComparedFigure,
    Figure,
)
from csrating.presentation._rows import (
    INSPECTION_NAMES,
    NOT_GRADED,
    NOT_INSPECTED,
    EvidenceRow,
    IndicatorRow,
    ProfileRows,
    ServiceRow,
    SettingsRow,
    date_text,
    indicator_name,
    judgement_words,
    profile_rows,
)
from csrating.presentation._tables import (
    Column,
    ProfileTables,
    TextTable,
    profile_tables,
)
from csrating.presentation._tidy import TidyFigure, tidy_figures

__all__ = [
    "INSPECTION_NAMES",
    "NOT_GRADED",
    "NOT_INSPECTED",
    "PERCENT",
    "SHARE_PLACES",
    "Column",
    "ComparedFigure",
    "EvidenceRow",
    "Figure",
    "IndicatorRow",
    "ProfileRows",
    "ProfileTables",
    "ServiceRow",
    "SettingsRow",
    "TextTable",
    "TidyFigure",
    "date_text",
    "indicator_name",
    "judgement_words",
    "profile_rows",
    "profile_tables",
    "tidy_figures",
]
