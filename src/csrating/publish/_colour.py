"""Colour arithmetic for maps: WCAG contrast, so every label is legible on its fill."""

from __future__ import annotations

DARK_TEXT = "#0b0c0c"
"""Text on light fills (GOV.UK black)."""

LIGHT_TEXT = "#ffffff"
"""Text on dark fills."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """Return the WCAG 2 relative luminance of a ``#rrggbb`` colour (0 black to 1 white).

    Args:
        colour: a six-digit hex colour such as ``"#08519c"``.

    Returns:
        The luminance.
    """
    digits = colour.lstrip("#")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21).

    Args:
        first: one colour.
        second: the other.

    Returns:
        The ratio, lighter over darker.
    """
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour(fill: str) -> str:
    """Return :data:`DARK_TEXT` or :data:`LIGHT_TEXT`, whichever contrasts more with ``fill``.

    Args:
        fill: the background colour.

    Returns:
        The text colour.
    """
    dark, light = contrast_ratio(fill, DARK_TEXT), contrast_ratio(fill, LIGHT_TEXT)
    return DARK_TEXT if dark >= light else LIGHT_TEXT
