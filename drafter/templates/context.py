"""What a template sees when it renders: the validated input plus `era` and `doc`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .template import Template

# Names a template may use besides the input fields (see SpeechInput.context for `era`).
CONTEXT_EXTRAS = frozenset({"era", "doc"})


def document_info(template: "Template") -> dict[str, str]:
    """`doc` in a template: the genre of the document and the template's name.

    `doc.kind` is the older name of `doc.genre`; users' templates may use it."""
    genre = template.manifest.genre
    return {"genre": genre, "kind": genre, "template": template.name}


def render_context(template: "Template", model: Any) -> dict[str, Any]:
    context = model.context()
    if not context["meeting"]["name"] and template.meeting_default:
        context["meeting"]["name"] = template.meeting_default
    context["doc"] = document_info(template)
    return context
