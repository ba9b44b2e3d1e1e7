"""The Jinja2 environment of the web pages: autoescaping everywhere, a few display filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader

from silkgraph.display import TYPE_LABELS

TEMPLATES = Path(__file__).parent / "templates"


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
    """The URL query of ``params`` with ``changes``; a list becomes a repeated key."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", [])}
    return urlencode(merged, doseq=True)


def toggle(params: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    """The list's parameters with one facet value added, or removed when it was there.

    The page goes back to the first: the old offset may lie past the new list's end.
    """
    values = list(params.get(key) or [])
    values = [v for v in values if v != value] if value in values else [*values, value]
    out = {k: v for k, v in params.items() if k not in ("offset", "cursor")}
    out[key] = values
    return out


def sort_link(params: dict[str, Any], column: str, default: str) -> tuple[dict[str, Any], str]:
    """Parameters that sort by ``column`` (descending first for numbers and dates, the
    other way when it is already so sorted) and the arrow showing the current order."""
    current = params.get("sort") or default
    if current == column:
        target, arrow = f"-{column}", " ▲"
    elif current == f"-{column}":
        target, arrow = column, " ▼"
    else:
        target, arrow = (f"-{column}" if column in DESCENDING else column), ""
    out = {k: v for k, v in params.items() if k not in ("offset", "cursor")}
    out["sort"] = target
    return out, arrow


# Columns whose natural first order is the largest first.
DESCENDING = frozenset({"date", "value", "sources", "articles", "links"})


def make_templates() -> Environment:
    """The page templates; autoescape is on for every file, whatever its extension."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["usd"] = usd
    env.filters["urlpart"] = lambda s: quote(str(s), safe="")
    env.filters["type_label"] = lambda t: TYPE_LABELS.get(t, str(t).lower())
    env.globals["query_string"] = query_string
    env.globals["toggle"] = toggle
    env.globals["sort_link"] = sort_link
    env.tests["http_url"] = is_http_url
    return env
