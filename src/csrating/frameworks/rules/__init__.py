"""The built-in rule kinds; importing this package registers them."""

from __future__ import annotations

from csrating.frameworks.rules import apa, block_bands, evidence, limiters, provisional

__all__ = ["apa", "block_bands", "evidence", "limiters", "provisional"]
