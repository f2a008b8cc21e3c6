"""The evaluation set (tests/drafts/): drafts written for the tests after real public drafts
of the genres drafter writes, with the defects an editor marks planted and listed beside
them. Targets on the held-out drafts, which no rule was tuned on: at least 70 % of the
planted defects of each class found, at least 90 % of the findings of each class right."""

from __future__ import annotations

import pytest

from drafts import evaluate  # tests/drafts/evaluate.py: pytest puts tests/ on the path

RECALL = 0.7
PRECISION = 0.9


@pytest.fixture(scope="module")
def heldout():
    return evaluate.evaluate(evaluate.load("heldout"))


@pytest.mark.parametrize("folder", ["tuning", "heldout"])
def test_planted_snippets_sit_where_the_lists_say(folder):
    drafts = evaluate.load(folder)  # raises when a snippet is not in its paragraph
    assert len(drafts) >= 6
    assert {d.cls for draft in drafts for d in draft.defects} == set(evaluate.CLASSES)


@pytest.mark.parametrize("cls", evaluate.CLASSES)
def test_heldout_recall_by_class(heldout, cls):
    t = heldout[cls]
    assert t.planted and t.found / t.planted >= RECALL, t.missed


@pytest.mark.parametrize("cls", evaluate.CLASSES)
def test_heldout_precision_by_class(heldout, cls):
    t = heldout[cls]
    assert t.findings and (t.findings - t.false) / t.findings >= PRECISION, t.wrong


def test_a_missed_defect_and_a_false_finding_are_counted():
    """The measure itself: a defect no finding points into is missed, a finding no defect
    explains is false."""
    drafts = evaluate.load("tuning")[:1]
    draft = drafts[0]
    draft.defects.append(evaluate.Defect(1, "wording", draft.paragraphs[0][-2:],
                                         len(draft.paragraphs[0]) - 2, len(draft.paragraphs[0])))
    kept = [d for d in draft.defects if d.cls != "placeholder"]
    draft.defects[:] = kept
    tallies = evaluate.evaluate(drafts)
    assert tallies["wording"].missed and tallies["placeholder"].false >= 1
