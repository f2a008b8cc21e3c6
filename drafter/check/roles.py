"""Consistency of roles (roles.*): the speaker's post in the title or byline against the
body and the unit data.

- roles.body     the body says 作为党组书记 under a title or byline that says 党委书记
                 (or 作为主任 under 局长 …), or against the speaker's post in the unit data
- roles.title    the title or byline names a post other than the unit data's speaker post
- roles.org      the title's secretary belongs to a party organisation the unit does not have
                 (党委书记 for a 局, whose party organisation is a 党组) — a hint; one a unit of
                 that kind may really have (a 村's 党总支) is not questioned
- roles.body-org the body names the unit's party organisation otherwise than the speaker's
                 title does (title 村党支部书记, body 村党总支)
"""

from __future__ import annotations

from typing import NamedTuple

import re

from drafter.check.document import Draft
from drafter.check.findings import ERROR, HINT, Finding
from drafter.unit_types import kind_from_name
from drafter.check.rules import RuleSet
from drafter.check.textutil import matches_of
from drafter.unit_types import UNIT_TYPES

_ORGS = "党组|党委|党工委|党支部|党总支"
_SECRETARY = re.compile(rf"({_ORGS}|支部|总支)(副?)书记")
_ADMIN_POSTS = ("村委会主任|居委会主任|村主任|总经理|董事长|局长|主任|镇长|乡长|县长|区长|市长|"
                "厅长|部长|处长|科长|所长|站长|馆长|院长|校长|队长|会长")
_ADMIN = re.compile(rf"(副?)({_ADMIN_POSTS})")
# "作为党组书记，我……" / "我作为局长" — the speaker describing their own post.
_CLAIM = re.compile(
    rf"(?:^|(?<=[，。；：！？,;:!?\s“])|(?<=我)|(?<=本人))(?:作为|身为)"
    rf"(?P<qual>[^，。；：,;:“”]{{0,12}}?)"
    rf"(?:(?P<org>{_ORGS}|支部|总支)(?P<deputy>副?)书记|(?P<adeputy>副?)(?P<admin>{_ADMIN_POSTS}))"
)
_SOURCE = "讲话人的职务应前后一致，并与本单位的党组织设置相符"


def _org(name: str) -> str:
    return {"支部": "党支部", "总支": "党总支"}.get(name, name)


def _admin(name: str) -> str:
    """村委会主任, 村主任 and 主任 are the same post for the comparison."""
    return re.sub(r"^(村委会|居委会|村)", "", name)


class Post(NamedTuple):
    index: int  # paragraph, 0-based
    start: int
    text: str  # as written: 党委书记, 副局长
    org: str | None  # 党委 … for secretaries
    admin: str | None  # 局长 … for administrative posts
    deputy: bool


def posts_in(text: str, index: int) -> list[Post]:
    posts = []
    for m in _SECRETARY.finditer(text):
        posts.append(Post(index, m.start(), m.group(0), _org(m.group(1)), None, bool(m.group(2))))
    taken = [(p.start, p.start + len(p.text)) for p in posts]
    for m in _ADMIN.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        posts.append(Post(index, m.start(), m.group(0), None, _admin(m.group(2)), bool(m.group(1))))
    return posts


def claims_in(text: str, index: int) -> list[Post]:
    claims = []
    for m in matches_of(_CLAIM, text):
        if m.group("org"):
            start = m.start("org")
            written = text[start:m.end()]
            claims.append(Post(index, start, written, _org(m.group("org")), None,
                               bool(m.group("deputy"))))
        else:
            start = m.start("adeputy")
            claims.append(Post(index, start, text[start:m.end()], None, _admin(m.group("admin")),
                               bool(m.group("adeputy"))))
    return claims


def _conflicts(claim: Post, posts: list[Post]) -> bool:
    """Does the claim contradict the posts named elsewhere (same kind of post only)?"""
    if claim.org:
        secretaries = [p for p in posts if p.org]
        return bool(secretaries) and not any(
            p.org == claim.org and p.deputy == claim.deputy for p in secretaries)
    admins = [p for p in posts if p.admin]
    return bool(admins) and not any(
        p.admin == claim.admin and p.deputy == claim.deputy for p in admins)


def _names(posts: list[Post], claim: Post) -> str:
    same_kind = [p for p in posts if (p.org is not None) == (claim.org is not None)]
    return "、".join(dict.fromkeys(f"“{p.text}”" for p in same_kind))



def _against_data(rule: str, post, what: str, speaker_title: str) -> Finding:
    """A post in the draft that differs from the speaker's title in the unit data."""
    return Finding(
        rule=rule, severity=ERROR, paragraph=post.index + 1,
        snippet=post.text, column=post.start + 1,
        message=f"{what}与讲话人职务“{speaker_title}”不一致",
        suggestion=f"按单位资料改为“{speaker_title}”中的职务",
        source=_SOURCE,
    )

def _title_org(draft: Draft, front_posts: list[Post], resolved) -> tuple[Post, str] | None:
    """The title's secretary and the kind of unit whose organisation it is (红旗村党支部书记 → 村)."""
    for post in front_posts:
        if post.org is None:
            continue
        named = draft.paragraphs[post.index][:post.start]
        kind = kind_from_name(named) if named else None
        kind = kind or (named[-1] if named and named[-1] in UNIT_TYPES else None) or resolved.kind
        if kind in UNIT_TYPES:
            return post, kind
    return None


def _body_org_findings(draft: Draft, resolved, front_posts: list[Post],
                       claims: list[Post]) -> list[Finding]:
    found = _title_org(draft, front_posts, resolved)
    if found is None:
        return []
    post, kind = found
    words = "|".join(dict.fromkeys([UNIT_TYPES[kind].self_ref, UNIT_TYPES[kind].self_ref[1:], kind]))
    mention = re.compile(rf"(?<![各全每])(?:{words})(?P<org>{_ORGS})")
    claimed = {(c.index, c.start) for c in claims}
    findings = []
    for index in draft.body_indices:
        for m in matches_of(mention, draft.paragraphs[index]):
            org = m.group("org")
            if org == post.org or (index, m.start("org")) in claimed:
                continue
            findings.append(Finding(
                rule="roles.body-org", severity=ERROR, paragraph=index + 1,
                snippet=m.group(0), column=m.start() + 1,
                message=f"正文中的“{m.group(0)}”与标题或署名中的“{post.text}”不一致",
                suggestion=f"统一本单位党组织的名称（“{kind}{post.org}”或“{kind}{org}”）",
                replacement=m.group(0)[:m.start("org") - m.start()] + post.org,
                related_paragraph=post.index + 1, source=_SOURCE,
            ))
    return findings


def check(draft: Draft, resolved, rules: RuleSet) -> list[Finding]:
    findings: list[Finding] = []
    front_posts = [p for i in draft.front for p in posts_in(draft.paragraphs[i], i)]
    speaker_title = resolved.ctx.speaker_title
    data_posts = posts_in(speaker_title, -1) if speaker_title else []
    front = set(draft.front)

    claims = [c for i, text in enumerate(draft.paragraphs) if i not in front
              for c in claims_in(text, i)]

    # The title / byline against the unit data.
    for post in front_posts:
        if data_posts and _conflicts(post, data_posts):
            findings.append(_against_data("roles.title", post, f"标题或署名中的“{post.text}”", speaker_title))

    # The body's "作为……" against the title / byline, then against the unit data.
    for claim in claims:
        if front_posts and _conflicts(claim, front_posts):
            title_names = _names(front_posts, claim)
            findings.append(Finding(
                rule="roles.body", severity=ERROR, paragraph=claim.index + 1,
                snippet=claim.text, column=claim.start + 1,
                message=f"正文“作为{claim.text}”与标题或署名中的{title_names}不一致",
                suggestion=(f"按单位资料统一为“{speaker_title}”" if speaker_title
                            else f"统一讲话人的职务（{title_names}或“{claim.text}”）"),
                related_paragraph=front_posts[0].index + 1,
                source=_SOURCE,
            ))
        elif data_posts and _conflicts(claim, data_posts):
            findings.append(_against_data("roles.body", claim, f"正文“作为{claim.text}”", speaker_title))

    findings += _body_org_findings(draft, resolved, front_posts, claims)

    # The title's party organisation against the unit's (a hint; only when nothing above).
    if findings or data_posts:
        return findings
    unit_org = resolved.party_org
    if not unit_org or not resolved.kind:
        return findings
    for post in front_posts:
        if post.org is None or post.org == unit_org:
            continue
        if not resolved.party_org_given and post.org in UNIT_TYPES[resolved.kind].other_orgs:
            continue  # a large 村 or 社区 may have a 党总支 or a 党委
        if any(c.org == post.org for c in claims):
            continue  # the body confirms the title
        where = "单位资料" if resolved.party_org_given else f"单位类型“{resolved.kind}”"
        findings.append(Finding(
            rule="roles.org", severity=HINT, paragraph=post.index + 1,
            snippet=post.text, column=post.start + 1,
            message=f"标题或署名中的“{post.text}”与{where}的党组织“{unit_org}”不符",
            suggestion=f"核对讲话人职务，如为“{unit_org}书记”请改正（单位党组织不同时，请在单位资料中写明 party_org）",
            replacement=f"{unit_org}{'副' if post.deputy else ''}书记",
            source=_SOURCE,
        ))
        break
    return findings
