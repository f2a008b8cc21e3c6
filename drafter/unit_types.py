"""Unit types (办, 局, 村, 街道 …, written as `unit.kind` in the input) and how a text
refers to each of them.

A unit's type decides its self-reference (我局, 我村 …), the word for "the whole unit"
(全局, 全村 …) and the usual name of its party organisation. The checker uses the same
table to spot self-references copied from a unit of another type.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class UnitType(NamedTuple):
    kind: str  # the key users write in `unit.kind`
    self_ref: str  # 我局
    whole: str  # 全局
    party_org: str  # 党组 / 党委 / 党支部 …
    divisions: str  # what its internal divisions are called together: 各股室, 各村民小组 …
    # other party organisations a unit of this kind may really have (a large 村 has a 党总支
    # or a 党委): the checker does not question them unless the text contradicts itself
    other_orgs: tuple[str, ...] = ()


_TABLE = [
    # kind, self-reference, whole, party organisation, divisions
    ("办", "我办", "全办", "党组", "各股室"),
    ("局", "我局", "全局", "党组", "各股室"),
    ("委", "我委", "全委", "党组", "各股室"),
    ("厅", "我厅", "全厅", "党组", "各处室"),
    ("部", "我部", "全部", "党组", "各处室"),
    ("处", "我处", "全处", "党支部", "各科室"),
    ("科", "我科", "全科", "党支部", "各岗位"),
    ("院", "我院", "全院", "党委", "各科室"),
    ("中心", "我中心", "全中心", "党支部", "各部门"),
    ("所", "我所", "全所", "党支部", "各部门"),
    ("站", "我站", "全站", "党支部", "各部门"),
    ("馆", "我馆", "全馆", "党支部", "各部门"),
    ("队", "我队", "全队", "党支部", "各中队"),
    ("会", "我会", "全会", "党支部", "各部门"),
    ("县", "我县", "全县", "县委", "各乡镇、各部门"),
    ("区", "我区", "全区", "区委", "各街道、各部门"),
    ("市", "我市", "全市", "市委", "各区县、各部门"),
    ("乡", "我乡", "全乡", "党委", "各站所"),
    ("镇", "我镇", "全镇", "党委", "各站所"),
    ("街道", "我街道", "全街道", "党工委", "各科室"),
    ("社区", "我社区", "全社区", "党支部", "各网格"),
    ("村", "我村", "全村", "党支部", "各村民小组"),
    ("公司", "我公司", "全公司", "党委", "各部门"),
    ("学校", "我校", "全校", "党委", "各处室"),
]

_OTHER_ORGS = {
    "院": ("党总支", "党支部"), "中心": ("党总支",), "所": ("党总支",), "站": ("党总支",),
    "馆": ("党总支",), "队": ("党总支",), "会": ("党总支",), "街道": ("党委",),
    "社区": ("党总支", "党委"), "村": ("党总支", "党委"), "公司": ("党总支", "党支部"),
    "学校": ("党总支", "党支部"),
}

UNIT_TYPES: dict[str, UnitType] = {row[0]: UnitType(*row, _OTHER_ORGS.get(row[0], ())) for row in _TABLE}


def unit_type_names() -> str:
    """The known kinds as one Chinese list, for error messages and help."""
    return "、".join(UNIT_TYPES)


# Endings of full unit names that hide the kind (街道办事处, 村民委员会 …), longest first.
_NAME_ENDINGS = [
    ("街道办事处", "街道"), ("街道党工委", "街道"), ("居民委员会", "社区"),
    ("村民委员会", "村"), ("村委会", "村"), ("居委会", "社区"), ("人民政府", None),
    ("办公室", "办"), ("委员会", "委"), ("有限公司", "公司"), ("有限责任公司", "公司"),
    ("中学", "学校"), ("小学", "学校"), ("大学", "学校"), ("学院", "学校"), ("学校", "学校"),
    ("党支部", None), ("党总支", None), ("党委", None), ("党组", None),
]


def kind_from_name(name: str) -> str | None:
    """Guess a unit's kind from its full name: 柳湾村 → 村, XX街道办事处 → 街道, XX镇人民政府 → 镇.
    The input model fills a missing `unit.kind` with it, and the checker reads drafts with it."""
    name = name.strip()
    for _ in range(3):
        for ending, kind in _NAME_ENDINGS:
            if name.endswith(ending):
                if kind is not None:
                    return kind
                name = name[: -len(ending)]
                break
        else:
            break
    for kind in sorted(UNIT_TYPES, key=len, reverse=True):
        if name.endswith(kind) and len(name) > len(kind):
            return kind
    return None


# Full names that end in the unit's office rather than the place its party organisation is
# named after: 城关街道办事处 has the 城关街道党工委, 柳湾村民委员会 belongs to 柳湾村.
_OFFICE_ENDINGS = (("街道办事处", "街道"), ("村民委员会", "村"), ("居民委员会", "社区"),
                   ("村委会", "村"), ("居委会", "社区"), ("人民政府", ""))


def common_name(name: str) -> str:
    """The name a text puts before 党工委, 关于 … : 城关街道办事处 → 城关街道, 柳湾村民委员会 → 柳湾村,
    东风社区居民委员会 → 东风社区, 某某镇人民政府 → 某某镇; other names as they are."""
    for ending, place in _OFFICE_ENDINGS:
        stem = name[: -len(ending)]
        if name.endswith(ending) and stem:
            return stem if stem.endswith(place) else stem + place
    return name


# 党工委 before 党委 and 党总支 before 党支部: the alternation takes the first that matches here.
_ORG_IN_TITLE = re.compile("党工委|党总支|党支部|党委|党组")


def party_org_for(kind: str | None, speaker_title: str | None) -> str:
    """The unit's party organisation when the input does not name it: the one the speaker's
    title names (社区党委书记 → 党委, 村党总支书记 → 党总支) if a unit of this kind may have it,
    else the kind's usual one. A 村 whose speaker is still “党组书记” keeps its 党支部: the
    checker flags that title, the text should not repeat it."""
    found = _ORG_IN_TITLE.search(speaker_title or "")
    named = found.group() if found else None
    if kind is None:
        return named or "党组织"
    unit_type = UNIT_TYPES[kind]
    if named in (unit_type.party_org, *unit_type.other_orgs):
        return named
    return unit_type.party_org
