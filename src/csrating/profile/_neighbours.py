"""The neighbour table as a polars frame, for similar-areas means."""

from __future__ import annotations

from functools import cache

import polars as pl

from csrating.reference import Geography


@cache
def neighbour_frame(places: Geography) -> pl.DataFrame:
    """Return (la_code, neighbour) pairs: one row per council and statistical neighbour.

    The rows are in code order, then in the neighbour's code order; ``council`` numbers
    the councils in code order.
    """
    codes = sorted(c.la_code for c in places.councils)
    pairs = [(code, n) for code in codes for n in sorted(places.neighbours(code))]
    number = {code: i for i, code in enumerate(codes)}
    return pl.DataFrame(
        {
            "la_code": [p[0] for p in pairs],
            "neighbour": [p[1] for p in pairs],
            "council": [number[p[0]] for p in pairs],
        },
        schema={"la_code": pl.Utf8, "neighbour": pl.Utf8, "council": pl.Int64},
    )


def similar_areas_mean(
    frame: pl.LazyFrame, keys: list[str], values: list[str], places: Geography
) -> pl.LazyFrame:
    """Return, per council and ``keys``, the mean over its neighbours of each of ``values``.

    ``frame`` has a ``la_code`` column, the ``keys`` and the ``values``, at most one row
    per council and ``keys``. Neighbours with no row (or a null) for a key are left out
    of that mean. Each mean sums the neighbours in code order, so it does not depend on
    the order of the input rows. The result is in code order, then in ``keys`` order.
    Collect it with the in-memory engine, which averages each run of sorted rows in place.
    """
    key = pl.struct(keys).rank("dense").cast(pl.Int64) if keys else pl.lit(0, dtype=pl.Int64)
    numbered = frame.with_columns(key.alias("_key")).rename({"la_code": "neighbour"})
    width = pl.col("_key").max() + 1
    joined = (
        neighbour_frame(places)
        .lazy()
        .join(numbered, on="neighbour", how="inner", maintain_order="left")
        # A stable sort on numbers (the join left the neighbours in code order) puts each
        # council's rows for a key together; flagged sorted, polars then averages each
        # run of rows in place.
        .sort(pl.col("council") * width + pl.col("_key"), maintain_order=True)
        .with_columns(pl.col("la_code").set_sorted())
    )
    return joined.group_by(["la_code", *keys], maintain_order=True).agg(
        [pl.col(v).mean().alias(f"{v}_similar") for v in values]
    )
