"""Find, check and render templates.

A template is one `NAME.j2` file: a manifest in a leading Jinja comment
(`{#--- … ---#}`, YAML: title, description, genre, fields) followed by Jinja2 text
that produces the block markup of markup.py. Every template, built-in or not, is
rendered in Jinja's immutable sandbox with strict undefined variables.

    files.py         where template files are looked for, how they are read
    manifest.py      the manifest → Manifest
    library.py       the templates of a set of folders, the loader Jinja uses
    environment.py   the sandboxed Jinja environment
    origins.py       markers that let errors in the rendered markup name a template line
    sources.py       the files a template uses (extends, include, import), read and parsed once
    checks.py        checks done when a template is loaded (characters, filters, variables …)
    fieldnames.py    the field names a template can reach, and the check of its lookups
    jinja_errors.py  Jinja's exceptions → TemplateError with file and line, in Chinese
    template.py      one template: its extends chain, fields, input model, rendering
    context.py       what a template sees: input data, era, doc
    examples.py      example input for a template
"""

from .context import CONTEXT_EXTRAS, render_context
from .examples import example_context, example_data
from .files import BUILTIN_ORIGIN, SUFFIX, TemplateFile, builtin_dir, template_dirs
from .jinja_errors import template_error
from .library import Library
from .manifest import Manifest, read_manifest
from .template import Template

__all__ = [
    "BUILTIN_ORIGIN", "CONTEXT_EXTRAS", "SUFFIX", "Library", "Manifest", "Template", "TemplateFile",
    "builtin_dir", "example_context", "example_data", "read_manifest", "render_context", "template_dirs",
    "template_error",
]
