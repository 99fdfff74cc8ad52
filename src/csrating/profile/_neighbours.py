"""The neighbour table as a polars frame, for similar-areas means."""

from __future__ import annotations

from functools import cache

import polars as pl

from csrating.reference import all_councils, neighbours


@cache
def neighbour_frame() -> pl.DataFrame:
    """Return (la_code, neighbour) pairs: ten rows per council."""
    pairs = [(c.la_code, n) for c in all_councils() for n in neighbours(c.la_code)]
    return pl.DataFrame(
        {"la_code": [p[0] for p in pairs], "neighbour": [p[1] for p in pairs]},
        schema={"la_code": pl.Utf8, "neighbour": pl.Utf8},
    )


def similar_areas_mean(frame: pl.DataFrame, keys: list[str], values: list[str]) -> pl.DataFrame:
    """Return, per council and ``keys``, the mean over its neighbours of each of ``values``.

    ``frame`` has a ``la_code`` column, the ``keys`` and the ``values``. Neighbours with no
    row (or a null) for a key are left out of that mean.
    """
    joined = neighbour_frame().join(
        frame.rename({"la_code": "neighbour"}), on="neighbour", how="inner"
    )
    return joined.group_by(["la_code", *keys]).agg(
        [pl.col(v).mean().alias(f"{v}_similar") for v in values]
    )
