"""The built-in templates (this file only lets them ship inside the wheel)."""
