"""plugins/listings/core.py: which kinds get a paginated list of their
own, and the order of a list; and the settings that follow from them."""

from datetime import datetime
from types import SimpleNamespace

from plugins.content_model import kinds
from plugins.listings.core import listing_order, page_listings
from tests.helpers import settings


def test_only_paginated_page_kinds_get_a_list_of_ours():
    # The interviews' list is Pelican's (articles); programmes and people
    # have a list page in one piece.
    assert page_listings(kinds.KINDS) == [kinds.NEWS]


def test_pelican_writes_no_paginated_page_list_with_its_articles():
    derived = kinds.kind_settings(kinds.KINDS)
    assert kinds.NEWS.folder not in derived["DIRECT_TEMPLATES"]
    assert kinds.INTERVIEW.folder in derived["DIRECT_TEMPLATES"]
    assert kinds.PROGRAMME.folder in derived["DIRECT_TEMPLATES"]
    assert derived["ACTUALITES_SAVE_AS"] == "actualites/index.html"
    assert derived["PAGINATED_TEMPLATES"] == {
        kinds.INTERVIEW.folder: None,
        kinds.NEWS.folder: None,
    }


def test_news_and_interviews_are_listed_twenty_a_page():
    ours = settings("pelicanconf.py")
    assert ours["DEFAULT_PAGINATION"] == 20
    assert all(size is None for size in ours["PAGINATED_TEMPLATES"].values())
    assert "plugins.listings" in ours["PLUGINS"]


def _news(title, day=None):
    date = datetime.fromisoformat(day) if day else datetime(2000, 1, 1)
    return SimpleNamespace(title=title, date=date, publication=day)


def test_newest_first_then_the_undated_by_title():
    items = [
        _news("B", "2019-05-01"),
        _news("Zèbre"),
        _news("A", "2021-01-01"),
        _news("Abricot"),
        _news("C", "2019-05-01"),
    ]
    assert [n.title for n in listing_order(items)] == ["A", "C", "B", "Abricot", "Zèbre"]
