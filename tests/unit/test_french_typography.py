"""French typography: the pure core (plugins/french_typography/core.py)."""

import os

import polytypo
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.french_typography.core import plain_text, typeset_html, typeset_text

N = "\u00a0"  # espace insécable, before : and inside « »
F = "\u202f"  # espace fine insécable, before ; ! ? and in digit groups

CASES = [
    # --- ; ! ? take a narrow no-break space --------------------------------
    ("Pourquoi ?", f"Pourquoi{F}?"),
    ("Pourquoi?", f"Pourquoi{F}?"),
    (f"Pourquoi{N}?", f"Pourquoi{F}?"),
    ("Pourquoi  ?", f"Pourquoi{F}?"),
    ("Bravo !", f"Bravo{F}!"),
    ("Bravo!", f"Bravo{F}!"),
    ("Vraiment ?!", f"Vraiment{F}?!"),
    ("Vraiment?!", f"Vraiment{F}?!"),
    ("Non !!!", f"Non{F}!!!"),
    ("d’abord ; ensuite", f"d’abord{F}; ensuite"),
    ("d’abord; ensuite", f"d’abord{F}; ensuite"),
    (f"d’abord{N}; ensuite", f"d’abord{F}; ensuite"),
    ("(?)", "(?)"),
    ("(!)", "(!)"),
    # --- : takes a no-break space -----------------------------------------
    ("Note : ceci", f"Note{N}: ceci"),
    ("Note: ceci", f"Note{N}: ceci"),
    (f"Note{F}: ceci", f"Note{N}: ceci"),
    ("En 2018: bilan", f"En 2018{N}: bilan"),
    # --- « » -------------------------------------------------------------
    ('Il dit "bonjour".', f"Il dit «{N}bonjour{N}»."),
    ('"Oui", dit-il.', f"«{N}Oui{N}», dit-il."),
    ("« bonjour »", f"«{N}bonjour{N}»"),
    ("«bonjour»", f"«{N}bonjour{N}»"),
    (f"«{F}bonjour{F}»", f"«{N}bonjour{N}»"),
    ("«  bonjour  »", f"«{N}bonjour{N}»"),
    ('le ("vrai") sens', f"le («{N}vrai{N}») sens"),
    # --- apostrophes and ellipsis ----------------------------------------
    ("l'école", "l’école"),
    ("aujourd'hui", "aujourd’hui"),
    ("qu'il", "qu’il"),
    ("l’école", "l’école"),
    ("Et puis...", "Et puis…"),
    ("Et puis… rien", "Et puis… rien"),
    ("[...]", "[…]"),
    # --- ordinals and centuries ------------------------------------------
    ("le 1er janvier", "le 1<sup>er</sup> janvier"),
    ("la 1re fois", "la 1<sup>re</sup> fois"),
    ("les 1ers jours", "les 1<sup>ers</sup> jours"),
    ("le 2e étage", "le 2<sup>e</sup> étage"),
    ("Lyon 7e", "Lyon 7<sup>e</sup>"),
    ("le 2nd tour", "le 2<sup>nd</sup> tour"),
    ("le XIXe siècle", "le XIX<sup>e</sup> siècle"),
    ("la Ve République", "la V<sup>e</sup> République"),
    ("François Ier", "François I<sup>er</sup>"),
    ("Le Centsept, Ce matin, De plus", "Le Centsept, Ce matin, De plus"),
    ("2ème", "2ème"),
    ("1e10", "1e10"),
    ("0x5e", "0x5e"),
    ("le 1<sup>er</sup> mai", "le 1<sup>er</sup> mai"),
    # --- numbers, units, currencies, civilities --------------------------
    ("50 %", f"50{N}%"),
    ("50%", f"50{N}%"),
    ("10 €", f"10{N}€"),
    ("10€", f"10{N}€"),
    ("3 km", f"3{N}km"),
    ("à 10 h", f"à 10{N}h"),
    ("3 mois", "3 mois"),
    ("10 000 habitants", f"10{F}000 habitants"),
    ("1 250 000 €", f"1{F}250{F}000{N}€"),
    (f"10{N}000", f"10{F}000"),
    ("M. Dupont", f"M.{N}Dupont"),
    ("Mme Durand et MM. Martin", f"Mme{N}Durand et MM.{N}Martin"),
    ("Dr Martin", f"Dr{N}Martin"),
    ("Mme est là", "Mme est là"),
    # --- never touched ---------------------------------------------------
    ("à 14:30", "à 14:30"),
    ("à 14:30:15", "à 14:30:15"),
    ("un ratio 1:2", "un ratio 1:2"),
    ("69007 Lyon", "69007 Lyon"),
    ("en 2018", "en 2018"),
    ("en 20000 exemplaires", "en 20000 exemplaires"),
    ("entre 2017 et 2018", "entre 2017 et 2018"),
    ("peut-il", "peut-il"),
    ("co-construction", "co-construction"),
    (
        "voir https://www.lecentsept.fr/a?b=1:2;c=d#x",
        "voir https://www.lecentsept.fr/a?b=1:2;c=d#x",
    ),
    ("voir https://exemple.fr/a!", f"voir https://exemple.fr/a{F}!"),
    ("https://exemple.fr/?q=1 ?", f"https://exemple.fr/?q=1{F}?"),
    ("écrire à contact@lecentsept.fr ?", f"écrire à contact@lecentsept.fr{F}?"),
    ("www.lecentsept.fr/x:y", "www.lecentsept.fr/x:y"),
    # --- HTML ------------------------------------------------------------
    ("<p>Il dit <em>oui</em>!</p>", f"<p>Il dit <em>oui</em>{F}!</p>"),
    ("<p><strong>Non</strong> ?</p>", f"<p><strong>Non</strong>{F}?</p>"),
    ('<a href="/a?b:c" title="Quoi ?">lien</a> !', f'<a href="/a?b:c" title="Quoi ?">lien</a>{F}!'),
    ("<code>a : b ; c ?</code> x : y", f"<code>a : b ; c ?</code> x{N}: y"),
    ("<pre><code>if x: y</code></pre>", "<pre><code>if x: y</code></pre>"),
    (
        "<kbd>Ctrl : C</kbd><samp>a !</samp><var>b ?</var>",
        "<kbd>Ctrl : C</kbd><samp>a !</samp><var>b ?</var>",
    ),
    ("<script>a = b ? c : d;</script>", "<script>a = b ? c : d;</script>"),
    ("<style>a:hover{color:red;}</style>", "<style>a:hover{color:red;}</style>"),
    ("<textarea>Quoi ?</textarea>", "<textarea>Quoi ?</textarea>"),
    ("<svg><text>a : b</text></svg> c : d", f"<svg><text>a : b</text></svg> c{N}: d"),
    ("<math><mi>x</mi><mo>:</mo></math>", "<math><mi>x</mi><mo>:</mo></math>"),
    ("<!-- a : b --> c : d", f"<!-- a : b --> c{N}: d"),
    ("<p>A &amp; B ; C</p>", f"<p>A &amp; B{F}; C</p>"),
    ("<p>1 &lt; 2 ?</p>", f"<p>1 &lt; 2{F}?</p>"),
    ("<p>Fin.</p><p>!</p>", "<p>Fin.</p><p>!</p>"),
    ('<img alt="l\'image : belle"> texte', '<img alt="l’image\u00a0: belle"> texte'),
    ("<h2>Pourquoi le Centsept ?</h2>", f"<h2>Pourquoi le Centsept{F}?</h2>"),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_rule(source, expected):
    assert typeset_html(source) == expected


def test_the_table_is_large_enough_and_covers_every_rule():
    assert len(CASES) >= 60
    sources = [source for source, _ in CASES]
    assert len(set(sources)) == len(sources), "une même entrée figure deux fois"
    # Each thing the rules put in a text is put there by some case...
    for made in (F, N, "’", "…", "«", "»", "<sup>"):
        assert any(made in expected and made not in source for source, expected in CASES), made
    # ...and what they must leave alone is checked as much: times, ratios,
    # postcodes, URLs, code, already typeset text.
    assert sum(source == expected for source, expected in CASES) >= 20


@pytest.mark.parametrize("source", [case[0] for case in CASES])
def test_idempotent(source):
    once = typeset_html(source)
    assert typeset_html(once) == once


@pytest.mark.parametrize("correct", [case[1] for case in CASES])
def test_correct_text_is_unchanged_byte_for_byte(correct):
    assert typeset_html(correct) == correct


def test_plain_text_mode_makes_no_markup():
    assert typeset_text("le 1er mai : fête") == f"le 1er mai{N}: fête"
    assert typeset_text("A & B ?") == f"A & B{F}?"


def test_plain_text_keeps_french_spaces_and_drops_tags():
    assert plain_text(f"Le 1<sup>er</sup> mai{N}: A &amp; B{F}!\n") == f"Le 1er mai{N}: A & B{F}!"


# Where polytypo (a French-aware library, too slow for every page of a
# build) defines a rule too, both must agree: an outside check of ours.
AGREES_WITH_POLYTYPO = [
    "Pourquoi ? Parce que ! Et alors ; voilà : fini.",
    'Il a dit "bonjour" puis « au revoir ».',
    "l'école d'aujourd'hui... et demain",
    "Vraiment ?! Oui !!",
    "M. Dupont et Mme Durand paient 10 € soit 50 %.",
    "Rendez-vous à 14:30, ratio 1:2, en 2018 à 69007 Lyon.",
    "Voir https://www.lecentsept.fr/?a=b ou écrire à contact@lecentsept.fr.",
]


@pytest.mark.parametrize("source", AGREES_WITH_POLYTYPO)
def test_agrees_with_polytypo(source):
    assert typeset_text(source) == polytypo.transform(source, locale="fr")


# What the texts of the property test are made of.
PIECES = list("aeéLXIV12 09") + [
    " ",
    N,
    F,
    ":",
    ";",
    "!",
    "?",
    "'",
    '"',
    "«",
    "»",
    ".",
    "...",
    "%",
    "€",
    "km",
    "M.",
    "er",
    "e",
    "<em>",
    "</em>",
    "<p>",
    "</p>",
    "<code>",
    "</code>",
    "&amp;",
    "http://a.fr/x?y",
    "(",
    "-",
]
# One character stands for each piece: Hypothesis draws a text of up to
# 30 of them twice as fast as a list of up to 30 pieces, for the same texts.
KEYS = {chr(0x100 + i): piece for i, piece in enumerate(PIECES)}
TEXTS = st.text(alphabet="".join(KEYS), max_size=30).map(
    lambda keys: "".join(KEYS[k] for k in keys)
)


def test_idempotent_on_any_text():
    # A fixed set of examples unless HYPOTHESIS_EXAMPLES asks for a longer,
    # random run; no example database (nothing written to the repository).
    @settings(
        max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 3000)),
        deadline=None,
        derandomize=not os.environ.get("HYPOTHESIS_EXAMPLES"),
        database=None,
    )
    @given(TEXTS)
    def check(source):
        once = typeset_html(source)
        assert typeset_html(once) == once

    check()


def test_plugin_typesets_summaries_that_pelican_keeps():
    """Pelican writes ``_summary`` back over the summary after
    ``all_generators_finalized``: the typeset one must be what stays."""
    from datetime import datetime
    from types import SimpleNamespace

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    from plugins.french_typography import typeset_contents

    settings = {**DEFAULT_CONFIG, "FRENCH_TYPOGRAPHY": True}
    article = Article(
        "<p>Texte.</p>",
        metadata={
            "title": "Un titre ?",
            "summary": "<p>Un chapô : oui ?</p>",
            "date": datetime(2018, 1, 15),
        },
        settings=settings,
    )
    typeset_contents([SimpleNamespace(settings=settings, articles=[article])])
    article.refresh_metadata_intersite_links()
    assert article.summary == f"<p>Un chapô{N}: oui{F}?</p>"
    assert article.title == f"Un titre{F}?"


def test_alt_texts_are_typeset_as_text():
    """An alt text is read aloud: typeset too, as text (no <sup>), once."""
    markup = '<p>Voir <img alt="L\'équipe : 2e rang, « ici »" src="a.png"> là</p>'
    done = typeset_html(markup)
    assert 'alt="L’équipe\u00a0: 2e rang, «\u00a0ici\u00a0»"' in done
    assert typeset_html(done) == done
    assert '<code><img alt="x : y"></code>' == typeset_html('<code><img alt="x : y"></code>')


def test_only_the_alt_value_changes_never_another_attribute():
    """« alt= » written inside another attribute's value is not an alt:
    nothing outside the real alt value may change (it could open a quote)."""
    tag = """<img src="/images/p.png" alt="ok" title=" alt='" data-x='" onerror="alert(1)"'>"""
    assert typeset_html(f"Texte {tag} fin.") == f"Texte {tag} fin."
    done = typeset_html("""<img title="a : b" alt='L’un : "deux"' src=x>""")
    assert done == """<img title="a : b" alt="L’un\u00a0: «\u00a0deux\u00a0»" src=x>"""


def test_the_render_pool_typesets_the_bodies_the_build_then_finds(monkeypatch):
    """french_typography asks the render pool to typeset every rendered
    body; what the pool keeps is what the build then uses, unchanged."""
    from types import SimpleNamespace

    import plugins.french_typography as plugin
    from plugins.content_model.rendering import asked_of_every_rendering

    settings = {"FRENCH_TYPOGRAPHY": True, "RENDER_CACHE": False}
    plugin.load_cache(SimpleNamespace(settings=settings))
    [step] = asked_of_every_rendering(settings)
    html = "<p>Bonjour : « ça va ? » À 18 h 30, 2 000 personnes !</p>"
    step.keep(html, step.compute(html))  # as render_all does, the compute in a worker
    expected = plugin.typeset_html(html)

    def not_again(markup):
        raise AssertionError("typographie refaite alors que le groupe de processus l’a faite")

    monkeypatch.setattr(plugin, "typeset_html", not_again)
    assert plugin._typeset(html, plugin._memo(settings)) == expected


def test_without_typography_nothing_is_asked_of_the_render_pool():
    from types import SimpleNamespace

    import plugins.french_typography as plugin
    from plugins.content_model.rendering import asked_of_every_rendering

    settings = {"FRENCH_TYPOGRAPHY": False, "RENDER_CACHE": False}
    plugin.load_cache(SimpleNamespace(settings=settings))
    assert asked_of_every_rendering(settings) == []
