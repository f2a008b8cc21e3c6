"""The `drafter` command as a process: what happens before and after main().

Only the installed command (and `python -m drafter`) comes through here; tests and
library users call drafter.cli.main, which leaves the interpreter as it found it.
"""

import gc

# Start-up allocates a great many long-lived objects (the modules of pydantic, Jinja2,
# click …) and collecting cycles among them finds nothing: ~10 ms of a render. A batch
# turns collection back on (drafter.batch.run), as thousands of documents make garbage.
gc.disable()

import atexit  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from . import regexcache  # noqa: E402

regexcache.install()  # before click, PyYAML, Jinja2 and pydantic compile theirs

from .cli import main  # noqa: E402


def run() -> None:
    """The `drafter` command: main(), then leave without tearing the interpreter down.

    Unloading what a render imports (pydantic, Jinja2, click …) takes ~40 ms, a fifth
    of a whole run, and frees nothing the OS would not. Exit handlers still run and the
    standard streams are flushed; only that teardown is skipped."""
    try:
        main()
        status = 0
    except SystemExit as exc:
        status = _exit_status(exc.code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (drafter … | head): nothing more to say
            pass
    os._exit(status)


def _exit_status(code: object) -> int:
    """What Python makes of sys.exit(code): None is 0, a message is printed and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
