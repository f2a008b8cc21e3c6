"""Unit consistency (unit.*): self-references, party organisations and trade words that do
not fit the unit — the traces of a draft copied from another unit's text.

- unit.self-ref   我街道 / 本局 / 我们村 … whose kind is not the unit's kind
- unit.org        a party organisation that cannot exist (街道党组) or that the unit lacks
- unit.trade      a trade's 事业/系统/行业 (环卫事业) that the unit's name does not cover
- unit.scope      全区 / 全乡 … in the text of a unit of another level (a 镇 that says 全乡, or
                  that carries out 全区 work)
- unit.seat       县 words (全县, 县委, 县政府, 县直) in the text of a unit in a 区, or the reverse
                  (河西区审计局 copying a county bureau's 在县委、县政府的领导下)
- unit.title      a title naming another kind of unit than the body (乡镇…汇报 over a 办's text)
- unit.other-name another unit of the same kind named as the unit itself (check/othername.py)
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

import re
from functools import lru_cache

from drafter.check import othername
from drafter.check.document import Draft
from drafter.check.findings import ERROR, HINT, Finding
from drafter.unit_types import kind_from_name
from drafter.check.rules import RuleSet
from drafter.check.textutil import is_cjk, matches_of
from drafter.unit_types import UNIT_TYPES

# Administrative levels of the territorial kinds; the others (局, 办 …) have none.
LEVEL = {"市": 3, "县": 2, "区": 2, "乡": 1, "镇": 1, "街道": 1, "村": 0, "社区": 0}
# Jurisdictions a unit below them may call its own: a 镇 or a 局 says 我县, a 街道 says 我区.
JURISDICTIONS = {"县", "区", "市"}
TOWNSHIPS = {"乡", "镇", "街道"}


class SelfRef(NamedTuple):
    index: int  # paragraph, 0-based
    start: int
    end: int
    text: str  # 我街道
    prefix: str  # 我 / 本 / 我们
    kind: str  # 街道


@lru_cache(maxsize=1)
def _word_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """Regex over 我/我们/本 + kind word, and kind word → kind (校 and 学校 → 学校)."""
    words: dict[str, str] = {}
    for kind, info in UNIT_TYPES.items():
        words[info.self_ref[1:]] = kind
        words.setdefault(kind, kind)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(我们|我|本)({alternatives})"), words


def find_self_refs(draft: Draft, rules: RuleSet) -> list[SelfRef]:
    regex, words = _word_table()
    data = rules.self_ref
    refs = []
    front = draft.front  # a batch's documents differ there: not kept per text
    for index, text in enumerate(draft.paragraphs):
        for m in (regex.finditer(text) if index in front else matches_of(regex, text)):
            prefix, word = m.group(1), m.group(2)
            kind = words[word]
            before = text[m.start() - 1] if m.start() > 0 else ""
            if prefix == "本":
                if kind not in data.ben_kinds or before in data.ben_not_preceded_by:
                    continue
            elif before in data.not_preceded_by:
                continue
            follow = data.follow_re(kind)
            if follow is not None and follow.match(text, m.end()):
                continue
            refs.append(SelfRef(index, m.start(), m.end(), m.group(0), prefix, kind))
    return refs


def own_form(prefix: str, kind: str) -> str:
    """The self-reference of `kind` written with the same prefix: 我街道 → 我村, 本局 → 本村."""
    info = UNIT_TYPES[kind]
    if prefix == "我们":
        return f"我们{kind}"
    return prefix + info.self_ref[1:]


def judge(token_kind: str, unit_kind: str, unit_name: str | None) -> str | None:
    """Severity when a text of unit_kind refers to itself as token_kind, None when it fits."""
    if token_kind == unit_kind:
        return None
    if token_kind in JURISDICTIONS:
        unit_level = LEVEL.get(unit_kind)
        if unit_level is None or unit_level < LEVEL[token_kind]:
            return None  # the jurisdiction the unit belongs to
        return ERROR
    severity = ERROR
    if token_kind in TOWNSHIPS and unit_kind not in LEVEL:
        severity = HINT  # an office of a 镇 may say 我镇
    if unit_name and token_kind in unit_name:
        severity = HINT  # XX街道XX社区 may speak of its 街道
    return severity


def _self_ref_findings(draft: Draft, resolved, rules: RuleSet, refs: list[SelfRef]) -> list[Finding]:
    ambiguous = rules.self_ref.ambiguous
    findings = []
    kind = resolved.kind
    if kind is not None:
        for ref in refs:
            if ref.kind in ambiguous and ref.kind != kind:
                continue
            severity = judge(ref.kind, kind, resolved.ctx.unit_name)
            if severity is None:
                continue
            own = own_form(ref.prefix, kind)
            unit = f"单位“{resolved.ctx.unit_name}”的类型“{kind}”" if resolved.ctx.unit_name else f"单位类型“{kind}”"
            findings.append(Finding(
                rule="unit.self-ref", severity=severity, paragraph=ref.index + 1,
                snippet=ref.text, column=ref.start + 1,
                message=f"“{ref.text}”与{unit}不符",
                suggestion=f"建议改为“{own}”", replacement=own,
                source="单位自称须与本单位类型一致（单位类型表 drafter/unit_types.py）",
            ))
        return findings

    # No unit data: the dominant self-reference decides, the others are hints.
    counted = [r for r in refs if r.kind not in ambiguous and r.kind not in JURISDICTIONS]
    if not counted:
        return []
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for n, ref in enumerate(counted):
        counts[ref.kind] = counts.get(ref.kind, 0) + 1
        first.setdefault(ref.kind, n)
    dominant = max(counts, key=lambda k: (counts[k], -first[k]))
    for ref in counted:
        if ref.kind == dominant or judge(ref.kind, dominant, None) is None:
            continue
        own = own_form(ref.prefix, dominant)
        findings.append(Finding(
            rule="unit.self-ref", severity=HINT, paragraph=ref.index + 1,
            snippet=ref.text, column=ref.start + 1,
            message=(f"“{ref.text}”与文中主要的自称“{UNIT_TYPES[dominant].self_ref}”"
                     f"（{counts[dominant]} 处）不一致"),
            suggestion=f"建议改为“{own}”（如单位类型不是“{dominant}”，请用 --kind 指定）",
            replacement=own,
            source="未提供单位资料，按文中出现最多的自称推断单位类型",
        ))
    return findings


def inferred_kind(refs: list[SelfRef], rules: RuleSet) -> str | None:
    counted = [r.kind for r in refs
               if r.kind not in rules.self_ref.ambiguous and r.kind not in JURISDICTIONS]
    if not counted:
        return None
    return max(set(counted), key=lambda k: (counted.count(k), -counted.index(k)))


_PARTY_ORGS = "党组|党委|党工委|党支部|党总支"


def _org_findings(draft: Draft, resolved, rules: RuleSet, kind: str | None) -> list[Finding]:
    findings = []
    no_group = rules.no_party_group
    if not no_group:
        return findings
    # longest first; ties by text, so the pattern is the same in every run (a set's order is not)
    words = "|".join(re.escape(w) for w in sorted(no_group, key=lambda w: (-len(w), w)))
    compound = re.compile(f"({words})党组(?!织)")
    bare = re.compile("党组(?!织)")  # both compiled once, then taken from re's cache
    own_org = None
    if kind is not None:
        own_org = resolved.party_org if resolved.party_org_given else UNIT_TYPES[kind].party_org
    for index, text in enumerate(draft.paragraphs):
        spans = []
        if "党组" not in text:
            continue  # every match of both patterns contains it
        for m in matches_of(compound, text):
            word = m.group(1)
            spans.append(m.span())
            if kind is not None and kind != word and not (word == "乡镇" and kind in ("乡", "镇")):
                who = (f"本单位为“{kind}”" if resolved.kind else
                       f"按文中自称推断本单位为“{kind}”")
                advice = f"{who}，应为“{kind}{own_org}”等本单位党组织" if own_org else ""
                replacement = f"{kind}{own_org}" if own_org and kind in LEVEL else None
            else:
                proper = own_org if word == kind and own_org else (
                    UNIT_TYPES[word].party_org if word in UNIT_TYPES else "党委")
                advice = f"{word}设“{proper}”"
                replacement = f"{word}{proper}" if word in UNIT_TYPES else None
            findings.append(Finding(
                rule="unit.org", severity=ERROR, paragraph=index + 1, snippet=m.group(0),
                column=m.start() + 1,
                message=f"“{m.group(0)}”：{word}不设党组，疑为照搬其他单位的文稿",
                suggestion=f"核对并改正（{advice}）" if advice else "核对并改正",
                replacement=replacement,
                source="《中国共产党党组工作条例》：党组设在国家机关、人民团体、经济组织、文化组织、社会组织等的领导机关中",
            ))
        if kind is None or kind not in no_group or resolved.party_org_given and "党组" in (resolved.party_org or ""):
            continue
        for m in matches_of(bare, text):
            if any(s <= m.start() < e for s, e in spans):
                continue
            findings.append(Finding(
                rule="unit.org", severity=HINT, paragraph=index + 1, snippet=m.group(0),
                column=m.start() + 1,
                message=f"单位类型“{kind}”不设党组，文中的“党组”疑为照搬其他单位的文稿",
                suggestion=f"核对并改为本单位党组织（{kind}{own_org}）" if own_org else "核对并改正",
                replacement=f"{kind}{own_org}" if own_org else None,
                source="《中国共产党党组工作条例》：党组设在国家机关、人民团体、经济组织、文化组织、社会组织等的领导机关中",
            ))
            break  # once per paragraph is enough
    return findings


def _trade_findings(draft: Draft, resolved, rules: RuleSet, kind: str | None) -> list[Finding]:
    names = [n for n in (resolved.ctx.unit_name, resolved.ctx.unit_short_name) if n]
    if not names and kind not in ("村", "社区"):
        return []  # without a name only villages and communities are sure to have no trade
    findings = []
    draft_text = "\n".join(draft.paragraphs)
    who = f"单位“{names[0]}”" if names else f"单位类型“{kind}”"
    scope = UNIT_TYPES[kind].whole if kind else ""
    example = f"（如“{scope}各项事业”）" if scope else ""
    for trade in rules.trades:
        if not trade.may_match(draft_text) or any(word in name for name in names for word in trade.unit_words):
            continue
        pattern = trade.pattern
        for index, text in enumerate(draft.paragraphs):
            for m in matches_of(pattern, text):
                findings.append(Finding(
                    rule="unit.trade", severity=trade.severity, paragraph=index + 1,
                    snippet=m.group(0), column=m.start() + 1,
                    message=f"“{m.group(0)}”与{who}的职能不符，疑为照搬其他单位的文稿",
                    suggestion=f"改为本单位的工作{example}",
                    source=trade.source,
                ))
    return findings


# --------------------------------------------------------------------------- title


# 委 is left out: in a title it is mostly 党委, 党工委, 县委 (whose kind the name does not tell).
_KIND_WORDS = "乡镇|街道|社区|中心|学校|公司|" + "|".join(k for k in UNIT_TYPES if len(k) == 1 and k != "委")
# A unit's name in a title: up to ten ideographs (U+4E00–U+9FFF) before a kind word, up to
# what follows it there (a year, 关于, the period, the subject). The ideographs are counted
# in plain code (title_unit_span): a regex class over their range costs ~1.5 ms to compile.
_TITLE_KIND = re.compile(
    rf"(?P<kind>{_KIND_WORDS})"
    r"(?:党?总支部?委员会|党?支部委员会|党委|党组|党工委|党支部|党总支|委员会)?(?:副?书记)?"
    r"(?=(?:19|20)\d\d\s*年|关于|上半年|下半年|第?[一二三四]季度|年度|意识形态|党建|党风|"
    r"全面从严|工作|述职|$)")
_KIND_FIRST = frozenset(word[0] for word in _KIND_WORDS.split("|"))
NAME_IDEOGRAPHS = 10


def title_unit_span(title: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the first unit name in title[:end], as a leftmost regex search for
    `[\u4e00-\u9fff]{0,10}?(?:kind word)` followed by _TITLE_KIND's context finds it: the
    earliest start wins, then the nearest kind word."""
    best: tuple[int, int] | None = None
    for at in range(end):
        if title[at] not in _KIND_FIRST:
            continue
        m = _TITLE_KIND.match(title, at, end)
        if m is None:
            continue
        start = at
        while start > 0 and at - start < NAME_IDEOGRAPHS and "\u4e00" <= title[start - 1] <= "\u9fff":
            start -= 1
        if best is None or start < best[0]:
            best = (start, m.end("kind"))
    return best


# 某某村党支部书记在全镇……会议上的讲话: the unit after 在 holds the meeting, not the speaker's
_AT_MEETING = re.compile("在[^，。]*会")


class TitleUnit(NamedTuple):
    kind: str  # a key of UNIT_TYPES, or 乡镇
    name: str  # as written in the title: 柳湾村, 乡镇
    start: int


# A party organisation's name is its unit's and an ending (中共清河县第二中学委员会): 委员会 only
# after 中共, as other committees (居民委员会, 常务委员会) are units of their own.
_PARTY_ENDINGS = ("党总支部委员会", "党支部委员会", "总支部委员会", "支部委员会", "总支委员会", "党工委", "党总支",
                  "党支部", "党委", "党组")


def title_unit(draft: Draft) -> TitleUnit | None:
    """The unit the title names (柳湾村一季度…汇报 → 村, 乡镇意识形态工作汇报 → 乡镇, 中共柳湾村
    支部委员会关于…的报告 → 村)."""
    if not draft.front:
        return None
    title = draft.paragraphs[draft.front[0]]
    party = title.startswith("中共")
    offset = 2 if party else 0  # 中共 is read past: a ten-ideograph name would lose its start
    at = _AT_MEETING.search(title, offset)
    span = title_unit_span(title[offset:], (at.start() if at else len(title)) - offset)
    if span is None:
        return None
    start, name = span[0] + offset, title[span[0] + offset:span[1] + offset]
    name = _without_party_ending(name, party)
    kind = "乡镇" if name == "乡镇" else kind_from_name(name) or (name if name in UNIT_TYPES else None)
    return TitleUnit(kind, name, start) if kind else None


def _without_party_ending(name: str, party: bool) -> str:
    endings = _PARTY_ENDINGS + ("委员会",) if party else _PARTY_ENDINGS
    ending = next((e for e in endings if name.endswith(e) and len(name) > len(e) + 1), "")
    return name[: len(name) - len(ending)]


def _same_kind(title: str, body: str) -> bool:
    return title == body or (title == "乡镇" and body in ("乡", "镇"))


def _title_findings(draft: Draft, resolved, refs: list[SelfRef], rules: RuleSet,
                    named: TitleUnit | None) -> list[Finding]:
    """The title's unit against the body's: the kind given, or the body's own self-references."""
    if named is None:
        return []
    body = resolved.kind
    if body is None:
        body_refs = [r for r in refs if r.index not in draft.front]
        body = inferred_kind(body_refs, rules)
        if body is None or sum(r.kind == body for r in body_refs) < 2:
            return []  # one self-reference is too little to say what the body is
    if _same_kind(named.kind, body) or (named.kind in JURISDICTIONS
                                        and judge(named.kind, body, None) is None):
        return []
    return [Finding(
        rule="unit.title", severity=ERROR, paragraph=draft.front[0] + 1,
        snippet=named.name, column=named.start + 1,
        message=f"标题中的“{named.name}”（{named.kind}）与正文的单位类型“{body}”不符，疑为照搬其他单位的文稿",
        suggestion="把标题改为本单位的名称",
        source="标题应写明本单位名称（GB/T 9704—2012《党政机关公文格式》7.3.2：标题由发文机关名称、事由和文种组成）",
    )]


# --------------------------------------------------------------------------- scope


# Only units with a level (县, 镇, 村 …) are checked for scope words, and the other two only
# where one is found: re compiles these three on first use, not at every start.
# 安全、完全、健全、保全 … are words of their own (确保全区 is not 保全)
_SCOPE = "(?<![安完健齐周成顾求万])(?<![^确]保)全(街道|社区|区|县|市|镇|乡|村)"
# Words after 全X in its clause that make it the higher level's own business: its meeting,
# its ranking, its arrangements (落实全区意识形态工作会议精神, 在全县排名第一).
# Its meetings held at the unit (全镇…现场推进会在我村召开) and its counts of units (全区共有12个
# 街道, 全县有14个乡镇) are the higher level's too.
_HIGHER_OWN = ("会议|精神|部署|要求|安排|统一|排名|前列|第[一二三四五六七八九十]|表彰|评为|"
               "先进|考核|推广|通报|范围|大局|各[乡镇街村社局部单]|上下|组织的|举办的|开展的|"
               "(?:现场|观摩|推进|动员|调度|座谈|交流|培训|部署)会|会[在于]|"
               "有[0-9一二三四五六七八九十百千两]+[多余]?个(?:行政村|自然村|村|社区|街道|乡镇|乡|镇|县|区|市)")
# Verbs before 全X by which a unit takes the higher level's work as its own.
_DOING = "(?:开展|推进|落实|加强|抓好|做好|推动|确保|动员|带领|引领|营造|提升|提高|促进|凝聚)[^，。；：]{0,3}$"


def _clause(text: str, start: int, end: int, stops: str = "，。；：！？") -> tuple[str, str]:
    """The text of the clause (with stops "。；！？": the sentence) before start and after end."""
    lo = max(text.rfind(c, 0, start) for c in stops) + 1
    his = [i for i in (text.find(c, end) for c in stops) if i != -1]
    return text[lo:start], text[end:min(his) if his else len(text)]


_SENTENCE_STOPS = "。；！？"


def _higher_spoken_of(text: str, m: re.Match[str], kind: str) -> bool:
    """全X of a higher level spoken of as the higher level's own: its meeting, ranking, counts, or
    a sentence in which the unit then speaks of itself (全镇共有18个行政村，我村人口最多)."""
    before, after = _clause(text, m.start(), m.end())
    taken_as_own = re.search(_DOING, before) or not before.strip()
    if re.search(_HIGHER_OWN, after) or not taken_as_own:
        return True
    rest = _clause(text, m.start(), m.end(), _SENTENCE_STOPS)[1]
    own = UNIT_TYPES[kind].self_ref
    return any(word in rest for word in (own, "我们" + kind, "本" + own[1:]))


# A clause that opens with these before the kind word is no named unit (我认真履行乡党委书记职责).
_NOT_A_NAMED_UNIT = frozenset("我们本全该其这此每各在把对向")


# What a named unit that is a clause's subject goes on with: 青山镇要…, 柳湾村党支部在…领导下
_SUBJECT_GOES_ON = r"(?:党支部|党总支|党委|党工委|两委|村委会|居委会)?(?:要|将|必须|始终|一定要|在[^，。；]{0,12}领导下)"


def _lower_one_named(text: str, m: re.Match[str]) -> bool:
    """全X of a lower level in a sentence that a named X or 各X opens a clause of (青山镇要…带动
    全镇18个村, 各村要…把全村的产业规划做实): it speaks of that unit, not the unit's own scope."""
    token = m.group(1)
    before = _clause(text, m.start(), m.end(), _SENTENCE_STOPS)[0]
    words = (token, "乡镇") if token in ("乡", "镇") else (token,)
    for word in words:
        at = before.find(word)
        while at != -1:
            lo = max(before.rfind(c, 0, at) for c in "，、：") + 1
            opener = before[lo:at]
            if opener == "各":
                return True
            parsed = othername.parse_name(opener + word) if all(map(is_cjk, opener)) else None
            if (parsed is not None and parsed.kind == token and not _NOT_A_NAMED_UNIT.intersection(opener)
                    and re.compile(_SUBJECT_GOES_ON).match(before, at + len(word))):
                return True
            at = before.find(word, at + 1)
    return False


def _scope_findings(draft: Draft, resolved, rules: RuleSet, kind: str | None) -> list[Finding]:
    if kind is None or kind not in LEVEL:
        return []  # an office of a county says 全县, and so may any unit without a level
    own = UNIT_TYPES[kind].whole
    findings = []
    for index in draft.body_indices:
        text = draft.paragraphs[index]
        for m in matches_of(re.compile(_SCOPE), text):
            token = m.group(1)
            follow = rules.self_ref.follow_re(token)
            if token == kind or (follow is not None and follow.match(text, m.end())):
                continue
            # The jurisdiction above may be spoken of as such; not taken as the subject of the
            # unit's own sentence (全镇党员干部积极参与 in a 村's report) or of its own work.
            if LEVEL[token] > LEVEL[kind] and _higher_spoken_of(text, m, kind):
                continue
            if LEVEL[token] < LEVEL[kind] and _lower_one_named(text, m):
                continue
            findings.append(Finding(
                rule="unit.scope", severity=ERROR, paragraph=index + 1,
                snippet=m.group(0), column=m.start() + 1,
                message=f"“{m.group(0)}”与本单位类型“{kind}”不符，疑为照搬其他单位的文稿",
                suggestion=f"建议改为“{own}”", replacement=own,
                source="文稿所说的范围须是本单位的范围（单位类型表 drafter/unit_types.py）",
            ))
    return findings


# --------------------------------------------------------------------------- seat


# 县 and 区 are the same rank: a unit of one never speaks of the other as its own. Only these
# words, and only where they begin a word (not 社区委员会, 开发区, 清河县委 — a named county).
# Plain code rather than patterns: a class over the CJK range costs re about 1 ms to compile.
_OTHER_SEAT = {"县": "区", "区": "县"}
_NOT_A_SEAT = frozenset("社园景城辖片小学地山新发")  # 社区, 园区, 开发区 … are no 区
_SEAT_SUFFIXES = ("委", "人民政府", "政府", "直")
_WORD_STARTERS = frozenset("在向和与及按照经由对受据为把将从给让使是的了合同报请到赴")  # 在县委…, 配合县直…, 报县政府…
# Two-character verbs whose last character may also end a place's name (落实县委部署, 通过县政府门户网站)
_STARTER_VERBS = ("落实", "通过", "协调", "贯彻", "服从", "提请", "报请", "呈报", "上报", "报送", "汇报", "请示",
                  "争取", "参加", "出席", "陪同", "代表", "邀请")
_NOT_WHOLE = frozenset("安完健齐周成顾求万")  # 安全区 … as _SCOPE; 保全 unless 确保全


def seat_of(name: str) -> str:
    """河西区 of 河西区审计局: the county or district its name begins with ("" when none)."""
    for end in range(2, min(5, len(name))):
        if name[end] in _OTHER_SEAT and name[end - 1] not in _NOT_A_SEAT and all(map(is_cjk, name[:end])):
            return name[:end + 1]
    return ""


def _seat_words(text: str, level: str) -> Iterator[tuple[int, str]]:
    """(position, word) of 全县, 县委, 县政府, 县人民政府, 县直 standing alone in text (level 县)."""
    at = text.find(level)
    while at != -1:
        before = text[at - 1] if at else ""
        if before == "全":
            lead, second = text[at - 2:at - 1], text[at - 3:at - 2]
            if lead not in _NOT_WHOLE and not (lead == "保" and second != "确"):
                yield at - 1, "全" + level
        elif not is_cjk(before) or before in _WORD_STARTERS or text.endswith(_STARTER_VERBS, 0, at):
            suffix = next((s for s in _SEAT_SUFFIXES if text.startswith(s, at + 1)), "")
            if suffix and not text.startswith("委员", at + 1) and not _former(text, at, level):
                yield at, level + suffix
        at = text.find(level, at + 1)


_SEPARATORS = "、和与及"


def _former(text: str, at: int, level: str) -> bool:
    """True when the word at `at` is in an enumeration that begins with 原 (撤县设区前，原县委、
    县政府…): the bodies before the county became a district, rightly named as they were."""
    lo = max(text.rfind(c, 0, at) for c in "，。；：！？") + 1
    items = re.split(f"[{_SEPARATORS}]", text[lo:at])
    return (len(items) > 1 and items[-1] == ""
            and re.search(f"原{level}[^{_SEPARATORS}]{{0,6}}$", items[0]) is not None)


def _title_seat(named: TitleUnit | None) -> str:
    """河西区 of a title's 河西区统计局; not of a scope the title names (关于全区…)."""
    seat = seat_of(named.name) if named else ""
    return "" if any(word in seat for word in ("全", "关于", "在")) else seat


def _seat_findings(draft: Draft, resolved, named: TitleUnit | None,
                   reported: set[tuple[int, int]]) -> list[Finding]:
    """`reported`: (paragraph, column) already found by unit.scope (全区 in a 镇 of a 县). Without
    the unit's name, the unit the title names (河西区统计局关于…的通知) tells where it is."""
    ctx = resolved.ctx
    given = ctx.unit_name or ctx.unit_short_name
    seat = seat_of(given) if given else _title_seat(named)
    if not seat:
        return []
    own, other = seat[-1], _OTHER_SEAT[seat[-1]]
    findings = []
    for index in draft.body_indices + list(draft.front):
        for at, word in _seat_words(draft.paragraphs[index], other):
            if (index + 1, at + 1) in reported:
                continue
            right = word.replace(other, own)
            findings.append(Finding(
                rule="unit.seat", severity=ERROR, paragraph=index + 1, snippet=word, column=at + 1,
                message=f"“{word}”与本单位所在的“{seat}”不符，疑为照搬{other}里单位的文稿",
                suggestion=f"建议改为“{right}”", replacement=right,
                source="本单位在区（县），文稿所说的本级党委、政府和范围须是区（县）的",
            ))
    return findings


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    refs = find_self_refs(draft, rules)
    findings = _self_ref_findings(draft, resolved, rules, refs)
    named = title_unit(draft)
    findings += _title_findings(draft, resolved, refs, rules, named)
    findings += othername.check(draft, resolved)
    kind = (resolved.kind or inferred_kind(refs, rules)
            or (named.kind if named and named.kind in UNIT_TYPES else None))
    findings += _org_findings(draft, resolved, rules, kind)
    findings += _trade_findings(draft, resolved, rules, kind)
    findings += _scope_findings(draft, resolved, rules, kind)
    scoped = {(f.paragraph, f.column) for f in findings if f.rule == "unit.scope"}
    findings += _seat_findings(draft, resolved, named, scoped)
    return findings
