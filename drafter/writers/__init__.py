"""Writers turn a Document into bytes. FORMATS: each output format and its file suffix."""

from typing import Any

FORMATS = {"docx": ".docx", "text": ".txt", "markdown": ".md", "pdf": ".pdf"}


def serialise(document: Any, fmt: str) -> bytes:
    """The document in one of FORMATS (pdf: the .docx LibreOffice converts)."""
    if fmt in ("docx", "pdf"):
        from .docx import to_bytes

        return to_bytes(document)
    from .text import to_markdown, to_text

    return (to_text(document) if fmt == "text" else to_markdown(document)).encode("utf-8")
