"""drafter against the engines a user would otherwise pick, side by side.

    .venv/bin/pip install -e ".[bench]"      # docxtpl
    .venv/bin/python benchmarks/run.py       # about a minute on two cores

The same speech (by default examples/county-office-four-grips.yaml) is built three ways:

  drafter   the real pipeline: YAML/table row → validation → template → document model → .docx
  docxtpl   a .docx template holding the same 48 paragraphs with {{ … }} tags, made by this
            script with python-docx from drafter's own output (so the text is the same),
            rendered with the same data
  zip floor Jinja2 renders document.xml straight from a string and zipfile writes the
            package: no validation, no document model; the least any engine can cost

It prints per-document times in one process, whole-process times (each engine as a fresh
`python` process, interleaved run by run), a 1,000-document batch with -j 1 and -j 2 and the
peak memory of each process, and the ratios the targets are about.

Every drafter run validates, renders and checks from scratch. What drafter keeps in its
cache folder between runs (templates loaded and checked, parsed rule files, compiled regex
programs: drafter/cache.py, drafter/regexcache.py) lives in a private folder here, filled by
the first run as a user's first run fills theirs; the whole-process table also shows a run
with the cache switched off (DRAFTER_NO_CACHE=1), which is what every run would cost without it.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gc
import io
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DRAFTER = str(Path(sys.executable).with_name("drafter"))
KEEP = {"template", "kind", "role", "date"}  # values the template branches on stay literal
KEEP_PATHS = {("speaker", "title"), ("meeting", "name")}  # and the title's, which is broken into lines


# ------------------------------------------------------------------ the three engines --


def placeholders(data: Any, path: tuple = ()) -> Any:
    """The input with every text replaced by the Jinja expression that prints it."""
    if isinstance(data, dict):
        return {k: (v if k in KEEP or path + (k,) in KEEP_PATHS else placeholders(v, path + (k,)))
                for k, v in data.items()}
    if isinstance(data, list):
        return [placeholders(v, path + (i,)) for i, v in enumerate(data)]
    if isinstance(data, str):
        expr = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
        return "{{ " + expr + " }}"
    return data


def tagged_document(example: Path) -> tuple[Any, dict]:
    """drafter's document for the example, with {{ tags }} where the user's values go."""
    from drafter.pipeline import choose_template, render_data
    from drafter.source import Source, load_file
    from drafter.templates import Library
    from drafter.validation import validate

    source = load_file(example)
    template = choose_template(source, None, Library.discover(example))
    tagged = Source(source.file, placeholders(source.data), source.positions, source.key_positions)
    return render_data(validate(tagged, template.input_model), template).document, source.data


def build_docxtpl_template(document: Any, path: Path) -> None:
    """A Word template with the same paragraphs, styles for each kind, fonts set in the styles."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from drafter.document import Kind

    word = docx.Document()
    for name, face, size in (("Normal", "仿宋_GB2312", 16), ("Title", "方正小标宋简体", 22),
                             ("Subtitle", "楷体_GB2312", 16), ("Heading 1", "黑体", 16),
                             ("Heading 2", "楷体_GB2312", 16), ("Heading 3", "仿宋_GB2312", 16),
                             ("Heading 4", "仿宋_GB2312", 16)):
        style = word.styles[name]
        style.font.name, style.font.size = face, Pt(size)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    styles = {Kind.TITLE: "Title", Kind.BYLINE: "Subtitle"}
    for block in document.blocks:
        style = f"Heading {block.level}" if block.kind is Kind.HEADING else styles.get(block.kind, "Normal")
        word.add_paragraph(block.display.replace("\n", ""), style=style)
    word.save(str(path))


def floor_renderer(document: Any) -> Callable[[dict], bytes]:
    """Jinja2 renders document.xml from one string; zipfile writes every part, every time."""
    import jinja2

    from drafter.writers import gbt9704 as gb
    from drafter.writers.docx import core_xml, document_xml

    xml = jinja2.Environment(autoescape=True).from_string(document_xml(document))
    core = core_xml(document)

    def render(context: dict) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in gb.STATIC_PARTS:
                archive.writestr(name, text)
            archive.writestr("word/document.xml", xml.render(context))
            archive.writestr("docProps/core.xml", core)
        return buffer.getvalue()

    return render


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

BARE_FLOOR = '''\
import io, sys, zipfile
import jinja2, yaml

with open(sys.argv[1], encoding="utf-8") as handle:
    data = yaml.safe_load(handle)
parts = {}
with zipfile.ZipFile(sys.argv[2]) as source:
    for name in source.namelist():
        parts[name] = source.read(name).decode("utf-8")
xml = jinja2.Environment(autoescape=True).from_string(parts.pop("word/document.xml"))
with zipfile.ZipFile(sys.argv[3], "w", zipfile.ZIP_DEFLATED) as archive:
    for name, text in parts.items():
        archive.writestr(name, text)
    archive.writestr("word/document.xml", xml.render(data))
'''


# ------------------------------------------------------------------ measuring ----------


def per_document(label: str, make: Callable[[int], Any], count: int, repeats: int = 3) -> float:
    """Median over `repeats` of the mean time of one document (ms), after a warm-up."""
    make(0)
    means = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        for i in range(count):
            make(i)
        means.append((time.perf_counter() - start) * 1000 / count)
    return statistics.median(means)


def whole_process(commands: dict[str, list[str]], runs: int, cwd: Path,
                  envs: dict[str, dict[str, str]]) -> dict[str, list[float]]:
    """Wall time of each command as a fresh process, interleaved so drift hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    environ = {name: dict(os.environ, **envs.get(name, {})) for name in commands}
    for name, command in commands.items():  # warm the file cache (and drafter's) once
        subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=environ[name])
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=environ[name])
            times[name].append((time.perf_counter() - start) * 1000)
    return times


RSS_PROBE = '''\
import json, os, sys, time
from multiprocessing import util

import drafter.batch

def peak_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

def dump():
    with open(os.path.join(os.environ["BENCH_RSS_DIR"], str(os.getpid())), "w") as handle:
        handle.write(str(peak_kb()))

original = drafter.batch._init_worker
def init(*args):
    original(*args)
    util.Finalize(None, dump, exitpriority=100)  # runs when the pool lets the worker go
drafter.batch._init_worker = init

start = time.perf_counter()
from drafter.entry import main  # the command's own start-up: GC off, kept regex programs
try:
    main(sys.argv[1:])
    code = 0
except SystemExit as exc:
    code = exc.code
sys.__stdout__.write(json.dumps({"wall": time.perf_counter() - start, "parent": peak_kb(), "code": code}) + "\\n")
'''


def batch_run(base: Path, table: Path, out: Path, jobs: int, check: bool) -> dict:
    """One `drafter render BASE --table TABLE` process: wall time and each process's peak RSS (VmHWM)."""
    shutil.rmtree(out, ignore_errors=True)
    args = ["render", str(base), "--table", str(table), "-o", str(out), "-j", str(jobs), "-q"]
    if not check:
        args.append("--no-check")
    rss_dir = Path(tempfile.mkdtemp(prefix="rss-", dir=out.parent))
    env = dict(os.environ, BENCH_RSS_DIR=str(rss_dir))
    result = subprocess.run([PYTHON, "-c", RSS_PROBE, *args], capture_output=True, text=True, env=env)
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"batch failed: {result.stderr[-2000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if data["code"] not in (0, None):
        raise SystemExit(f"batch failed: {result.stderr[-2000:]}")
    workers = [int(p.read_text()) for p in rss_dir.iterdir()]
    shutil.rmtree(rss_dir)
    data["worker"] = max(workers) if workers else 0
    data["files"] = len(list(out.iterdir()))
    return data


def write_table(path: Path, rows: int) -> None:
    kinds = ["局", "办", "委", "街道", "社区", "村"]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit.name", "unit.short_name", "unit.kind", "speaker.name"])
        for i in range(1, rows + 1):
            kind = kinds[i % len(kinds)]
            writer.writerow([f"某某县第{i}{kind}", f"第{i}{kind}", kind, f"王{i}"])


# ------------------------------------------------------------------ report ------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}")


def paragraphs_of(data: bytes) -> list[str]:
    import docx

    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def compile_drafter() -> None:
    """Byte-compile drafter as `pip install .` does, so that an editable checkout (or
    PYTHONDONTWRITEBYTECODE) does not charge drafter for compiling its own source while
    docxtpl runs from the .pyc files pip wrote."""
    import compileall

    import drafter

    compileall.compile_dir(str(Path(drafter.__file__).parent), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "county-office-four-grips.yaml")
    parser.add_argument("--docs", type=int, default=300, help="documents per timing loop (docxtpl: a third)")
    parser.add_argument("--runs", type=int, default=21, help="whole-process runs of each command")
    parser.add_argument("--batch", type=int, default=1000, help="documents in the batch test")
    parser.add_argument("--batch-runs", type=int, default=3, help="attempts of each batch run (the best is kept)")
    options = parser.parse_args()
    compile_drafter()

    import docxtpl

    from drafter import batch
    from drafter.source import load_file
    from drafter.table import CellPosition, Row

    work = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    os.environ["DRAFTER_CACHE_DIR"] = str(work / "drafter-cache")  # starts empty, for this run only
    example = options.example.resolve()
    try:
        document, data = tagged_document(example)
        tpl_path = work / "docxtpl-template.docx"
        build_docxtpl_template(document, tpl_path)
        floor = floor_renderer(document)
        # the floor's bare script reads its XML template from a package made of the tagged parts
        floor_docx = work / "floor-template.docx"
        from drafter.writers import gbt9704 as gb
        from drafter.writers.docx import core_xml, document_xml

        with zipfile.ZipFile(floor_docx, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in gb.STATIC_PARTS:
                archive.writestr(name, text)
            archive.writestr("word/document.xml", document_xml(document))
            archive.writestr("docProps/core.xml", core_xml(document))

        # ---- the same text three ways?
        from drafter.pipeline import load_and_render
        from drafter.writers.docx import to_bytes

        rendered = load_and_render(example)
        ours = paragraphs_of(to_bytes(rendered.document))
        engine = docxtpl.DocxTemplate(str(tpl_path))
        engine.render(data, autoescape=True)
        buffer = io.BytesIO()
        engine.save(buffer)
        theirs = paragraphs_of(buffer.getvalue())
        same = sum(a.replace("\n", "") == b for a, b in zip(ours, theirs))
        characters = sum(len(re.sub(r"\s", "", p)) for p in ours)

        # ---- per document, in one process
        base = load_file(example)
        out_dir = work / "per-document"
        out_dir.mkdir()
        cell = CellPosition("bench.csv", 2, 1, "unit.name")
        rows = [Row(i + 2, {("unit", "name"): f"某某县第{i}局"}, {("unit", "name"): cell})
                for i in range(options.docs)]
        worker = batch.Worker(batch.Options(check=False), base, example, {})

        def drafter_bytes(i: int) -> bytes:
            rendered = worker.render(batch.Job(i, "", out_dir, row=rows[i % len(rows)]))
            return to_bytes(rendered.document)

        def batch_seconds(count: int, check: bool) -> float:
            folder = out_dir / f"batch-{check}-{time.perf_counter_ns()}"
            jobs = [batch.Job(i, "", folder, row=rows[i]) for i in range(count)]
            start = time.perf_counter()
            report = batch.run(jobs, batch.Options(check=check), 1, base=base, base_path=example)
            elapsed = time.perf_counter() - start
            assert not report.failed, report.failed[:1]
            shutil.rmtree(folder)
            return elapsed

        def drafter_batch(count: int, check: bool) -> float:
            """ms per document inside a running batch: the cost of the documents beyond the first
            fifth, so that loading the template once per batch is not spread over them."""
            few = max(1, count // 5)
            return (batch_seconds(count, check) - batch_seconds(few, check)) * 1000 / (count - few)

        def docxtpl_bytes(i: int) -> bytes:
            template = docxtpl.DocxTemplate(str(tpl_path))
            template.render(data, autoescape=True)
            buffer = io.BytesIO()
            template.save(buffer)
            return buffer.getvalue()

        serial = iter(range(10**9))

        def to_file(make: Callable[[int], bytes], name: str) -> Callable[[int], None]:
            def write(i: int) -> None:  # a new file every time, as in a batch
                (out_dir / f"{name}-{next(serial)}.docx").write_bytes(make(i))
            return write

        n, m = options.docs, max(10, options.docs // 3)
        timings = {
            "floor": (per_document("floor", lambda i: floor(data), n),
                      per_document("floor", to_file(lambda i: floor(data), "floor"), n)),
            "drafter": (per_document("drafter", drafter_bytes, n),
                        statistics.median(drafter_batch(n, False) for _ in range(3))),
            "docxtpl": (per_document("docxtpl", docxtpl_bytes, m),
                        per_document("docxtpl", to_file(docxtpl_bytes, "docxtpl"), m)),
        }
        checked = drafter_batch(max(20, n // 5), True)

        # ---- docxtpl's memory over a long run in one process
        gc.collect()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for i in range(m * 2):
            docxtpl_bytes(i)
        docxtpl_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024

        # ---- whole process
        yaml_copy = work / example.name
        shutil.copy(example, yaml_copy)
        commands = {
            "docxtpl script": [PYTHON, str(work / "bare_docxtpl.py"), str(yaml_copy), str(tpl_path),
                               str(work / "bare-docxtpl.docx")],
            "drafter render": [DRAFTER, "render", str(yaml_copy), "-o", str(work / "single.docx"), "--force"],
            "drafter render --no-check": [DRAFTER, "render", str(yaml_copy), "-o", str(work / "single.docx"),
                                          "--force", "--no-check"],
            "drafter render, no cache": [DRAFTER, "render", str(yaml_copy), "-o", str(work / "single.docx"),
                                         "--force"],
            "zip floor script": [PYTHON, str(work / "bare_floor.py"), str(yaml_copy), str(floor_docx),
                                 str(work / "bare-floor.docx")],
        }
        (work / "bare_docxtpl.py").write_text(BARE_DOCXTPL, encoding="utf-8")
        (work / "bare_floor.py").write_text(BARE_FLOOR, encoding="utf-8")
        processes = whole_process(commands, options.runs, work,
                                  {"drafter render, no cache": {"DRAFTER_NO_CACHE": "1"}})

        # ---- the batch: -j 1 and -j 2, checker on (the default) and off, and a tenth of the size
        sizes = {"big": options.batch, "small": max(10, options.batch // 10)}
        tables = {}
        for size, count in sizes.items():
            tables[size] = work / f"units-{count}.csv"
            write_table(tables[size], count)
        runs: dict[tuple, dict] = {}
        for attempt in range(options.batch_runs):  # interleaved; the best of the attempts is kept
            for check in (True, False):
                for size in ("small", "big"):
                    for jobs in (1, 2):
                        data = batch_run(yaml_copy, tables[size], work / "batch-out", jobs, check)
                        assert data["files"] == sizes[size], data
                        key = (check, size, jobs)
                        if key not in runs or data["wall"] < runs[key]["wall"]:
                            runs[key] = data
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # ---- the report
    def ms(x: float) -> str:
        return f"{x:7.2f} ms"

    print(f"drafter benchmark — {datetime.date.today().isoformat()}, {machine()}")
    print(f"docxtpl {docxtpl.__version__ if hasattr(docxtpl, '__version__') else ''}; reference: "
          f"{options.example.name if options.example.is_absolute() else options.example} — "
          f"{len(ours)} paragraphs, {characters:,} characters; same text from docxtpl: {same}/{len(ours)} paragraphs")
    print()
    print(f"One document inside a running batch (one process, mean of {n} documents, docxtpl {m}; median of 3)")
    print(f"  {'':34s}{'to bytes':>12s}{'written to a file':>20s}")
    print(f"  {'zip floor (Jinja2 + zipfile)':34s}{ms(timings['floor'][0]):>12s}{ms(timings['floor'][1]):>20s}")
    print(f"  {'drafter (validate, render, .docx)':34s}{ms(timings['drafter'][0]):>12s}{ms(timings['drafter'][1]):>20s}"
          "   (batch machinery, table rows)")
    print(f"  {'docxtpl':34s}{ms(timings['docxtpl'][0]):>12s}{ms(timings['docxtpl'][1]):>20s}")
    print(f"  {'drafter with its checker on':34s}{'':>12s}{ms(checked):>20s}")
    d_file = timings["drafter"][1]
    print(f"  docxtpl / drafter: {timings['docxtpl'][0] / timings['drafter'][0]:.1f}× (bytes), "
          f"{timings['docxtpl'][1] / d_file:.1f}× (files); drafter / floor: "
          f"{timings['drafter'][0] / timings['floor'][0]:.2f}× (bytes)")
    print(f"  target: drafter ≤ 2 ms per document in a batch → {d_file:.2f} ms: {'met' if d_file <= 2 else 'NOT met'}")
    print(f"  docxtpl, one process, {m * 2} more documents: peak memory +{docxtpl_growth:.1f} MB")
    print()
    print(f"Whole process, fresh interpreter each time ({options.runs} runs each, interleaved)")
    print(f"  {'':30s}{'median':>10s}{'min':>10s}")
    for name, values in processes.items():
        print(f"  {name:30s}{statistics.median(values):8.0f} ms{min(values):8.0f} ms")
    ratio = statistics.median(processes["drafter render"]) / statistics.median(processes["docxtpl script"])
    base = statistics.median(processes["docxtpl script"])
    ratio_nc = statistics.median(processes["drafter render --no-check"]) / base
    ratio_cold = statistics.median(processes["drafter render, no cache"]) / base
    print(f"  drafter render / docxtpl script: {ratio:.2f} (--no-check: {ratio_nc:.2f}; no cache: {ratio_cold:.2f}); "
          f"target ≤ 1 → {'met' if ratio <= 1 else 'NOT met'}")
    print()
    print(f"Batch: base YAML + CSV table → one .docx per row; `drafter render … --table … -j N -q` as a whole"
          f" process (best of {options.batch_runs})")
    print(f"  {'':34s}{'wall':>9s}{'docs/s':>9s}{'peak RSS parent':>18s}{'peak RSS per worker':>22s}")
    for (check, size, jobs), data in sorted(runs.items(), key=lambda kv: (not kv[0][0], kv[0][1] != "small", kv[0][2])):
        count = sizes[size]
        label = f"-j {jobs}, {count:,} docs" + ("" if check else ", --no-check")
        worker_rss = f"{data['worker'] / 1024:.1f} MB" if jobs > 1 else "—"
        print(f"  {label:34s}{data['wall']:7.2f} s{count / data['wall']:9.0f}{data['parent'] / 1024:15.1f} MB"
              f"{worker_rss:>22s}")
    speedup = runs[(True, "big", 1)]["wall"] / runs[(True, "big", 2)]["wall"]
    plain = runs[(False, "big", 1)]["wall"] / runs[(False, "big", 2)]["wall"]
    extra = sizes["big"] - sizes["small"]

    def marginal(check: bool, jobs: int) -> float:
        return runs[(check, "big", jobs)]["wall"] - runs[(check, "small", jobs)]["wall"]

    print(f"  -j 2 vs -j 1, {sizes['big']:,} documents: {speedup:.2f}× faster (--no-check: {plain:.2f}×); "
          f"target ≥ 1.8 → {'met' if speedup >= 1.8 else 'NOT met'}")
    print(f"  the {extra:,} documents beyond the first {sizes['small']:,} (start-up left out): "
          f"{marginal(True, 1) / marginal(True, 2):.2f}× (--no-check: {marginal(False, 1) / marginal(False, 2):.2f}×); "
          f"{marginal(False, 1) * 1000 / extra:.2f} ms → {marginal(False, 2) * 1000 / extra:.2f} ms a document")
    growth_parent = max((runs[(c, "big", j)]["parent"] - runs[(c, "small", j)]["parent"]) / 1024
                        for c in (True, False) for j in (1, 2))
    growth_worker = max((runs[(c, "big", 2)]["worker"] - runs[(c, "small", 2)]["worker"]) / 1024 for c in (True, False))
    flat = max(growth_parent, growth_worker) < 2
    print(f"  peak memory, {sizes['small']:,} → {sizes['big']:,} documents: parent {growth_parent:+.1f} MB, "
          f"each worker {growth_worker:+.1f} MB (largest change); target flat → {'met' if flat else 'NOT met'}")


if __name__ == "__main__":
    main()
