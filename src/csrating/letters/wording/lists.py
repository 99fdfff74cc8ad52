"""Join phrases into a list the British way: "a, b and c" (no Oxford comma)."""

from __future__ import annotations

from collections.abc import Sequence


def join_list(items: Sequence[str], conjunction: str = "and") -> str:
    """Join phrases with commas and a final conjunction, without an Oxford comma.

    Args:
        items: The phrases, in order.
        conjunction: The word before the last item, e.g. ``"and"`` or ``"or"``.

    Returns:
        ``""`` for no items, the item itself for one, ``"a and b"`` for two and
        ``"a, b and c"`` for three or more.
    """
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
