"""unit.other-name: a draft that names another unit of the unit's own kind as itself — the
title, the speaker's byline (署名), the signature (落款) or a sentence where the unit speaks of
itself (我们杏花村, 杏花村党支部要…) — is another unit's text copied without changing the name.

Only run when the unit's name is given. Names are compared by their stem (杏花村民委员会 →
杏花, 某某县统计局 → 某某县统计): a stem that is a subsequence of one of the unit's own
(县志 of 某某县地方志) is taken for the unit itself, as an abbreviation is. Merely mentioning
a neighbour (杏花村蜜桃合作社, 向杏花村学习) is never reported: a false alarm on a correct
draft costs more than a miss.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple

from drafter.unit_types import kind_from_name
from drafter.check.document import Draft
from drafter.check.findings import ERROR, Finding
from drafter.check.textutil import is_cjk, is_subsequence
from drafter.unit_types import UNIT_TYPES

RULE = "unit.other-name"
SOURCE = "文稿中的单位名称须是本单位的名称（标题、落款、自述）"

# A name's party organisation or 中共 around it: 中共杏花村(总)支部委员会, 杏花村党支部 → 杏花村
_PARTY_WRAP = re.compile(r"^(?:中共)?(?P<unit>.+?)(?:党?(?:总支部?|支部)(?:委员会)?|党[工]?委(?:员会)?|党组|委员会)?$")
# Full-name endings whose kind word is not at the end (村民委员会 → 村); the kind then
# comes from drafter.check.context.kind_from_name.
_ENDINGS = ("村民委员会", "村委会", "居民委员会", "居委会", "街道办事处", "人民政府", "办公室")
_LEADING = ("关于", "中共")
# Words ending in a kind word that are no unit's name (农村, 大局, 开发区 …); not 新 (杏花新村,
# 某某新区) nor 政, 分 (财政局, 公安分局). Plain suffix tests: compiling them as one pattern
# cost every render about 1 ms.
_GENERIC = {
    "村": ("农", "乡", "行政", "自然", "示范", "重点", "试点", "贫困", "先进", "城中", "空心", "文明", "美丽", "和美",
          "宜居", "特色", "传统", "兄弟", "周边", "邻", "各", "全", "每", "本", "该", "此", "其他", "我", "我们"),
    "局": ("格", "布", "大", "全", "开", "结", "当", "时", "变", "破", "僵", "残", "骗", "饭", "棋", "各", "本", "该"),
    "区": ("开发", "园", "景", "片", "辖", "城", "山", "库", "示范", "试验", "保护", "功能", "街", "校", "小", "管", "牧",
          "矿", "灾", "老", "特", "市", "郊", "县", "各", "全", "本", "该"),
}


def _generic(name: str) -> bool:
    return any(name.endswith(word + kind) for kind, words in _GENERIC.items() if name.endswith(kind) for word in words)


def _ideographs(text: str) -> bool:
    return bool(text) and all(map(is_cjk, text))


MIN_STEM, MAX_STEM = 2, 8


class UnitName(NamedTuple):
    stem: str  # 杏花
    kind: str  # 村
    short: str  # 杏花村 (the stem with its kind word), as the message names the unit


@lru_cache(maxsize=1024)
def parse_name(name: str) -> UnitName | None:
    """The stem and kind of a unit's name; None when it is no unit's name of a known kind."""
    name = name.strip()
    for lead in _LEADING:
        name = name.removeprefix(lead)
    m = _PARTY_WRAP.match(name)
    unit = m.group("unit") if m else name
    for candidate in (unit, name):
        parsed = _stem_and_kind(candidate)
        if parsed is not None:
            return parsed
    return None


def _stem_and_kind(name: str) -> UnitName | None:
    kind = kind_from_name(name)
    if kind is None or not _ideographs(name) or _generic(name):
        return None
    core = next((name[: -len(e)] for e in _ENDINGS if name.endswith(e)), name)
    if core == name and not name.endswith(kind):
        return None  # 某某中学, 某某局党组: no stem to compare by
    stem = core.removesuffix(kind)  # 某某镇人民政府: 某某镇 → 某某
    if not MIN_STEM <= len(stem) <= MAX_STEM:
        return None
    # 杏花村民委员会 → 杏花村, 某某街道办事处 → 某某街道; a name with its kind word stays
    short = core if core == name or core.endswith(kind) else stem + kind
    return UnitName(stem, kind, short)


class OwnUnit(NamedTuple):
    kind: str
    stems: tuple[str, ...]
    shown: str  # 桃园村 for 桃园村民委员会: the name the messages give
    full: str

    def is_self(self, other: UnitName) -> bool:
        return any(is_subsequence(other.stem, s) or is_subsequence(s, other.stem) for s in self.stems)

    def is_other(self, other: UnitName | None) -> bool:
        return other is not None and other.kind == self.kind and not self.is_self(other)


def own_unit(resolved) -> OwnUnit | None:
    """The unit as given (its name and short name), or None when no name was given."""
    ctx = resolved.ctx
    names = [n for n in (ctx.unit_name, ctx.unit_short_name) if n]
    if not names or resolved.kind is None:
        return None
    parsed = [p for p in (parse_name(n) for n in names) if p is not None]
    stems = tuple(p.stem for p in parsed) + tuple(n for n in names if _ideographs(n))
    shown = ctx.unit_short_name or (parsed[0].short if parsed else names[0])
    return OwnUnit(resolved.kind, stems, shown, names[0])


# --------------------------------------------------------------------------- where names are


class Place(NamedTuple):
    index: int
    start: int
    name: str
    where: str  # 标题 / 署名 / 落款 / 正文
    sure: bool = True  # False: the name may be a partner's unless the title or signature has it


def _title_name(draft: Draft) -> Iterator[Place]:
    from drafter.check.unit import title_unit

    named = title_unit(draft)
    if named is None:
        return
    name, start = named.name, named.start
    for lead in _LEADING:
        if name.startswith(lead):
            name, start = name[len(lead):], start + len(lead)
    yield Place(draft.front[0], start, name, "标题")


# A byline: the speaker's unit and post, then the name after a space (清河县财政局党组书记、局长  王建国)
_BYLINE = re.compile(r"^(?P<post>\S{3,30}?)\s+\S{2,4}$")
# What follows the unit's name in a byline: its party organisation or a post (局长, 镇长 …)
_AFTER_BYLINE_UNIT = ("党", "副", "书记", "主任", "委员", "常委", "主席", "调研员")


def _byline_names(draft: Draft) -> Iterator[Place]:
    """The unit that opens the speaker's byline, read as the title's."""
    for index in draft.front[1:]:
        m = _BYLINE.match(draft.paragraphs[index])
        if m is None:
            continue
        post = m.group("post")
        for end in range(2, len(post)):
            rest = post[end:]
            if (rest.startswith(_AFTER_BYLINE_UNIT) or rest[1:2] == "长") and parse_name(post[:end]) is not None:
                yield Place(index, 0, post[:end], "署名")
                break


SIGNATURE_LINES = 3
SIGNATURE_CHARS = 25


def _signature_names(draft: Draft) -> Iterator[Place]:
    """A line of its own near the end that is a unit's name: the signature."""
    count = len(draft.paragraphs)
    for index in range(max(len(draft.front), count - SIGNATURE_LINES), count):
        text = draft.paragraphs[index]
        if len(text) <= SIGNATURE_CHARS and _ideographs(text):
            yield Place(index, 0, text, "落款")


# The unit speaking of itself by name: 我们杏花村; a clause that opens with the name and its
# party organisation and goes on with what it will do (杏花村党支部要…), or with whose
# leadership it works under (杏花村在镇党委的坚强领导下). A clause that opens with the bare
# name and what it will do (杏花村将…) may speak of a partner: it counts only when the title or
# the signature names the same unit.
_NAME = r"[^\W\d_A-Za-z]{2,8}?"  # letters that are not ASCII: ideographs (a CJK range costs re ~1 ms to compile)
_ORGS = r"党支部|党总支|党委|党工委|党组|两委|村委会|村民委员会|居委会|社区居委会"
_CLAUSE_NAME = (rf"(?:^|(?<=[，。；：！？]))(?P<name>{_NAME})(?P<org>{_ORGS})?"
                r"(?=(?P<led>在[^，。；]{0,12}领导下)|要|将|必须|始终|一定要)")


# Where the body's name starts is a guess: a pronoun or a function word in it (我们街道,
# 各学院, 街道对社区) shows the guess took more than a name.
_NOT_IN_A_NAME = frozenset("我们你他各全本该此每其这那个些对和与及并或的地得在把向为将要是了等同跟给从以被让使也都还就又再才所")


@lru_cache(maxsize=1)
def _we_name() -> re.Pattern[str]:
    """我们 + a name ending in a kind word (我们杏花村, 我们某某县统计局). Not 我 alone: after it
    comes a verb (我代表镇党委, 我带领村两委) or our jurisdiction (我县统计局), no name."""
    kinds = "|".join(re.escape(k) for k in sorted(UNIT_TYPES, key=len, reverse=True))
    return re.compile(rf"我们(?P<name>{_NAME}(?:{kinds}))")


# Verbs people put before a unit they go to, lead or stand for (我们走进杏花村, 带领村两委要…):
# a "name" that starts with one is a verb and its object, no name.
_VERBS_BEFORE_A_UNIT = (
    "代表", "主持", "分管", "兼任", "担任", "负责", "带领", "带动", "牵头", "回到", "返回", "联系", "来到", "走进",
    "走访", "深入", "扎根", "服务", "包保", "挂钩", "帮扶", "对口", "协助", "配合", "支持", "指导", "督导", "调研",
    "考察", "参观", "参加", "出席", "组织", "召集", "统筹", "领导", "蹲点", "包联", "驻",
)
# After 我们 a single character may be the verb too (我们到杏花村, 我们赴石门镇): a real place
# that starts with one (来凤县) is then missed, which costs less than a false alarm.
_VERBS_AFTER_WE = ("到", "赴", "去", "来", "回", "进")
# A jurisdiction's word at the start is ours, then another unit in it (我们县统计局, 我们镇杏花村).
_JURISDICTION_FIRST = ("县", "区", "市", "乡", "镇", "街道")


def _is_a_name(name: str, after_we: bool) -> bool:
    if _NOT_IN_A_NAME.intersection(name) or name.startswith(_VERBS_BEFORE_A_UNIT):
        return False
    return not (after_we and name.startswith(_VERBS_AFTER_WE + _JURISDICTION_FIRST))


# A sentence that holds a neighbour up as a model (值得我们学习, 向石门镇学习, 兄弟乡镇的好经验)
# speaks of that unit, not as it: 石门镇在县委的坚强领导下…，值得我们学习.
_PRAISE = r"值得|借鉴|兄弟|看齐|取经|榜样|标杆|先进经验|好经验|成功经验|好做法|向[^。！？；]*学习"  # compiled on first use
_SENTENCE_ENDS = "。！？；!?;"


def _sentence_at(text: str, at: int) -> str:
    start = max(text.rfind(c, 0, at) for c in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(c, at) for c in _SENTENCE_ENDS) if i != -1]
    return text[start:min(ends) if ends else len(text)]


def _body_names(draft: Draft) -> Iterator[Place]:
    for index in draft.body_indices:
        for start, name, sure in _names_in(draft.paragraphs[index]):
            yield Place(index, start, name, "正文", sure)


@lru_cache(maxsize=1024)
def _names_in(text: str) -> tuple[tuple[int, str, bool], ...]:
    """(start, name, sure) of the names a paragraph speaks of itself by; kept per text, as the
    checker's other per-paragraph results: a batch renders one base text for many units."""
    found = [(m, True) for m in _we_name().finditer(text) if _is_a_name(m.group("name"), after_we=True)]
    found += [(m, bool(m.group("org") or m.group("led"))) for m in re.finditer(_CLAUSE_NAME, text)
              if _is_a_name(m.group("name"), after_we=False)]
    found.sort(key=lambda pair: pair[0].start("name"))
    return tuple((m.start("name"), m.group("name"), sure) for m, sure in found
                 if not re.search(_PRAISE, _sentence_at(text, m.start("name"))))


# --------------------------------------------------------------------------- findings


def check(draft: Draft, resolved) -> list[Finding]:
    own = own_unit(resolved)
    if own is None or own.kind not in UNIT_TYPES:
        return []
    findings = []
    named_others: set[str] = set()  # stems of the other units the title, byline and signature name
    for place in [*_title_name(draft), *_byline_names(draft), *_signature_names(draft)]:
        other = parse_name(place.name)
        if own.is_other(other):
            named_others.add(other.stem)
            findings.append(_finding(place, own))
    reported: set[int] = set()
    for place in _body_names(draft):
        other = parse_name(place.name)
        if place.index in reported or not own.is_other(other):
            continue  # one finding a paragraph is enough to send the reader there
        if place.sure or other.stem in named_others:
            reported.add(place.index)
            findings.append(_finding(place, own))
    return findings


def _finding(place: Place, own: OwnUnit) -> Finding:
    snippet = place.name
    if place.where == "正文":
        message = f"正文以“{snippet}”自称，不是本单位“{own.shown}”，疑为照搬其他单位的文稿"
    else:
        message = f"{place.where}中的“{snippet}”不是本单位“{own.shown}”，疑为照搬其他单位的文稿"
    replacement = own.full if place.where == "落款" else own.shown
    return Finding(
        rule=RULE, severity=ERROR, paragraph=place.index + 1, snippet=snippet, column=place.start + 1,
        message=message, suggestion=f"改为本单位名称“{replacement}”", replacement=replacement,
        source=SOURCE,
    )
