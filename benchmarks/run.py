"""drafter's speed against a bare docxtpl script that makes the same document.

    .venv/bin/pip install -e ".[bench]"      # docxtpl
    .venv/bin/python benchmarks/run.py       # about two minutes on two cores

The docxtpl template is drafter's own output for the example with every value the user
typed replaced by its {{ tag }}, so docxtpl fills the same package (same XML, styles and
fonts) with the same data; the script checks that both give the same paragraphs.

Figures: the whole `drafter render` process against the docxtpl script (interleaved run by
run), what `drafter --help` imports and how long it takes, the cost of one document inside a
batch (in this process, and as `drafter render BASE --table UNITS.csv -j N` commands), and the
peak memory of those commands. Every command runs once untimed first; XDG_CACHE_HOME points
to a fresh folder, which that first run fills as a user's first run fills theirs.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import io
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DRAFTER = str(Path(sys.executable).with_name("drafter"))  # the console script users run
KEEP = {"template", "kind", "role", "date"}  # values the template branches on stay literal
KEEP_PATHS = {("speaker", "title"), ("meeting", "name")}  # and those it breaks into lines
HEAVY = {"docx", "lxml", "pydantic"}  # what `drafter --help` must not import
LIBRARIES = "drafter's libraries only"

BARE_DOCXTPL = '''\
import sys
import yaml
from docxtpl import DocxTemplate

with open(sys.argv[1], encoding="utf-8") as handle:
    data = yaml.safe_load(handle)
template = DocxTemplate(sys.argv[2])
template.render(data, autoescape=True)
template.save(sys.argv[3])
'''

# What drafter's libraries cost before any drafter code runs: click, PyYAML, Jinja2's sandbox and
# pydantic with one model validated once (its first validation looks for plugins).
LIBRARY_FLOOR = '''\
import click, yaml, jinja2.sandbox
from pydantic import BaseModel, Field

class Probe(BaseModel):
    name: str = Field("", title="probe")

Probe.model_validate({"name": "x"})
'''

HELP_PROBE = '''\
import contextlib, io, sys
before = set(sys.modules)
from drafter.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["--help"])
    except SystemExit:
        pass
loaded = {name.split(".")[0] for name in set(sys.modules) - before}
print(" ".join(sorted(loaded - set(sys.stdlib_module_names))))
'''

# Runs a command and prints its wall time and the peak resident memory of the largest
# process among it and its workers (the kernel keeps the maximum over waited-for children).
PEAK_PROBE = '''\
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "code": code, "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
'''


def placeholders(data: Any, path: tuple = ()) -> Any:
    """The input with every text replaced by the Jinja tag that prints it."""
    if isinstance(data, dict):
        return {k: (v if k in KEEP or path + (k,) in KEEP_PATHS else placeholders(v, path + (k,)))
                for k, v in data.items()}
    if isinstance(data, list):
        return [placeholders(v, path + (i,)) for i, v in enumerate(data)]
    if isinstance(data, str):
        expr = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
        return "{{ " + expr + " }}"
    return data


def paragraphs_of(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def make_docxtpl_template(example: Path, data: dict, work: Path) -> tuple[Path, int, int]:
    """drafter renders the tagged input; returns the template, paragraphs equal, paragraphs."""
    import yaml
    from docxtpl import DocxTemplate

    tagged = work / "tagged.yaml"
    tagged.write_text(yaml.safe_dump(placeholders(data), allow_unicode=True), encoding="utf-8")
    template = work / "docxtpl-template.docx"
    run([DRAFTER, "render", str(tagged), "-o", str(template), "--no-check", "-q"])
    run([DRAFTER, "render", str(example), "-o", str(work / "drafter.docx"), "-q"])
    filled = DocxTemplate(str(template))
    filled.render(data, autoescape=True)
    filled.save(str(work / "docxtpl.docx"))
    ours, theirs = paragraphs_of(work / "drafter.docx"), paragraphs_of(work / "docxtpl.docx")
    return template, sum(a == b for a, b in zip(ours, theirs)), len(ours)


def run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")


def interleaved(commands: dict[str, list[str]], runs: int) -> tuple[dict, dict]:
    """Wall and CPU time (ms) of each command as a fresh process, run by run, after one untimed
    run. CPU time (user + system of the process and its children) moves less on a busy machine."""
    for command in commands.values():
        run(command)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            before = children_cpu()
            start = time.perf_counter()
            run(command)
            walls[name].append((time.perf_counter() - start) * 1000)
            cpus[name].append((children_cpu() - before) * 1000)
    return walls, cpus


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_table(path: Path, rows: int) -> None:
    kinds = ["局", "办", "委", "街道", "社区", "村"]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit.name", "unit.short_name", "unit.kind", "speaker.name"])
        for i in range(1, rows + 1):
            kind = kinds[i % len(kinds)]
            writer.writerow([f"某某县第{i}{kind}", f"第{i}{kind}", kind, f"王{i}"])


def drafter_in_process(base: Path, tables: tuple[Path, Path], sizes: tuple[int, int], out: Path,
                       flags: list[str]) -> tuple[float, float]:
    """ms per document in a running batch (wall, CPU), through the command's own entry in this
    process: the larger batch minus the smaller, so start-up and template loading cancel out."""
    from drafter.cli import main

    def seconds(table: Path) -> tuple[float, float]:
        shutil.rmtree(out, ignore_errors=True)
        wall, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                main(["render", str(base), "--table", str(table), "-o", str(out), "-j", "1", "-q", *flags])
            except SystemExit as exit:
                if exit.code not in (0, None):
                    raise SystemExit(f"in-process batch failed with status {exit.code}") from None
        return time.perf_counter() - wall, time.process_time() - cpu

    def per_document() -> tuple[float, float]:
        larger, smaller = seconds(tables[1]), seconds(tables[0])
        return tuple((a - b) * 1000 / (sizes[1] - sizes[0]) for a, b in zip(larger, smaller))

    seconds(tables[0])  # warm-up: imports, template, rules
    return median_pair([per_document() for _ in range(3)])


def docxtpl_in_process(template: Path, data: dict, out: Path, count: int) -> tuple[float, float]:
    """ms per document (wall, CPU): load the template, render, write a new file; median of 3 loops."""
    from docxtpl import DocxTemplate

    out.mkdir(exist_ok=True)

    def loop() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(count):
            document = DocxTemplate(str(template))
            document.render(data, autoescape=True)
            document.save(str(out / f"{i}.docx"))
        return (time.perf_counter() - wall) * 1000 / count, (time.process_time() - cpu) * 1000 / count

    loop()
    return median_pair([loop() for _ in range(3)])


def median_pair(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def batch_command(base: Path, table: Path, out: Path, jobs: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    command = [DRAFTER, "render", str(base), "--table", str(table), "-o", str(out), "-j", str(jobs), "-q"]
    result = subprocess.run([PYTHON, "-c", PEAK_PROBE, *command], capture_output=True, text=True)
    figures = json.loads(result.stdout) if result.returncode == 0 else {"code": result.returncode}
    if figures["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    figures["files"] = len(list(out.iterdir()))
    return figures


def machine() -> str:
    cpu = platform.machine()
    with contextlib.suppress(OSError):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())  # a shared machine: other work slows every figure
    return f"{platform.system()}, {cpu}, {os.cpu_count()} CPUs (load average {load}), Python {platform.python_version()}"


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def whole_process_commands(example: Path, template: Path, work: Path) -> dict[str, list[str]]:
    (work / "bare_docxtpl.py").write_text(BARE_DOCXTPL, encoding="utf-8")
    single = [DRAFTER, "render", str(example), "-o", str(work / "single.docx"), "--force", "-q"]
    return {
        "docxtpl script": [PYTHON, str(work / "bare_docxtpl.py"), str(example), str(template),
                           str(work / "bare.docx")],
        "drafter render": single,
        "drafter render --no-check": [*single, "--no-check"],
        "drafter's libraries only": [PYTHON, "-c", LIBRARY_FLOOR],
        "drafter --help": [DRAFTER, "--help"],
        "python -c pass": [PYTHON, "-c", "pass"],
    }


def whole_process(example: Path, template: Path, work: Path, runs: int) -> None:
    walls, cpus = interleaved(whole_process_commands(example, template, work), runs)
    anchor = walls["docxtpl script"]
    ratio = statistics.median(a / b for a, b in zip(walls["drafter render"], anchor))
    ratio_no_check = statistics.median(a / b for a, b in zip(walls["drafter render --no-check"], anchor))
    cpu_ratio = statistics.median(cpus["drafter render"]) / statistics.median(cpus["docxtpl script"])
    help_modules = subprocess.run([PYTHON, "-c", HELP_PROBE], capture_output=True, text=True,
                                  check=True).stdout.split()
    heavy = HEAVY & set(help_modules)

    print(f"Whole process, one document, .docx ({runs} interleaved runs; ms)")
    print(f"  {'':28s}{'wall median':>12s}{'wall min':>10s}{'CPU median':>12s}")
    for name, values in walls.items():
        print(f"  {name:28s}{statistics.median(values):12.0f}{min(values):10.0f}{statistics.median(cpus[name]):12.0f}")
    print(f"  drafter render / docxtpl script, median of per-run wall ratios: {ratio:.2f} "
          f"(--no-check: {ratio_no_check:.2f}); target ≤ 1.5 → {verdict(ratio <= 1.5)}")
    print(f"  the same on CPU time (ratio of medians): {cpu_ratio:.2f}; drafter's libraries alone (click, PyYAML, "
          f"Jinja2, pydantic with one model): {statistics.median(cpus[LIBRARIES]) / statistics.median(cpus['docxtpl script']):.2f}")
    print(f"  drafter --help imports, beyond the standard library: {', '.join(help_modules) or 'nothing'}; "
          f"docx, lxml, pydantic: {', '.join(sorted(heavy)) or 'none'} → {verdict(not heavy)}")
    print()


def instructions(example: Path, template: Path, work: Path) -> None:
    """Instructions each command executes (valgrind), once each and side by side: unlike time,
    the count does not move with other people's work on a shared machine."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("Instructions: valgrind is not installed; skipped")
        return
    commands = whole_process_commands(example, template, work)
    for command in commands.values():
        run(command)  # .pyc files and the template cache are written before counting
    counts = count_instructions(valgrind, commands)
    anchor = counts["docxtpl script"]
    print("Instructions executed, whole process (valgrind, millions; ratio to the docxtpl script)")
    for name, count in counts.items():
        print(f"  {name:28s}{count:8.0f} M{count / anchor:8.2f}")
    print()
    per_document_instructions(valgrind, example, work)


def count_instructions(valgrind: str, commands: dict[str, list[str]]) -> dict[str, float]:
    """Millions of instructions each command executes, the commands run side by side."""
    env = dict(os.environ, PYTHONHASHSEED="0")  # the same hashing, so the same count run after run
    counting = {name: subprocess.Popen([valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                                        *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
                for name, command in commands.items()}
    counts = {}
    for name, process in counting.items():
        _, err = process.communicate()
        refs = [line for line in err.splitlines() if "I   refs:" in line or "I refs:" in line]
        if process.returncode != 0 or not refs:
            raise SystemExit(f"valgrind failed for {name}:\n{err[-2000:]}")
        counts[name] = int(refs[0].split(":", 1)[1].replace(",", "").strip()) / 1e6
    return counts


def per_document_instructions(valgrind: str, example: Path, work: Path, sizes: tuple[int, int] = (10, 60)) -> None:
    """Instructions of one more document in a batch: `drafter render BASE --table UNITS.csv -j 1`
    for sizes[1] rows minus sizes[0] rows, check on and off."""
    commands = {}
    for rows in sizes:
        write_table(work / f"count-{rows}.csv", rows)
        for flags in ([], ["--no-check"]):
            commands[(rows, bool(flags))] = [DRAFTER, "render", str(example), "--table", str(work / f"count-{rows}.csv"),
                                             "-o", str(work / f"count-{rows}{'-nc' if flags else ''}"), "-j", "1", "-q",
                                             "--force", *flags]
    for command in commands.values():
        run(command)  # .pyc files and the template cache, as above
    counts = count_instructions(valgrind, commands)
    print(f"Instructions of one document inside a batch (valgrind; batch of {sizes[1]} minus batch of {sizes[0]}, "
          f"-j 1, whole processes)")
    for no_check, label in ((False, "drafter (check on)"), (True, "drafter --no-check")):
        per_doc = (counts[(sizes[1], no_check)] - counts[(sizes[0], no_check)]) / (sizes[1] - sizes[0])
        print(f"  {label:28s}{per_doc:8.1f} M")
    print()


def in_process(example: Path, template: Path, data: dict, work: Path, docs: int) -> None:
    small, big = max(10, docs // 5), docs
    tables = (work / "small.csv", work / "big.csv")
    write_table(tables[0], small)
    write_table(tables[1], big)
    per_doc = {
        "drafter (check on)": drafter_in_process(example, tables, (small, big), work / "in-process", []),
        "drafter --no-check": drafter_in_process(example, tables, (small, big), work / "in-process",
                                                 ["--no-check"]),
        "docxtpl (no check)": docxtpl_in_process(template, data, work / "docxtpl-out", 50),
    }
    checked, anchor = per_doc["drafter (check on)"], per_doc["docxtpl (no check)"]

    print(f"One document inside a batch, in one process (batch of {big} minus batch of {small}, median of 3; "
          f"docxtpl: mean of 50)")
    print(f"  {'':28s}{'wall':>11s}{'CPU':>11s}")
    for name, (wall, cpu) in per_doc.items():
        print(f"  {name:28s}{wall:8.2f} ms{cpu:8.2f} ms")
    print(f"  drafter with the check / docxtpl: {checked[0] / anchor[0]:.2f} (wall), {checked[1] / anchor[1]:.2f} "
          f"(CPU); target ≤ 6 ms → {verdict(checked[0] <= 6)} (wall), {verdict(checked[1] <= 6)} (CPU)")
    print()


def batches(example: Path, work: Path, documents: int) -> None:
    """The batch command, check on: -j 1 and -j 2, for a tenth of the documents and all of them."""
    sizes = (max(10, documents // 10), documents)
    for count in sizes:
        write_table(work / f"units-{count}.csv", count)
    runs = {(jobs, count): batch_command(example, work / f"units-{count}.csv", work / "out", jobs)
            for jobs in (1, 2) for count in sizes}

    print("Batch command, check on: drafter render BASE.yaml --table UNITS.csv -o DIR -j N -q")
    print(f"  {'':22s}{'wall':>9s}{'docs/s':>9s}{'peak RSS, largest process':>28s}")
    for (jobs, count), figures in runs.items():
        assert figures["files"] == count, (jobs, count, figures)
        print(f"  {f'-j {jobs}, {count:,} docs':22s}{figures['wall']:7.2f} s{count / figures['wall']:9.0f}"
              f"{figures['peak_kb'] / 1024:25.1f} MB")
    for jobs in (1, 2):
        smaller, larger = runs[(jobs, sizes[0])], runs[(jobs, sizes[1])]
        marginal = (larger["wall"] - smaller["wall"]) * 1000 / (sizes[1] - sizes[0])
        growth = (larger["peak_kb"] - smaller["peak_kb"]) / 1024
        print(f"  -j {jobs}: {marginal:.2f} ms a document beyond the first {sizes[0]:,} (wall time); "
              f"peak memory {sizes[0]:,} → {sizes[1]:,} documents {growth:+.1f} MB; "
              f"target flat (< 2 MB) → {verdict(growth < 2)}")
    speedup = runs[(1, sizes[1])]["wall"] / runs[(2, sizes[1])]["wall"]
    print(f"  -j 2 against -j 1, {sizes[1]:,} documents: {speedup:.2f}× the throughput")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "county-office-four-grips.yaml")
    parser.add_argument("--runs", type=int, default=21, help="whole-process runs of each command")
    parser.add_argument("--docs", type=int, default=250, help="documents in the larger in-process batch")
    parser.add_argument("--batch", type=int, default=1000, help="documents in the larger batch command")
    parser.add_argument("--quick", action="store_true",
                        help="the whole-process figures only (no in-process or batch figures)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the instructions of each whole-process command, and of one document "
                             "inside a batch, with valgrind (~1 min)")
    options = parser.parse_args()

    try:
        import docxtpl
    except ImportError:
        raise SystemExit('docxtpl is missing: .venv/bin/pip install -e ".[bench]"') from None
    import yaml

    work = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # drafter's user cache folder starts empty
    # pip compiled docxtpl at install; let the untimed first runs write drafter's .pyc files as
    # `pip install .` would, instead of every process compiling the editable checkout again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        example = work / options.example.name
        shutil.copy(options.example, example)
        data = yaml.safe_load(example.read_text(encoding="utf-8"))
        template, same, paragraphs = make_docxtpl_template(example, data, work)
        print(f"drafter benchmark — {datetime.date.today().isoformat()}, {machine()}, docxtpl {docxtpl.__version__}")
        print(f"{options.example.name}: {paragraphs} paragraphs; docxtpl's document has the same text in "
              f"{same}/{paragraphs}")
        print()
        whole_process(example, template, work, options.runs)
        if options.instructions:
            instructions(example, template, work)
        if options.quick:
            return
        in_process(example, template, data, work, options.docs)
        batches(example, work, options.batch)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
