"""Whole drafts of other units, written for the tests, that must come out clean: the checker
must not cry wolf on ordinary, correct official writing."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.check import CheckContext, check_paragraphs, format_text

STREET_SPEECH = """\
党工委书记在2024年红星街道意识形态工作会议上的讲话
党工委书记　王明
（2024年3月15日）
同志们：
今天召开全街道意识形态工作会议，主要任务是深入学习贯彻党的二十大精神，总结去年工作，部署今年任务。下面，我讲以下几点意见。
一、抓认识，提高意识形态工作领导力
首先，要深刻认识意识形态工作的极端重要性。意识形态工作是党的一项极端重要的工作，关乎旗帜、关乎道路、关乎国家政治安全。作为党工委书记，我是落实意识形态工作责任制的第一责任人，必须把这项工作抓在手上、扛在肩上。
其次，要深刻认识意识形态领域斗争的复杂性。当前，各种社会思潮相互交织，网络舆论生态日趋复杂，我们必须保持清醒头脑，增强忧患意识。
再次，要深刻认识做好意识形态工作的关键在人。班子成员要带头学习、带头研判、带头发声，牢牢掌握意识形态工作的领导权、管理权、话语权。
二、抓协调，形成意识形态工作整合力
（一）压实责任链条
一是做好安排部署，把意识形态工作纳入街道党工委年度工作要点；二是健全制度，根据《红星街道意识形态工作责任制实施细则》明确各科室、各社区的责任；三是开展专项检查，及时传导压力；四是加强考核，把检查结果纳入年度综合考核。
（二）加强统筹协调
街道党工委每半年专题研究一次意识形态工作，分管领导要履行直接责任，协助一把手抓好统筹协调指导工作，其他班子成员要履行好“一岗双责”。
三、抓阵地，营造意识形态工作影响力
要管好用好街道门户网站、微信公众号和社区宣传栏，坚持正确政治方向、舆论导向、价值取向。一要明势，了解外部大环境；二要顺势，围绕中心工作及时发声；三要造势，为全街道高质量发展凝聚人心。
四、抓机制，掌握意识形态工作主动权
（一）建立防范机制
定期召开舆情分析研判会，有针对性地做好预案准备，做到防患于未然。
（二）建立应急机制
成立突发事件处理领导小组，科学迅速地处置意识形态领域出现的问题。
（三）建立保障机制
要确保经费投入，做到专款专用；要培养一支政治过硬、本领高强的宣传队伍。
同志们，让我们更加紧密地团结在以习近平同志为核心的党中央周围，坚定不移地贯彻党的二十大精神，为我街道高质量发展、为实现第二个百年奋斗目标提供坚强的思想保证。
"""

BUREAU_REPORT = """\
宁远县统计局2023年意识形态工作情况报告
一、工作情况
2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，全面学习贯彻党的二十大精神，认真落实意识形态工作责任制。局党组先后6次专题研究意识形态工作，党组书记、局长履行第一责任人职责。
我县经济运行总体平稳，统计数据质量稳步提高。局机关各股室按照“谁主管谁负责”的原则，层层落实责任分工。截至12月底，共开展统计法治宣传12次，覆盖企业300余家。
二、存在问题
一是理论学习的系统性还不够强；二是网络阵地管理的手段还不够多；三是基层统计人员的思想政治教育还需加强。
三、下一步打算
（一）抓好理论学习。把学习贯彻党的二十大精神作为首要政治任务，落实“第一议题”制度。
（二）抓好阵地管理。规范局门户网站、微信公众号的内容审核，确保正确的舆论导向。
（三）抓好队伍建设。加强统计干部队伍思想政治建设，推动统计事业高质量发展。
"""

SCHOOL_SPEECH = """\
党委书记在全校思想政治工作会议上的讲话
（2023年9月8日）
老师们、同志们：
新学期伊始，我们召开全校思想政治工作会议，目的是统一思想、明确任务。
一、提高站位，认清形势任务
我校是培养社会主义建设者和接班人的重要阵地，学校党委要把方向、管大局、作决策、抓班子、带队伍、保落实。
二、突出重点，抓好课程思政
1.推进思政课改革创新
2.加强教师队伍建设
本学期，各学院要至少开展两次集体备课，确保思政课入脑入心。
三、强化保障，形成工作合力
第一，加强组织领导；第二，完善考核评价；第三，加大经费投入。作为党委书记，我将带头抓好落实。
"""


@pytest.mark.parametrize("text, context", [
    (STREET_SPEECH, CheckContext(unit_name="红星街道办事处", unit_kind="街道",
                                 speaker_title="党工委书记", date=dt.date(2024, 3, 15))),
    (STREET_SPEECH, CheckContext()),
    (BUREAU_REPORT, CheckContext(unit_name="宁远县统计局", unit_kind="局", date=dt.date(2023, 12, 20))),
    (BUREAU_REPORT, CheckContext()),
    (SCHOOL_SPEECH, CheckContext(unit_name="某某县第一中学", unit_kind="学校", speaker_title="党委书记")),
    (SCHOOL_SPEECH, CheckContext(unit_kind="学校")),
], ids=["street", "street-no-data", "bureau", "bureau-no-data", "school", "school-kind-only"])
def test_clean(text, context):
    paragraphs = text.splitlines()
    findings = check_paragraphs(paragraphs, context)
    assert findings == [], format_text(findings)


def test_the_street_speech_given_to_a_village_is_caught():
    context = CheckContext(unit_name="柳湾村", unit_kind="村", speaker_title="村党支部书记",
                           date=dt.date(2024, 3, 15))
    findings = check_paragraphs(STREET_SPEECH.splitlines(), context)
    rules = {f.rule for f in findings}
    assert {"unit.self-ref", "roles.title", "roles.body"} <= rules
