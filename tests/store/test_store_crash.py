"""A server killed mid-write leaves the database consistent (DESIGN §9).

A child process opens the store and is killed with SIGKILL part-way through writing;
the test then reopens the database and finds either no round or a complete one.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import text
from store_helpers import count

from csrating.store import open_store

CHILD = textwrap.dedent(
    """
    import datetime as dt
    import os
    import signal
    import sys
    from pathlib import Path

    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from csrating.frameworks import load_framework
    from csrating.pipeline import rate
    from csrating.store import CouncilAssessment, open_store

    url, dataset, mode = sys.argv[1:4]
    now = dt.datetime(2009, 11, 2, 9, tzinfo=dt.UTC)
    embargo = dt.datetime(2009, 12, 9, tzinfo=dt.UTC)
    store = open_store(url)
    load = store.load_dataset(Path(dataset), name="Demo", actor="a@ofsted.test", now=now)

    if mode == "in-flush":
        @event.listens_for(Session, "after_flush")
        def die(session, context):
            # The round's row and the councils' rows are written, not yet committed.
            if any(isinstance(row, CouncilAssessment) for row in session.new):
                os.kill(os.getpid(), signal.SIGKILL)

    rated = rate(store.dataset_for(load), load_framework("rating-2009"), moderation={})
    print("ready", flush=True)
    while True:
        store.create_round(load, rated, embargo_at=embargo, actor="a@ofsted.test", now=now)
        print("round", flush=True)
    """
)


def run_child(tmp_path: Path, url: str, dataset: Path, mode: str) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    return subprocess.Popen(
        [sys.executable, str(script), url, str(dataset), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


def assert_consistent(url: str, *, engine_name: str) -> int:
    """Reopen the store; check every round is whole and audited; return how many."""
    store = open_store(url)
    try:
        rounds = store.rounds()
        for round_ in rounds:
            assert len(store.council_assessments(round_.id)) == 152
        assert count(store.engine, "council_assessments") == 152 * len(rounds)
        assert count(store.engine, "audit_entries", "action = 'round.create'") == len(rounds)
        assert count(store.engine, "dataset_loads") == 1
        if engine_name == "sqlite":
            with store.engine.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
                assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        return len(rounds)
    finally:
        store.close()


def test_killed_while_writing_a_round_leaves_no_round(
    store_url: str, engine_name: str, national_demo: Path, tmp_path: Path
) -> None:
    child = run_child(tmp_path, store_url, national_demo, "in-flush")
    _, errors = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, errors
    assert assert_consistent(store_url, engine_name=engine_name) == 0


def test_killed_at_a_random_moment_of_a_write_loop_leaves_whole_rounds(
    tmp_path: Path, national_demo: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    child = run_child(tmp_path, url, national_demo, "loop")
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr
        assert child.stdout.readline().strip() == "round"  # at least one round is whole
        time.sleep(random.Random(2009).uniform(0.05, 0.5))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:  # pragma: no cover - only if an assertion above failed
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert assert_consistent(url, engine_name="sqlite") >= 1
