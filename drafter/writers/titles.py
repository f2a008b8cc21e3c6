"""Breaking a long title over lines: about equal lengths, never inside a word.

GB/T 9704-2012 7.3.2: a title over several lines is broken so that each line keeps its words
whole (词意完整) and the lines are balanced. Without a dictionary a break can land inside a
word (上|半年, 党|风廉政建设, 工|作总结), so the words titles are made of are listed here;
a break inside one of them, or between two digits, costs more than one a few characters away.
"""

from __future__ import annotations

from itertools import accumulate


TITLE_CHARS_PER_LINE = 20  # 442 pt text width / 22 pt 2号 characters

# Words of speech and report titles (plain text: a pattern of them cost every render ≈ 1.5 ms to
# compile). A year's digits and 年 are kept together by the rules below.
_WORDS = (
    "全面从严治党", "党风廉政建设", "意识形态", "主体责任", "责任制", "领导小组", "民主生活会", "组织生活会",
    "主题教育", "专题", "上半年", "下半年", "全年", "季度", "工作", "情况", "会议", "大会", "座谈会", "推进会",
    "部署会", "动员会", "讲话", "报告", "总结", "请示", "通知", "意见", "方案", "计划", "要点", "汇报", "述职",
    "委员会", "人民政府", "办公室", "宣传部", "组织部", "统战部", "党委", "党组", "党工委", "党支部", "党总支",
    "书记", "部长", "局长", "主任", "县长", "区长", "镇长", "乡长", "校长", "社区", "街道", "建设", "发展", "管理",
    "安全", "网络", "精神", "学习", "教育", "宣传", "思想", "文化", "旅游", "资源", "自然", "审计", "统计", "基层",
    "党组织", "新形势", "实施", "进一步", "加强", "改进", "生态", "环境", "保护", "食品", "药品", "组成", "人员",
    "成员", "领导", "小组", "调整", "成立", "印发", "开展", "做好", "推进", "落实", "专项", "整治", "检查", "考核",
    "办法", "制度", "规定", "细则", "行动", "活动", "培训", "会议纪要", "防汛", "抗旱", "防火", "疫情", "防控",
    "乡村振兴", "振兴", "党建", "党员", "干部", "群众", "基础", "设施", "项目", "资金", "经济", "社会", "农业",
    "农村", "脱贫", "攻坚", "巩固", "拓展", "成果", "高质量", "营商", "优化",
    *(f"第{n}季度" for n in "一二三四"), *(f"{n}季度" for n in "一二三四"), *(f"全{p}" for p in "国省市县区镇乡村局"),
)
_GOOD_AFTER = set("的和与及于、，：")  # a line may end here: 情况的 / 报告
_GOOD_BEFORE = ("关于", "在", "暨")  # a line may begin here: …统计局 / 关于…
_BAD_BEFORE = set("年月日季度号届次、，。：；）》”")  # never begins a line
_BAD_AFTER = set("第（《“")  # never ends a line


def balance_title(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a long title into lines of about equal width, at a natural point. Widths are in
    characters of the title's size: digits and Latin letters a little over half (2024年 ≈ 3.4)."""
    lines: list[str] = []
    rest = title
    while text_width(rest) > per_line:
        ends = list(accumulate(map(_char_width, rest), initial=0.0))  # ends[i]: width of rest[:i]
        total = ends[-1]
        remaining = -(-total // per_line)
        target = total / remaining
        fitting = [i for i in range(1, len(rest))
                   if ends[i] <= per_line and total - ends[i] <= per_line * (remaining - 1)]
        inside = _inside_words(rest)
        cut = min(fitting or [per_line], key=lambda i: _break_cost(rest, i, abs(ends[i] - target), inside))
        lines.append(rest[:cut])
        rest = rest[cut:]
    return lines + [rest]


def _char_width(ch: str) -> float:
    return 0.6 if ch.isascii() else 1.0  # digits are about half as wide; a margin, for the fonts vary


def text_width(text: str) -> float:
    """In characters of the text's size (the docx writer places the 落款 by it too)."""
    return sum(map(_char_width, text))


def _inside_words(text: str) -> set[int]:
    """Positions that fall inside a listed word (a break there would split it)."""
    inside: set[int] = set()
    for word in _WORDS:
        at = text.find(word)
        while at != -1:
            inside.update(range(at + 1, at + len(word)))
            at = text.find(word, at + 1)
    return inside


def _break_cost(text: str, i: int, off_target: float, inside: set[int]) -> float:
    before, after = text[i - 1], text[i]
    cost = off_target
    if before in _GOOD_AFTER or text.startswith(_GOOD_BEFORE, i):
        cost -= 2
    if i in inside:
        cost += 6
    if after in _BAD_BEFORE or before in _BAD_AFTER or (before.isascii() and before.isalnum()
                                                         and after.isascii() and after.isalnum()):
        cost += 8
    return cost
