"""Writers turn a Document into bytes. FORMATS: each output format and its file suffix."""

FORMATS = {"docx": ".docx", "text": ".txt", "markdown": ".md", "pdf": ".pdf"}
