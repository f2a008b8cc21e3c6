"""Chinese for click's own messages (usage lines, help headings, usage errors).

click translates its messages with the standard gettext functions, so its supported
way to speak another language is gettext's global text domain: drafter binds the
domain to its own catalogue (locale/zh_CN/LC_MESSAGES/drafter.po, compiled to .mo by
tools/compile_catalog.py) when a command starts. Importing drafter changes nothing.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "drafter"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def use_chinese() -> None:
    """Make click's messages Chinese for this process (drafter's users read Chinese only)."""
    os.environ["LANGUAGE"] = "zh_CN"  # gettext picks the catalogue's language from the environment
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)

