"""Speeches and reports for drafter learn's tests, in our own words with fictitious units and
people: one with Word's heading styles and no typed numbers (python-docx), one report with
typed numbers, a skipped number and headings run into their paragraphs (python-docx), one
typed as plain text and saved as .docx by LibreOffice. Each comes with the names that must
not survive a render for another unit, and that other unit's data."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

STYLED = [  # (style, text); None = Normal
    ("title", "党组书记在2024年意识形态工作会议上的讲话"),
    ("byline", "云岭区自然资源局党组书记　刘建国"),
    ("byline", "（2024年3月15日）"),
    (None, "同志们："),
    (None, "今天，局党组召开2024年意识形态工作会议，主要任务是总结2023年工作，部署今年任务。刚才，王丽华同志"
           "通报了全局意识形态工作情况，我都同意。下面，我讲三点意见。"),
    ("Heading 1", "提高政治站位，扛牢主体责任"),
    (None, "意识形态工作是为国家立心、为民族立魂的工作。我局承担着国土空间规划和资源管理职能，工作点多面广，"
           "干部职工思想活跃，更要把意识形态工作摆在突出位置。局党组书记是第一责任人，分管副局长陈志远同志是"
           "直接责任人，其他班子成员按照“一岗双责”抓好分管领域的工作。"),
    ("Heading 2", "健全责任清单"),
    (None, "各股室要对照区委意识形态工作责任制实施办法，把任务分解到岗、落实到人，每半年向局党组报告一次落实情况。"),
    ("Heading 2", "严格考核问责"),
    (None, "要把意识形态工作纳入年度绩效考核，考核结果与评先评优挂钩。对工作不力的，由纪检组长赵红梅同志约谈提醒。"),
    ("Heading 1", "加强理论武装，筑牢思想根基"),
    (None, "要坚持理论学习中心组学习制度，全年集中学习不少于十二次。一是读原著学原文，二是开展专题研讨，"
           "三是组织青年干部讲微党课。"),
    ("Heading 1", "管好宣传阵地，唱响主旋律"),
    (None, "门户网站、“云岭资源”微信公众号和各类工作群，要严格执行信息发布三审制度，谁发布谁负责。"),
    (None, "同志们，做好今年的意识形态工作责任重大。让我们在市委、区委的坚强领导下，团结一心、真抓实干，"
           "为建设美丽云岭作出新的更大贡献！"),
]
STYLED_OPTIONS = ("--unit", "云岭区自然资源局", "--kind", "局")
STYLED_NAMES = ["云岭", "自然资源局", "资源局", "刘建国", "王丽华", "陈志远", "赵红梅", "2024", "2023"]

REPORT = [
    "清河县审计局关于2024年第一季度意识形态工作情况的报告",
    "县委宣传部：",
    "现将我局2024年第一季度意识形态工作情况报告如下：",
    "一、主要工作",
    "（一）压实工作责任。局党组召开专题会议两次，研究部署一季度意识形态工作，党组书记、局长孙立平同志带头讲党课。",
    "（二）抓好理论学习。全局干部职工参加集中学习六次，副局长周文斌同志为青年干部作专题辅导。",
    "（四）管好网络阵地。对县审计局网站和政务新媒体开展自查，发现并整改问题三个。",
    "二、存在的问题",
    "一是学习形式还比较单一，二是网络舆情研判的专业力量不足。",
    "三、下一步打算",
    "1.把意识形态工作与审计业务深度融合。",
    "2.组织一次意识形态专题培训。",
    "特此报告。",
    "清河县审计局",
    "2024年4月8日",
]
REPORT_NAMES = ["清河", "审计局", "孙立平", "周文斌", "2024"]

COMMUNITY = [
    "党委书记在2025年社区意识形态工作会议上的讲话",
    "（2025年1月20日）",
    "同志们：",
    "今天召开青石社区意识形态工作会议，主要是总结去年工作，安排今年任务。",
    "一、统一思想认识",
    "社区是党联系群众的最后一公里，我们要认真学习党的二十大精神。我社区居民两千余户，流动人口多，思想观念多元，社区党委要把意识形态工作"
    "作为党建工作的重要内容，与网格管理同部署、同检查。",
    "二、抓实阵地建设",
    "一要管好社区宣传栏，二要办好居民议事厅，三要用好居民微信群，做到正面声音天天有。",
    "三、凝聚群众力量",
    "要发挥老党员、楼栋长作用，由副书记吴海燕同志牵头组建志愿宣讲队，全年开展宣讲不少于二十场，"
    "把青石社区建设得更加和谐美丽。",
    "谢谢大家！",
]
COMMUNITY_OPTIONS = ("--unit", "桃源街道青石社区", "--kind", "社区")
COMMUNITY_NAMES = ["青石", "桃源", "吴海燕", "2025"]


def styled_speech(path: Path) -> Path:
    """Word's Title and Heading styles, no typed numbers, a centred byline."""
    document = docx.Document()
    for style, text in STYLED:
        if style == "title":
            paragraph = document.add_paragraph(style="Title")
            paragraph.add_run(text)
        elif style == "byline":
            paragraph = document.add_paragraph()
            paragraph.add_run(text).font.size = Pt(16)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def plain_docx(path: Path, lines: list[str]) -> Path:
    """Paragraphs as people type them: numbers typed, one font, nothing styled."""
    document = docx.Document()
    for line in lines:
        run = document.add_paragraph().add_run(line)
        run.font.name = "宋体"
        run.font.size = Pt(14)
    document.save(str(path))
    return path


def libreoffice_docx(folder: Path, lines: list[str], name: str = "社区讲话") -> Path:
    """Typed as plain text, saved as .docx by LibreOffice."""
    from drafter.pdf import convert

    text = folder / f"{name}.txt"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return convert([text], folder, target="docx:MS Word 2007 XML")[text]


def other_unit(data: dict, *, name: str, kind: str, place: str = "", short: str = "") -> dict:
    """The input file learn wrote, moved to another unit, speaker, leaders, meeting and year."""
    data = dict(data)
    data["unit"] = {"name": name, "kind": kind, **({"short_name": short} if short else {})}
    data["speaker"] = {"title": "党支部书记", "name": "张晓梅"}
    meeting = dict(data.get("meeting") or {})
    meeting["date"] = "2027-02-20"
    if "name" in meeting:
        meeting["name"] = "2027年意识形态工作推进会"
    data["meeting"] = meeting
    people = [("马文涛", "副馆长"), ("林秀英", "纪检委员"), ("郑海波", "支部委员")]
    data["leaders"] = [{"name": person, "post": post} for (person, post), _ in zip(people, data.get("leaders", []))]
    if "superiors" in data:
        data["superiors"] = ["省委", "市委", "县委"][-len(data["superiors"]):]
    if "place" in data:
        data["place"] = place
    for key in [k for k in data if k.startswith("alias_")]:
        data[key] = short or name
    if "quarter" in data:
        data["quarter"] = "三"
    return data

# The title in two centred paragraphs, the unit's full name only in the title, the speaker only in
# the byline (two posts, a surname the common-surname list may miss).
SPLIT_TITLE = [
    ("center", "在白沙区农业农村局2025年安全生产"),
    ("center", "工作会议上的讲话"),
    ("center", "局党组书记、局长　何建平"),
    ("center", "（2025年2月12日）"),
    (None, "同志们："),
    (None, "今天这个会，主要是回顾2024年全局安全生产工作，部署今年的任务。"),
    (None, "一、看清形势，绷紧安全这根弦"),
    (None, "去年，局党组先后四次研究安全生产，农机、渔业两条线没有发生责任事故。"),
    (None, "二、盯住重点，把隐患消除在萌芽状态"),
    (None, "各股室要对照清单逐项排查，我局将把排查结果纳入年终考核。"),
    (None, "同志们，安全生产没有终点，让我们以更实的作风守牢底线！"),
]

# A town government named in full once, by its short forms, and beside other bodies' names
# (县政府, 各乡镇人民政府) that are not its own.
TOWN_SPEECH = [
    "镇长在石门镇2025年防汛工作会议上的讲话",
    "（2025年5月8日）",
    "同志们：",
    "汛期将至，石门镇人民政府决定召开这次会议，落实县委、县政府的防汛部署。",
    "一、压实防汛责任",
    "镇党委、镇政府主要负责同志是第一责任人，各村要把责任落实到每一段堤防。",
    "二、做好群众转移",
    "县防指已向各乡镇人民政府下发转移预案，石门镇政府要在三天内完成演练。",
    "三、建设平安石门",
    "全镇上下要守土尽责，确保安全度汛。",
]
TOWN_OPTIONS = ("--unit", "石门镇人民政府", "--kind", "镇")

# A county government's notice: 县政府 is its own short name there.
COUNTY_NOTICE = [
    "平阳县人民政府关于做好2025年防汛工作的通知",
    "各乡镇人民政府，县直各部门：",
    "经县政府研究，现将有关事项通知如下：",
    "一、落实责任",
    "各乡镇人民政府要在6月1日前完成隐患排查。",
    "二、加强值守",
    "汛期实行24小时值班。",
    "平阳县人民政府",
    "2025年5月6日",
]


def centred_docx(path: Path, lines: list[tuple[str | None, str]]) -> Path:
    """Paragraphs as typed, the title and byline centred (no styles): the title in as many
    paragraphs as given."""
    document = docx.Document()
    for alignment, text in lines:
        paragraph = document.add_paragraph()
        paragraph.add_run(text).font.size = Pt(16)
        if alignment == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
    return path

# A county leader's speech that names the heads of other organisations (县林业局局长…, 县委宣传部
# 部长…) beside the county's own leaders (常务副县长…, 县政府副县长…).
COUNTY_FIRE_SPEECH = [
    "在全县2025年森林防火工作会议上的讲话",
    "县政府副县长　何立群",
    "（2025年3月6日）",
    "同志们：",
    "刚才，县林业局局长彭建华同志通报了去年的防火工作，县消防救援大队队长黄志刚同志讲了扑救预案，"
    "县委宣传部部长宋小燕同志对宣传引导提了要求，我都同意。",
    "一、守住火源关口",
    "清明前后祭扫用火多，各乡镇要把巡山护林落到实处。由常务副县长罗振宇同志牵头督查，"
    "县政府副县长曹雅琴同志负责物资保障。",
    "二、压实各方责任",
    "各乡镇、各部门要把防火责任落实到山头地块，确保全县不发生重大森林火灾。",
]
COUNTY_FIRE_OPTIONS = ("--unit", "石岭县人民政府", "--kind", "县")

# A bureau's speech: its own head named with its short name (县审计局局长…), another body's head
# (派驻纪检监察组组长…), and its party secretary after no name at all (局党组书记…).
BUREAU_SPEECH = [
    "在全局2025年党风廉政建设工作会议上的讲话",
    "（2025年2月18日）",
    "同志们：",
    "刚才，县审计局局长孙立平同志传达了上级会议精神，派驻纪检监察组组长邹平同志作了点评。",
    "一、坚持从严治党",
    "局党组书记刘建国同志要带头履行第一责任人职责，副局长周文斌同志抓好分管股室。",
]
BUREAU_OPTIONS = ("--unit", "清河县审计局", "--kind", "局")

# A 街道's report signed by its party working committee (中共…街道工作委员会): the 街道 is the unit,
# the bare word 街道 (街道机关, 街道吹哨) is no name of it.
SUBDISTRICT_REPORT = [
    "关于青梅街道2025年第一季度平安建设工作情况的报告",
    "区委政法委：",
    "2025年第一季度，青梅街道党工委紧扣平安建设目标，现将有关情况报告如下：",
    "一、主要工作",
    "（一）织密巡防网络。组织街道机关干部和社区志愿者夜间巡防四十余次。",
    "（二）化解矛盾纠纷。坚持“街道吹哨、部门报到”，联合派出所调处纠纷二十六起。",
    "二、下一步打算",
    "青梅街道将继续完善网格管理，街道党工委副书记冯立新同志牵头抓好落实。",
    "中共青梅街道工作委员会",
    "2025年4月3日",
]
