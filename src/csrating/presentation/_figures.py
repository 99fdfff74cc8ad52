"""A figure as people see it: one value, its places and unit, as text and as a number."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

from csrating.formatting import NO_DATA, comparison_word, figure, round_half_up
from csrating.profile.comparison import Comparison
from csrating.profile.model import Compared

SHARE_PLACES = 0
"""Decimal places shown for a share of settings: whole percentages ("63%")."""

PERCENT = "percent"
"""The unit of a percentage; its figures end with a per cent sign."""


_T = TypeVar("_T")


class _kept(Generic[_T]):
    """A property worked out at its first read and kept in the instance's ``__dict__``,
    where later reads find it as a plain attribute: :class:`functools.cached_property`
    without the lock Python 3.11 takes at each first read (publishing a round works out
    a hundred thousand figures' numbers, once each)."""

    def __init__(self, function: Callable[[Any], _T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _kept[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> _kept[_T] | _T:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass(frozen=True)
class Figure:
    """One figure of a profile as it is shown: rounded half up to ``places``.

    Attributes:
        value: the exact figure, or ``None`` when there is none.
        places: decimal places shown.
        unit: the catalogue's unit (``"percent"`` ends the text with ``%``; any other
            unit is named in a column header or a unit column, not in the figure).
        missing: what the text says when there is no figure: "no data", or the reason
            a value is blank (e.g. "suppressed").
    """

    value: float | None
    places: int = 0
    unit: str = ""
    missing: str = NO_DATA

    @_kept
    def text(self) -> str:
        """The figure as every surface writes it, e.g. ``"63%"``, ``"71.3"``, ``"no data"``.

        Worked out once and kept: a comparison shows each figure on many pages.
        """
        return figure(self.value, self.places, unit=self.unit, missing=self.missing)

    @_kept
    def number(self) -> int | float | None:
        """The figure for a spreadsheet: rounded half up to the places shown.

        Whole figures are ``int`` (``63``), others ``float`` (``71.3``); ``None`` when
        there is no figure. Written with :attr:`number_format`, it reads as :attr:`text`.
        Worked out once and kept (read then as a plain attribute: the workbooks' tables
        over time read thousands).
        """
        if self.value is None:
            return None
        rounded = round_half_up(self.value, self.places)
        return int(rounded) if self.places == 0 else rounded

    @_kept
    def cell(self) -> tuple[int | float, int] | None:
        """The figure for a spreadsheet's cell: the pair (:attr:`number`, :attr:`places`),
        or ``None`` when there is no figure.

        Worked out once and kept, as :attr:`number` is; figures of the same number and
        places share one pair (a workbook hands thousands to a worker process, and
        pickles each pair once).
        """
        number = self.number
        return None if number is None else _pair(number, self.places)

    @property
    def number_format(self) -> str:
        """The spreadsheet number format that shows :attr:`number` as shown here."""
        return "#,##0" + ("." + "0" * self.places if self.places else "")

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=1 << 16)
def _pair(number: int | float, places: int) -> tuple[int | float, int]:
    return (number, places)


def count(value: int) -> Figure:
    """A count of settings or reviews as a figure."""
    return Figure(float(value))


@dataclass(frozen=True)
class ComparedFigure:
    """A council's figure beside its similar areas and England, and how it compares."""

    value: Figure
    similar_areas: Figure
    england: Figure
    vs_similar_areas: Comparison | None
    vs_england: Comparison | None

    @property
    def vs_similar_areas_text(self) -> str:
        """How the figure compares with similar areas: "better", "in line", "worse"."""
        return comparison_word(self.vs_similar_areas)

    @property
    def vs_england_text(self) -> str:
        """How the figure compares with England: "better", "in line", "worse"."""
        return comparison_word(self.vs_england)


def compared(figures: Compared, places: int, unit: str) -> ComparedFigure:
    """Show a profile's compared figure to ``places`` decimal places in ``unit``."""
    return ComparedFigure(
        Figure(figures.value, places, unit),
        Figure(figures.similar_areas, places, unit),
        Figure(figures.england, places, unit),
        figures.vs_similar_areas,
        figures.vs_england,
    )
