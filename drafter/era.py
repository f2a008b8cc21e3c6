"""Formulations that change with time, chosen by the meeting date.

Templates write {{ era.congress }}精神, never a frozen 党的十九大精神, and take the
other dated phrases (era.goal, era.changes, era.mission, era.abilities) from here too;
the checker's data file (data/formulations.yaml) flags frozen ones in drafts, naming the
congresses (`after: 党的二十大`) whose dates this table holds.
"""

from __future__ import annotations

from datetime import date

# The day each National Congress opened: from then on it is "the latest congress".
# The one table of these dates: the checker's rules refer to congresses by name.
_CONGRESSES = [
    (date(2012, 11, 8), "党的十八大"),
    (date(2017, 10, 18), "党的十九大"),
    (date(2022, 10, 16), "党的二十大"),
]


# Phrases that entered the official vocabulary on a known occasion: before it, a
# speech uses the older wording. (key, first used, phrase, older wording)
_PHRASES = [
    ("goal", date(2021, 7, 1), "全面建成社会主义现代化强国的第二个百年奋斗目标", "“两个一百年”奋斗目标"),
    # 2020-01: "世界百年未有之大变局加速演进" (first "百年未有之大变局": 2017-12)
    ("changes", date(2020, 1, 1), "世界百年未有之大变局加速演进", "世界正处于大发展大变革大调整时期"),
    # 2018-08-21, 全国宣传思想工作会议
    ("mission", date(2018, 8, 21), "意识形态工作是为国家立心、为民族立魂的工作", "意识形态工作是党的一项极端重要的工作"),
    # 2020-12, 中央政治局民主生活会
    ("abilities", date(2020, 12, 24), "政治判断力、政治领悟力、政治执行力", "政治鉴别力和政治敏锐性"),
]


def congress_names() -> list[str]:
    return [name for _, name in _CONGRESSES]


def congress_opened(name: str) -> date | None:
    """The day the congress named (党的二十大, or 二十大) opened; None for another name."""
    for opened, known in _CONGRESSES:
        if name.strip() in (known, known.removeprefix("党的")):
            return opened
    return None


def era_for(day: date) -> dict[str, str]:
    congress = _CONGRESSES[0][1]
    for opened, name in _CONGRESSES:
        if day >= opened:
            congress = name
    era = {"congress": congress}
    for key, since, phrase, older in _PHRASES:
        era[key] = phrase if day >= since else older
    return era
