"""The neighbour table as a polars frame, for similar-areas means."""

from __future__ import annotations

from functools import cache

import polars as pl

from csrating.reference import Geography


@cache
def neighbour_frame(places: Geography) -> pl.DataFrame:
    """Return (la_code, neighbour) pairs: one row per council and statistical neighbour."""
    pairs = [(c.la_code, n) for c in places.councils for n in places.neighbours(c.la_code)]
    return pl.DataFrame(
        {"la_code": [p[0] for p in pairs], "neighbour": [p[1] for p in pairs]},
        schema={"la_code": pl.Utf8, "neighbour": pl.Utf8},
    )


def similar_areas_mean(
    frame: pl.DataFrame, keys: list[str], values: list[str], places: Geography
) -> pl.DataFrame:
    """Return, per council and ``keys``, the mean over its neighbours of each of ``values``.

    ``frame`` has a ``la_code`` column, the ``keys`` and the ``values``. Neighbours with no
    row (or a null) for a key are left out of that mean. The neighbours are summed in
    code order, so the mean does not depend on the order of the input rows.
    """
    joined = (
        neighbour_frame(places)
        .join(frame.rename({"la_code": "neighbour"}), on="neighbour", how="inner")
        .sort(["la_code", *keys, "neighbour"])
    )
    return joined.group_by(["la_code", *keys], maintain_order=True).agg(
        [pl.col(v).mean().alias(f"{v}_similar") for v in values]
    )
