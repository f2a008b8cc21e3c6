"""Compile drafter's gettext catalogue (.po) into the .mo file Python's gettext reads.

    python tools/compile_catalog.py

The .mo is committed beside its .po so that an install needs no build step;
tests/test_messages.py fails when the two disagree.
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path

CATALOG = Path(__file__).resolve().parent.parent / "drafter" / "locale" / "zh_CN" / "LC_MESSAGES" / "drafter.po"


def parse_po(text: str) -> dict[str, str]:
    """msgid → msgstr; plural entries become "singular\\0plural" → "form0\\0form1"."""
    entries: dict[str, str] = {}
    fields: dict[str, list[str]] = {}
    current = None

    def flush() -> None:
        if "msgid" in fields:
            key = "\0".join(["".join(fields["msgid"])] + (["".join(fields["msgid_plural"])] if "msgid_plural" in fields else []))
            forms = sorted(k for k in fields if k.startswith("msgstr"))
            entries[key] = "\0".join("".join(fields[k]) for k in forms)
        fields.clear()

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            fields[current].append(ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid":
            flush()
        current = keyword
        fields[current] = [ast.literal_eval(rest)]
    flush()
    return entries


def to_mo(entries: dict[str, str]) -> bytes:
    """The GNU .mo layout: header, two tables of (length, offset), then the strings."""
    keys = sorted(entries)
    ids = [k.encode("utf-8") for k in keys]
    strs = [entries[k].encode("utf-8") for k in keys]
    start = 7 * 4 + 16 * len(keys)
    id_table, str_table, blob = [], [], b""
    for data, table in [(d, id_table) for d in ids] + [(d, str_table) for d in strs]:
        table.append((len(data), start + len(blob)))
        blob += data + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in id_table + str_table)
    return header + tables + blob


def compiled() -> bytes:
    return to_mo(parse_po(CATALOG.read_text(encoding="utf-8")))


if __name__ == "__main__":
    CATALOG.with_suffix(".mo").write_bytes(compiled())
    print(f"wrote {CATALOG.with_suffix('.mo')}")
