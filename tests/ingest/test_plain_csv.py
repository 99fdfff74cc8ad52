"""The quick path for plain CSV files gives exactly what the byte-by-byte check gives."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from csrating.ingest import text_files
from csrating.ingest.readers import RawTable, csv_rows, scanned_csv_rows
from csrating.ingest.text_files import plain_csv


def test_a_plain_file_is_read_as_it_is() -> None:
    text = plain_csv(b"\xef\xbb\xbfa,b\r\n1,x y\r\n2,\r\n")

    assert text is not None
    assert text.header == ("a", "b")
    assert text.rows.tolist() == [2, 3]
    assert not text.misshapen.any()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"a,b\n",  # no data rows
        b"a\n1\n",  # one column: perhaps another delimiter
        b'a,b\n1,"x"\n',  # quotes
        b"a,b\n1,x\n\n2,y\n",  # a blank line
        b"a,b\n1, x\n",  # a value to trim
        b"a,b\n1,x \n",
        b"a,b\n1,x\t\n",
        b"a,b\n 1,x\n",
        b"a,b\n1,x\r2,y\n",  # a carriage return that ends no line
        b"a,b\n1,caf\xc3\xa9\n",  # not ASCII
        b"a,,c\n1,2,3\n",  # a column without a name
    ],
)
def test_anything_else_needs_the_full_check(data: bytes) -> None:
    assert plain_csv(data) is None


def test_ragged_lines_whose_commas_add_up_are_still_reported() -> None:
    raw = csv_rows(b"a,b\n1,x,z\n2\n", "f.csv")

    assert [(p.row, p.expected[:8]) for p in raw.problems] == [(2, "has 3 fi"), (3, "has 1 fi")]


def _same(fast: RawTable, slow: RawTable) -> None:
    assert fast.file == slow.file
    assert fast.problems == slow.problems
    assert fast.rows_read == slow.rows_read
    assert fast.notes == slow.notes
    if slow.frame is None:
        assert fast.frame is None
    else:
        assert fast.frame is not None
        assert_frame_equal(fast.frame, slow.frame)


CELLS = st.one_of(
    st.text(alphabet="ab1 ", max_size=4),
    st.text(alphabet='ab ,"\t\r\né', max_size=3),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(1, 4))
    header = draw(st.lists(st.text(alphabet="abc ", max_size=3), min_size=width, max_size=width))
    rows = draw(
        st.lists(st.lists(CELLS, min_size=width - 1, max_size=width + 1), min_size=0, max_size=6)
    )
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [",".join(header), *(",".join(row) for row in rows)]
    text = ending.join(lines) + draw(st.sampled_from(["", ending]))
    return text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(csv_files())
@example(b"a,b\n1,2\n,\n3,4\n")
@example(b"a,b\n1,2\n3,4")
@example(b"a,A\n1,2\n")
@example(b"a,b\n1,x,z\n2\n")  # ragged lines whose commas add up: polars refuses the first
def test_the_quick_path_reads_what_the_full_check_reads(data: bytes) -> None:
    _same(csv_rows(data, "f.csv"), scanned_csv_rows(data, "f.csv"))


@settings(max_examples=200, deadline=None)
@given(csv_files(), st.integers(1, 5))
def test_the_quick_path_sees_across_the_chunks_it_reads(data: bytes, chunk: int) -> None:
    default = text_files._CHUNK
    text_files._CHUNK = chunk
    try:
        _same(csv_rows(data, "f.csv"), scanned_csv_rows(data, "f.csv"))
    finally:
        text_files._CHUNK = default
