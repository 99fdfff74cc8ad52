"""The public surface of csrating.ingest."""

from __future__ import annotations

import csrating.ingest


def test_all_lists_the_public_names_sorted() -> None:
    public = sorted(
        name
        for name, value in vars(csrating.ingest).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("csrating.")
    )

    assert csrating.ingest.__all__ == public
    assert csrating.ingest.__all__ == sorted(csrating.ingest.__all__)
