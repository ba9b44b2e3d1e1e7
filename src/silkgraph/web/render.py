"""The Jinja2 environment of the web pages: autoescaping everywhere, a few display filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader

TEMPLATES = Path(__file__).parent / "templates"

TYPE_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country / region / city",
    "LOC": "location",
    "FAC": "facility",
    "EVENT": "named event",
}


def usd(value: float | None) -> str:
    """USD 12.5 bn, USD 340 m, USD 12,000: readable at a glance."""
    if value is None:
        return "—"
    for size, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m")):
        if abs(value) >= size:
            return f"USD {value / size:,.3g}{suffix}"
    return f"USD {value:,.0f}"


def is_http_url(value: object) -> bool:
    """True for an absolute http(s) URL with a host: the only kind a page turns into a link.

    A stored URL comes from the article or the client (``javascript:``, ``data:``, ``file:``
    are all possible); any other scheme is shown as text.
    """
    if not isinstance(value, str) or any(c in value for c in "\x00\t\r\n"):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def query_string(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return urlencode(merged)


def make_templates() -> Environment:
    """The page templates; autoescape is on for every file, whatever its extension."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["usd"] = usd
    env.filters["urlpart"] = lambda s: quote(str(s), safe="")
    env.filters["type_label"] = lambda t: TYPE_LABELS.get(t, str(t).lower())
    env.globals["query_string"] = query_string
    env.tests["http_url"] = is_http_url
    return env
