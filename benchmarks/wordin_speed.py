"""How long `drafter format` and `drafter learn` take on a 10-page speech.

    .venv/bin/python benchmarks/wordin_speed.py [--pages 10] [--runs 7]

Generates a speech of about --pages GB/T 9704 pages (22 lines of 28 characters a page) as a
.docx with python-docx: a title, a byline and a date, typed heading numbers on two levels,
sub-headings run into their paragraphs, 一是……二是…… runs, leaders named with their posts,
a unit's name and its self-references. Then prints, against the targets of issue 11:

- `drafter format SPEECH.docx -o OUT.docx --force` as a new process (target ≤ 0.5 s);
- formatting in-process: reading, roles, layout and writing the .docx (target ≤ 30 ms);
- `drafter learn SPEECH.docx -o T.j2 --unit … --accept all --force` as a new process
  (target < 1 s); it includes rendering the template once to check it.

Whole-process figures are medians of --runs runs after one untimed run (which writes the
.pyc files and fills a fresh user cache folder, as a user's first run does); the in-process
figure is the median of 20 runs after a warm-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNIT = "清河县档案馆"
TOPICS = ["提高政治站位", "抓好理论学习", "管好宣传阵地", "健全工作机制", "加强队伍建设", "强化督促检查"]
SUBTOPICS = ["压实工作责任", "完善制度建设", "突出工作重点", "创新方式方法"]
SENTENCES = [
    "我馆要把意识形态工作摆在更加突出的位置，与业务工作同部署、同落实、同检查、同考核。",
    "馆党支部每半年专题研究一次意识形态工作，分析研判形势，及时解决苗头性、倾向性问题。",
    "全馆干部职工要增强政治意识和阵地意识，自觉维护正确的舆论导向，不信谣、不传谣。",
    "各部门负责人要履行好“一岗双责”，把意识形态工作的要求落实到日常管理的各个环节。",
    "要坚持问题导向，对照清单逐项整改，做到问题不查清不放过、整改不到位不放过。",
]
CN = "一二三四五六七八九十"


def speech_lines(pages: int) -> list[str]:
    """About `pages` pages of text: 616 characters a page."""
    lines = [f"党支部书记在{UNIT}意识形态工作会议上的讲话", "党支部书记　刘建国", "（2024年3月15日）", "同志们："]
    size, topic = 0, 0
    while size < pages * 616:
        lines.append(f"{CN[topic % 10]}、{TOPICS[topic % len(TOPICS)]}")
        for sub in range(len(SUBTOPICS)):
            text = f"（{CN[sub]}）{SUBTOPICS[sub]}。" + "".join(SENTENCES[(topic + sub + i) % 5] for i in range(2))
            lines.append(text)
            lines.append(f"一是副馆长王丽华同志牵头抓总，二是{UNIT}各部门分工负责，三是每季度通报一次进展。")
            size += len(text) + 40
        topic += 1
    lines.append("谢谢大家！")
    return lines


def write_speech(path: Path, pages: int) -> int:
    import docx

    document = docx.Document()
    lines = speech_lines(pages)
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return sum(len(line) for line in lines)


def whole_process(args: list[str], runs: int, env: dict[str, str]) -> float:
    command = [sys.executable, "-m", "drafter", *args]
    subprocess.run(command, check=True, capture_output=True, env=env)  # untimed: .pyc, cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process_format(path: Path) -> float:
    from drafter.wordin.layout import format_file
    from drafter.writers import serialise

    serialise(format_file(path).document, "docx")  # warm-up: imports and caches
    times = []
    for _ in range(20):
        start = time.perf_counter()
        serialise(format_file(path).document, "docx")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def verdict(value: float, target: float, strict: bool = False) -> str:
    met = value < target if strict else value <= target
    return "达到" if met else "未达到"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-wordin-bench-") as temp:
        folder = Path(temp)
        env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        source = folder / "讲话.docx"
        chars = write_speech(source, options.pages)
        print(f"讲话稿：{chars} 字，约 {chars / 616:.1f} 页（每页 22 行 × 28 字）")
        fmt = whole_process(["format", str(source), "-o", str(folder / "排版.docx"), "--force"], options.runs, env)
        print(f"drafter format（整个进程）：{fmt * 1000:.0f} ms，目标 ≤ 500 ms：{verdict(fmt, 0.5)}")
        inner = in_process_format(source)
        print(f"format 进程内（读取、识别、排版、写 .docx）：{inner * 1000:.1f} ms，目标 ≤ 30 ms：{verdict(inner, 0.030)}")
        (folder / "templates").mkdir()
        learn = whole_process(["learn", str(source), "-o", str(folder / "templates" / "学来的.j2"), "--unit", UNIT,
                               "--accept", "all", "--force"], options.runs, env)
        print(f"drafter learn（整个进程，含渲染检查）：{learn * 1000:.0f} ms，目标 < 1000 ms：{verdict(learn, 1.0, True)}")


if __name__ == "__main__":
    main()
