"""The public surface of csrating.publish."""

from __future__ import annotations

import csrating.publish


def test_all_is_sorted_and_lists_every_public_class_and_function() -> None:
    public = {
        name
        for name, value in vars(csrating.publish).items()
        if not name.startswith("_")
        and getattr(value, "__module__", "").startswith("csrating.publish")
    }

    assert csrating.publish.__all__ == sorted(csrating.publish.__all__)
    assert public <= set(csrating.publish.__all__)
    for name in csrating.publish.__all__:
        assert hasattr(csrating.publish, name), name
