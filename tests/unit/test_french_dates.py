"""The pure core of plugins/french_dates."""

import datetime

import pytest

from plugins.french_dates.core import (
    DateFormatError,
    PartialDate,
    format_day,
    parse_publication_date,
)


@pytest.mark.parametrize(
    ("value", "french", "html"),
    [
        ("2018-01-15", "15 janvier 2018", 'le <time datetime="2018-01-15">15 janvier 2018</time>'),
        (
            datetime.date(2018, 1, 1),
            "1er janvier 2018",
            'le <time datetime="2018-01-01">1<sup>er</sup> janvier 2018</time>',
        ),
        (
            datetime.datetime(2018, 12, 31, 10, 0),
            "31 décembre 2018",
            'le <time datetime="2018-12-31">31 décembre 2018</time>',
        ),
        ("2018-02", "février 2018", 'en <time datetime="2018-02">février 2018</time>'),
        (2018, "2018", 'en <time datetime="2018">2018</time>'),
        (
            "2017/2018",
            "entre 2017 et 2018",
            'entre <time datetime="2017">2017</time> et <time datetime="2018">2018</time>',
        ),
        (
            "2017-11/2018-02",
            "entre novembre 2017 et février 2018",
            'entre <time datetime="2017-11">novembre 2017</time> et '
            '<time datetime="2018-02">février 2018</time>',
        ),
    ],
)
def test_formats(value, french, html):
    publication = parse_publication_date(value)
    assert publication.french() == french
    assert str(publication.html()) == html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2018-13", "le mois 13 n’existe pas"),
        ("2018-02-30", "ce jour n’existe pas"),
        ("hier", "illisible"),
        ("15/01/2018", "dans l’ordre année-mois-jour, 2018-01-15"),
        ("2018/2017", "la seconde date doit suivre la première"),
        ("2018-03/2018-03", "la seconde date doit suivre la première"),
    ],
)
def test_errors_are_french_and_say_what_to_do(value, message):
    with pytest.raises(DateFormatError, match=message):
        parse_publication_date(value)


def test_only_an_exact_day_is_exact():
    assert parse_publication_date("2018-01-15").is_exact
    assert not parse_publication_date("2018-01").is_exact
    assert not parse_publication_date("2017/2018").is_exact


def test_sort_date_is_the_first_possible_day():
    assert parse_publication_date("2017/2018").sort_date == datetime.date(2017, 1, 1)
    assert parse_publication_date("2018-02").sort_date == datetime.date(2018, 2, 1)


def test_last_day_of_a_month_and_a_year():
    assert PartialDate(2020, 2).last_day == datetime.date(2020, 2, 29)
    assert PartialDate(2019).last_day == datetime.date(2019, 12, 31)


def test_first_of_the_month_is_premier():
    assert format_day(datetime.date(2018, 5, 1)) == "1er mai 2018"
    assert format_day(datetime.date(2018, 5, 2)) == "2 mai 2018"
