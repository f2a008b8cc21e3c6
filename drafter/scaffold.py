"""Files drafter writes for users: starter input YAML, JSON Schema, a new template."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .errors import TemplateError
from .fields import FIELD_TYPES
from .unit_types import unit_type_names
from .output import write_atomic
from .templates import SUFFIX, Library, Template, example_data
from .templates.files import NAME_RULE, is_template_name, read_template

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
# Blocks of the base frames; a scaffolded template overrides the first section instead.
FRAME_BLOCKS = ("title", "byline", "salutation", "opening", "body", "more_sections", "closing", "signature")

_SHARED_COMMENTS = """\
# yaml-language-server: $schema={schema}
# 《{title}》输入文件（由 drafter init 生成）
# {description}
# 填写说明：“#”后面是注释；冒号后面要有一个空格；列表每一项以“- ”开头；
# 多段文字写在“|”下面，每行一段。改好后运行：drafter render 本文件名.yaml

template: {name}    # 使用的模板，可用 drafter templates 查看全部模板

unit:                          # 本单位
  name: 某某县某某局             # 单位全称（必填）
  short_name: 县某某局           # 单位简称，可不填：不填用全称（“××街道办事处”用“××街道”）
  kind: 局                      # 单位类型（{kinds}），决定“我局”“我村”“全村”“各村民小组”等称谓；不填按全称推定
  # party_org: 党组             # 本单位党组织，可不填：不填时按下面职务里的党组织（社区党委书记为党委）或单位类型推定

speaker:                       # {speaker}
  title: 党组书记                # 职务（必填），{title_use}
  name: 张某某                   # 姓名，可不填{name_use}

meeting:                       # {meeting_label}
  name: {meeting}    # {meeting_name_use}，不填用模板的默认名称
  date: {today}             # {date_use}，写成 2024-01-25

# 每人写 name（姓名）、role（第一责任人、分管领导或班子成员），duty（分管的工作）可不填；
# post（职务，如：党组成员、副局长）也可不填，填了写在姓名前：“党组成员、副局长李某某同志分管……”
leaders:                       # 领导班子成员及其在本项工作中的责任，可不填
  - name: 张某某
    role: 第一责任人
  - name: 李某某
    role: 分管领导
    duty: 意识形态工作
  - name: 王某某
    role: 班子成员

tasks:                         # 重点工作任务，可不填；每项有 title（要点）和 detail（具体内容）
  - title: 开展意识形态工作专项检查
    detail: 对照责任清单逐项开展自查，发现问题及时整改。
"""

# How each genre uses the shared speaker and meeting fields, for the comments above.
_GENRE_WORDS = {
    "讲话": {
        "speaker": "讲话人",
        "title_use": "用在标题和署名里",
        "name_use": "；填了会出现在署名行",
        "meeting_label": "会议", "meeting_name_use": "会议名称", "date_use": "会议日期",
    },
    "汇报": {
        "speaker": "汇报人（本单位主要负责人）",
        "title_use": "如：党组书记、村党支部书记；正文写到主要负责人时用",
        "name_use": "；汇报不署个人姓名",
        "meeting_label": "报告", "meeting_name_use": "报告名称，用在生成的文件名里", "date_use": "成文日期（写在落款）",
    },
}


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def starter_yaml(template: Template) -> str:
    manifest = template.manifest
    text = _SHARED_COMMENTS.format(
        schema=f"{template.name}.schema.json", title=manifest.title, description=manifest.description,
        name=template.name, kinds=unit_type_names(), meeting=template.meeting_default or "工作会议",
        today=date.today().isoformat(), **_GENRE_WORDS[manifest.genre])
    example = example_data(template)
    if template.fields:
        text += "\n# ———— 以下是本模板特有的字段 ————\n"
    for spec in template.fields:
        flag = "必填" if spec.required else "可选"
        text += f"\n# {spec.title or spec.name}（{FIELD_TYPES[spec.type][2]}，{flag}）"
        if spec.help:
            text += f"：{spec.help}"
        if spec.choices:
            text += f"；可选：{'、'.join(spec.choices)}"
        text += "\n"
        value = example.get(spec.name)
        if value is None and FIELD_TYPES[spec.type][1] is not None:
            # An empty list key is null, which the schema (and so the editor) refuses: the
            # key is written commented out, ready to be filled in.
            text += f"# {spec.name}:    # 要填时删去本行开头的“# ”，按上一行说明的写法在下面填写\n"
        elif value is None:
            text += f"{spec.name}:\n"
        else:
            text += yaml.dump({spec.name: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              default_flow_style=False, width=1000)
    return text


def json_schema(template: Template) -> dict[str, Any]:
    schema = template.input_model.model_json_schema()
    schema["$schema"] = SCHEMA_URI
    schema["title"] = f"drafter 输入文件：{template.name}（{template.manifest.title}）"
    schema["description"] = template.manifest.description
    return schema


_NEW_TEMPLATE = """\
{{#---
# 模板说明（YAML）。title 和 description 会显示在 drafter templates 里。
title: {title}
description: 在“{parent_title}”的基础上改写（请把这句改成本模板的用途）
kind: {genre}
# 本模板新增的字段：type 可以是 {types}
fields:
  extra_points:
    type: list
    title: 新增章节的要点
    help: 每项一句话，生成“一是……；二是……”
    default:
      - 明确工作责任，把任务落实到具体股室和具体人员
      - 建立工作台账，定期调度工作进展
---#}}
{{% extends "{parent}" %}}
{{# 上级模板“{parent}”中可以改写的章节（block）：
{blocks}
    写一个同名的 block 就替换该章节；在 block 里写 {{{{ super() }}}} 可以保留原内容再补充；
    写一个空的 block 就删掉该章节。标题用 # 到 ####，编号由程序自动生成，不要手写。 #}}

{{% block {override} %}}
{{{{ super() }}}}
{{{{ unit.self_ref }}}}将结合实际，把上述要求细化为具体措施，逐项抓好落实。
{{% endblock %}}

{{% block more_sections %}}
# 抓好新增工作
{{{{ extra_points | points }}}}
{{% endblock %}}
"""


def new_template(library: Library, name: str, parent: str, folder: Path, force: bool) -> Path:
    if not is_template_name(name):
        raise TemplateError(f"模板名“{name}”{NAME_RULE}")
    base = library.files.get(parent)
    if base is None:
        raise TemplateError(f"找不到要继承的模板“{parent}”。可用的模板：{library.names()}")
    blocks = _blocks(library, parent)
    if "more_sections" not in blocks:
        raise TemplateError(f"模板“{parent}”没有 more_sections 章节位置，不能自动生成继承它的模板")
    sections = [b for b in blocks if b not in FRAME_BLOCKS]
    override = sections[0] if sections else "closing"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name + SUFFIX)
    text = _NEW_TEMPLATE.format(
        title=f"{base.manifest.title}（本单位版）", parent_title=base.manifest.title, genre=base.manifest.genre,
        types="、".join(FIELD_TYPES), parent=parent, override=override,
        blocks="\n".join(f"      {b}" for b in blocks))
    write_atomic(path, text.encode("utf-8"), force)
    Library(library.folders + [(folder.resolve(), str(folder))]).get(name)  # it must work as written
    return path


def _blocks(library: Library, name: str) -> list[str]:
    """Block names of a template and its parents, in order of first appearance."""
    from jinja2 import nodes

    seen: list[str] = []
    current: str | None = name
    while current:
        path = library.find_path(current)
        ast = library.env.parse(read_template(path))
        seen.extend(b.name for b in ast.find_all(nodes.Block) if b.name not in seen)
        extends = next(ast.find_all(nodes.Extends), None)
        current = extends.template.value if extends is not None and isinstance(extends.template, nodes.Const) else None
    return seen
