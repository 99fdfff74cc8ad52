"""The Jinja2 environment letters and other documents are written with."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from csrating.errors import RenderError, UsageError
from csrating.letters.wording import capitalise, count_text, long_date, month_year, quantified


def uncapitalise(text: str) -> str:
    """Lower-case the first letter of ``text`` (for a phrase placed mid-sentence)."""
    return text[:1].lower() + text[1:]


def _environment(templates: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        if not templates.is_dir():
            raise UsageError(f"templates folder {str(templates)!r} does not exist")
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.PackageLoader("csrating.letters", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - Markdown out; the HTML renderer escapes
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters.update(
        capitalise=capitalise,
        uncapitalise=uncapitalise,
        long_date=long_date,
        month_year=month_year,
        count_text=count_text,
        count_words=count_text,
        quantified=quantified,
    )
    return env


@cache
def _cached(templates: Path | None) -> jinja2.Environment:
    return _environment(templates)


def template_macros(name: str, templates: Path | None = None) -> Any:
    """Return template ``name`` as a module whose macros can be called from Python.

    Raises:
        RenderError: the template is missing or has a syntax error.
    """
    try:
        return _cached(templates).get_template(name).module
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"template {error.name!r} not found") from None
    except jinja2.TemplateSyntaxError as error:
        raise RenderError(
            f"template {error.name or name} line {error.lineno}: {error.message}"
        ) from None


def call_macro(module: Any, name: str, template: str, *args: Any) -> str:
    """Call macro ``name`` of a template module and return its text.

    Raises:
        RenderError: the template has no such macro, or the macro uses a fact it was not
            given; the message names the template and the macro.
    """
    macro = getattr(module, name, None)
    if macro is None:
        raise RenderError(f"template {template} has no macro {name!r}")
    try:
        return str(macro(*args))
    except jinja2.UndefinedError as error:
        raise RenderError(f"template {template}, macro {name}: {error.message}") from None


def render_template(name: str, context: dict[str, object], templates: Path | None = None) -> str:
    """Render template ``name`` (user folder first, then the shipped templates).

    Raises:
        RenderError: the template is missing, has a syntax error or uses a variable the
            context lacks; the message names the template.
    """
    try:
        text = _cached(templates).get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"template {error.name!r} not found") from None
    except jinja2.TemplateSyntaxError as error:
        raise RenderError(
            f"template {error.name or name} line {error.lineno}: {error.message}"
        ) from None
    except jinja2.UndefinedError as error:
        raise RenderError(f"template {name}: {error.message}") from None
    return _tidy(text)


def _tidy(text: str) -> str:
    lines = [line.rstrip(" ") if not line.endswith("  ") else line for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"
