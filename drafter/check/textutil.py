"""Small text helpers shared by the check rules: CJK classes, sentences."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK unified ideographs (basic block, extension A and compatibility ideographs). Tested
# with ord(), not a regex class: compiling a class this large costs ~2 ms a pattern.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))

# Sentence terminators; a closing quote or bracket right after one belongs to the sentence.
_SENTENCE_RE = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’』」）)]*|$)")


def is_cjk(ch: str) -> bool:
    """True when the first character of ch is a CJK ideograph."""
    if not ch:
        return False
    code = ord(ch[0])
    return any(low <= code <= high for low, high in CJK_RANGES)


def is_subsequence(part: str, whole: str) -> bool:
    """Whether part's characters appear in whole in the same order (县志办 in 某某县地方志办公室)."""
    chars = iter(whole)
    return all(c in chars for c in part)


_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Letters, digits and ideographs only, full-width folded: the text repetition compares.

    Punctuation goes first: folding the full-width commas and stops of Chinese text is what
    makes NFKC slow, and they are dropped anyway (a folded character that turns into
    punctuation, ½ → 1⁄2, is dropped by the second pass)."""
    words = _NOT_ALNUM.sub("", text)
    if unicodedata.is_normalized("NFKC", words):
        return words
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", words))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, terminators included, blanks skipped."""
    spans = []
    for m in _SENTENCE_RE.finditer(text):
        start, end = m.span()
        if end <= start:
            continue
        # trim surrounding whitespace
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def shorten(text: str, limit: int = 30) -> str:
    """Keep a snippet readable: head……tail when longer than limit characters."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head - 1
    return text[:head] + "……" + text[-tail:]


# The documents of a batch share most of their paragraphs: the matches of the checks' fixed
# patterns in a paragraph are kept for the last texts seen (bounded, so memory stays flat).
@lru_cache(maxsize=1024)
def matches_of(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], ...]:
    """Every match of pattern in text (pattern.finditer), kept per text."""
    return tuple(pattern.finditer(text))
