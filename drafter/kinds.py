"""Kinds of unit and how a text refers to each of them.

A unit's kind decides its self-reference (我局, 我村 …), the word for "the whole unit"
(全局, 全村 …) and the usual name of its party organisation. The checker uses the same
table to spot self-references copied from a unit of another kind.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitKind:
    kind: str  # the key users write in `unit.kind`
    self_ref: str  # 我局
    whole: str  # 全局
    party_org: str  # 党组 / 党委 / 党支部 …


_TABLE = [
    # kind, self-reference, whole, party organisation
    ("办", "我办", "全办", "党组"),
    ("局", "我局", "全局", "党组"),
    ("委", "我委", "全委", "党组"),
    ("厅", "我厅", "全厅", "党组"),
    ("部", "我部", "全部", "党组"),
    ("处", "我处", "全处", "党支部"),
    ("科", "我科", "全科", "党支部"),
    ("院", "我院", "全院", "党委"),
    ("中心", "我中心", "全中心", "党支部"),
    ("所", "我所", "全所", "党支部"),
    ("站", "我站", "全站", "党支部"),
    ("馆", "我馆", "全馆", "党支部"),
    ("队", "我队", "全队", "党支部"),
    ("会", "我会", "全会", "党支部"),
    ("县", "我县", "全县", "县委"),
    ("区", "我区", "全区", "区委"),
    ("市", "我市", "全市", "市委"),
    ("乡", "我乡", "全乡", "党委"),
    ("镇", "我镇", "全镇", "党委"),
    ("街道", "我街道", "全街道", "党工委"),
    ("社区", "我社区", "全社区", "党支部"),
    ("村", "我村", "全村", "党支部"),
    ("公司", "我公司", "全公司", "党委"),
    ("学校", "我校", "全校", "党委"),
]

KINDS: dict[str, UnitKind] = {row[0]: UnitKind(*row) for row in _TABLE}


def kind_names() -> str:
    """The known kinds as one Chinese list, for error messages and help."""
    return "、".join(KINDS)
