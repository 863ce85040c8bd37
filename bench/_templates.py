"""Shared by the bench scripts: generated docs rendered from the Jinja2 templates in
``bench/templates/`` (Markdown, so nothing is escaped; a missing value is an error)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _fmt(value: Any, spec: str = "") -> str:
    """``{{ x | fmt(".3f") }}``: Python's format mini-language, as in an f-string."""
    return format(value, spec)


def _measured(value: float | None) -> str:
    """A figure to three decimals, or "not measured"."""
    return "not measured" if value is None else f"{value:.3f}"


ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    autoescape=False,
)
ENVIRONMENT.filters["fmt"] = _fmt
ENVIRONMENT.filters["measured"] = _measured


def render(template: str, **context: Any) -> str:
    """The template ``bench/templates/<template>`` filled with ``context``."""
    return ENVIRONMENT.get_template(template).render(**context)
