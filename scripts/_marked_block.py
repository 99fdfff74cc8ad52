"""Rewrite the generated part of a file, the text between its BEGIN and END markers.

Shared by the scripts that keep figures in a hand-written file current
(``build_simulation_bands.py``, ``real_data_report.py``); each runs it with ``--check`` in
the test suite, which writes nothing and fails when the file is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def refresh_block(
    path: Path, block: re.Pattern[str], body: str, *, check: bool, script: str, wrote: str
) -> int:
    """Put ``body`` between the markers ``block`` matches in ``path``, or only compare.

    Args:
        path: the file holding the block.
        block: matches the BEGIN marker line, the generated text and the END marker, as
            groups 1, 2 and 3.
        body: the generated text.
        check: write nothing; say on standard error if the file is out of date.
        script: the script's file name, to name in the out-of-date message.
        wrote: what to print once the file is written.

    Returns:
        0 when the file was written or is current; 1 when ``check`` finds it out of date.
    """
    text = path.read_text(encoding="utf-8")
    updated = block.sub(lambda m: m.group(1) + body + m.group(3), text)
    if check:
        if updated != text:
            print(f"out of date: {path.name}; run {script}", file=sys.stderr)
            return 1
        return 0
    path.write_text(updated, encoding="utf-8")
    print(wrote)
    return 0
