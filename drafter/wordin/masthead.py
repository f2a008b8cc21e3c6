"""The 版头 a 公文 carries above its title (GB/T 9704-2012 7.2): 份号, 密级和保密期限,
紧急程度, 发文机关标志 (红头), 发文字号 and 签发人 — found at the start of a user's file
so that they are neither taken for the title nor for body text, and put in their
standard form (〔〕 around the year, ★ before the period, six-digit 份号), each change noted.
A joint 发文机关标志 (联合行文) is found typed one issuer a line or spaced on one line; its
names end up one a line in the block's text, for the writer to stack.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from drafter.document import cn_to_int
from drafter.wordin.source import SourceParagraph

if TYPE_CHECKING:
    from drafter.wordin.roles import Item

_COPY_NUMBER = re.compile(r"^\d{1,6}$")
_SECRECY = re.compile(r"^(绝密|机密|秘密)\s*(?:([★☆*＊])?\s*([\d一二三四五六七八九十]+)\s*(年|个月))?$")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_DOC_NUMBER = re.compile(r"^(?P<code>[\u4e00-\u9fff]{1,15}?)\s*(?P<open>[〔\[［(（【{｛])\s*(?P<year>\d{4})\s*"
                         r"(?P<close>[〕\]］)）】}｝])\s*(?P<number>\d{1,5})\s*号$")
_SIGNER = re.compile(r"签\s*发\s*人\s*[：:]\s*(?P<names>\S.*)$")
# 发文机关标志: an organisation's name, then 文件 ("关于转发省政府文件" is a title)
_ORGANISATION_END = ("(府|会|委|局|厅|部|室|院|组|处|署|办|司|校|站|所|队|社|团|心|镇|乡|村|"
                      "区|县|市|省|州|旗|盟)")
_MARK = re.compile(rf"^(?!关于|转发|印发)[^的]*{_ORGANISATION_END}(文件|文件（函）)$")
# one issuer's name alone, as a joint mark lists them (one a line, or spaced on one line)
_ISSUER = re.compile(rf"^(?!关于|转发|印发)[^的\s]+{_ORGANISATION_END}$")
_MARK_WORD = re.compile(r"文件(?:（函）)?$")
_MOST_ISSUERS = 5
_PUNCTUATION = set("，。；：、！？,.;:!?")
_MOST = 8  # 版头 lines at most; past them the title begins


def masthead(items: list["Item"], hints: dict[int, SourceParagraph]) -> int:
    """Mark the 版头 lines at the start of items; the number of items marked."""
    position = 0
    while position < min(len(items), _MOST):
        texts = [item.text.strip() for item in items[position:position + _MOST_ISSUERS + 2]]
        joint = joint_lines(texts)
        if joint:
            _mark_joint(items[position:position + joint])
            position += joint
            continue
        item = items[position]
        role = _role(texts[0], hints[item.source], position, texts[1] if len(texts) > 1 else "")
        if role is None:
            break
        item.role = role
        _standard_form(item)
        position += 1
    return position


def joint_lines(texts: list[str]) -> int:
    """How many lines at the start of texts are one joint 发文机关标志 typed one issuer a
    line: two or more names, then 文件 (after the last name or on a line of its own) or
    the 发文字号; 0 when they are not."""
    names = 0
    while names < min(len(texts), _MOST_ISSUERS) and _ISSUER.match(texts[names]):
        names += 1
    after = texts[names] if names < len(texts) else ""
    if names and (after == "文件" or _MARK.match(after)):
        return names + 1
    if names >= 2 and _DOC_NUMBER.match(_without_signer(after)):
        return names
    return 0


def _mark_joint(items: list["Item"]) -> None:
    """The lines of a joint mark, each a 发文机关标志 line (layout joins them in one block)."""
    for item in items:
        item.role = "issuer_mark"
        item.text = item.text.strip()
    if len(items) > 2 or items[-1].text != "文件":  # not one name with 文件 under it
        items[0].notes.append(_joint_note(bool(_MARK_WORD.search(items[-1].text))))


def _role(text: str, hint: SourceParagraph, position: int, following: str) -> str | None:
    if _COPY_NUMBER.match(text) and position == 0 and (len(text) == 6 or _looks_like_masthead(following)):
        return "copy_number"
    if _SECRECY.match(text):
        return "secrecy"
    if _URGENCY.match(text):
        return "urgency"
    if _DOC_NUMBER.match(_without_signer(text)):
        return "doc_number"
    if _SIGNER.match(text):
        return "signer"
    if len(text) <= 30 and not _PUNCTUATION & set(text) and (
            _MARK.match(text) or hint.red or _DOC_NUMBER.match(_without_signer(following.strip()))):
        return "issuer_mark"
    return None


def _looks_like_masthead(text: str) -> bool:
    text = text.strip()
    return bool(_SECRECY.match(text) or _URGENCY.match(text) or _MARK.match(text)
                or _DOC_NUMBER.match(_without_signer(text)))


def _without_signer(text: str) -> str:
    """发文字号 and 签发人 typed on one line: the 发文字号 part."""
    signer = _SIGNER.search(text)
    return text[:signer.start()].strip() if signer else text


def _standard_form(item: "Item") -> None:
    text = item.text.strip()
    if item.role == "copy_number" and len(text) < 6:
        item.text = text.zfill(6)
        item.notes.append(f"份号“{text}”补足 6 位：“{item.text}”")
    elif item.role == "secrecy":
        item.text = _secrecy(text, item.notes)
    elif item.role == "doc_number":
        item.text = _doc_number(text, item.notes)
    elif item.role == "signer":
        item.text = "签发人：" + _SIGNER.match(text).group("names").strip()
        item.notes.append("签发人与发文字号排在同一行：发文字号居左，签发人居右")
    else:
        item.text = _joint_on_one_line(text, item.notes)


def _joint_note(with_word: bool) -> str:
    return "联合行文：发文机关名称上下排列" + ("，“文件”二字居右、上下居中" if with_word else "")


def _joint_on_one_line(text: str, notes: list[str]) -> str:
    """"中共清河县委员会 清河县人民政府文件": the names one a line (the writer stacks them)."""
    parts = text.split()
    word = _MARK_WORD.search(parts[-1])
    suffix = word.group() if word else ""
    last = parts[-1][:word.start()] if word else parts[-1]
    names = parts[:-1] + ([last] if last else [])
    if len(names) < 2 or not all(_ISSUER.match(name) for name in names):
        return text
    notes.append(_joint_note(bool(suffix)))
    return "\n".join(names) + suffix


def _secrecy(text: str, notes: list[str]) -> str:
    """秘密★1年: the star before the period, the period in Arabic digits."""
    match = _SECRECY.match(text)
    level, star, amount, unit = match.groups()
    if amount is None:
        return level
    digits = amount if amount.isdigit() else str(cn_to_int(amount) or amount)
    result = f"{level}★{digits}{unit}"
    if result != text:
        notes.append(f"密级和保密期限“{text}”改为“{result}”")
    return result


def _doc_number(text: str, notes: list[str]) -> str:
    """清政发〔2024〕12号: the year in 〔〕 (六角括号), no leading zeros; 签发人 after a tab."""
    match = _DOC_NUMBER.match(_without_signer(text))
    number = f"{match['code']}〔{match['year']}〕{int(match['number'])}号"
    if match["open"] + match["close"] != "〔〕":
        notes.append(f"发文字号括号“{match['open']}{match['close']}”改为“〔〕”")
    if match["number"] != str(int(match["number"])):
        notes.append(f"发文字号序号“{match['number']}”不编虚位，改为“{int(match['number'])}”")
    signer = _SIGNER.search(text)
    if signer is None:
        return number
    notes.append("签发人与发文字号排在同一行：发文字号居左，签发人居右")
    return f"{number}\t签发人：{signer.group('names').strip()}"
