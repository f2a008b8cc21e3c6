"""Literal needles of a regular expression: plain strings one of which every match contains.

A draft that contains none of a rule's needles cannot match it, so the rule's regex
need not even be compiled: most of the ~200 shipped rules never are for a clean draft.
Needles are worked out once, when a rules file is parsed (and cached with it).

The analysis is conservative: whenever a construct is not understood, or a part of
the pattern can match without any fixed text, the answer is None ("no needles:
always run the regex"), never a needle that could make a real match be skipped.
"""

from __future__ import annotations

import re

try:  # the parser behind re.compile; sre_parse before Python 3.11
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

_C = _sre  # the opcodes (LITERAL, IN, BRANCH …) are re-exported by the parser module
MAX_CLASS = 12  # a class of more characters than this is not worth a needle each
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT} | ({_C.POSSESSIVE_REPEAT} if hasattr(_C, "POSSESSIVE_REPEAT") else set())
_SKIPPED = {_C.AT, _C.ASSERT, _C.ASSERT_NOT}  # take no characters of the match


def needles(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` contains, or None if unknown."""
    try:
        parsed = _sre.parse(pattern)
    except Exception:  # noqa: BLE001 - any surprise means no needles, never a wrong one
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        found = _sequence(list(parsed))
    except Exception:  # noqa: BLE001
        return None
    return tuple(sorted(found)) if found else None


def _sequence(items: list) -> set[str] | None:
    """The best needle set of a sequence: its longest literal run or its best part."""
    candidates: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is _C.LITERAL:
            run += chr(av)
            continue
        if run:
            candidates.append({run})
            run = ""
        if op in _SKIPPED:
            continue
        part = _item(op, av)
        if part:
            candidates.append(part)
    if run:
        candidates.append({run})
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(len(n) for n in s), -len(s)))


def _item(op, av) -> set[str] | None:
    if op is _C.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        if add_flags & re.IGNORECASE:
            return None
        return _sequence(list(body))
    if op is _C.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            part = _sequence(list(alternative))
            if not part:
                return None  # an alternative without fixed text could match anywhere
            union |= part
        return union
    if op is _C.IN:
        if all(kind is _C.LITERAL for kind, _ in av) and len(av) <= MAX_CLASS:
            return {chr(code) for _, code in av}
        return None
    if op in _REPEATS:
        low, _high, body = av
        body = list(body)
        if low < 1:
            return None
        if len(body) == 1 and body[0][0] is _C.LITERAL:  # 。{3,}: the run of three is a needle
            return {chr(body[0][1]) * min(low, 8)}
        return _sequence(body)
    return None
