"""Make frozen dataclass instances in bulk: a national build makes tens of thousands.

A frozen dataclass's ``__init__`` cannot assign its fields: it sets each one with a call
to ``object.__setattr__``, which costs several times what the instance itself does. For
the 9,000 indicator lines of a national build, an 18-field ``__init__`` was most of the
time Block C took in Python. :func:`maker` returns a function that fills a plain twin of
the class (the same slots, no frozen guard, so its ``__init__`` assigns at full speed) and
then makes the twin an instance of the class by assigning its ``__class__``, which Python
allows between classes whose instances have the same layout, and checks.

The instance is exactly what ``__init__`` makes: same class, same slots, equal, hashing,
printing, pickling and refusing changes alike. The classes it is used for keep their
fields in slots (``slots=True``) and have no ``__post_init__`` or anything else to check.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def maker(cls: type[T]) -> Callable[..., T]:
    """Return a function making an instance of ``cls`` from every field's value, in order.

    Args:
        cls: a frozen dataclass with ``slots=True`` and no ``__post_init__``.

    Returns:
        ``make(*values)``: the instance ``cls(*values)`` would be, every field given.

    Raises:
        TypeError: ``cls`` is not such a class.
    """
    names = tuple(field.name for field in dataclasses.fields(cls))
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or getattr(cls, "__slots__", None) != names:
        raise TypeError(f"{cls.__name__} is not a frozen dataclass keeping its fields in slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__, which making it would skip")
    twin = dataclasses.make_dataclass(
        f"_{cls.__name__}Fields", names, slots=True, eq=False, repr=False
    )
    twin(*names).__class__ = cls  # fails now, not later, if the layouts ever differ

    def make(*values: Any) -> T:
        instance = twin(*values)
        instance.__class__ = cls
        return instance  # type: ignore[no-any-return]

    return make
