"""The first interview is built where its slug (Pelican's slugify, with
our settings) says."""

from tests.helpers import slug


def test_interview_is_built_at_its_slug(site):
    assert (
        site
        / slug(
            "À la rencontre de nos membres : entretien avec Alain Blum, vice-président du Centsept"
        )
        / "index.html"
    ).is_file()
