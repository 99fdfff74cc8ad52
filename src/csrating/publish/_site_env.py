"""The Jinja2 environment the site's pages are written with (HTML, autoescaped)."""

from __future__ import annotations

from functools import cache

import jinja2

from csrating.errors import RenderError


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("csrating.publish", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(name: str, context: dict[str, object]) -> str:
    """Render page template ``name`` with ``context``.

    Raises:
        RenderError: the template is missing, has a syntax error or uses a variable the
            context lacks; the message names the template.
    """
    try:
        return _environment().get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"page template {error.name!r} not found") from None
    except jinja2.TemplateSyntaxError as error:
        raise RenderError(
            f"page template {error.name or name} line {error.lineno}: {error.message}"
        ) from None
    except jinja2.UndefinedError as error:
        raise RenderError(f"page template {name}: {error.message}") from None
