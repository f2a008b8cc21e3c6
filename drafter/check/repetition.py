"""Repetition (repeat.*): paragraphs and long sentences that repeat verbatim or nearly so.

Texts are compared after normalisation (letters, digits and ideographs only). Candidates
are found through an index of 4-character shingles; only candidates whose indexed
shingles are mostly found in the text are compared with difflib, so the cost stays
near-linear.

- repeat.paragraph  a paragraph (≥ 20 characters) equal or ≥ 90 % similar to an earlier one
- repeat.sentence   a sentence (≥ 20 characters), or a run of them, that repeats an earlier
                    one: equal, ≥ 90 % similar, or (nearly) contained in it
Verbatim repeats are 错误, near ones 提示. The later occurrence is reported.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import chain, repeat
from typing import NamedTuple

from drafter.check.document import Draft
from drafter.check.findings import ERROR, HINT, Finding
from drafter.check.rules import RuleSet
from drafter.check.textutil import normalise, sentence_spans, shorten

MIN_CHARS = 20
RATIO = 0.9
CONTAINED = 0.95  # share of the shorter text found in the longer one
CONTAINED_MIN_SHARE = 0.6  # … when the shorter is at least this share of the longer
SHINGLE = 4
CANDIDATE_SHARE = 0.6
# The index keeps every third shingle of a text: a near repeat still contains most of
# them, and the index (and the work of each look-up) is a third of the size.
KEY_STEP = 3


class _Unit(NamedTuple):
    index: int  # paragraph, 0-based
    start: int
    end: int
    norm: str
    shingles: frozenset[str]  # every shingle: what a query looks up
    keys: frozenset[str]  # every KEY_STEP-th shingle: what the index stores


def _unit(index: int, start: int, end: int, norm: str) -> _Unit:
    """A text to compare (at least MIN_CHARS long, so it always has shingles)."""
    return _Unit(index, start, end, norm, *_shingles(norm))


@lru_cache(maxsize=512)
def _shingles(norm: str) -> tuple[frozenset[str], frozenset[str]]:
    """Every shingle of a text, and every KEY_STEP-th one.

    Kept for the last few hundred texts: a one-sentence paragraph is looked at as a
    paragraph and as a sentence, and the documents of a batch share most sentences."""
    shingles = [norm[i:i + SHINGLE] for i in range(len(norm) - SHINGLE + 1)]
    return frozenset(shingles), frozenset(shingles[::KEY_STEP])


class _Index:
    """Earlier units by exact text and by shingle, to find repeat candidates fast.

    The work is left to C where it can be (set operations, dict.update, Counter): a
    draft has a hundred or more units, a batch thousands of drafts."""

    def __init__(self) -> None:
        self.units: list[_Unit] = []
        self.needed: list[float] = []  # shared shingles that make each unit a candidate
        self.exact: dict[str, int] = {}
        self.by_shingle: dict[str, tuple[int, ...]] = {}

    def match(self, unit: _Unit) -> tuple[_Unit, bool] | None:
        """(earlier unit, verbatim?) for the best earlier repeat of unit, or None."""
        if unit.norm in self.exact:
            return self.units[self.exact[unit.norm]], True
        # how many indexed shingles each earlier unit shares with this one
        found = unit.shingles & self.by_shingle.keys()
        shared = Counter(chain.from_iterable(map(self.by_shingle.__getitem__, found)))
        needed = self.needed
        candidates = [uid for uid, count in shared.items() if count >= needed[uid]]
        best: tuple[float, int] | None = None
        size = len(unit.norm)
        for uid in candidates:
            other = self.units[uid]
            if min(size, len(other.norm)) < CONTAINED_MIN_SHARE * max(size, len(other.norm)):
                continue  # too different in length to be a repeat by either measure
            score = _similar(unit.norm, other.norm)
            if score and (best is None or score > best[0]):
                best = (score, uid)
        if best is None:
            return None
        return self.units[best[1]], False

    def add(self, unit: _Unit) -> None:
        uid = len(self.units)
        self.units.append(unit)
        self.needed.append(CANDIDATE_SHARE * len(unit.keys))
        self.exact.setdefault(unit.norm, uid)
        index = self.by_shingle
        known = unit.keys & index.keys()
        for s in known:  # few: the shingles this unit shares with earlier ones
            index[s] += (uid,)
        index.update(zip(unit.keys - known, repeat((uid,))))


def _similar(a: str, b: str) -> float:
    """Similarity when a and b count as near repeats, else 0."""
    from difflib import SequenceMatcher  # only for the rare candidate pair: not at every start

    matcher = SequenceMatcher(None, a, b, autojunk=False)
    ratio = matcher.ratio()
    if ratio >= RATIO:
        return ratio
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < CONTAINED_MIN_SHARE * len(long_):
        return 0.0
    matched = sum(block.size for block in matcher.get_matching_blocks())
    if matched >= CONTAINED * len(short):
        return matched / len(short)
    return 0.0


def _where(index: int, others: list[int]) -> str:
    """第3段、本段前文 — where the earlier copies are."""
    names = [f"第{o + 1}段" for o in sorted(set(others)) if o != index]
    if index in others:
        names.append("本段前文")
    return "、".join(names)


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    findings: list[Finding] = []
    paragraphs = draft.paragraphs

    # Each sentence normalised once; a paragraph's normal form is its sentences' joined
    # (normalising drops the punctuation and spaces between them anyway).
    sentences = {index: [(start, end, normalise(paragraphs[index][start:end]))
                         for start, end in sentence_spans(paragraphs[index])]
                 for index in draft.body_indices}

    # --- whole paragraphs
    para_index = _Index()
    repeated_paragraphs: set[int] = set()
    for index in draft.body_indices:
        norm = "".join(n for _, _, n in sentences[index])
        if len(norm) < MIN_CHARS:
            continue
        unit = _unit(index, 0, len(paragraphs[index]), norm)
        hit = para_index.match(unit)
        if hit is not None:
            earlier, verbatim = hit
            repeated_paragraphs.add(index)
            findings.append(Finding(
                rule="repeat.paragraph", severity=ERROR if verbatim else HINT,
                paragraph=index + 1, snippet=shorten(paragraphs[index]), column=1,
                message=(f"本段与第{earlier.index + 1}段" +
                         ("完全相同" if verbatim else "几乎相同")),
                suggestion="删去重复的段落，或改写为不同的内容",
                related_paragraph=earlier.index + 1,
                source="同一文稿中段落重复，多为复制粘贴所致",
            ))
        para_index.add(unit)

    # --- sentences, consecutive repeats in one paragraph reported together
    sent_index = _Index()
    for index in draft.body_indices:
        run: list[tuple[_Unit, _Unit, bool]] = []
        for start, end, norm in sentences[index]:
            if len(norm) < MIN_CHARS:
                if run:
                    findings.append(_sentence_finding(paragraphs, run))
                    run = []
                continue
            unit = _unit(index, start, end, norm)
            hit = sent_index.match(unit) if index not in repeated_paragraphs else None
            if hit is not None:
                run.append((unit, hit[0], hit[1]))
            elif run:
                findings.append(_sentence_finding(paragraphs, run))
                run = []
            sent_index.add(unit)
        if run:
            findings.append(_sentence_finding(paragraphs, run))
    return findings


def _sentence_finding(paragraphs: list[str], run: list[tuple[_Unit, _Unit, bool]]) -> Finding:
    first, last = run[0][0], run[-1][0]
    index = first.index
    text = paragraphs[index][first.start:last.end]
    earlier_all = [e.index for _, e, _ in run]
    earlier = min(earlier_all)
    verbatim = all(v for _, _, v in run)
    count = f"（{len(run)} 句）" if len(run) > 1 else ""
    how = "重复" if verbatim else "基本重复"
    return Finding(
        rule="repeat.sentence", severity=ERROR if any(v for _, _, v in run) else HINT,
        paragraph=index + 1, snippet=shorten(text, 40), column=first.start + 1,
        message=f"“{shorten(text)}”{count}与{_where(index, earlier_all)}{how}",
        suggestion="删去重复的句子",
        related_paragraph=earlier + 1,
        source="同一文稿中语句重复，多为复制粘贴所致",
    )
