"""Repetition (repeat.*): paragraphs and long sentences that repeat verbatim or nearly so.

Texts are compared after normalisation (letters, digits and ideographs only). Candidates
are found through an index of 4-character shingles; only candidates whose indexed
shingles are mostly found in the text are compared with difflib, so the cost stays
near-linear.

- repeat.paragraph  a paragraph (≥ 20 characters) equal or ≥ 90 % similar to an earlier one;
                    not an attachment's title that repeats its line in the attachment list
                    (附件：1.……), nor a table cell that repeats another cell (read one cell a
                    paragraph: lines without a sentence end among others such)
- repeat.sentence   a sentence (≥ 20 characters), or a run of them, that repeats an earlier
                    one: equal, ≥ 90 % similar, or (nearly) contained in it
- repeat.clause     a clause (≥ 10 characters) written twice in one paragraph (……研究不够；
                    ……，对网络意识形态工作研究不够。)
- repeat.word       a word written twice in a row (重要指示指示精神); 的的 is wording.double-de.
                    Not a verb said twice on purpose (再研究研究, 大家商量商量) nor 担当作为作为
                    衡量……的标准 (the noun 作为, then the verb)
- repeat.list       a list (甲、乙、丙) that names the same item twice
Verbatim repeats are 错误, near ones 提示. The later occurrence is reported.
"""

from __future__ import annotations

from collections import Counter
import re
from functools import lru_cache
from itertools import chain, repeat
from typing import NamedTuple

from drafter.check.document import ATTACHMENT, Draft, attachment_list, parse_heading
from drafter.check.findings import ERROR, HINT, Finding
from drafter.check.rules import RuleSet
from drafter.check.textutil import normalise, sentence_spans, shorten

MIN_CHARS = 20
RATIO = 0.9
CONTAINED = 0.95  # share of the shorter text found in the longer one
CONTAINED_MIN_SHARE = 0.6  # … when the shorter is at least this share of the longer
FEW_WORDS = 6  # texts that differ by at most this many characters in all are near repeats
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
    if matched >= MIN_CHARS and len(a) + len(b) - 2 * matched <= FEW_WORDS:
        return ratio  # the same sentence with a word or two changed (党委其他成员… / 领导班子其他成员…)
    return 0.0


# The documents of a batch share most of their paragraphs, so what depends on one paragraph's
# text alone is kept for the last 256 texts (a bounded cache: memory stays flat).
_PER_TEXT = lru_cache(maxsize=256)


@_PER_TEXT
def _sentences(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, normal form) of each sentence; a paragraph's normal form is its sentences'
    joined (normalising drops the punctuation and spaces between them anyway)."""
    return tuple((start, end, normalise(text[start:end])) for start, end in sentence_spans(text))


def _where(index: int, others: list[int]) -> str:
    """第3段、本段前文 — where the earlier copies are."""
    names = [f"第{o + 1}段" for o in sorted(set(others)) if o != index]
    if index in others:
        names.append("本段前文")
    return "、".join(names)


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    body = draft.body_indices
    return list(_body_findings(len(draft.paragraphs), tuple(body),
                               tuple(draft.paragraphs[i] for i in body)))


@lru_cache(maxsize=32)
def _body_findings(count: int, body: tuple[int, ...], texts: tuple[str, ...]) -> tuple[Finding, ...]:
    """The findings of a draft's body, which is all this family reads: the documents of a batch
    often have the same body (their units' names stand in the title and byline), so the last
    few bodies' findings are kept. The title and byline are left blank here."""
    paragraphs = [""] * count
    for index, text in zip(body, texts):
        paragraphs[index] = text
    in_body = set(body)
    front = [i for i in range(count) if i not in in_body]
    return tuple(_check_body(Draft(paragraphs, front, {})))


def _check_body(draft: Draft) -> list[Finding]:
    findings: list[Finding] = []
    paragraphs = draft.paragraphs

    sentences = {index: _sentences(paragraphs[index]) for index in draft.body_indices}

    # --- whole paragraphs
    para_index = _Index()
    repeated_paragraphs: set[int] = set()
    listed = attachment_list(paragraphs)
    cells = _table_cells(draft)
    for index in draft.body_indices:
        norm = "".join(n for _, _, n in sentences[index])
        if len(norm) < MIN_CHARS:
            continue
        unit = _unit(index, 0, len(paragraphs[index]), norm)
        hit = para_index.match(unit)
        if hit is not None and _meant_again(index, hit[0].index, listed, cells):
            repeated_paragraphs.add(index)  # its sentences are not compared either
        elif hit is not None:
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
    reported = {f.paragraph - 1 for f in findings}
    return (findings + _repeated_clauses(draft, reported) + _doubled_words(draft)
            + _repeated_list_items(draft))


def _meant_again(index: int, earlier: int, listed: set[int], cells: set[int]) -> bool:
    """The attachment itself after its line in the attachment list (附件：1.…… then, after the
    落款, the attachment's title), or a table cell with the same text as an earlier cell (two
    problems with the same 整改措施): written twice on purpose."""
    return (earlier in listed and index not in listed) or (index in cells and earlier in cells)


_CELL_CHARS = 80
_SENTENCE_END = tuple("。！？；：!?;:…")


def _table_cells(draft: Draft) -> set[int]:
    """Paragraphs that read as table cells: a line without a sentence end, no heading, and
    the lines before and after it such too (a row: 序号, 问题, 措施, 责任单位, 完成时限).
    A paragraph between two headings is no cell: it ends a sentence."""
    body = draft.body_indices
    paragraphs = draft.paragraphs
    cell_like = [_cell_like(paragraphs[i]) for i in body]
    return {body[n] for n in range(1, len(body) - 1)
            if cell_like[n - 1] and cell_like[n] and cell_like[n + 1]}


def _cell_like(text: str) -> bool:
    return (len(text) <= _CELL_CHARS and not text.endswith(_SENTENCE_END)
            and parse_heading(0, text) is None and not ATTACHMENT.match(text))


# A word of two to four ideographs written twice in a row; 一步一步, 一点一点 are meant so.
_DOUBLED = r"([\u4e00-\u9fff]{2,4})\1"  # compiled on first use: the class costs ~1 ms to compile
# Any two to four characters written twice in a row, as every doubled word is: a pattern
# without the ideograph class, cheap to compile, that most paragraphs do not match.
_DOUBLED_ANY = re.compile(r"(?s)(.{2,4})\1")


# Words before a verb said twice on purpose (再研究研究, 好好学习学习, 大家商量商量); a slip
# doubles a word inside a phrase (认真学习学习贯彻, 队伍建设建设).
# Single characters that end many words (取得, 率先, 过去) are left out: 取得成效成效 is a slip.
_REDUPLICATION_BEFORE = ("再", "好好", "一起", "回去", "下去", "可以", "应该", "需要", "请", "让",
                         "大家", "我们", "咱们", "你们")
# 担当作为作为衡量……的标准: the noun 作为 closes a phrase, the verb 作为 follows.
_NOUN_ZUOWEI_BEFORE = ("担当", "敢于", "善于", "勇于", "积极", "主动", "有所", "大有", "不")


def _meant_twice(text: str, start: int, word: str) -> bool:
    """一 and one more ideograph (一步一步, 一点一点), a verb said twice (再研究研究) or the
    noun 作为 before the verb: plain code, as a second regex over the ideograph range would
    cost about 1 ms to compile at every start."""
    if len(word) != 2:
        return False
    before = text[max(0, start - 2):start]
    if word == "作为":
        return before.endswith(_NOUN_ZUOWEI_BEFORE)
    return word[0] == "一" or before.endswith(_REDUPLICATION_BEFORE)


def _doubled_words(draft: Draft) -> list[Finding]:
    findings = []
    for index in draft.body_indices:
        for start, doubled, word in _doubled_in(draft.paragraphs[index]):
            findings.append(Finding(
                rule="repeat.word", severity=ERROR, paragraph=index + 1, snippet=doubled,
                column=start + 1, message=f"“{doubled}”：“{word}”重复了一遍",
                suggestion=f"建议改为“{word}”", replacement=word,
                source="文字重复，多为录入或粘贴所致",
            ))
    return findings


@_PER_TEXT
def _doubled_in(text: str) -> tuple[tuple[int, str, str], ...]:
    """(start, doubled text, word) of each word written twice in a row."""
    if not _DOUBLED_ANY.search(text):
        return ()
    return tuple((m.start(), m.group(0), m.group(1)) for m in re.finditer(_DOUBLED, text)
                 if not _meant_twice(text, m.start(), m.group(1)) and len(set(m.group(1))) > 1)


_CLAUSE = re.compile(r"[^，。；：！？,;:!?（）()]+")
CLAUSE_MIN_CHARS = 10
_NUMERALS = "一二三四五六七八九十第"
_POINT_MARKER = re.compile("^(?:[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+)")


def _repeated_clauses(draft: Draft, reported: set[int]) -> list[Finding]:
    """A clause repeated verbatim in its paragraph, where no sentence repeat was reported.

    The same closing formula of parallel points (一是……，……，确保各项任务落到实处。二是……，
    ……，确保各项任务落到实处。) is a way of writing, not a slip: a clause that ends a sentence
    of three clauses or more is not compared with another such ending."""
    findings = []
    for index in draft.body_indices:
        if index in reported or not _has_twice(draft.paragraphs[index]):
            continue
        text = draft.paragraphs[index]
        seen: dict[str, bool] = {}  # clause → whether it closed a long sentence
        for start, end in sentence_spans(text):
            clauses = [m for m in _CLAUSE.finditer(text, start, end) if m.group(0).strip()]
            for n, m in enumerate(clauses):
                norm = _without_number(m.group(0).strip())
                if len(norm) < CLAUSE_MIN_CHARS:
                    continue
                formula = n == len(clauses) - 1 and len(clauses) >= 3
                if norm in seen and not (formula and seen[norm]):
                    findings.append(_clause_finding(index, m))
                    break
                seen.setdefault(norm, formula)
            else:
                continue
            break  # one per paragraph
    return findings


@_PER_TEXT
def _has_twice(text: str) -> bool:
    """Some clause of CLAUSE_MIN_CHARS or more occurs twice (the fast look most paragraphs end at)."""
    keys = [_without_number(c.strip()) for c in _CLAUSE.findall(text)]
    keys = [k for k in keys if len(k) >= CLAUSE_MIN_CHARS]
    return len(keys) != len(set(keys))


def _without_number(clause: str) -> str:
    """一是……；三是……: the points compared without their numbers."""
    if clause and clause[0] in _NUMERALS:
        return _POINT_MARKER.sub("", clause)
    return clause


def _clause_finding(index: int, m: re.Match[str]) -> Finding:
    return Finding(
        rule="repeat.clause", severity=ERROR, paragraph=index + 1,
        snippet=shorten(m.group(0), 40), column=m.start() + 1,
        message=f"“{shorten(m.group(0))}”在本段前文已出现过",
        suggestion="删去重复的部分，或改为漏写的内容",
        related_paragraph=index + 1,
        source="同一文稿中语句重复，多为复制粘贴所致",
    )



def _item(text: str) -> str:
    return text.strip("“”‘’《》\"' 　等")


def _repeated_list_items(draft: Draft) -> list[Finding]:
    """甲、乙、甲: the middle items compared whole, the first by its end, the last by its start."""
    return [_list_finding(index, start, clause, repeated) for index in draft.body_indices
            for start, clause, repeated in _list_repeats_in(draft.paragraphs[index])]


@_PER_TEXT
def _list_repeats_in(text: str) -> tuple[tuple[int, str, str], ...]:
    """(start, clause, repeated item) of each list in text that names an item twice."""
    if "、" not in text:
        return ()  # no list
    found = []
    for clause in _CLAUSE.finditer(text):
        parts = clause.group(0).split("、")
        if len(parts) == 2:  # 融入教育教学全过程、教育教学全过程
            first, last = _item(parts[0]), _item(parts[1])
            if len(last) >= 3 and first.endswith(last):
                found.append((clause.start(), clause.group(0), last))
            continue
        if len(parts) < 3:
            continue
        middle = [_item(p) for p in parts[1:-1]]
        seen: set[str] = set()
        repeated = None
        for item in middle:
            if item in seen and len(item) >= 2:
                repeated = item
                break
            seen.add(item)
        if repeated is None:
            first, last = _item(parts[0]), _item(parts[-1])
            repeated = next((i for i in seen if len(i) >= 2 and
                             (first.endswith(i) or last.startswith(i) and len(i) >= 3)), None)
        if repeated is None:  # 学习了党的二十大精神、……、党的二十大精神
            if len(first) >= 4 and last.startswith(first):
                repeated = first
            elif len(last) >= 4 and first.endswith(last):
                repeated = last
        if repeated is not None:
            found.append((clause.start(), clause.group(0), repeated))
    return tuple(found)


def _list_finding(index: int, start: int, clause: str, repeated: str) -> Finding:
    return Finding(
        rule="repeat.list", severity=ERROR, paragraph=index + 1,
        snippet=shorten(clause, 40), column=start + 1,
        message=f"并列的各项中“{repeated}”出现了两次",
        suggestion=f"删去重复的“{repeated}”，或改为漏写的那一项",
        source="并列成分不应重复（语法规范常识）",
    )


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
