"""How the search index is cut into lots (plugins/search_index/lots.py)."""

import math

import pytest

from plugins.search_index.lots import lot_folders, split_evenly


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
