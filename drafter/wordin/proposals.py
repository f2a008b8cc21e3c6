"""What `drafter learn` proposes to turn into fields: the words of a text that change from
unit to unit and from year to year (names, self-references, the speaker, the meeting,
dates, years, quarters, leaders, superiors, enumerations).

Finding is heuristic and never applied unasked: each proposal is a piece of text as
found, the field it would become, and where it occurs. template_writer.py replaces only
the accepted ones.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from drafter.check.textutil import is_subsequence
from drafter.dates import DATE_IN_TEXT, parse_date
from drafter.filters import government, next_quarter
from drafter.document import BlockType, Document, cn_number
from drafter.unit_types import UNIT_TYPES

CJK = "\u4e00-\u9fff"
# Full forms of unit names → the unit kind (longest first when matching the end of a name).
_NAME_SUFFIXES = {
    "街道办事处": "街道", "社区居民委员会": "社区", "村民委员会": "村", "居民委员会": "社区", "办公室": "办",
    "委员会": "委", "中学": "学校", "小学": "学校", "学校": "学校", "医院": "院", "公司": "公司",
}
_PLACE = re.compile(rf"^([{CJK}]{{2,4}}?)(省|市|县|区|州|旗|镇|乡)")
_PARTY_ORGS = ("党总支", "党支部", "党工委", "党组", "党委")
_SUPERIORS = ("省委", "市委", "州委", "盟委", "县委", "区委", "旗委", "镇党委", "乡党委", "街道党工委")
_SUPERIOR = re.compile(r"(?<![社园校])(省委|市委|州委|盟委|县委|区委|旗委|镇党委|乡党委|街道党工委)(?!员)")
_SUPERIOR_RANK = {"省委": 0, "市委": 1, "州委": 1, "盟委": 1, "县委": 2, "区委": 2, "旗委": 2,
                  "镇党委": 3, "乡党委": 3, "街道党工委": 3}
_TOWNSHIP_COMMITTEES = ("镇党委", "乡党委", "街道党工委")  # superiors of a 村 or 社区 only
# Posts people hold, longest first so that 副局长 wins over 局长.
_POSTS = sorted({
    "党组书记", "党委书记", "党工委书记", "党支部书记", "党总支书记", "村党支部书记", "副书记", "书记",
    "党组成员", "党委委员", "纪委书记", "局长", "副局长", "主任", "副主任", "镇长", "副镇长", "乡长", "副乡长", "村主任",
    "村委会主任", "主席", "副主席", "部长", "副部长", "科长", "副科长", "所长", "副所长", "站长", "副站长",
    "馆长", "副馆长", "院长", "副院长", "校长", "副校长", "组长", "副组长", "纪检组长", "总经理", "董事长",
    "处长", "副处长", "队长", "副队长", "区长", "副区长", "县长", "副县长", "市长", "副市长", "主任科员",
    "调研员", "社区主任", "工会主席", "办公室主任",
}, key=len, reverse=True)
_POST = "|".join(_POSTS)
# Common surnames; words that open a phrase (向, 于, 和 …) are left out on purpose.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭林罗高郑梁谢宋唐许韩冯邓曹彭曾萧肖田董袁潘蔡蒋余杜叶程"
             "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱江尹薛闫段雷侯龙史黎贺顾毛郝"
             "龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
             "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
             "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
             "应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝胡何傅")
_NAME = rf"[{_SURNAMES}][{CJK}]{{1,2}}"
_COMRADE = re.compile(rf"({_NAME})同志(?!们)")
_POST_NAME = re.compile(rf"({_POST})({_NAME}?)(?=同志|[、，。；：,;:（(）)]|担任|分管|负责|主持|兼|任|为)")
_TITLE_SPEECH = re.compile(r"^(?P<who>.*?)在(?P<meeting>.+?)(?:上|中)的(?:讲话|发言|致辞|讲稿|总结讲话)稿?$")
_TITLE_REPORT = re.compile(r"^(?P<unit>.*?)关于(?P<topic>.+?)的(?:情况)?(?:报告|汇报|总结)$")
_DATE = re.compile(DATE_IN_TEXT)  # 2024年1月25日 or 二〇二四年一月二十五日
_YEAR = re.compile(r"(?<!\d)(\d{4})(?=年)")
_QUARTER = re.compile(r"([一二三四])季度")
_COUNT = "一二三四五六七八九十"
_RUN_MARKER = re.compile(rf"(?:^|(?<=[。；，：！？,;:!?]))[ \u3000]*([{_COUNT}]{{1,2}})(是|要)")
# 全局 also means "the whole picture" (顾全局, 全局性): only the unit sense is proposed.
_WHOLE_NOT_BEFORE = ("顾", "怀", "筹", "眼", "从", "关", "响", "照", "及", "兼", "观")
_WHOLE_NOT_AFTER = ("性", "观", "意识", "利益", "出发", "高度", "和")
_AMBIGUOUS_WHOLE = {"部", "会", "科"}  # 全部, 全会, 全科 are ordinary words


@dataclass
class Proposal:
    """One piece of text as found and the field it would become."""

    text: str
    field: str  # unit.name, leaders.0.name, place, points_1 … (see FIELD_TITLES)
    value: Any  # what the input file gets for the field
    where: list[int] = field(default_factory=list)  # paragraph numbers in the file
    count: int = 0
    items: list[str] = field(default_factory=list)  # list proposals: the items as written
    marker: str = ""  # list proposals: 是 or 要 (一是…… / 一要……), # for a list of sub-headings

    @property
    def is_list(self) -> bool:
        return bool(self.items)

    @property
    def is_headings(self) -> bool:
        return self.marker == "#"

    @property
    def shown(self) -> str:
        if self.is_headings:
            first = self.items[0] if len(self.items[0]) <= 10 else self.items[0][:10] + "…"
            return f"小标题“{first}”等 {len(self.items)} 项"
        if self.is_list:
            return f"一{self.marker}……{cn_number(len(self.items))}{self.marker}……（{len(self.items)} 项）"
        return self.text


@dataclass
class Facts:
    """What the text says about its unit, speaker and meeting (for the input file)."""

    unit_name: str = ""
    kind: str = ""
    meeting_date: date | None = None
    genre: str = "讲话"


@dataclass
class Found:
    proposals: list[Proposal]
    facts: Facts
    notices: list[str]


# field → Chinese label (the proposal table, the template's comments and the input file)
FIELD_TITLES = {
    "unit.name": "单位全称", "unit.short_name": "单位简称", "unit.self_ref": "本单位自称，如我局、我村",
    "unit.whole": "全单位，如全局、全村", "unit.divisions": "内设机构统称，如各股室",
    "unit.party": "本单位党组织，如局党组", "unit.government": "本级政府，如乡政府（随单位类型）",
    "speaker.title": "讲话人职务", "speaker.name": "讲话人姓名",
    "meeting.name": "会议名称", "meeting.date": "会议日期", "meeting.year": "本年年份",
    "meeting.year-1": "上一年年份", "meeting.year+1": "下一年年份", "meeting.date_hanzi": "会议日期（汉字数字）",
    "place": "地名，带县、区等字", "place.bare": "地名不带县、区等字，由 place 得出",
    "quarter": "季度", "quarter.next": "下一季度，由 quarter 得出", "era.congress": "当时最近一次党代会（按会议日期）", "alias": "单位的其他简称", "leaders.name": "班子成员姓名", "leaders.post": "班子成员职务",
    "leaders.person": "班子成员职务和姓名", "superiors": "上级党委", "points": "列举的各项：一是……二是……",
    "subheadings": "一节下面并列的小标题",
}


# Where a label's explanation begins: 地名，带县、区等字 is shown short as 地名.
_EXPLANATION = re.compile(r"[，（：]")
_SHORT_TITLES = {"place.bare": "地名", "era.congress": "党代会"}


def short_field_title(name: str) -> str:
    """The label without its explanation, for one-line summaries (a template's description)."""
    return _SHORT_TITLES.get(name) or _EXPLANATION.split(field_title(name))[0]


def field_title(name: str) -> str:
    """The Chinese label of a field name as it appears in proposals."""
    if name in FIELD_TITLES:
        return FIELD_TITLES[name]
    parts = name.split(".")
    if parts[0] == "leaders" and len(parts) >= 2 and parts[1].isdigit():
        what = {"name": "姓名", "post": "职务"}.get(parts[2] if len(parts) == 3 else "", "职务和姓名")
        return f"第 {int(parts[1]) + 1} 位班子成员的{what}"
    if parts[0] == "superiors" and len(parts) >= 2 and parts[1].isdigit():
        return f"第 {int(parts[1]) + 1} 个上级党委" + ("的同级政府" if len(parts) == 3 else "")
    if name.startswith("alias_"):
        return FIELD_TITLES["alias"]
    if name.startswith("points_"):
        return FIELD_TITLES["points"]
    if name.startswith("subheadings_"):
        return FIELD_TITLES["subheadings"]
    return name


def find(document: Document, sources: list[int], unit: str = "", kind: str = "") -> Found:
    """Proposals for a laid-out document; `sources` gives each block's paragraph number."""
    paragraphs = _paragraphs(document, sources)
    facts = Facts(genre=document.genre)
    notices: list[str] = []
    facts.unit_name = party_owner(unit or _guess_unit(document, paragraphs, kind))
    facts.kind = kind or _kind_of(facts.unit_name) or _kind_from_self_refs(paragraphs)
    texts: dict[str, tuple[str, Any]] = {}  # text → (field, value)
    _speaker_and_meeting(document, facts, texts)
    _other_posts(paragraphs, texts, notices)
    _unit_names(facts, paragraphs, texts)
    _self_references(facts.kind, paragraphs, texts, notices)
    _persons(paragraphs, texts, _own_forms(facts, texts), facts.kind)
    _superiors(paragraphs, texts, facts.kind)
    _dates(document, facts, paragraphs, texts, notices)
    _quarters(paragraphs, texts, notices)
    proposals = [Proposal(text, name, value) for text, (name, value) in texts.items()]
    count_occurrences(proposals, paragraphs)
    if unit and not any(unit in text for _, text, _ in paragraphs):
        notices.append(f"原稿里没有“{unit}”这几个字，单位全称不会被替换；如原稿写的是别的全称，"
                       "请按原稿的写法填写 --unit")
    proposals = _one_value_per_field([p for p in proposals if p.count], notices)
    proposals.extend(_enumerations(paragraphs, proposals) + _heading_lists(document, sources, proposals))
    proposals.sort(key=_order)
    return Found(proposals, facts, notices)


def _one_value_per_field(proposals: list[Proposal], notices: list[str]) -> list[Proposal]:
    """A field has one value in the input file: of two texts that would give different values
    (村党支部 and 村党总支), the more frequent is proposed and the other is pointed out."""
    best: dict[str, Proposal] = {}
    for proposal in sorted(proposals, key=lambda p: -p.count):
        kept = best.setdefault(proposal.field, proposal)
        if kept is not proposal and kept.value != proposal.value:
            where = "、".join(str(n) for n in proposal.where)
            notices.append(f"第 {where} 段的“{proposal.text}”与第 {kept.where[0]} 段的“{kept.text}”都对应"
                           f"字段 {proposal.field} 的值，只替换了前者，请核对")
    return [p for p in proposals if best[p.field] is p or best[p.field].value == p.value]


def _order(proposal: Proposal) -> tuple[int, int, str]:
    groups = ("unit", "place", "alias", "speaker", "meeting", "era", "quarter", "leaders", "superiors", "points",
              "subheadings")
    head = proposal.field.split(".")[0].split("_")[0]
    rank = groups.index(head) if head in groups else len(groups)
    return rank, proposal.where[0] if proposal.where else 0, proposal.field


# 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号): different in every file, no part of a template
MASTHEAD = frozenset({BlockType.COPY_NUMBER, BlockType.SECRECY, BlockType.URGENCY, BlockType.ISSUER_MARK,
                      BlockType.DOC_NUMBER})


def _paragraphs(document: Document, sources: list[int]) -> list[tuple[int, str, BlockType]]:
    """(paragraph number, text, type) of every text block; a table's cells one by one."""
    result = []
    for block, source in zip(document.blocks, sources):
        if block.type in MASTHEAD:
            continue
        if block.type is BlockType.TABLE:
            result.extend((source, line, block.type) for row in block.rows for cell in row
                          for line in cell.split("\n") if line)
        else:
            result.append((source, block.text, block.type))
    return result


# ---------------------------------------------------------------- the unit


def _guess_unit(document: Document, paragraphs: list[tuple[int, str, BlockType]], kind: str) -> str:
    """The unit's full name: from the 落款, the title, or the most frequent name in the text."""
    for _, text, block_type in reversed(paragraphs):
        if block_type is BlockType.SIGNATURE and not _DATE.search(text):
            name = party_owner(text)
            if _kind_of(name):
                return name
    speech = _TITLE_SPEECH.match(document.title)  # 在东湖区文化和旅游局2024年……会议上的讲话
    for opening in (document.title, speech.group("meeting") if speech else ""):
        named_in_title = _title_unit(opening, kind)
        if named_in_title:
            return named_in_title
    body = "\n".join(text for _, text, _ in paragraphs)
    endings = "|".join(sorted(set(_NAME_SUFFIXES) | set(UNIT_TYPES), key=len, reverse=True))
    named = re.compile(rf"[{CJK}]{{2,4}}?(?:省|市|县|区|州|旗)[{CJK}]{{1,10}}?(?:{endings})")
    counts = Counter(m.group() for m in named.finditer(body) if _plausible(m.group(), kind))
    if not counts:  # the text names itself without its place: 县审计局, 区统计局
        levelled = re.compile(rf"(?:县|区|市|州|旗)[{CJK}]{{2,10}}?(?:{endings})")
        counts.update(m.group() for m in levelled.finditer(body) if _plausible(m.group(), kind)
                      and m.group()[1] not in "委政级直属")
    if kind in ("村", "社区", "镇", "乡", "街道"):
        small = re.compile(rf"[{CJK}]{{2}}(?:{re.escape(kind)})")
        counts.update(m.group() for m in small.finditer(body) if m.group()[0] not in "我全本该各每农乡城山贫")
    if not counts:
        return ""
    return max(counts, key=lambda name: (counts[name], len(name)))


# What follows a unit's name that opens a title: 红星村2023年上半年工作总结, 东方小学关于……的报告,
# 白云乡党委书记在……上的讲话
_AFTER_TITLE_UNIT = re.compile(r"关于|在|\d{4}年|[〇○零一二三四五六七八九]{4}年|党|上半年|下半年|年度|第[一二三四]季度")


def _title_unit(title: str, kind: str) -> str:
    """The unit a title opens with: its shortest beginning that is a unit's name."""
    for end in range(3, min(len(title), 21)):
        name = title[:end]
        if _AFTER_TITLE_UNIT.match(title, end) and _worded_like_a_unit(name):
            found = _kind_of(name)
            if (found == kind) if kind else found not in ("", "委", "会", "部"):
                return name
    return ""


# A party organisation's name: 中共桃源街道工作委员会, 桃源街道党工委, 中共清河县审计局党组, or a
# body of the party (中共清河县委宣传部). The committee forms (委员会) count only after 中共:
# 清河县发展和改革委员会 is a unit of its own.
_CPC = re.compile("^(?:中共|中国共产党)")
_COMMITTEE = re.compile("^(.+?)(?:工作委员会|总支部委员会|支部委员会|委员会)$")
_PARTY_ORG_OF = re.compile(rf"^(.+?)(?:{'|'.join(_PARTY_ORGS)})$")


def party_owner(name: str) -> str:
    """The unit a party organisation belongs to (中共桃源街道工作委员会 → 桃源街道); other names
    as they are: the text calls the unit 桃源街道 and its organisation 桃源街道党工委 (unit.party)."""
    bare = _CPC.sub("", name)
    for pattern in (_COMMITTEE, _PARTY_ORG_OF) if bare != name else (_PARTY_ORG_OF,):
        match = pattern.match(bare)
        if match and _kind_of(match.group(1)):
            return match.group(1)
    return bare if _kind_of(bare) else name


def _plausible(name: str, kind: str) -> bool:
    """A unit's name: its kind as asked, not a county's committee (县委) or a place alone,
    nor words that merely end like one (为全市发展大局)."""
    if not _worded_like_a_unit(name):
        return False
    place = place_of(name)
    if place and name[len(place) + 1:][:1] in ("委", "政"):
        return False
    found = _kind_of(name)
    return found == kind if kind else found not in ("", "县", "区", "市", "乡", "镇", "委", "会", "部")


# Words that end like a unit's name but are none: 服务发展大局, 打开新局面
_NOT_UNITS = ("大局", "全局", "格局", "布局", "开局", "结局", "变局", "新局", "当局")


def _worded_like_a_unit(name: str) -> bool:
    return name[0] not in "为在对把向从和与及将全" and "全" not in name[:3] and not name.endswith(_NOT_UNITS)


def _kind_of(name: str) -> str:
    if name.endswith("人民政府") and len(name) > 5 and name[-5] in UNIT_TYPES:
        return name[-5]  # 清河县人民政府: 我县
    for suffix in sorted(set(_NAME_SUFFIXES) | set(UNIT_TYPES), key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return _NAME_SUFFIXES.get(suffix, suffix)
    return ""


def _kind_from_self_refs(paragraphs: list[tuple[int, str, BlockType]]) -> str:
    body = "\n".join(text for _, text, _ in paragraphs)
    counts = Counter({kind: body.count(unit_type.self_ref) for kind, unit_type in UNIT_TYPES.items()})
    kind, count = counts.most_common(1)[0]
    return kind if count else ""


def place_of(name: str) -> str:
    """清河 of 清河县档案馆: the place the unit's name begins with, without its level (县/区/市)."""
    match = _PLACE.match(name)
    return match.group(1) if match and len(name) > match.end() else ""


def _unit_names(facts: Facts, paragraphs: list[tuple[int, str, BlockType]], texts: dict) -> None:
    name = facts.unit_name
    if not name:
        return
    texts.setdefault(name, ("unit.name", name))
    body = "\n".join(text for _, text, _ in paragraphs).replace(name, "\n")
    aliases = Counter(_short_forms(name, facts.kind, body))
    for rank, (alias, _) in enumerate(aliases.most_common()):
        texts.setdefault(alias, ("unit.short_name", alias) if rank == 0 else (f"alias_{rank}", alias))
    place = place_of(name)
    if not place:
        return
    seat = name[:len(place) + 1]  # 清河县: the place with its level, so that 县 becomes 区 for a 区's unit
    if seat in body:
        texts.setdefault(seat, ("place", seat))
    if place in body.replace(seat, "\n"):  # 美丽清河: the place without its level
        texts.setdefault(place, ("place.bare", seat))


# What a government's name ends with after its place: 柳林镇人民政府 is named by 柳林镇 alone.
_GOVERNMENT = ("人民政府", "政府")
# Words that name a level or a body: 县政府 or 乡镇人民政府 is not a 镇's 政府, 市审计局 not a 县's 审计局.
_LEVEL_CHARS = "省市县区州旗盟乡镇村"


def _short_forms(name: str, kind: str, text: str) -> list[str]:
    """Shortened names in the text: runs of the name's characters, in its order, that end
    as the name or its kind ends (县地方志办, 志办 of 镇沅县地方志办公室) and keep at least one
    character of what distinguishes the unit (not 办公室 alone; for a government, whose name
    is its place, its place or level: 镇政府, 柳林镇政府, never 政府 or 人民政府 alone). A run
    right after another level word (县政府, 乡镇人民政府) names another body."""
    place = place_of(name)
    seat = name[: len(place) + 1] if place else ""
    suffix = next((s for s in sorted(set(_NAME_SUFFIXES) | set(UNIT_TYPES) | set(_GOVERNMENT), key=len,
                                     reverse=True) if name.endswith(s)), "")
    core = set(name[len(seat): len(name) - len(suffix)])
    ends = {name[-1]} | ({kind[-1]} if kind and kind[-1] in name else set())
    if not core:  # 柳林镇人民政府: 柳林镇 itself is the place, not a short name
        core, ends = set(seat), {name[-1]}
    found = []
    for end, char in enumerate(text):
        if char not in ends:
            continue
        start = end
        while start > 0 and is_subsequence(text[start - 1: end + 1], name):
            start -= 1
        candidate = text[start: end + 1]
        if end + 1 < len(text) and is_subsequence(text[start: end + 2], name):
            continue  # 县地方志办 inside 县地方志办公室: the longer one is counted
        if len(candidate) >= 2 and candidate != name and core & set(candidate) \
                and not _names_a_kind(candidate) and not names_another_body(text, start, end + 1):
            found.append(candidate)
    return found


def _names_a_kind(candidate: str) -> bool:
    """街道, 工委 (of 党工委): words any unit of a kind is called by, never one unit's short name."""
    return candidate in UNIT_TYPES or any(org.endswith(candidate) for org in _PARTY_ORGS)


def names_another_body(text: str, start: int, end: int) -> bool:
    """Whether the short name text[start:end] stands right after a level word (县 of 县政府,
    乡 of 乡镇人民政府): then it names that body, not the unit. A short name that opens with
    its place (柳林镇政府 in 清河县柳林镇政府) is the unit's."""
    return start > 0 and text[start - 1] in _LEVEL_CHARS and not place_of(text[start:end])


def is_body_name(field_name: str) -> bool:
    """Fields that name the unit's body (its short names, its government): one standing right
    after another level word names another body (names_another_body)."""
    return field_name in ("unit.short_name", "unit.government") or field_name.startswith("alias_")



_GOVERNED = ("乡", "镇", "县", "区", "市")  # kinds of unit beside which a 政府 of that level stands


def _self_references(kind: str, paragraphs: list[tuple[int, str, BlockType]], texts: dict,
                     notices: list[str]) -> None:
    if kind not in UNIT_TYPES:
        return
    unit_type = UNIT_TYPES[kind]
    body = "\n".join(text for _, text, _ in paragraphs)
    texts.setdefault(unit_type.self_ref, ("unit.self_ref", unit_type.self_ref))
    if kind not in _AMBIGUOUS_WHOLE:
        texts.setdefault(unit_type.whole, ("unit.whole", unit_type.whole))
    texts.setdefault(unit_type.divisions, ("unit.divisions", unit_type.divisions))
    for org in _PARTY_ORGS:
        if kind + org in body and not (kind + org + "织") in body:
            texts.setdefault(kind + org, ("unit.party", org))
    if kind in _GOVERNED:  # 乡党委、乡政府: the government of the unit's own level follows its kind
        for ending in ("人民政府", "政府"):
            if kind + ending in body:
                texts.setdefault(kind + ending, ("unit.government", kind))  # one value: both forms kept
    for other, other_type in UNIT_TYPES.items():
        if other != kind and other_type.self_ref in body and not other_type.self_ref.startswith(unit_type.self_ref):
            where = [str(n) for n, text, _ in paragraphs if other_type.self_ref in text]
            notices.append(f"第 {'、'.join(dict.fromkeys(where))} 段的“{other_type.self_ref}”与单位类型“{kind}”不符，"
                           "没有替换（可能是从别的单位抄来的，请核对）")


# ---------------------------------------------------------------- speaker, meeting, persons


def _speaker_and_meeting(document: Document, facts: Facts, texts: dict) -> None:
    title = document.title
    speech = _TITLE_SPEECH.match(title)
    if speech:
        who = speech.group("who")
        person = re.search(rf"({_NAME})同志$", who)
        if person:
            texts.setdefault(person.group(1), ("speaker.name", person.group(1)))
            who = who[: person.start()]
        for prefix in sorted(_unit_prefixes(facts.unit_name), key=len, reverse=True):
            if who.startswith(prefix) and len(who) > len(prefix):
                who = who[len(prefix):]
                break
        if 2 <= len(who) <= 12:
            texts.setdefault(who, ("speaker.title", who))
        meeting = _without_unit_name(speech.group("meeting"), facts.unit_name)
        texts.setdefault(meeting, ("meeting.name", meeting))
    report = _TITLE_REPORT.match(title)
    if report and not speech:
        topic = _without_unit_name(report.group("topic"), facts.unit_name)
        texts.setdefault(topic, ("meeting.name", topic))
    for block in document.blocks:
        if block.type is BlockType.BYLINE:
            _byline(block.text, texts)


def _without_unit_name(meeting: str, name: str) -> str:
    """东湖区文化和旅游局2024年……会议, 关于桃源街道2024年上半年……: the name is unit.name."""
    return meeting[len(name):] if name and meeting.startswith(name) and meeting != name else meeting


def _other_posts(paragraphs: list[tuple[int, str, BlockType]], texts: dict, notices: list[str]) -> None:
    """作为党组书记 in the text under a title that says 党委书记: said, not replaced."""
    title = next((text for text, (name, _) in texts.items() if name == "speaker.title"), "")
    if not title:
        return
    for number, text, _ in paragraphs:
        for match in re.finditer(rf"作为({_POST})", text):
            if match.group(1) not in title:  # 作为党支部书记 under 党支部书记、主任 is the same person
                notices.append(f"第 {number} 段的“{match.group()}”与标题中讲话人的职务“{title}”不一致，没有替换，请核对")


def _unit_prefixes(name: str) -> list[str]:
    place = place_of(name)
    return [p for p in (name, name[len(place):] if place else "") if p]


def _byline(text: str, texts: dict) -> None:
    """党组书记　刘建国 / 刘建国: the speaker's post and name; the posts before the name are one
    title (局党组书记、局长　何志强)."""
    if _DATE.search(text):
        return
    tokens = [t for t in re.split(r"[\s\u3000]+", text.strip("（）()")) if t]
    if not tokens:
        return
    last = tokens[-1]
    post = re.match(rf"^(.*?)({_POST})({_NAME})$", last)
    if post:  # 党组书记刘建国 written without a space
        texts.setdefault(post.group(3), ("speaker.name", post.group(3)))
        if not any(f == "speaker.title" for f, _ in texts.values()):
            texts.setdefault(post.group(2), ("speaker.title", post.group(2)))
        return
    if (re.fullmatch(_NAME, last) or _named_after_a_post(tokens)) and last not in _POSTS:
        texts.setdefault(last, ("speaker.name", last))
        if len(tokens) > 1 and not any(f == "speaker.title" for f, _ in texts.values()):
            texts.setdefault(tokens[-2], ("speaker.title", tokens[-2]))


def _named_after_a_post(tokens: list[str]) -> bool:
    """局长　何志强: a name after a post, whatever its surname (the surname list is not complete)."""
    return len(tokens) > 1 and bool(re.search(f"(?:{_POST})$", tokens[-2])) \
        and bool(re.fullmatch(f"[{CJK}]{{2,4}}", tokens[-1]))


def _persons(paragraphs: list[tuple[int, str, BlockType]], texts: dict, own: tuple[str, ...], kind: str) -> None:
    """Leaders named in the text: 张三同志, 副局长李四, each a leader in order of appearance.
    People of another organisation (应急管理局局长孙伟) are none: left as written, with their name."""
    leaders: dict[str, int] = {}
    speaker = next((text for text, (f, _) in texts.items() if f == "speaker.name"), "")
    others = {match.group(2) for _, text, _ in paragraphs for match in _POST_NAME.finditer(text)
              if _of_another_organisation(text[:match.start()], own, kind)}

    def leader(name: str) -> int | None:
        if name == speaker or name in _POSTS or name in others:
            return None
        return leaders.setdefault(name, len(leaders))

    for _, text, _ in paragraphs:
        for match in _POST_NAME.finditer(text):
            post, name = match.group(1), match.group(2)
            if not name or not re.fullmatch(_NAME, name):
                continue
            index = leader(name)
            if index is not None:
                texts.setdefault(post + name, (f"leaders.{index}", {"post": post, "name": name}))
        for match in _COMRADE.finditer(text):
            name = match.group(1)
            index = leader(name)
            if index is not None and name not in texts:
                texts[name] = (f"leaders.{index}.name", name)
    for name, index in leaders.items():  # a name first found with its post is also found alone
        texts.setdefault(name, (f"leaders.{index}.name", name))


# How an organisation's name ends: a post right after one (应急管理局局长, 宣传部部长) is that
# organisation's. 常委 ends like one but is a post (县委常委、副县长).
_ORGANISATION_ENDINGS = ("局", "委", "办", "中心", "部", "公司", "厅", "署", "院", "所", "站", "馆", "队", "组",
                         "集团")
# Words a post may follow inside a sentence without an organisation between (由局党组书记刘某).
_BEFORE_A_PERSON = "由请向和与及同是为对把让给经将在从跟"


def _own_forms(facts: Facts, texts: dict) -> tuple[str, ...]:
    """How the text names the unit itself before a post: its name and short forms, 我局, 本局,
    局党组 (or 县委 for a 县)."""
    forms = {facts.unit_name} if facts.unit_name else set()
    forms |= {text for text, (name, _) in texts.items()
              if name in ("unit.name", "unit.self_ref", "unit.party") or is_body_name(name)}
    if facts.kind in UNIT_TYPES:
        party = UNIT_TYPES[facts.kind].party_org
        forms |= {"本" + facts.kind, party if party.startswith(facts.kind) else facts.kind + party}
        forms |= {facts.kind + org for org in _PARTY_ORGS}
    return tuple(form for form in forms if form)


def _of_another_organisation(before: str, own: tuple[str, ...], kind: str) -> bool:
    """Whether the text right before a post (`before`) ends with the name of an organisation
    that is not the unit: 应急管理局 before 局长 for a county government, not 我局, 县审计局 of
    清河县审计局, nor 局 alone after a comma or 由."""
    if not before.endswith(_ORGANISATION_ENDINGS) or before.endswith("常委") or before.endswith(own):
        return False
    if kind and before.endswith(kind):  # 局 alone (，局党组书记): the unit's, unless a name ends in it
        opening = before[: -len(kind)][-1:]
        return bool(re.match(f"[{CJK}]", opening)) and opening not in _BEFORE_A_PERSON
    return True


def _superiors(paragraphs: list[tuple[int, str, BlockType]], texts: dict, kind: str) -> None:
    found = {m.group(1) for _, text, _ in paragraphs for m in _SUPERIOR.finditer(text)}
    if kind not in ("村", "社区"):  # for a 镇 its 镇党委 is its own; a 局 has none above it
        found -= set(_TOWNSHIP_COMMITTEES)
    body = "\n".join(text for _, text, _ in paragraphs)
    for index, superior in enumerate(sorted(found, key=lambda s: (_SUPERIOR_RANK[s], _SUPERIORS.index(s)))):
        texts.setdefault(superior, (f"superiors.{index}", superior))
        for full in (True, False):  # 县委、县人民政府 / 县政府: the government of the same level follows it
            name = government(superior, full=full)
            if name in body:
                texts.setdefault(name, (f"superiors.{index}.{'people_' if full else ''}government", superior))


# ---------------------------------------------------------------- dates, years, quarters


def _dates(document: Document, facts: Facts, paragraphs: list[tuple[int, str, BlockType]], texts: dict,
           notices: list[str]) -> None:
    """The meeting's (or the report's) date from the byline or the 落款; the years around it."""
    for block_type in (BlockType.BYLINE, BlockType.SIGNATURE):
        for _, text, kind in paragraphs:
            match = _DATE.search(text) if kind is block_type else None
            if match and facts.meeting_date is None:
                facts.meeting_date = _date_or_none(match.group())
    when = facts.meeting_date
    if when is None:
        if any(_YEAR.search(text) for _, text, _ in paragraphs):
            notices.append("没有在标题下或落款中找到日期，年份没有换成字段")
        return
    for _, text, _ in paragraphs:  # the date as each place writes it: 2024年1月25日 or in Chinese numerals
        for match in _DATE.finditer(text):
            if _date_or_none(match.group()) == when:
                field = "meeting.date" if match.group()[0].isdigit() else "meeting.date_hanzi"
                texts.setdefault(match.group(), (field, when.isoformat()))
    from drafter.era import era_for

    congress = era_for(when)["congress"]  # 党的二十大 of that date: the template follows the date
    if any(congress in text for _, text, _ in paragraphs):
        texts.setdefault(congress, ("era.congress", congress))
    offsets = {0: "meeting.year", -1: "meeting.year-1", 1: "meeting.year+1"}
    for _, text, _ in paragraphs:
        for match in _YEAR.finditer(text):
            offset = int(match.group(1)) - when.year
            if offset in offsets:
                texts.setdefault(match.group(1), (offsets[offset], int(match.group(1))))


def _date_or_none(text: str) -> date | None:
    try:
        return parse_date(text)
    except ValueError:  # 2月30日: not a date, left as written
        return None


def _quarters(paragraphs: list[tuple[int, str, BlockType]], texts: dict, notices: list[str]) -> None:
    counts = Counter(m.group(1) for _, text, _ in paragraphs for m in _QUARTER.finditer(text))
    if not counts:
        return
    numeral, _ = counts.most_common(1)[0]
    texts.setdefault(numeral + "季度", ("quarter", numeral))
    following = next_quarter(numeral)  # 第二季度工作打算 in a first quarter's report
    if following in counts:
        texts.setdefault(following + "季度", ("quarter.next", numeral))
    if len(counts) > 1 + (following in counts):
        others = "、".join(n + "季度" for n in counts if n not in (numeral, following))
        notices.append(f"文中还提到{others}，没有换成字段（季度字段取最常出现的“{numeral}季度”）")


# ---------------------------------------------------------------- counting and enumerations


def pattern_of(texts: list[str]) -> re.Pattern[str] | None:
    """One alternation, longest first: at each place the longest proposal wins."""
    if not texts:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(set(texts), key=len, reverse=True)))


def count_occurrences(proposals: list[Proposal], paragraphs: list[tuple[int, str, BlockType]]) -> None:
    by_text = {p.text: p for p in proposals if not p.is_list}
    pattern = pattern_of(list(by_text))
    for proposal in by_text.values():
        proposal.where, proposal.count = [], 0
    if pattern is None:
        return
    for number, text, _ in paragraphs:
        for match in pattern.finditer(text):
            proposal = by_text[match.group()]
            if is_body_name(proposal.field) and names_another_body(text, match.start(), match.end()):
                continue
            proposal.count += 1
            if number not in proposal.where:
                proposal.where.append(number)


def enumeration(text: str) -> tuple[str, str, list[str], str] | None:
    """一是A，二是B。…: (text before 一是, 是 or 要, the items, text after the last item);
    None without such a run. Items that are clauses (no full stop inside) end the run at
    the last item's full stop: what follows is the paragraph's own text, not an item."""
    markers = list(_RUN_MARKER.finditer(text))
    for first_index, first in enumerate(markers):
        if first.group(1) != "一":
            continue
        run = [first]
        for marker in markers[first_index + 1:]:
            if marker.group(2) == first.group(2) and marker.group(1) == cn_number(len(run) + 1):
                run.append(marker)
        if len(run) < 2:
            continue
        starts = [m.start(1) for m in run]
        ends = [m.end(2) for m in run]
        items = [text[ends[i]: starts[i + 1] if i + 1 < len(run) else len(text)] for i in range(len(run))]
        after = ""
        stop = re.search("[。！？!?]", items[-1])
        if stop and stop.end() < len(items[-1]) and not any(re.search("[。！？!?]", item) for item in items[:-1]):
            items[-1], after = items[-1][: stop.end()], items[-1][stop.end():]
        if all(items):
            return text[: starts[0]], first.group(2), items, after
    return None


def _enumerations(paragraphs: list[tuple[int, str, BlockType]], proposals: list[Proposal]) -> list[Proposal]:
    """一是……二是…… runs in body paragraphs become list fields, unless an item holds a name
    or another proposed word (the list would carry it into the input file of every unit)."""
    pattern = pattern_of([p.text for p in proposals])
    result = []
    for number, text, block_type in paragraphs:
        if block_type is not BlockType.BODY:
            continue
        found = enumeration(text)
        if found is None:
            continue
        _, marker, items, _ = found
        if pattern is not None and any(pattern.search(item) for item in items):
            continue
        result.append(Proposal(text, f"points_{len(result) + 1}", items, [number], 1, items=items, marker=marker))
    return result


def _heading_lists(document: Document, sources: list[int], proposals: list[Proposal]) -> list[Proposal]:
    """Sub-headings of one level standing one after another with no text of their own
    (三、下一步打算 / 1.…… / 2.……): a list field, written as one heading per item."""
    pattern = pattern_of([p.text for p in proposals])
    blocks = document.blocks
    result: list[Proposal] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        end = index
        while end < len(blocks) and blocks[end].type is BlockType.HEADING and blocks[end].level == block.level \
                and not blocks[end].run_in:
            end += 1
        after = blocks[end] if end < len(blocks) else None
        closed = after is None or (after.type is BlockType.HEADING and after.level < block.level) or \
            after.type in (BlockType.CLOSING, BlockType.SIGNATURE)
        items = [b.text for b in blocks[index:end]]
        if block.type is BlockType.HEADING and end - index >= 2 and closed \
                and not (pattern is not None and any(pattern.search(item) for item in items)):
            result.append(Proposal(items[0], f"subheadings_{len(result) + 1}", items, sources[index:end], len(items),
                                   items=items, marker="#"))
        index = max(end, index + 1)
    return result
