"""Convert .docx files to PDF with LibreOffice, all of a batch in one run.

LibreOffice runs headless with a private, throw-away profile folder, so it works
while the user has LibreOffice open (a second instance on the same profile would
hand the job to the open window and return at once). On Linux, fontconfig reads
drafter's data/fonts.conf, which maps the Windows font names in the documents
(仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体, 宋体) to free fonts where they are
installed, so the PDF does not fall back to an unrelated face.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import OutputError

FONTS_CONF = Path(__file__).resolve().parent / "data" / "fonts.conf"

INSTALL_HINT = (
    "没有找到 LibreOffice，无法生成 PDF（Word 文档照常生成）。\n"
    "请安装 LibreOffice 后重试：\n"
    "  Debian/Ubuntu/统信/麒麟：sudo apt-get install libreoffice-writer-nogui（或 libreoffice）\n"
    "  Windows：从 https://zh-cn.libreoffice.org/download/ 下载安装，默认位置即可\n"
    "  macOS：从上面的网址下载安装，或运行 brew install --cask libreoffice\n"
    "如果已经安装在其他位置，请把环境变量 DRAFTER_SOFFICE 设为 soffice 程序的完整路径。"
)

# Windows limits a command line to 32,767 characters; elsewhere the limit is far higher.
_MAX_COMMAND = 30_000 if sys.platform == "win32" else 1_000_000


class LibreOfficeMissing(OutputError):
    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class ConversionFailed(OutputError):
    """LibreOffice ran but did not finish (it crashed or timed out)."""


def find_soffice() -> str | None:
    """The soffice program: $DRAFTER_SOFFICE, the PATH, or the usual install places."""
    configured = os.environ.get("DRAFTER_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if sys.platform == "win32":
        for root in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            if root:
                candidates.append(Path(root) / "LibreOffice" / "program" / "soffice.com")
                candidates.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        candidates += [Path("/usr/lib/libreoffice/program/soffice"), Path("/opt/libreoffice/program/soffice")]
        candidates += sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    return None


def environment() -> dict[str, str]:
    env = dict(os.environ)
    if FONTS_CONF.is_file() and not env.get("FONTCONFIG_FILE"):
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


def convert(files: list[Path], outdir: Path, soffice: str | None = None,
            target: str = "pdf:writer_pdf_Export") -> dict[Path, Path | None]:
    """Convert `files` to PDF in `outdir`; for each input, its PDF, or None if LibreOffice made none.
    `target` is LibreOffice's --convert-to argument ("docx" turns a .doc into a .docx).

    Raises LibreOfficeMissing when LibreOffice is not installed and ConversionFailed when
    it could not be run to its end. Normally one LibreOffice process converts the
    whole list; only a list too long for one command line is split.
    """
    if not files:
        return {}
    soffice = soffice or find_soffice()
    if soffice is None:
        raise LibreOfficeMissing()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="drafter-libreoffice-"))
    try:
        base = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
                "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                "--convert-to", target, "--outdir", str(outdir.resolve())]
        for chunk in _chunks(base, [str(f.resolve()) for f in files]):  # LibreOffice misreads relative paths
            _run(base + chunk, len(chunk))
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result: dict[Path, Path | None] = {}
    for file in files:
        made = outdir / (file.stem + "." + target.split(":")[0])
        result[file] = made if made.is_file() and made.stat().st_size > 0 else None
    return result


def _chunks(base: list[str], names: list[str]) -> list[list[str]]:
    budget = _MAX_COMMAND - sum(len(a) + 3 for a in base)
    chunks: list[list[str]] = [[]]
    used = 0
    for name in names:
        cost = len(name) + 3
        if chunks[-1] and used + cost > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(name)
        used += cost
    return chunks


def _run(command: list[str], count: int) -> None:
    """Run LibreOffice to its end. It runs in its own process group: Ctrl-C reaches
    drafter alone, which then stops LibreOffice and everything it started before the
    caller removes the profile folder (nothing may still be writing into it)."""
    timeout = 120 + 20 * count  # the first start of a fresh profile takes a few seconds
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=environment(),
                                   **_own_group())
    except FileNotFoundError:
        raise LibreOfficeMissing() from None
    except PermissionError:
        raise ConversionFailed(f"无法运行 LibreOffice（{command[0]}）：没有执行权限") from None
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise ConversionFailed(f"LibreOffice 在 {timeout} 秒内没有转换完，已停止") from None
    except BaseException:  # Ctrl-C: stop LibreOffice before its profile is removed
        _stop(process)
        raise
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConversionFailed(f"LibreOffice 转换 PDF 失败（退出状态 {process.returncode}）"
                               + (f"：{detail[-1]}" if detail else ""))


def _own_group() -> dict:
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _stop(process: subprocess.Popen) -> None:
    """Kill LibreOffice and the processes it started, and wait for them."""
    try:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
