"""What a build prints, in French (sitetools/build.py): the summary line
that replaces Pelican's « Done: Processed … », and the level of a logged
warning."""

import logging

import pytest

from sitetools.build import FrenchLevels, summary_line


@pytest.mark.parametrize(
    ("pages", "seconds", "line"),
    [
        (12, 1.44, "12 pages construites en 1,4 s"),
        (1, 0.04, "1 page construite en 0,0 s"),
        (0, 2.0, "0 page construite en 2,0 s"),
        (1500, 63.25, "1500 pages construites en 63,2 s"),
    ],
)
def test_the_summary_line_is_french(pages, seconds, line):
    assert summary_line(pages, seconds) == line


def test_logged_levels_are_french():
    formatter = FrenchLevels("%(levelname)s : %(message)s")
    record = logging.LogRecord("pelican", logging.WARNING, "", 0, "gabarit introuvable", (), None)
    assert formatter.format(record) == "Avertissement : gabarit introuvable"
    assert record.levelname == "WARNING"  # the record itself is left to other handlers
    record = logging.LogRecord("pelican", logging.ERROR, "", 0, "illisible", (), None)
    assert formatter.format(record) == "Erreur : illisible"
