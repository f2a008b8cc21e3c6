"""Every finding on every evaluation draft stays as it was before the checker's speed work.

tests/check_snapshot.json was written by tests/check_snapshot.py (committed beside it) BEFORE
the speed work of issue 9: each draft of tests/drafts/tuning and heldout under its own unit
data and several other contexts, a generated 5,000-character draft, and (as hashes only, the
repository keeps no seed text) the seed's three texts from ../shared/seeds. Any change in a
finding — rule, paragraph, column, snippet, message, suggestion, order — fails here."""

from __future__ import annotations

import os

import pytest

import check_snapshot as snap


@pytest.fixture(scope="module")
def stored() -> dict:
    return snap.read_snapshot()


def test_snapshot_covers_every_draft(stored):
    names = {name.split(" ")[0] for name in stored["drafts"]}
    drafts = {f"{p.parent.name}/{p.stem}" for folder in ("tuning", "heldout")
              for p in (snap.HERE / "drafts" / folder).glob("*.txt")}
    assert drafts <= names
    assert sum(len(found) for found in stored["drafts"].values()) > 1000


@pytest.mark.parametrize("rounds", [1, 2], ids=["fresh", "again"])
def test_findings_equal_the_snapshot(stored, rounds):
    """The second round checks every draft again in the same process, as a batch does, where
    what the checker keeps between documents is in use."""
    for _ in range(rounds):
        current = {name: snap.findings_of(p, ctx) for name, p, ctx in snap.cases()}
    assert current.keys() == stored["drafts"].keys()
    changed = [name for name in current if current[name] != stored["drafts"][name]]
    assert not changed, changed[:10]


def test_seed_findings_equal_the_snapshot(stored):
    if not snap.SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the shared seed is missing: {snap.SEED}")
        pytest.skip(f"shared seed not available at {snap.SEED}")
    current = {name: snap.digest(snap.findings_of(p, ctx)) for name, p, ctx in snap.seed_cases()}
    assert current == stored["seed_sha256"]


FRESH_PROCESS = """
import json, sys
sys.path[:0] = sys.argv[1:3]
import check_snapshot as snap
from drafter.check import CheckContext
cases = json.loads(sys.stdin.read())
print(json.dumps([snap.findings_of(p, CheckContext(**ctx)) for p, ctx in cases], ensure_ascii=False))
"""


def test_a_batch_in_one_process_finds_what_fresh_processes_find():
    """Documents that share their body and differ in title and byline, as a batch's do, checked
    one after another in this process (what the checker keeps per text and per body in use)
    against the same documents each checked in a new process."""
    import json
    import subprocess
    import sys

    import evaluate

    drafts = evaluate.load("tuning")[:4]
    cases = []
    for n, draft in enumerate(drafts):
        for kind in ("村", "局"):
            title = draft.paragraphs[0] + f"（第{n + 1}稿）"
            cases.append(([title, *draft.paragraphs[1:]], {"unit_kind": kind}))
            cases.append((draft.paragraphs, {"unit_kind": kind}))
    from drafter.check import CheckContext

    here = [snap.findings_of(p, CheckContext(**ctx)) for p, ctx in cases]
    fresh = []
    for case in cases:
        result = subprocess.run([sys.executable, "-c", FRESH_PROCESS, str(snap.HERE), str(snap.HERE / "drafts")],
                                input=json.dumps([case], ensure_ascii=False), capture_output=True, text=True,
                                check=True, cwd=snap.HERE.parent)
        fresh += json.loads(result.stdout)
    assert here == fresh
    assert sum(len(found) for found in here) > 20
