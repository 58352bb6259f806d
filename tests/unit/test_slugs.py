"""Slugs: Pelican's own slugify, with our settings (pelicanconf.py)."""

import pytest

from tests.helpers import slug


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "À la rencontre de nos membres : entretien avec Alain Blum, vice-président du Centsept",
            "a-la-rencontre-de-nos-membres-entretien-avec-alain-blum-vice-president-du-centsept",
        ),
        # The title as the build typesets it gives the same slug.
        (
            "À la rencontre de nos membres\u00a0: entretien avec Alain Blum, "
            "vice-président du Centsept",
            "a-la-rencontre-de-nos-membres-entretien-avec-alain-blum-vice-president-du-centsept",
        ),
        ("L’économie sociale et solidaire", "l-economie-sociale-et-solidaire"),
        ("Qu’est-ce que l’innovation sociale ?", "qu-est-ce-que-l-innovation-sociale"),
        ("L'insertion d'aujourd'hui", "l-insertion-d-aujourd-hui"),
        ("Œuvre & cœur", "oeuvre-coeur"),
        ("« Peu ou non satisfaits »", "peu-ou-non-satisfaits"),
        ("Les 10 000 jeunes du 7e", "les-10-000-jeunes-du-7e"),
        ("mots_joints — et tirets –", "mots-joints-et-tirets"),
        ("Programme Accélération", "programme-acceleration"),
        ("Ça, c’est l’été !", "ca-c-est-l-ete"),
    ],
)
def test_slug(title, expected):
    assert slug(title) == expected
