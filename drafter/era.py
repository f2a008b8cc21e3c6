"""Formulations that change with time, chosen by the meeting date.

Templates write {{ era.congress }}精神, never a frozen 党的十九大精神; the checker's
data file (data/formulations.yaml) flags the frozen ones in drafts.
"""

from __future__ import annotations

from datetime import date

# The day each National Congress opened: from then on it is "the latest congress".
_CONGRESSES = [
    (date(2012, 11, 8), "党的十八大"),
    (date(2017, 10, 18), "党的十九大"),
    (date(2022, 10, 16), "党的二十大"),
]
# The first centenary goal was declared achieved on 2021-07-01.
_SECOND_CENTENARY = date(2021, 7, 1)


def era_for(day: date) -> dict[str, str]:
    congress = _CONGRESSES[0][1]
    for opened, name in _CONGRESSES:
        if day >= opened:
            congress = name
    if day >= _SECOND_CENTENARY:
        goal = "全面建成社会主义现代化强国的第二个百年奋斗目标"
    else:
        goal = "“两个一百年”奋斗目标"
    return {"congress": congress, "goal": goal}
