"""How the search index is cut into lots (plugins/search_index/lots.py)."""

import math

import pytest

from plugins.search_index.lots import BODY_MARK, lot_folders, split_evenly


@pytest.mark.parametrize("count", [1, 2, 5, 499, 500, 501, 1209, 5000])
@pytest.mark.parametrize("most", [1, 3, 500])
def test_every_page_once_in_the_fewest_even_lots(count, most):
    pages = [f"page-{number:05}/index.html" for number in reversed(range(count))]
    lots = split_evenly(pages, most)
    assert [page for lot in lots for page in lot] == sorted(pages)
    assert len(lots) == math.ceil(count / most)
    sizes = [len(lot) for lot in lots]
    assert max(sizes) <= most and max(sizes) - min(sizes) <= 1


def test_no_pages_no_lot():
    assert split_evenly([], 500) == []


def test_a_lot_holds_at_least_one_page():
    with pytest.raises(ValueError, match="au moins 1"):
        split_evenly(["a.html"], 0)


def test_the_first_lot_is_the_bundle_itself_the_others_are_named_from_two():
    assert lot_folders(1) == []
    assert lot_folders(3) == ["lot-2", "lot-3"]


@pytest.mark.parametrize(
    ("page", "marked"),
    [
        (b'<main id="contenu" data-pagefind-body>', True),
        (b"<article data-pagefind-body class='x'>", True),
        (b"<div\ndata-pagefind-body/>", True),
        # A text that quotes the attribute is not a marked page:
        (b"<p>Ajoutez data-pagefind-body au gabarit.</p>", False),
        (b"<p>&lt;main data-pagefind-body&gt;</p>", False),
        (b'<a title="data-pagefind-body">', False),
    ],
)
def test_the_body_mark_is_an_attribute_of_a_tag(page, marked):
    assert bool(BODY_MARK.search(page)) is marked


def test_the_body_mark_reads_a_hostile_page_in_linear_time():
    # Many tags never closed: each attempt stops at the next « < ».
    assert BODY_MARK.search(b"<a " * 200_000) is None
