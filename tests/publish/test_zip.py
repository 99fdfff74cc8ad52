"""The workbooks' zip writer: what zipfile writes for the same parts, byte for byte."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from csrating.publish._zip import COMPRESSION, zip_parts

_PARTS = st.lists(
    st.tuples(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).map(
            lambda name: name.replace("/", "") or "x"
        ),
        st.binary(max_size=3000) | st.text(max_size=2000).map(str.encode),
        st.booleans(),
    ),
    max_size=6,
    unique_by=lambda part: part[0],
)


def _by_zipfile(parts: list[tuple[str, bytes, bool]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, deflate in parts:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.create_system = 3  # as on Linux, wherever the test runs
            info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
            archive.writestr(info, data, compresslevel=COMPRESSION if deflate else None)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None)
@given(_PARTS)
def test_the_archive_is_what_zipfile_writes(parts: list[tuple[str, bytes, bool]]) -> None:
    data = zip_parts(parts)
    assert data == _by_zipfile(parts)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        read = [
            (info.filename, archive.read(info), info.compress_type) for info in archive.infolist()
        ]
    expected = [(n, d, zipfile.ZIP_DEFLATED if z else zipfile.ZIP_STORED) for n, d, z in parts]
    assert read == expected


def test_an_empty_archive_is_a_valid_zip() -> None:
    with zipfile.ZipFile(io.BytesIO(zip_parts([]))) as archive:
        assert archive.namelist() == []
