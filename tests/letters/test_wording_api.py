"""The wording package's public surface."""

from __future__ import annotations

from types import ModuleType

import csrating.letters.wording as wording


def test_all_is_sorted_and_complete() -> None:
    public = {
        name
        for name, value in vars(wording).items()
        if not name.startswith("_") and not isinstance(value, ModuleType) and name != "annotations"
    }
    assert wording.__all__ == sorted(wording.__all__)
    assert set(wording.__all__) == public


def test_every_public_callable_has_a_docstring() -> None:
    for name in wording.__all__:
        value = getattr(wording, name)
        if callable(value):
            assert value.__doc__, name
