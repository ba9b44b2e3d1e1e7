"""The list pages' URL helpers and the accent folding behind the name filters."""

from __future__ import annotations

import pytest

from silkgraph.query.aliases import fold, snippet
from silkgraph.web.render import query_string, sort_link, toggle


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ürümqi", "urumqi"),
        ("URUMQI", "urumqi"),
        ("Lü Huiying", "lu huiying"),
        ("Łódź", "lodz"),
        ("São Tomé", "sao tome"),
        ("Kazakhstan", "kazakhstan"),
    ],
)
def test_fold_drops_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(fold(text)) == fold(text)


def test_toggle_adds_and_removes_one_value_and_goes_back_to_the_first_page() -> None:
    params = {"type": ["TRADE"], "offset": 50, "cursor": "abc", "sort": "-value"}
    added = toggle(params, "type", "FORUM")
    assert added == {"type": ["TRADE", "FORUM"], "sort": "-value"}
    assert toggle(added, "type", "TRADE") == {"type": ["FORUM"], "sort": "-value"}
    assert query_string(toggle(params, "type", "TRADE")) == "sort=-value"
    assert query_string(added) == "type=TRADE&type=FORUM&sort=-value"


def test_sort_link_turns_the_order_round_and_shows_it() -> None:
    assert sort_link({}, "value", "-date") == ({"sort": "-value"}, "")
    assert sort_link({"sort": "-value"}, "value", "-date") == ({"sort": "value"}, " ▼")
    assert sort_link({"sort": "value", "offset": 50}, "value", "-date") == (
        {"sort": "-value"},
        " ▲",
    )
    assert sort_link({}, "name", "-articles") == ({"sort": "name"}, "")
    assert sort_link({}, "date", "-date") == ({"sort": "date"}, " ▼")


def test_snippet_marks_the_first_name_found() -> None:
    text = "Officials met. " + "x " * 60 + "Then Lü Huiying spoke about Lü's plan."
    cut = snippet(text, ["Lyu Huiying", "Lü Huiying"], width=20)
    assert "[Lü Huiying]" in cut and cut.startswith("… ")
    assert snippet("nothing here", ["Lü"]) == ""
