"""Structure (structure.*): heading numbers and sub-point sequences.

- structure.sequence  a heading number skipped (一、二、四) or out of order, per level, with
                      the lower levels restarting under each parent heading
- structure.style     a level written in more than one way, or not as GB/T 9704 writes it
                      (一、 （一） 1. （1）)
- structure.embedded  a heading marker such as （二） swallowed into the middle of a paragraph, or
                      a top-level 二、 run on after a sentence (……的言论。二、坚持教育培训) or after
                      汇报如下 (汇报如下一、加强组织领导); not 第（三）条 (a reference
                      to an item) nor 二、三季度 (two numbers in a row)
- structure.subpoint  一是/二是…, 一要/二要…, 第一，第二，… skipping or repeating a number, or
                      starting at 二是 with no 一是 before it (an error: the first point is lost)

A heading that opens its paragraph and runs on into text (（一）抓好理论武装。年初……) is
an accepted form: only markers in the middle of a paragraph are looked at.

Numbered lines of an attachment list (附件：1.…… then 2.……) are no headings for
structure.sequence, and 一、 may start anew under the title of a second part (a second
text in the same file, an attachment's own text): a short line or two standing alone
between the last heading and that 一、.
"""

from __future__ import annotations

from typing import NamedTuple

import re

from drafter.check.document import (ATTACHMENT, FAMILIES, FAMILY_LABEL, FAMILY_RANK, Draft,
                                    Heading, attachment_list, enumerates_from, parse_heading,
                                    standard_marker)
from drafter.check.findings import ERROR, HINT, Finding
from drafter.check.rules import RuleSet
from drafter.check.textutil import is_cjk
from drafter.document import cn_number, cn_to_int

_SOURCE_GBT = "GB/T 9704—2012《党政机关公文格式》7.3.3：结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注"

_EMBEDDED = re.compile(r"([（(])([一二三四五六七八九十]+)([）)])")  # between ideographs: see _embedded_at
# 一、 run on after a full stop, or after 如下 (with or without its colon). The numeral is
# searched first (a pattern that opens with look-behinds scans slowly), what precedes it after.
_EMBEDDED_TOP = re.compile(r"([一二三四五六七八九十]+)、")
_TOP_RUNS_ON_AFTER = ("。", "！", "？", "如下", "如下：", "如下:", "如次：", "如次:")
_ATTACHMENT_HEADER = re.compile(r"^附\s*件\s*[0-9]*$")  # "附件1" over an attachment's own text
_ENDS_SENTENCE = tuple("。！？；：，、,.;:!?")
_TITLE_LINES = 4  # a title of up to three lines and its byline; a table's cells are more
_SUBPOINT = re.compile(
    r"(?:^|(?<=[。；;，,：:！!？?\s]))"
    r"(?:(?P<num>[一二三四五六七八九十]+)(?P<suffix>是|要)|第(?P<ord>[一二三四五六七八九十]+)(?=[，,、]))"
)


class _Embedded(NamedTuple):
    index: int
    start: int
    number: int
    marker: str
    title: str  # the heading text that follows the marker, up to punctuation
    family: str = "cn-paren"


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    findings: list[Finding] = []
    embedded = _find_embedded(draft)
    findings += _sequence(draft, embedded)
    findings += _embedded_findings(draft, embedded)
    findings += _style(draft)
    findings += _subpoints(draft)
    return findings


# ----------------------------------------------------------------------------- sequence


def _sequence(draft: Draft, embedded: list[_Embedded]) -> list[Finding]:
    findings = []
    listed = attachment_list(draft.paragraphs)
    headings = [draft.headings[i] for i in sorted(draft.headings) if i not in listed]
    last: dict[str, Heading | None] = {f: None for f in FAMILIES}
    for h in headings:
        if h.family == FAMILIES[0] and h.number == 1 and last[h.family] and _new_part(draft, last, h):
            last = {f: None for f in FAMILIES}
        rank = FAMILY_RANK[h.family]
        for lower in FAMILIES[rank + 1:]:
            last[lower] = None
        previous = last[h.family]
        expected = previous.number + 1 if previous else 1
        label = FAMILY_LABEL[h.family]
        if h.number > expected:
            missing = [standard_marker(h.family, n) for n in range(expected, h.number)]
            after = f"“{previous.marker}”之后是" if previous else "开头就是"
            message = f"{label}序号跳号：{after}“{h.marker}”，缺少{'、'.join(f'“{m}”' for m in missing)}"
            swallowed = [e for e in embedded
                         if (previous.index if previous else -1) <= e.index < h.index
                         and h.family == e.family and expected <= e.number < h.number]
            suggestion = "补上缺少的部分，或把后面的序号依次改正"
            if swallowed:
                e = swallowed[0]
                message += f"（第{e.index + 1}段中间的“{e.marker}”疑为被并入正文的标题）"
                suggestion = f"把第{e.index + 1}段中的“{e.marker}{e.title}”另起一段作为标题"
            findings.append(Finding(
                rule="structure.sequence", severity=ERROR, paragraph=h.index + 1,
                snippet=h.marker, column=1, message=message, suggestion=suggestion,
                related_paragraph=swallowed[0].index + 1 if swallowed else None,
                source=_SOURCE_GBT,
            ))
        elif h.number < expected:
            what = "重复" if previous and h.number == previous.number else "顺序错乱"
            findings.append(Finding(
                rule="structure.sequence", severity=ERROR, paragraph=h.index + 1,
                snippet=h.marker, column=1,
                message=f"{label}序号{what}：“{previous.marker}”之后又是“{h.marker}”",
                suggestion=f"改为“{standard_marker(h.family, expected)}”并依次调整后面的序号",
                replacement=standard_marker(h.family, expected),
                related_paragraph=previous.index + 1, source=_SOURCE_GBT,
            ))
        last[h.family] = h
    return findings


def _new_part(draft: Draft, last: dict[str, Heading | None], heading: Heading) -> bool:
    """一、 again after a title: one to four short lines standing alone (no sentence, no
    number; 附件1 counts) since the last heading."""
    previous = max(h.index for h in last.values() if h is not None)
    runs = [0]
    for text in draft.paragraphs[previous + 1:heading.index]:
        standalone = bool(text) and len(text) <= 40 and not text.endswith(_ENDS_SENTENCE) \
            and parse_heading(0, text) is None and not ATTACHMENT.match(text)
        if standalone or _ATTACHMENT_HEADER.match(text):
            runs[-1] += 1
        elif runs[-1]:
            runs.append(0)
    return any(0 < run <= _TITLE_LINES for run in runs)


# ----------------------------------------------------------------------------- embedded


def _find_embedded(draft: Draft) -> list[_Embedded]:
    found = []
    front = set(draft.front)
    for index, text in enumerate(draft.paragraphs):
        if index in front:
            continue
        for m in _EMBEDDED.finditer(text):
            number = cn_to_int(m.group(2))
            if number is None or not _embedded_at(text, m.start(), m.end()):
                continue
            found.append(_Embedded(index, m.start(), number, m.group(0), _title_after(text, m.end())))
        for m in _EMBEDDED_TOP.finditer(text):
            before = text[max(0, m.start() - 3):m.start()].rstrip()
            if m.start() == 0 or not before.endswith(_TOP_RUNS_ON_AFTER):
                continue
            number = cn_to_int(m.group(1))
            after = text[m.end():m.end() + 4]
            if not number or len(after) < 4 or not all(is_cjk(c) for c in after) \
                    or enumerates_from(text, m.end(), number):
                continue
            found.append(_Embedded(index, m.start(1), number, m.group(0),
                                   _title_after(text, m.end()), "cn"))
    return found


def _title_after(text: str, end: int) -> str:
    """The heading text that follows a marker, up to punctuation."""
    return re.split(r"[，。；：、,.;:！？!?]", text[end:], maxsplit=1)[0][:30]


def _embedded_at(text: str, start: int, end: int) -> bool:
    """A marker inside running text: an ideograph or a full stop before it (……12份。（二）建强
    基层组织), four ideographs after it. After a colon or a semicolon it is an inline list;
    after 第 it names an item of another text (反馈意见第（三）条)."""
    after = text[end:end + 4]
    before = text[start - 1] if start > 0 else ""
    return ((is_cjk(before) and before != "第") or (before != "" and before in "。！？")) \
        and len(after) == 4 and all(is_cjk(c) for c in after)


def _embedded_findings(draft: Draft, embedded: list[_Embedded]) -> list[Finding]:
    findings = []
    for e in embedded:
        fits = _fits_gap(draft, e, embedded)
        good = standard_marker(e.family, e.number)
        level = "一级" if e.family == "cn" else "二级"
        message = f"段落中间出现标题序号“{e.marker}”，“{e.marker}{e.title}”疑为被并入正文的{level}标题"
        if fits:
            message += f"（与前后的{level}标题序号正好衔接）"
        findings.append(Finding(
            rule="structure.embedded", severity=ERROR if fits else HINT,
            paragraph=e.index + 1, snippet=f"{e.marker}{e.title}", column=e.start + 1,
            message=message,
            suggestion=f"把“{good}{e.title}”另起一段作为标题；如是段内列举，改用“一是”“二是”",
            source=_SOURCE_GBT,
        ))
    return findings


def _fits_gap(draft: Draft, e: _Embedded, embedded: list[_Embedded]) -> bool:
    """Does the embedded marker fill a gap in the numbers of its level (in its section)?
    Other swallowed markers of the level count: 如下一、…… then ……。二、…… then 三、."""
    rank = FAMILY_RANK[e.family]
    items = [(h.index, -1, FAMILY_RANK[h.family], h.number) for h in draft.headings.values()]
    items += [(o.index, o.start, FAMILY_RANK[o.family], o.number) for o in embedded]
    items.sort()
    at = items.index((e.index, e.start, rank, e.number))
    before = after = None
    for index, start, r, number in reversed(items[:at]):
        if r < rank:
            break  # a new section starts
        if r == rank:
            before = number
            break
    for index, start, r, number in items[at + 1:]:
        if r < rank:
            break
        if r == rank:
            after = number
            break
    prev_ok = before == e.number - 1 or (before is None and e.number == 1)
    next_ok = after is None or after == e.number + 1
    return prev_ok and next_ok and (before is not None or after is not None)


# ----------------------------------------------------------------------------- style


def _style(draft: Draft) -> list[Finding]:
    findings = []
    by_family: dict[str, list[Heading]] = {}
    for i in sorted(draft.headings):
        h = draft.headings[i]
        by_family.setdefault(h.family, []).append(h)
    for family, headings in by_family.items():
        label = FAMILY_LABEL[family]
        variants = {}
        for h in headings:
            variants.setdefault(h.variant, []).append(h)
        odd = [h for h in headings if not h.standard]
        if not odd:
            continue
        first = odd[0]
        good = standard_marker(family, first.number)
        if len(variants) > 1:
            shown = "、".join(f"“{hs[0].marker}”" for hs in variants.values())
            message = f"{label}序号写法不一致：{shown}"
        else:
            message = f"{label}序号“{first.marker}”不合规范（共 {len(odd)} 处）"
        findings.append(Finding(
            rule="structure.style", severity=HINT, paragraph=first.index + 1,
            snippet=first.marker, column=1, message=message,
            suggestion=f"统一写作“{good}”的形式", replacement=good, source=_SOURCE_GBT,
        ))
    return findings


# ----------------------------------------------------------------------------- sub-points


def _subpoints(draft: Draft) -> list[Finding]:
    findings = []
    last: dict[str, tuple[int, str, int]] = {}  # suffix → (number, marker, paragraph)
    for index, text in enumerate(draft.paragraphs):
        if index in draft.headings or index in draft.front:
            last.clear()  # a heading opens a new scope
            if index in draft.front:
                continue
        for m in _SUBPOINT.finditer(text):
            if m.group("ord"):
                number, suffix = cn_to_int(m.group("ord")), "第"
            else:
                number, suffix = cn_to_int(m.group("num")), m.group("suffix")
            if number is None or number > 20:
                continue
            marker = m.group(0)
            previous = last.get(suffix)
            if previous is None and number > 1 and suffix != "第":
                first = _sub_marker(suffix, 1)
                findings.append(Finding(
                    rule="structure.subpoint", severity=ERROR, paragraph=index + 1,
                    snippet=marker, column=m.start() + 1,
                    message=f"分项从“{marker}”开始，前面没有“{first}”",
                    suggestion=f"补上“{first}”的内容，或把分项序号依次改正",
                    source="分项序号应从“一是”起连续（一是、二是、三是……）",
                ))
            if number == 1 or previous is None:
                last[suffix] = (number, marker, index)
                continue
            prev_number, prev_marker, prev_index = previous
            if number == prev_number + 1:
                last[suffix] = (number, marker, index)
                continue
            if number > prev_number + 1:
                missing = "、".join(f"“{_sub_marker(suffix, n)}”" for n in range(prev_number + 1, number))
                message = f"分项序号跳号：“{prev_marker}”之后是“{marker}”，缺少{missing}"
            else:
                message = f"分项序号{'重复' if number == prev_number else '顺序错乱'}：“{prev_marker}”之后又是“{marker}”"
            expected = _sub_marker(suffix, prev_number + 1)
            findings.append(Finding(
                rule="structure.subpoint", severity=HINT, paragraph=index + 1,
                snippet=marker, column=m.start() + 1, message=message,
                suggestion=f"改为“{expected}”或补上缺少的分项", replacement=expected,
                related_paragraph=prev_index + 1,
                source="分项序号应连续（一是、二是、三是……）",
            ))
            last[suffix] = (number, marker, index)
    return findings


def _sub_marker(suffix: str, number: int) -> str:
    return f"第{cn_number(number)}" if suffix == "第" else f"{cn_number(number)}{suffix}"
