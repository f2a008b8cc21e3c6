"""How long `drafter check` takes on a 5,000-character draft.

    .venv/bin/python benchmarks/check_speed.py [--chars 5000] [--repeat 20]

Prints: importing the checker and loading the shipped rules (once per process), checking
the draft in-process the first time (the patterns it calls for are compiled then), again
(median of --repeat runs: what the checker keeps per paragraph text serves it, as it serves
a batch's shared paragraphs), and --repeat drafts of other text (median: nothing kept
helps), and the whole command as a user runs it (`python -m drafter check`, a new process:
start-up, imports, reading the .txt, checking, printing; median of 5 after one untimed run,
which writes the .pyc files and fills a fresh user cache folder as a user's first run does).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VERBS = ["加强", "深化", "推进", "落实", "完善", "健全", "强化", "规范", "创新", "统筹"]
OBJECTS = ["意识形态工作责任制", "理论学习中心组学习", "网络阵地管理", "宣传思想文化工作", "舆情分析研判",
           "基层党组织建设", "干部队伍作风建设", "社会主义核心价值观教育", "新闻发布工作", "文化阵地建设"]
AIMS = ["确保各项任务落到实处", "不断提高工作水平", "切实增强针对性和实效性", "营造风清气正的良好氛围",
        "筑牢思想防线", "凝聚干事创业的强大合力", "推动工作再上新台阶", "形成齐抓共管的工作格局"]
WAYS = ["坚持问题导向", "坚持守正创新", "坚持系统观念", "坚持底线思维", "坚持统筹兼顾", "坚持以人民为中心"]


def make_draft(chars: int, seed: int = 7) -> list[str]:
    """A speech of about `chars` characters: headings, numbered sub-points, varied sentences,
    and a few defects (a foreign self-reference, a repeated sentence, a wording error)."""
    rng = random.Random(seed)
    cn = "一二三四五六七八九十"
    paragraphs = ["党组书记在全县意识形态工作会议上的讲话", "（2024年3月15日）", "同志们："]
    section = 0
    while sum(len(p) for p in paragraphs) < chars:
        paragraphs.append(f"{cn[section % 10]}、{rng.choice(VERBS)}{rng.choice(OBJECTS)}")
        for sub in range(3):
            paragraphs.append(f"（{cn[sub]}）{rng.choice(VERBS)}{rng.choice(OBJECTS)}")
            points = []
            for n in range(4):
                points.append(f"{cn[n]}是{rng.choice(WAYS)}，{rng.choice(VERBS)}{rng.choice(OBJECTS)}，"
                              f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(AIMS)}。")
            paragraphs.append("".join(points))
        section += 1
    paragraphs[5] += "我街道要极端十分重视这项工作。"
    paragraphs[9] += paragraphs[5][:60] + "。"
    return paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    paragraphs = make_draft(args.chars)
    total = sum(len(p) for p in paragraphs)

    start = time.perf_counter()
    from drafter.check import CheckContext
    from drafter.check.engine import run_checks
    from drafter.check.rules import load_rules

    import_time = time.perf_counter() - start
    start = time.perf_counter()
    rules = load_rules()
    load_time = time.perf_counter() - start

    context = CheckContext(unit_name="某某县统计局", unit_kind="局")
    start = time.perf_counter()
    findings = run_checks(paragraphs, context, rules)
    first_time = time.perf_counter() - start
    times = []  # the same draft again: what a batch's shared paragraphs cost (kept per text)
    for _ in range(args.repeat):
        start = time.perf_counter()
        findings = run_checks(paragraphs, context, rules)
        times.append(time.perf_counter() - start)
    others = [make_draft(args.chars, seed) for seed in range(100, 100 + args.repeat)]
    fresh_times = []  # a draft of other text each time: nothing kept from earlier drafts helps
    for other in others:
        start = time.perf_counter()
        run_checks(other, context, rules)
        fresh_times.append(time.perf_counter() - start)

    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.txt"
        draft.write_text("\n".join(paragraphs), encoding="utf-8")
        command = [sys.executable, "-m", "drafter", "check", str(draft), "--unit", "某某县统计局"]
        # pip compiles an installed package: let the first run write drafter's .pyc files
        environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        environment["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
        process_times = []
        for _ in range(6):  # the first run is not counted
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True, env=environment)
            process_times.append(time.perf_counter() - start)
            if result.returncode not in (0, 1):  # 1: errors found in the draft, as expected
                raise SystemExit(f"drafter check 失败（{result.returncode}）：\n{result.stderr[-2000:]}")
        process_time = statistics.median(process_times[1:])

    print(f"草稿：{len(paragraphs)} 段，{total} 字；发现 {len(findings)} 处问题")
    print(f"导入检查模块（每个进程一次）：{import_time * 1000:7.1f} ms")
    print(f"加载内置规则（每个进程一次）：{load_time * 1000:7.1f} ms")
    print(f"检查第一份文稿（进程内，首次用到的正则在此编译）：{first_time * 1000:7.1f} ms")
    print(f"再查同一份文稿（进程内，{args.repeat} 次中位数）：{statistics.median(times) * 1000:7.1f} ms"
          f"（最快 {min(times) * 1000:.1f} ms，最慢 {max(times) * 1000:.1f} ms）")
    print(f"每次查一份不同的文稿（进程内，{args.repeat} 份中位数）：{statistics.median(fresh_times) * 1000:7.1f} ms"
          f"（最快 {min(fresh_times) * 1000:.1f} ms，最慢 {max(fresh_times) * 1000:.1f} ms）")
    print(f"整个命令（新进程，含启动和导入，5 次中位数）：{process_time * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
