"""The vectorised comparison agrees with the scalar one it stands for."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from csrating.profile.comparison import COMPARISONS, compare_points, comparison_expr

FIGURE = st.none() | st.floats(min_value=0, max_value=1000, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(FIGURE, FIGURE, st.floats(0, 20), st.booleans()), min_size=1, max_size=20)
)
def test_comparison_expr_matches_compare_points(
    rows: list[tuple[float | None, float | None, float, bool]],
) -> None:
    frame = pl.DataFrame(
        rows,
        schema={"v": pl.Float64, "c": pl.Float64, "t": pl.Float64, "h": pl.Boolean},
        orient="row",
    )
    found = frame.select(
        comparison_expr(pl.col("v"), pl.col("c"), pl.col("t"), pl.col("h"))
    ).to_series()
    for (value, comparator, tolerance, higher), result in zip(rows, found.to_list(), strict=True):
        assert COMPARISONS[result] == compare_points(
            value, comparator, tolerance, higher_is_better=higher
        )
