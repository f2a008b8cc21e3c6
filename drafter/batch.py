"""Render the jobs of one `drafter render`: one document or thousands.

The parent hands the jobs to N worker processes (or renders them itself for one
worker) and places the results (placing.py); a worker keeps one template library
(and so one compiled template) for its whole life. One bad input never stops the
others; nothing is left behind for a document that failed; the Report lists what
was written and what failed and why.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from .errors import DrafterError, OutputError
from .jobs import Job, RenderOptions, TableJobs
from .placing import Placer
from .writers import FORMATS, serialise

LIST_LIMIT = 20  # written files listed one by one in the summary; more are counted


class Outcome(NamedTuple):  # what a worker sends back: a plain tuple
    index: int
    label: str
    ok: bool
    name: str = ""  # the file name the document asks for (unit-meeting-date)
    staged: str = ""  # where the worker wrote it
    error: str = ""
    notes: str = ""  # what the checker found (warnings)


@dataclass
class Report:
    """What a batch did; the CLI prints it and exits 1 when anything failed."""

    total: int = 0
    written: list[Path] = field(default_factory=list)  # the first LIST_LIMIT outputs
    written_count: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (label, why)
    notes: list[tuple[str, str]] = field(default_factory=list)
    notes_count: int = 0
    pdf_missing: bool = False

    def add_written(self, path: str | Path) -> None:
        self.written_count += 1
        if len(self.written) < LIST_LIMIT:
            self.written.append(Path(path))


# ------------------------------------------------------------------ one document ---


class Worker:
    """Renders jobs; one per process, keeping its template libraries between jobs."""

    def __init__(self, options: RenderOptions, base: Any = None, base_path: Path | None = None,
                 staging: dict[Path, Path] | None = None, table: Any = None,
                 checker: Callable[[Any], str] | None = None):
        self.options = options
        self.checker = checker  # rendered document → findings as text ("" when none)
        self.base = base
        self.base_path = base_path
        self.staging = staging or {}
        self.table = table  # the table's headers, to read the cells of a row
        self.libraries: dict[Path, Any] = {}

    def __getstate__(self) -> dict:
        """Sent to a worker started by spawn (Windows, macOS): libraries are rebuilt there."""
        state = dict(self.__dict__)
        state["libraries"] = {}
        return state

    def library(self, anchor: Path) -> Any:
        folder = anchor.resolve().parent
        if folder not in self.libraries:
            from .templates import Library

            self.libraries[folder] = Library.discover(anchor, self.options.template_dirs)
        return self.libraries[folder]

    def render(self, job: Job) -> Any:
        from .pipeline import choose_template, render_source
        from .source import load_file

        if job.path is not None:
            source = load_file(job.path)
            library = self.library(job.path)
        else:
            from .table import merge

            row = job.row
            if isinstance(row, tuple):
                row = self.table.row(*row)
            source = merge(self.base, row)
            library = self.library(self.base_path)
        return render_source(source, choose_template(source, self.options.template, library))

    def __call__(self, job: Job) -> Outcome:
        if job.problem:
            return Outcome(job.index, job.label, False, error=job.problem)
        try:
            from .pipeline import default_filename

            rendered = self.render(job)
            notes = self.checker(rendered) if self.checker is not None else ""
            if notes and self.options.strict:
                return Outcome(job.index, job.label, False,
                               error="检查发现问题（因使用了 --strict，未写入文件）：\n" + notes)
            suffix = ".docx" if self.options.fmt == "pdf" else FORMATS[self.options.fmt]
            name = job.name or default_filename(rendered, suffix)
            staged = os.path.join(self.staging[job.out_dir], f"{job.index}.part")  # str: Path interns names
            with open(staged, "wb") as handle:
                handle.write(serialise(rendered.document, self.options.fmt))
            return Outcome(job.index, job.label, True, name=name, staged=staged, notes=notes)
        except DrafterError as error:
            return Outcome(job.index, job.label, False, error=str(error))
        except OSError as error:
            return Outcome(job.index, job.label, False, error=f"无法写入：{error.strerror}（{error.filename}）")
        except Exception as error:  # noqa: BLE001 - a bug of ours must not stop the batch
            if os.environ.get("DRAFTER_DEBUG"):
                import traceback

                traceback.print_exc()
            return Outcome(job.index, job.label, False,
                           error=f"内部错误（请把输入文件和这条信息报告给维护者）：{type(error).__name__}: {error}")


_WORKER: Worker | None = None


def _init_worker(worker: Worker) -> None:
    """Runs once in each worker process; with fork the worker is not even copied."""
    global _WORKER
    _WORKER = worker
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    if hasattr(signal, "pthread_sigmask"):  # blocked while the pool started (_start_pool)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _run_in_worker(job: Job) -> tuple:
    """A job comes in (a file name or a row's cells) and a plain tuple goes back: little to pickle.

    Jobs travel by pipe rather than being read from the parent's list after the fork, so a
    worker never touches (and copies) the parent's memory: it stays the same size however
    long the batch.
    """
    assert _WORKER is not None
    return tuple(_WORKER(job))


# ------------------------------------------------------------------ the run -------


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(jobs: list[Job] | TableJobs, options: RenderOptions, workers: int | None = None, *, base: Any = None,
        base_path: Path | None = None, progress: Any = None, checker: Callable[[Any], str] | None = None) -> Report:
    """Render every job, check it with `checker`, place the results, convert to PDF if
    asked; never raises for one document."""
    from .progress import Progress

    progress = progress or Progress(len(jobs), "quiet")
    report = Report(total=len(jobs))
    token = f".~drafter-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging: dict[Path, Path] = {}
    try:
        folders = {jobs.out_dir} if isinstance(jobs, TableJobs) else {job.out_dir for job in jobs if not job.problem}
        for folder in sorted(folders):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                staging[folder] = folder / token
                staging[folder].mkdir()
            except OSError as exc:
                raise OutputError(f"无法在 {folder} 写文件：{exc.strerror}") from None
        table = jobs.table.head() if isinstance(jobs, TableJobs) else None
        worker = Worker(options, base, base_path, staging, table, checker)
        placer = Placer(options.force)
        to_pdf: list[tuple[Path, Path, str]] = []  # (docx, final pdf, label)
        for outcome in _outcomes(jobs, worker, workers):
            failures = len(report.failed)
            out_dir = jobs.out_dir if isinstance(jobs, TableJobs) else jobs[outcome.index].out_dir
            path = _finish(outcome, out_dir, options, placer, report, to_pdf)
            if len(report.failed) > failures:
                progress.failed(outcome.label, report.failed[-1][1])
            else:
                progress.advance(path, outcome.label)
        progress.close()
        if to_pdf:
            _convert(to_pdf, options, placer, staging, report, progress)
    finally:
        for folder in staging.values():
            shutil.rmtree(folder, ignore_errors=True)
    return report


def _outcomes(jobs: Any, worker: Worker, workers: int | None) -> Iterator[Outcome]:
    import gc

    count = min(workers or default_jobs(), len(jobs))
    if len(jobs) == 1:  # no later collections to spare: freezing would only cost a full one
        yield from map(worker, jobs)
        return
    if count <= 1:
        frozen = False
        try:
            for job in jobs:
                yield worker(job)
                if not frozen:  # templates, models and rules are loaded now and live to the end:
                    gc.collect()  # leave them out of every later garbage collection
                    gc.freeze()
                    frozen = True
        finally:
            if frozen:
                gc.unfreeze()
        return
    import multiprocessing

    _prepare(worker, jobs)
    method = "fork" if sys.platform.startswith("linux") else None  # fork: workers start warm
    context = multiprocessing.get_context(method)
    gc.collect()
    gc.freeze()  # objects made so far stay shared with the workers (no copy-on-write by gc)
    chunk = max(1, min(16, len(jobs) // (count * 16)))  # small: the last chunks finish close together
    pool = _start_pool(context, count, worker)
    try:
        for fields in pool.imap(_run_in_worker, iter(jobs), chunksize=chunk):
            yield Outcome(*fields)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        gc.unfreeze()


def _start_pool(context: Any, count: int, worker: Worker) -> Any:
    """Start the workers with Ctrl-C blocked, so that one arriving before a worker has set
    it to be ignored waits; the parent then receives it once it unblocks."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # Windows: workers are spawned, not forked
        return context.Pool(count, initializer=_init_worker, initargs=(worker,))
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return context.Pool(count, initializer=_init_worker, initargs=(worker,))
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _prepare(worker: Worker, jobs: Any) -> None:
    """Load and compile the template once in the parent, so forked
    workers inherit them instead of each loading its own."""
    first = None if isinstance(jobs, TableJobs) else next((job for job in jobs if not job.problem), None)
    if first is None and not isinstance(jobs, TableJobs):
        return
    try:
        from .pipeline import choose_template

        if first is not None and first.path is not None:
            from .source import load_file

            source = load_file(first.path)
            library = worker.library(first.path)
        else:
            source = worker.base
            library = worker.library(worker.base_path)
        template = choose_template(source, worker.options.template, library)
        template.library.env.get_template(template.name)
    except DrafterError:
        pass  # that job reports its own error when it runs


def _finish(outcome: Outcome, out_dir: Path, options: RenderOptions, placer: Placer, report: Report,
            to_pdf: list[tuple[Path, Path, str]]) -> str | None:
    """Give a rendered document its name and place; record a failure otherwise.

    Paths stay strings here: pathlib interns every file name it sees, which would make
    the parent grow a little with every document of a long batch.
    """
    if not outcome.ok:
        report.failed.append((outcome.label, outcome.error))
        return None
    staged = outcome.staged
    try:
        if options.fmt == "pdf":  # the .docx waits in the staging folder for LibreOffice
            final_pdf = placer.claim(out_dir, os.path.splitext(outcome.name)[0] + ".pdf")
            placer.refuse_existing(final_pdf)
            stem = os.path.splitext(os.path.basename(final_pdf))[0]
            docx = os.path.join(os.path.dirname(staged), stem + ".docx")
            os.replace(staged, docx)
            to_pdf.append((Path(docx), Path(final_pdf), outcome.label))
            path = None
        else:
            also = (".pdf",) if options.pdf else ()
            final = placer.claim(out_dir, outcome.name, also)
            pdf = os.path.splitext(final)[0] + ".pdf"
            if options.pdf:
                placer.refuse_existing(pdf)
            placer.place(staged, final)
            if options.pdf:
                to_pdf.append((Path(final), Path(pdf), outcome.label))
            report.add_written(final)
            path = final
    except OutputError as error:
        _discard(staged)
        report.failed.append((outcome.label, str(error)))
        return None
    except OSError as error:
        _discard(staged)
        report.failed.append((outcome.label, f"无法写入：{error.strerror}"))
        return None
    if outcome.notes:
        report.notes_count += 1
        if len(report.notes) < 10:
            report.notes.append((outcome.label, outcome.notes))
    return path


def _discard(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _convert(items: list[tuple[Path, Path, str]], options: RenderOptions, placer: Placer,
             staging: dict[Path, Path], report: Report, progress: Any) -> None:
    """Convert every .docx of the batch with LibreOffice, one run per output folder."""
    from .pdf import LibreOfficeMissing, convert, find_soffice

    soffice = find_soffice()
    progress.note(f"正在用 LibreOffice 转换 PDF（{len(items)} 份）……")
    by_folder: dict[Path, list[tuple[Path, Path, str]]] = {}
    for item in items:
        by_folder.setdefault(item[1].parent, []).append(item)
    for folder, group in by_folder.items():
        try:
            if soffice is None:
                raise LibreOfficeMissing()
            made = convert([docx for docx, _, _ in group], staging[folder] / "pdf", soffice)
        except LibreOfficeMissing:
            report.pdf_missing = True
            made = {}
            if options.fmt == "pdf":  # keep what we have: the .docx, next to where the PDF would be
                for docx, final_pdf, label in group:
                    _place_or_fail(placer, docx, final_pdf.with_suffix(".docx"), label, report, progress)
            continue
        except DrafterError as error:
            for _, _, label in group:
                report.failed.append((label, f"没有生成 PDF：{error}"))
            continue
        for docx, final_pdf, label in group:
            pdf = made.get(docx)
            if pdf is None:
                report.failed.append((label, "LibreOffice 没有生成 PDF（文档可能已损坏，或 LibreOffice 出错）"))
                continue
            _place_or_fail(placer, pdf, final_pdf, label, report, progress)


def _place_or_fail(placer: Placer, staged: Path, final: Path, label: str, report: Report, progress: Any) -> None:
    try:
        placer.place(staged, final)
    except OutputError as error:
        report.failed.append((label, str(error)))
        return
    except OSError as error:
        report.failed.append((label, f"无法写入 {final}：{error.strerror}"))
        return
    report.add_written(final)
    progress.written(final)
