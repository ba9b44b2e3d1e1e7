"""Search with facets over the full-text index; a facet takes several values at once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse

from silkgraph import query
from silkgraph.api.deps import DATE, Limit, Offset, get_store, render
from silkgraph.api.lists import MAX_VALUE, MAX_VALUES, facet_parameters
from silkgraph.api.schemas import SearchOut
from silkgraph.display import TYPE_LABELS
from silkgraph.errors import InputError
from silkgraph.query import SearchFilters
from silkgraph.query.lists import country_code, country_names
from silkgraph.query.search import FACETS
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]
Q = Query("", max_length=500, description="Words to look for (all required).")
DateFrom = Query(None, max_length=10, pattern=DATE, description="Published on or after.")
DateTo = Query(None, max_length=10, pattern=DATE, description="Published on or before.")


def _invalid(name: str, msg: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": msg}])


def get_search_filters(
    request: Request,
    store: StoreDep,
    date_from: str | None = DateFrom,
    date_to: str | None = DateTo,
) -> SearchFilters:
    """The search's facets from repeated query keys (``?country=KZ&country=CN``: either);
    a country may be named or coded, and a name that is no country is a one-line 422."""
    facets: dict[str, list[str]] = {}
    for name in FACETS:
        values = [v.strip() for v in request.query_params.getlist(name) if v.strip()]
        if len(values) > MAX_VALUES or any(len(v) > MAX_VALUE for v in values):
            raise _invalid(name, f"at most {MAX_VALUES} values of {MAX_VALUE} characters")
        if name == "country":
            try:
                values = [country_code(store, v) for v in values]
            except InputError as err:
                raise _invalid(name, str(err).removeprefix("country: ")) from None
        if values:
            facets[name] = list(dict.fromkeys(values))
    return SearchFilters(facets, (date_from or "").strip() or None, (date_to or "").strip() or None)


FiltersDep = Annotated[SearchFilters, Depends(get_search_filters)]


def facet_view(store: Store, data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The facets as the lists show them: value, label, count and whether it is chosen."""
    chosen = data["filters"]
    codes = {v for v, _ in data["facets"]["country"]}
    names = country_names(store, codes)
    out: dict[str, list[dict[str, Any]]] = {}
    for name in FACETS:
        out[name] = [
            {
                "value": v,
                "label": TYPE_LABELS.get(v, v.lower())
                if name == "entity_type"
                else (names.get(v, v) if name == "country" else v),
                "count": n,
                "selected": v in chosen.get(name, []),
            }
            for v, n in data["facets"][name]
        ]
    return out


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    q: str = Q,
    limit: int = Limit,
    offset: int = Offset,
) -> HTMLResponse:
    data = query.search(store, q, limit, offset, filters)
    return render(
        request,
        "search.html",
        data=data,
        facets=facet_view(store, data),
        params={"q": q, **filters.to_dict()},
    )


@router.get(
    "/api/search",
    response_model=SearchOut,
    tags=["search"],
    openapi_extra=facet_parameters(FACETS),
)
def search(
    store: StoreDep, filters: FiltersDep, q: str = Q, limit: int = Limit, offset: int = Offset
) -> dict[str, Any]:
    """Articles (paginated, with facet counts), entities and events matching the query.

    Values of one facet are alternatives, facets combine; a facet's counts are taken under
    the other facets. ``documents.capped`` marks a total that is a floor ("more than"),
    ``facets_complete`` facet counts over every matching article (else over
    ``facets_counted`` of them), ``documents.ranked`` a page in order of relevance.
    """
    return query.search(store, q, limit, offset, filters)
