"""The seed's three texts (../shared/seeds/000_ee7c459c3ded9266.txt beside the repository,
embedded below so the test runs anywhere): every defect listed in DESIGN.md §1 is reported with the right rule
and paragraph, and the corrected texts are clean."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import pytest

from drafter.check import ERROR, HINT, CheckContext, check_paragraphs, format_text
from drafter.check.findings import format_line
from drafter.check.reader import split_text

SEED = """现在位置:首页> 演讲稿 > 致辞大全 > 党委书记在意识形态工作会上的讲话

党委书记在意识形态工作会上的讲话

时间:2022-01-25 13:39 致辞大全
  意识形态,哲学范畴词汇,是指一种观念的集合。第一文档网今天为大家精心准备了党委书记在意识形态工作会上的讲话,希望对大家有所帮助!

  党委书记在意识形态工作会上的讲话

  一、抓认识,提高意识形态工作领导力

  首先,要深刻认识意识形态工作的极端重要性。意识形态工作是党的一项极其重要的工作,关乎旗帜、关乎道路、关乎国家政治安全。党的十九大报告指出:“意识形态决定文化前进方向和发展道路”、“要牢牢掌握意识形态工作领导权”,这为我们做好新形势下意识形态工作提供了根本遵循。县地方志办公室全体干部职工要切实强化主体责任,高度重视,加强领导,重视并发挥好意识形态的重要作用,进一步提高政治站位,从中国特色社会主义事业长远发展的战略高度认识意识形态工作,进一步提高做好新时代意识形态工作的能力,牢牢掌握意识形态工作的领导权、管理权和话语权,唱响主旋律,坚守主阵地,凝聚正能量,发出好声音。

  其次,要深刻认识意识形态领域斗争的严峻性。意识形态决定文化前进方向和发展道路,对一个政党、一个国家、一个民族的生存发展至关重要。美国政府智库兰德公司一教授曾向美国政府建议:我们过去搞垮苏联只用两化:制度西化和版图分化。对付中国,至少还要再加上“四化”:让老百姓对政治淡化、把中国的党政官员腐化、将中共的领袖丑化、令马列主义意识形态溶化。西方意识形态渗透的目的就是破坏我们的信仰。2013年8月19日,习近平总书记在全国宣传思想工作会议指出:“一个政权的瓦解往往是从思想领域开始的,政治动荡、政权更迭可能在一夜之间发生,但思想演化是个长期过程。思想防线被攻破了,其他防线就很难守得住。我们必须充分认识意识形态工作的极端重要性,把意识形态工作的领导权、管理权、话语权牢牢掌握在手中,任何时候都不能旁落,否则就要犯无可挽回的历史性错误。”由此可见,在新形势下意识形态工作在我国显得尤为重要。

  再次,要深刻认识抓好意识形态工作的关键。意识形态工作是极端十分重要的工作,班子成员是意识形态工作的领导核心,需要不断强化政治意识,把意识形态工作纳入重要议事日程,密切关注意识形态领域的新情况、新动向,提高意识形态安全建设问题的调查分析能力、洞察预测能力和科学决策能力,持续加强意识形态领域的动态分析,确保对单位思想动态的准时、准确掌握。习近平总书记曾经提出过“四个讲清楚”。对于我们来说也要做到“四个讲清楚”,一要讲清楚镇沅自己的历史传统;二要讲清楚自己的精神追求;三要讲清楚自己的优秀文化;四要讲清楚自己的发展愿景,这样才能牢牢的掌握话语权。

  二、抓协调,形成意识形态工作整合力

  意识形态工作是党的工作的重要组成部分,也是各股室必须抓好的分内事。班子成员要自觉承担政治责任和领导责任,切实增强抓意识形态工作的履职自觉,主动谋划和推动意识形态工作。主任要履行好第一责任,亲自抓、带头管、负首责;分管领导要履行好直接责任,协助一把手抓好统筹协调指导工作;班子成员要履行好“一岗双责”,抓好职责范围内的意识形态工作。一是做好安排部署。要把意识形态工作纳入年度志办党建工作要点,纳入年度宣传思想文化工作要点,细化具体工作内容。纳入领导班子民主生活会自我检查和年度工作述职内容,增强履职尽责抓意识形态工作的责任感。二是建立制度。根据《县地方志办公室意识形态工作责任制实施细则》,各股室要明确意识形态工作要求、责任、追责等内容。要深入学习贯彻《细则》,领会主要精神,推动本单位意识形态工作各项要求落到实处。三是开展意识形态专项检查。各股室要及时进行意识形态工作专项自查,及时传导压力,促进工作推动。四是加强检查考核。要把意识形态工作作为县地方志办公室党建工作重要内容,列入年度综合业绩考核,列入追赶超越工作考核月度点评季度考核内容,提升领导干部抓意识形态工作的压力和动力。

  三、抓阵地,营造意识形态工作的影响力

  抓阵地建设,首先就是要方向上明了。方向涉及根本、关系大局、决定长远。要严格贯彻中央关于意识形态工作的决策部署,坚持什么、反对什么,提倡什么、抵制什么,都要符合重要的要求,有令必行、有禁必止,确保工作不偏向、不走调。对根本的方向性、原则性问题必须心中有数、态度明确。要严格落实上级意识形态工作责任制的实施办法,强化党管宣传、党管意识形态、党管媒体。在政治方向、舆论导向、价值取向上立场坚定,气质鲜明。要提高警惕、加强分析研判,及时发现和处置苗头性倾向问题,切实做到见之于未然,防之于未发,增强工作预见性和主动性。

  其次,就是要形成轮动效应,确保统一发声。网站、微信、展板等要形成全方位宣传的效果。拿破仑说过,在这个世界上只有两种强大的力量,即利剑和思想,从长远来看,利剑常常败在思想手下。所以宣传员一定要抓牢阵地建设,以互联网思维和创新举措来做好意识形态工作,解决思想认识问题,为各项工作再上新台阶提供强大的思想保障。当下宣传员要做的工作,就是要为县地方志办公室发展营造强大的舆论环境,为县地方志办公室发声,为县地方志办公室造“势”。

  一要明势。要明白外部的大环境,要了解自身的定位和拥有的资源。要充分发挥党的喉舌作用,牢牢的把意识形态工作领导权、管理权和话语权掌握在手里,把中央的要求精神第一时间传达给干部职工,把当前的大环境讲述给干部职工。当前就是要紧紧围绕学习宣传贯彻习近平新时代中国特色社会主义思想和党的十九大精神这条主线,积极引导干部群众统一思想、凝聚共识,坚定不移沿着中国道路为实现“两个一百年”奋斗目标和中华民族伟大复兴中国梦而奋斗。

  二要顺势。就是顺势而为。目前我们启动了《镇沅年鉴(2013-2018)》的编纂工作,这是与意识形态密切相关的一件大事,这是一件功在当前、利在长远、影响极为深远的大事。镇沅发展成为今天的多元化协同发展的县城,发展过程既艰难曲折、跌宕起伏,又披荆斩棘、波澜壮阔,这段历史值得我们好好珍惜,更需要我们用如椽之笔用心记载,立志存史,启迪来者。年鉴编写是广大干部职工十分关心的事情,单位宣传人员要在今后一年年鉴编写的进程中,及时报道,及时发声,使干部职工能够了解镇沅年鉴以及本单位志书的进展情况,起到凝聚人心的作用。

  三要造势。要为镇沅志办发展进步再次造势。要抓住时机,抓住舆论导向,在门户网站、微信公众号、QQ群等各类意识形态阵地积极宣传,要充分发挥“笔杆子”的作用,牢牢的掌握意识形态工作领导权,管理权和话语权,利用阵地,为镇沅志办加油鼓劲,凝聚人心。

  四、抓机制,掌握意识形态工作控制力

  (一)建立意识形态安全工作的防范机制

  一是始终不渝地加强组织领导,在顶层设计、科学谋划上下功夫,二是坚定不移地推进党的建设,在健全组织、凝聚人心上下功夫,三是毫不动摇地提升职工文明素质,在理论学习、搭建平台上下功夫,四是坚持不懈地开展马克思主义理论宣传,牢牢掌握意识形态工作的领导权,在意识形态问题(二)构建意识形态建设的应急机制上,做到防患于未然。

  建立意识形态安全监测系统,定期召开干部或职工舆情分析会;根据舆情研判结果,有针对性地做好预案准备;成立危机管理或突发事件处理领导机构,负责处理意识形态的安全危机,牢牢掌握意识形态工作的主导权,科学迅速地处理好意识形态领域出现的问题。

  (三)建立意识形态工作的保障机制

  要确保物质投入。根据规模和实际工作,划拨出一定的专项经费用作主流意识形态的宣传工作,做到专款专用,常投常有。要确保人力投入,根据职工数量和单位特点,培养一定数量的意识形态安全工作者。此外,探索建立意识形态安全工作量化考核机制,对各股室参与的意识形态工作进行定性和定量考核,并建立配套的奖惩机制,牢牢掌握意识形态工作的领导权。

  同志们,面对新形势、新任务、新挑战,镇沅县地方志办公室将坚定不移地贯彻习近平新时代中国特色社会主义思想和党的十九大精神,贯彻落实中央、省委、市委和县委关于意识形态工作的决策部署,以更加饱满的工作热情,更加良好的精神状态,更加扎实的工作作风,抓好意识形态工作,为我办快速健康有序发展提供坚强的思想保证和精神动力。

  党委书记在意识形态工作会上的讲话

  意识形态工作是党的一项极端重要的工作,关乎旗帜、关乎道路、关乎党的执政基础、关乎国家政治安全。做好意识形态工作是党组重要政治责任,是任何时候都必须高度重视、全力抓好的政治任务。为落实县委宣传工作会议精神,和迎接省委巡视组巡察工作安排,召开此次会议,就是为了不断增强局班子成员的政治意识和政治警觉,要胸怀大局、自我加压、主动作为,把意识形态工作的领导权和话语权牢牢掌握在手中。为做好意识形态工作,我讲一下几点意见:

  一、抓好责任落实

  作为党组书记,我是落实意识形态责任的第一责任人,在新单位组建初期,党组会讨论分工时,明确了胡先卫同志分管意识形态工作,分管领导要切实履行好直接责任,协助抓好统筹协调指导工作;其他班子成员要履行好“一岗双责”,抓好职责范围内的意识形态工作。要把意识形态工作纳入党建工作责任制,纳入领导班子、领导干部目标管理的重要内容,纳入领导班子成员民主生活会和述职报告的重要内容。建立健全意识形态工作研判机制,坚持意识形态工作原则,把意识形态工作纳入年终绩效考核,与业务工作同部署、同安排、同考核。

  二、抓好理论学习

      根据县委中心组学习计划,坚持将意识形态工作作为中心组学习的重要内容,以党员干部特别是班子成员为重点,结合“支部主题党日”活动开展,充分利用学习强国平台,进一步创新学习方式,持续加强习近平新时代中国特色社会主义思想、党的十九大精神和习近平治国理政新理念新思想新战略的学习宣传教育,按月制定学习计划,建立定期调阅学习笔记和交流学习心得。

  三、抓好阵地管理

  专题学习贯彻上级关于意识形态工作的决策部署及指示要求做好意识形态阵地的管理,充分利用我局企业QQ工作群,微信群和企业联系微信群等平台,宣传业务工作的同时,组织丰富多样的正面舆论宣传,弘扬主旋律,传播正能量,激发社会各行业团结奋进的强大力量。要发扬斗争精神,坚决抵制与中央及省市县各级党委政府重大决策部署不符的言论、文章、信息,做到不该说的坚决不说,不该发的坚决不发,不该转的坚决不转,在重大政治原则和大是大非问题上敢于斗争、敢于交锋、敢于亮剑。要强化网络安全管理,加强对移动、联通、电信3家运营商的网络安全监督管理,定期开展督导。

  党委书记在意识形态工作会上的讲话

  一、工作情况

  一季度,垛团村积极发挥宣传思想工作在推进各项工作中的先导和服务作用,着力抓好理论学习、舆论宣传和核心价值观弘扬工作,积极开展丰富多彩的文化活动,并多次深入学习贯彻习近平总书记关于意识形态工作的系列的重要讲话精神,认识意识形态工作的必要性和紧迫性。带头维护党中央权威,坚持带头学,坚持读原文,坚持学而用,切实指导实践、确保我村各项工作的高效推进。

  高度重视意识形态工作,将意识形态工作作为党的建设的重要内容,纳入重要议事日程,进行目标管理。及时成立意识形态工作领导小组,由村书记担任工作组长,村主任担任工作副组长,其他村组干部担任成员。领导组在工作中,认真履行意识形态工作的主体责任,按照谁主管谁负责原则,层层落实责任分工。并要求班子成员将意识形态工作责任制落实情况作为述职报告的重要内容,确保了意识形态工作责任的落实。并多次深入学习宣传贯彻习近平总书记关于意识形态工作的系列重要讲话精神,认识意识形态工作的必要性和紧迫性。带头维护党中央权威,坚持带头学,坚持读原文,坚持学而用,切实指导实践、确保我街道各项工作的高效推进。履行意识形态工作的主体责任,按照谁主管谁负责原则,层层落实责任分工。并要求班子成员将意识形态工作责任制落实情况作为述职报告的重要内容,确保了意识形态工作责任的落实。并多次深入学习宣传贯彻习近平总书记关于意识形态工作的系列重要讲话精神,认识意识形态工作的必要性和紧迫性。带头维护党中央权威,坚持带头学,坚持读原文,坚持学而用,切实指导实践、确保我街道各项工作的高效推进。狠抓学习教育,落实工作实效。将意识形态工作纳入街道党组中心组学习的重要内容,及时传达学习党中央和上级党委关于意识形态工作的决策部署及指示精神,狠抓中国特色社会主义和“中国梦”宣传教育,大力培育和践行社会主义核心价值观。牢牢把握正确的政治方向,严守政治纪律和政治规矩,严守组织纪律和宣传纪律,坚决维护中央权威,在思想上行动上同党中央保持高度一致。开展党员冬训。根据区委区政府的要求并结合实际,街道定制了两大类冬训课程暨一项专题类课程+一项拓展类课程,专题类课程里包含六个学习主题,主要是针对十八届六中全会及各级党代会精神的学习,进一步加深了党员干部们对从严治党的理解,增强了党的纯洁性和先进性;村领导班子成员为大家讲解各级党代会精神,确保思想和行动统一到中央部署上来。

  二、存在问题

  虽然我村在意识形态工作领域工作中做了很多工作,取得了一些成绩,但也存在一定的困难和问题。主要是:意识形态正面舆论引导方式途径不够丰富,影响力、战斗力不够强;对党员干部群众的思想政治教育还需往常态化努力。

  三、下一步打算

  我村将以进一步强化组织领导、强化思想政治教育、强化意识形态宣传和强化阵地建设的“四强化”为抓手,促进意识形态工作由虚变实,由宽变严,由软变硬,牢牢把握意识形态工作的领导权、管理权、话语权,推动环卫事业稳定快速发展。"""


# The shared folder sits beside the repository: <repo>/../shared/seeds/
SEED_PATH = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_ee7c459c3ded9266.txt"
TITLE = "党委书记在意识形态工作会上的讲话"

TEXT1 = CheckContext(unit_name="镇沅县地方志办公室", unit_short_name="县地方志办", unit_kind="办",
                     date=dt.date(2022, 1, 25))
TEXT2 = CheckContext(unit_kind="局")
TEXT3 = CheckContext(unit_name="垛团村", unit_kind="村")


def split_seed(text: str = SEED) -> list[list[str]]:
    """The seed's three texts. The title line occurs four times: once as the web page's
    heading (with its date line and blurb), then at the head of each text."""
    lines = split_text(text)
    starts = [i for i, line in enumerate(lines) if line == TITLE]
    assert len(starts) == 4
    chunks = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    return chunks[1:]


def hits(findings) -> set[tuple[str, int]]:
    return {(f.rule, f.paragraph) for f in findings}


def by_rule(findings, rule: str):
    return [f for f in findings if f.rule == rule]


def test_embedded_seed_is_the_shared_seed():
    """In CI the seed must be there (a missing one fails); elsewhere it may be absent."""
    if not SEED_PATH.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the shared seed is missing: {SEED_PATH}")
        pytest.skip(f"shared seed not available at {SEED_PATH}")
    assert SEED_PATH.read_text(encoding="utf-8") == SEED


def test_seed_splits_into_three_texts():
    texts = split_seed()
    assert [t[0] for t in texts] == [TITLE] * 3
    assert texts[0][1].startswith("一、抓认识")
    assert texts[1][1].startswith("意识形态工作是党的一项极端重要的工作")
    assert texts[2][1] == "一、工作情况"


# ---------------------------------------------------------------- text 1 (办)


def test_text1_extremely_very():
    findings = check_paragraphs(split_seed()[0], TEXT1)
    (f,) = by_rule(findings, "wording.extremely-very")
    assert (f.paragraph, f.snippet, f.severity, f.replacement) == (5, "极端十分", ERROR, "极端")


def test_text1_swallowed_subheading():
    findings = check_paragraphs(split_seed()[0], TEXT1)
    (embedded,) = by_rule(findings, "structure.embedded")
    assert embedded.paragraph == 16 and embedded.severity == ERROR
    assert embedded.snippet.startswith("(二)构建意识形态建设的应急机制")
    (sequence,) = by_rule(findings, "structure.sequence")
    assert sequence.paragraph == 18 and sequence.related_paragraph == 16
    assert "缺少“（二）”" in sequence.message


def test_text1_nineteenth_congress_is_current_in_january_2022():
    findings = check_paragraphs(split_seed()[0], TEXT1)
    assert not [f for f in findings if f.rule.startswith("dated.nineteenth")]
    # the first centenary goal was declared achieved on 2021-07-01
    assert ("dated.two-centenary-goals", 11) in hits(findings)


def test_text1_nineteenth_congress_is_dated_in_2023():
    context = replace(TEXT1, date=dt.date(2023, 3, 1))
    findings = check_paragraphs(split_seed()[0], context)
    spirit = by_rule(findings, "dated.nineteenth-congress-spirit")
    assert [(f.paragraph, f.severity, f.replacement) for f in spirit] == [
        (11, ERROR, "党的二十大精神"), (20, ERROR, "党的二十大精神")]
    assert ("dated.nineteenth-congress-report", 3) in hits(findings)


def test_text1_self_reference_fits():
    findings = check_paragraphs(split_seed()[0], TEXT1)
    assert not by_rule(findings, "unit.self-ref")  # 我办 in a 办 text


# ---------------------------------------------------------------- text 2 (局)


def test_text2_title_against_body():
    findings = check_paragraphs(split_seed()[1], TEXT2)
    (f,) = by_rule(findings, "roles.body")
    assert (f.paragraph, f.snippet, f.severity, f.related_paragraph) == (4, "党组书记", ERROR, 1)
    assert "党委书记" in f.message


def test_text2_yixia_jidian():
    findings = check_paragraphs(split_seed()[1], TEXT2)
    (f,) = by_rule(findings, "wording.yixia-yixia")
    assert (f.paragraph, f.snippet, f.replacement) == (2, "一下几点", "以下几点")


def test_text2_self_reference_fits():
    assert not by_rule(check_paragraphs(split_seed()[1], TEXT2), "unit.self-ref")  # 我局


# ---------------------------------------------------------------- text 3 (村)


def test_text3_street_self_reference():
    findings = check_paragraphs(split_seed()[2], TEXT3)
    refs = by_rule(findings, "unit.self-ref")
    assert [(f.paragraph, f.snippet, f.severity, f.replacement) for f in refs] == [
        (4, "我街道", ERROR, "我村"), (4, "我街道", ERROR, "我村")]
    assert format_line(refs[0]).startswith(
        "第4段 [错误] unit.self-ref：“我街道”与单位“垛团村”的类型“村”不符 → 建议改为“我村”")


def test_text3_street_party_group():
    findings = check_paragraphs(split_seed()[2], TEXT3)
    (f,) = by_rule(findings, "unit.org")
    assert (f.paragraph, f.snippet, f.severity) == (4, "街道党组", ERROR)


def test_text3_sanitation_trade():
    findings = check_paragraphs(split_seed()[2], TEXT3)
    (f,) = by_rule(findings, "unit.trade")
    assert (f.paragraph, f.snippet) == (8, "环卫事业")


def test_text3_pasted_paragraph():
    findings = check_paragraphs(split_seed()[2], TEXT3)
    (f,) = by_rule(findings, "repeat.sentence")
    assert f.paragraph == 4 and f.severity == ERROR and f.related_paragraph == 3
    assert "（5 句）" in f.message


def test_text3_without_unit_data_still_flags_the_copy():
    findings = check_paragraphs(split_seed()[2], CheckContext())
    refs = by_rule(findings, "unit.self-ref")
    assert [(f.snippet, f.severity) for f in refs] == [("我街道", HINT), ("我街道", HINT)]
    assert ("unit.org", 4) in hits(findings)
    assert ("unit.trade", 8) in hits(findings)


# ---------------------------------------------------------------- corrected texts


def fullwidth(text: str) -> str:
    return text.translate(str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？",
                                         "(": "（", ")": "）"}))


def corrected_text1() -> list[str]:
    paragraphs = [fullwidth(p) for p in split_seed()[0]]
    paragraphs[0] = "党组书记在意识形态工作会上的讲话"
    fixed = []
    for p in paragraphs:
        p = (p.replace("极端十分", "极端").replace("牢牢的", "牢牢地").replace("”、“", "”“")
             .replace("为实现“两个一百年”奋斗目标", "为实现第二个百年奋斗目标")
             .replace("极其重要的工作", "极端重要的工作").replace("工作会议指出", "工作会议上指出"))
        if "（二）构建" in p:
            head, tail = p.split("（二）")
            fixed.append(head + "上，做到防患于未然。")
            fixed.append("（二）" + tail.split("上，")[0])
            continue
        fixed.append(p)
    return fixed


def corrected_text2() -> list[str]:
    paragraphs = [fullwidth(p).replace("一下几点", "以下几点") for p in split_seed()[1]]
    paragraphs[0] = "党组书记在意识形态工作会上的讲话"
    return paragraphs


def corrected_text3() -> list[str]:
    paragraphs = [fullwidth(p) for p in split_seed()[2]]
    paragraphs[0] = "垛团村一季度意识形态工作情况汇报"
    p = paragraphs[3]
    first = "确保了意识形态工作责任的落实。"
    keep_until = p.index(first) + len(first)
    rest = p[p.index("狠抓学习教育"):]
    paragraphs[3] = (p[:keep_until] + rest).replace("街道党组中心组", "村党支部").replace(
        "街道定制了", "村党支部定制了")
    paragraphs[7] = paragraphs[7].replace("环卫事业", "全村各项事业")
    return paragraphs


@pytest.mark.parametrize("make, context", [
    (corrected_text1, TEXT1),
    (corrected_text1, replace(TEXT1, date=None)),
    (corrected_text2, TEXT2),
    (corrected_text2, CheckContext()),
    (corrected_text3, TEXT3),
    (corrected_text3, CheckContext()),
], ids=["text1", "text1-undated", "text2", "text2-no-data", "text3", "text3-no-data"])
def test_corrected_texts_are_clean(make, context):
    findings = check_paragraphs(make(), context)
    assert findings == [], format_text(findings)


def test_text1_misusages_of_the_fixed_formulations():
    findings = check_paragraphs(split_seed()[0], TEXT1)
    assert ("wording.ideology-extremely-important", 3) in hits(findings)
    assert ("wording.meeting-on", 4) in hits(findings)


def test_corrected_text1_in_2023_needs_only_the_congress():
    paragraphs = [p.replace("十九大", "二十大") for p in corrected_text1()]
    findings = check_paragraphs(paragraphs, replace(TEXT1, date=dt.date(2023, 3, 1)))
    assert findings == [], format_text(findings)
