"""Half-width punctuation typed in Chinese text, made full-width: , ; : ? ! ( ) between or
after Chinese characters, a "." ending a Chinese sentence (also after 99.5%), straight quotes
around Chinese words, ... / 。。。 / a lone … as ……, -- as ——. Only where Chinese is on one
side: 3.5, 10:30, 1,000, URLs, English phrases, the "." of a heading number (…。二.存在问题)
and the brackets of a 发文字号 (青政发(2024)3号) are left alone. Every change is returned so
it can be reported."""

from __future__ import annotations

import re
from collections import Counter

from drafter.check.textutil import is_cjk

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# full-width marks that count as "Chinese" on either side of a half-width mark
_CHINESE_MARKS = set("，。、；：？！“”‘’（）《》〈〉【】〔〕…—·")
_HALF_WIDTH = re.compile(r"[,;:?!.]")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)")
_DASH = re.compile(r"-{2,}")
_DOUBLE_QUOTED = re.compile(r'"([^"\n]+)"')
_SINGLE_QUOTED = re.compile(r"'([^'\n]+)'")
_PARENTHESISED = re.compile(r"\(([^()\n]*)\)")
# (2024)3号: the year of a 发文字号, whose brackets become 〔〕 or nothing, never （）
_DOC_NUMBER_YEAR = re.compile(r"\d{4}")
_DOC_NUMBER_TAIL = re.compile(r"\d{1,5}号")
_CN_NUMERALS = set("一二三四五六七八九十")


def chinese(ch: str) -> bool:
    return bool(ch) and (is_cjk(ch) or ch in _CHINESE_MARKS)


def _has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def full_width(text: str) -> tuple[str, Counter[tuple[str, str]]]:
    """The text with its half-width punctuation corrected, and how often each
    (as typed, corrected) pair was changed."""
    changes: Counter[tuple[str, str]] = Counter()
    text = _sub_near_chinese(_ELLIPSIS, text, "……", changes)  # before "." becomes 。
    text = _sub_near_chinese(_DASH, text, "——", changes)
    text = _pairs(_DOUBLE_QUOTED, text, "“", "”", '"…"', changes)
    text = _pairs(_SINGLE_QUOTED, text, "‘", "’", "'…'", changes)
    text = _pairs(_PARENTHESISED, text, "（", "）", "(…)", changes, after_chinese=True)
    text = _marks(text, changes)  # after the pairs: a "." after a corrected ）or ” ends a sentence
    return text, changes


def _marks(text: str, changes: Counter[tuple[str, str]]) -> str:
    """, ; : ? ! after a Chinese character (or between a digit, letter or % and one);
    the spaces typed after a corrected mark go, as a full-width mark carries its own."""
    if not _HALF_WIDTH.search(text):
        return text  # most paragraphs: nothing to look at character by character
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        after = text[i + 1] if i + 1 < len(text) else ""
        before = out[-1] if out else ""
        if ch == "." and _sentence_end(before, after) and not _after_heading_number(out):
            out.append("。")
            changes[".", "。"] += 1
            i += 1
            continue
        if ch in _FULL and (chinese(before) or (before.isascii() and before not in " \t" and before
                                                 and is_cjk(after) and not (ch == ":" and before.isdigit()))):
            out.append(_FULL[ch])
            changes[ch, _FULL[ch]] += 1
            i += 1
            while i < len(text) and text[i] in " \t" and i + 1 < len(text) and not text[i + 1].isspace():
                i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _sentence_end(before: str, after: str) -> bool:
    """A "." typed as a full stop: after Chinese or a percentage (准确率99.5%.), before Chinese,
    a space or the end (not 3.5, not 清河县.docx, not 100%.xlsx)."""
    return (is_cjk(before) or before in "”’）》%％") and (after == "" or after.isspace() or is_cjk(after)
                                                        or after in "“‘（《")


def _after_heading_number(out: list[str]) -> bool:
    """The text so far ends in a Chinese heading number that opens the text or follows a
    sentence: the "." after it belongs to the number (二.存在问题), as check and format read
    "二." as a heading's."""
    digits = 0
    while digits < len(out) and out[-1 - digits] in _CN_NUMERALS:
        digits += 1
    if not 1 <= digits <= 3:
        return False
    opening = len(out) - digits
    return opening == 0 or out[opening - 1] in "。！？；"


def _sub_near_chinese(pattern: re.Pattern[str], text: str, replacement: str,
                      changes: Counter[tuple[str, str]]) -> str:
    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        typed = match.group(0)
        if typed == replacement or not (chinese(before) or chinese(after) or typed[0] == "。"):
            return typed
        changes[typed, replacement] += 1
        return replacement

    return pattern.sub(replace, text)


def _pairs(pattern: re.Pattern[str], text: str, opening: str, closing: str, shown: str,
           changes: Counter[tuple[str, str]], after_chinese: bool = False) -> str:
    """Quotes or brackets whose content is Chinese (brackets also right after Chinese)."""
    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        before = text[match.start() - 1] if match.start() else ""
        if not after_chinese and before.isascii() and before.isalnum():
            return match.group(0)  # an apostrophe: don't, 's
        if _DOC_NUMBER_YEAR.fullmatch(inner) and _DOC_NUMBER_TAIL.match(text, match.end()):
            return match.group(0)
        if _has_cjk(inner) or (after_chinese and chinese(before)):
            changes[shown, opening + "…" + closing] += 1
            return opening + inner + closing
        return match.group(0)

    return pattern.sub(replace, text)


def describe(changes: Counter[tuple[str, str]]) -> list[str]:
    """One note per kind of correction, as the role table shows it."""
    notes = []
    for (typed, corrected), count in changes.items():
        if typed in _FULL or typed == ".":
            note = f"半角“{typed}”改为全角“{corrected}”"
        elif typed[0] in "\"'":
            note = f"直引号{typed}改为{corrected}"
        elif typed[0] == "(":
            note = f"半角括号{typed}改为{corrected}"
        else:
            note = f"“{typed}”改为“{corrected}”"
        notes.append(note + (f"（{count} 处）" if count > 1 else ""))
    return notes
