"""Write tests/check_snapshot.json: every finding of the checker on every evaluation draft.

    .venv/bin/python tests/check_snapshot.py

Taken before the checker's speed work (issue 9) so that tests/test_check_snapshot.py fails on
any change in findings. Each draft in tests/drafts/tuning and heldout is checked with its own
unit data and under several other contexts (none, other kinds of unit, dates before and after
the dated formulations), so each rule family's branches run. The seed's three texts
(../shared/seeds, read at run time) are stored only as a hash of their findings: the
repository keeps no text of the seed. Run it again only when a change in findings is meant.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "drafts"))
sys.path.insert(0, str(HERE.parent / "benchmarks"))

SNAPSHOT = HERE / "check_snapshot.json"
SEED = HERE.parents[1] / "shared" / "seeds" / "000_ee7c459c3ded9266.txt"
SEED_TITLE = "党委书记在意识形态工作会上的讲话"


def contexts(given):
    """The draft's own context and others that drive other branches of the rules."""
    from drafter.check import CheckContext

    yield "given", given
    yield "none", CheckContext()
    for kind in ("村", "局", "镇", "县", "街道"):
        yield f"kind={kind}", CheckContext(unit_kind=kind)
    yield "date=2019", replace(given, date=dt.date(2019, 6, 1))
    yield "date=2025", replace(given, date=dt.date(2025, 6, 1))
    yield "name+title", CheckContext(unit_name="清河县云岭镇人民政府", unit_short_name="云岭镇",
                                     speaker_title="党委书记", party_org="党委")


def cases():
    """(case name, paragraphs, context) of every case in the snapshot."""
    import evaluate
    from check_speed import make_draft
    from drafter.check import CheckContext

    for folder in ("tuning", "heldout"):
        for draft in evaluate.load(folder):
            for label, ctx in contexts(draft.context):
                yield f"{folder}/{draft.name} {label}", draft.paragraphs, ctx
    for label, ctx in contexts(CheckContext()):
        yield f"check_speed {label}", make_draft(5000), ctx


def seed_cases():
    """The seed's three texts (as test_check_seed.py splits them) under each context."""
    from drafter.check import CheckContext
    from drafter.check.reader import split_text

    lines = split_text(SEED.read_text(encoding="utf-8"))
    starts = [i for i, line in enumerate(lines) if line == SEED_TITLE]
    chunks = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])][1:]
    for n, chunk in enumerate(chunks, 1):
        for label, ctx in contexts(CheckContext()):
            yield f"seed text {n} {label}", chunk, ctx


def findings_of(paragraphs, ctx) -> list[dict]:
    from drafter.check import check_paragraphs

    return [{**f.to_dict(), "extra": f.extra} for f in check_paragraphs(paragraphs, ctx)]


def digest(findings: list[dict]) -> str:
    return hashlib.sha256(json.dumps(findings, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def read_snapshot() -> dict:
    """The stored snapshot in snapshot()'s form (the file has one JSON object a line)."""
    data: dict = {"drafts": {}, "seed_sha256": {}}
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if "case" in item:
            data["drafts"][item["case"]] = item["findings"]
        else:
            data["seed_sha256"][item["seed"]] = item["sha256"]
    return data


def snapshot() -> dict:
    data = {"drafts": {name: findings_of(p, ctx) for name, p, ctx in cases()}}
    data["seed_sha256"] = {name: digest(findings_of(p, ctx)) for name, p, ctx in seed_cases()}
    return data


if __name__ == "__main__":
    data = snapshot()
    lines = [json.dumps({"case": name, "findings": found}, ensure_ascii=False)
             for name, found in data["drafts"].items()]
    lines += [json.dumps({"seed": name, "sha256": h}) for name, h in data["seed_sha256"].items()]
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
