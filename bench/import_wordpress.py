"""WordPress import benchmark.

    .venv/bin/python bench/import_wordpress.py [N] [--convertisseurs] [--import-seul]
    .venv/bin/python bench/import_wordpress.py [N] --repliques [--export F] [--fois K]
        [--racine DOSSIER]   (or --synthetiques instead of --repliques)

1. ``--convertisseurs``: markdownify against html2text on every item of
   the two test exports (Pelican's and the French one): time, and how
   often the text survives Markdown and back (the words of the HTML, in
   order, against those of the Markdown rendered by Python-Markdown),
   how often paragraphs, headings and list items all survive, how many
   backslash escapes and raw « < » each leaves. Measured (24 texts):
   html2text is 4 to 5 times faster and keeps every word, but keeps the
   structure of 16 texts only: on WordPress's invalid nesting
   (<p><figure>, an unclosed <a>) it merges a whole interview into one
   paragraph, or the rest of a post into one link; markdownify works on
   BeautifulSoup's repaired tree and keeps 21 (23 for the words). Both
   take well under a second: structure decides, hence markdownify in
   sitetools/wordpress/text.py.
2. N synthetic posts (default 2000; bold questions, French text from
   bench/synthetic.py) in a WXR file: the time of `invoke import-wordpress`
   into a copy of content/, then the time of one full build of the site
   that results (N interviews), each in its own process. The issue asks
   for the import to take less than that build. ``--import-seul``: the
   import only (the build is the build benchmark's business).
3. ``--repliques``: the import on N posts and pages (default 2000) made
   from the test exports (tests/fixtures/wordpress/: classic editor with
   shortcodes, block editor, WordPress.com, WooCommerce, the malformed
   file, the French test export), copied round after round with distinct
   identifiers, slugs and addresses into one export, without uploads
   folder (images become links to their old address); ``--export
   FICHIER`` keeps that export (or reads it if it exists), ``--fois K``
   imports K times (default 3, each into a fresh copy of content/) and
   prints the median, ``--racine DOSSIER`` runs the `invoke` and
   tasks.py of another checkout (the same export, for an A/B). For
   farm-bench, one import per run: ``--fois 1``. ``--synthetiques``: the
   same with the synthetic interviews of 2 (the README's first figure).
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from synthetic import interviews  # noqa: E402

from tests.wordpress_exports import EXPORTS  # noqa: E402

WXR_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Synthèse</title><link>https://synthese.test</link>
<wp:base_site_url>https://synthese.test</wp:base_site_url>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>centsept-labs</wp:category_nicename>
<wp:cat_name><![CDATA[Centsept Labs]]></wp:cat_name></wp:category>
"""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", html.unescape(text).lower())


def _blocks(text: str) -> int:
    """Paragraphs, headings and list items: the structure a reader sees."""
    from bs4 import BeautifulSoup

    return len(BeautifulSoup(text, "html.parser").find_all(["p", "h1", "h2", "h3", "h4", "li"]))


def compare_converters() -> None:
    import html2text
    import markdown
    from bs4 import BeautifulSoup
    from markdownify import markdownify

    from sitetools.wordpress.wxr import read_export

    bodies = [
        item.html
        for path in EXPORTS.values()
        for item in read_export(path).items
        if item.html.strip()
    ]
    to_text = html2text.HTML2Text(bodywidth=0)
    converters = {
        "markdownify": lambda body: markdownify(body, heading_style="ATX", bullets="-"),
        "html2text": to_text.handle,
    }
    print(f"{len(bodies)} textes ({len(EXPORTS)} exports)")
    print("convertisseur   ms total  mots intacts  structure intacte  « \\ » ajoutés  « < » bruts")
    for name, convert in converters.items():
        start = time.perf_counter()
        outputs = [convert(body) for body in bodies]
        elapsed = (time.perf_counter() - start) * 1000
        intact = sum(
            _words(BeautifulSoup(body, "html.parser").get_text(" "))
            == _words(BeautifulSoup(markdown.markdown(out), "html.parser").get_text(" "))
            for body, out in zip(bodies, outputs, strict=True)
        )
        structure = sum(
            _blocks(body) == _blocks(markdown.markdown(out))
            for body, out in zip(bodies, outputs, strict=True)
        )
        escapes = sum(out.count("\\") for out in outputs)
        raw = sum(len(re.findall(r"<[a-z]", out)) for out in outputs)
        print(
            f"{name:<15} {elapsed:8.1f}  {intact:5d}/{len(bodies):<6d} "
            f"{structure:10d}/{len(bodies):<7d} {escapes:13d}  {raw:10d}"
        )


def synthetic_export(count: int, path: Path) -> None:
    parts = [WXR_HEAD]
    for number, title, date, summary, _, _, _, body in interviews(count):
        body_html = re.sub(r"^## (.*)$", r"<p><strong>\1</strong></p>", body, flags=re.M)
        body_html = "\n\n".join(
            p if p.startswith("<p>") else f"<p>{html.escape(p)}</p>"
            for p in body_html.split("\n\n")
        )
        slug = f"entretien-de-synthese-{number}"
        parts.append(
            f"<item><title><![CDATA[{title}, entretien avec Personne Synthese{number}]]></title>"
            f"<link>https://synthese.test/{slug}/</link><dc:creator>admin</dc:creator>"
            f"<content:encoded><![CDATA[{body_html}]]></content:encoded>"
            f"<excerpt:encoded><![CDATA[{summary}]]></excerpt:encoded>"
            f"<wp:post_id>{number}</wp:post_id><wp:post_date>{date} 10:00:00</wp:post_date>"
            f"<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>"
            f"<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>"
            f'<category domain="category" nicename="centsept-labs"><![CDATA[Centsept Labs]]>'
            f"</category></item>\n"
        )
    parts.append("</channel></rss>\n")
    path.write_text("".join(parts), encoding="utf-8")


# The wp namespace of the exports (1.1, or https on WordPress.com), made one.
_WP_NAMESPACES = (
    b'xmlns:wp="http://wordpress.org/export/1.1/"',
    b'xmlns:wp="https://wordpress.org/export/1.2/"',
)
_WP = "http://wordpress.org/export/1.2/"
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _parsed(path: Path):
    from lxml import etree

    data = _CONTROL.sub(b"", path.read_bytes())
    for namespace in _WP_NAMESPACES:
        data = data.replace(namespace, f'xmlns:wp="{_WP}"'.encode())
    parser = etree.XMLParser(resolve_entities=False, no_network=True, strip_cdata=False)
    return etree.fromstring(data, parser)


def replicated_export(count: int, path: Path) -> int:
    """``count`` posts and pages from the test exports, round after round:
    each copy with its own ids (+100000 a round), slug and old address on
    the first export's site. Returns how many items it holds."""
    import copy

    from lxml import etree

    wp = f"{{{_WP}}}"
    sources = sorted((ROOT / "tests" / "fixtures" / "wordpress").glob("*.xml"))
    head = _parsed(ROOT / "tests" / "fixtures" / "wordpress" / "export-essai.xml")
    channel = head.find("channel")
    for item in channel.findall("item"):
        channel.remove(item)
    base = channel.findtext(f"{wp}base_blog_url").rstrip("/")
    items = [item for source in sources for item in _parsed(source).find("channel").iter("item")]
    posts, total, round_ = 0, 0, 0
    while posts < count:
        for item in items:
            kind = item.findtext(f"{wp}post_type")
            if kind in ("post", "page"):
                if posts == count:
                    continue
                posts += 1
            copied = copy.deepcopy(item)
            offset = 100000 * round_
            for name in ("post_id", "post_parent"):
                element = copied.find(f"{wp}{name}")
                if element is not None and (element.text or "").strip() not in ("", "0"):
                    element.text = str(int(element.text) + offset)
            name = copied.find(f"{wp}post_name")
            if name is not None and (name.text or "").strip():
                name.text = f"{name.text.strip()}-{round_}" if round_ else name.text.strip()
            link = copied.find("link")
            if link is not None:
                slug = (name.text or "").strip() if name is not None else ""
                identifier = copied.findtext(f"{wp}post_id")
                link.text = f"{base}/{slug}/" if slug else f"{base}/?p={identifier}"
            channel.append(copied)
            total += 1
        round_ += 1
    path.write_bytes(etree.tostring(head, xml_declaration=True, encoding="UTF-8"))
    return total


def one_import(export: Path, root: Path) -> float:
    """One `invoke import-wordpress` of ``root`` (its environment, its
    tasks.py) into a fresh copy of its content/: seconds. An import that
    ends with check errors (an older checkout) has done all its work: its
    time counts, its last line is printed."""
    import shutil

    invoke = str(root / ".venv" / "bin" / "invoke")
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(root / "content", content)
        command = [invoke, "import-wordpress", str(export), "--content", str(content)]
        start = time.perf_counter()
        result = subprocess.run(command, cwd=root, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
    if result.returncode:
        last = (result.stdout + result.stderr).strip().splitlines()[-1:]
        print(f"code de sortie {result.returncode} : {' '.join(last)}")
    return elapsed


def median_import(
    count: int, export: Path | None, runs: int, root: Path, synthetic: bool = False
) -> None:
    """The median of ``runs`` imports of one export: the test exports
    replicated, or (``synthetic``) the synthetic interviews of 2."""
    import statistics

    what = "entretiens synthétiques" if synthetic else "articles et pages des exports d’essai"
    with tempfile.TemporaryDirectory() as folder:
        if export is None or not export.is_file():
            export = export or Path(folder) / "export.xml"
            if synthetic:
                synthetic_export(count, export)
            else:
                items = replicated_export(count, export)
                print(f"export de {count} articles et pages ({items} éléments) : {export}")
        times = [one_import(export, root) for _ in range(runs)]
    shown = " ; ".join(f"{t:.1f} s" for t in times)
    print(
        f"import de {count} {what} ({root}) : "
        f"médiane {statistics.median(times):.1f} s sur {runs} ({shown})"
    )


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stdout[-2000:] + result.stderr[-2000:])
    return time.perf_counter() - start


def import_against_build(count: int, build: bool = True) -> None:
    import shutil

    invoke = str(Path(sys.executable).with_name("invoke"))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        export = folder / "export.xml"
        synthetic_export(count, export)
        content = folder / "content"
        shutil.copytree(ROOT / "content", content)
        imported = timed([invoke, "import-wordpress", str(export), "--content", str(content)])
        if not build:
            print(f"{count} articles WordPress : import (vérification comprise) {imported:.1f} s")
            return
        built = timed(
            [invoke, "build", "--content", str(content), "--output", str(folder / "output")]
        )
        interviews_built = len(list((content / "rencontres").glob("*.md")))
    print(f"{count} articles WordPress → {interviews_built} entretiens")
    print(f"import (vérification comprise) : {imported:6.1f} s")
    print(f"construction du site obtenu    : {built:6.1f} s")
    print(f"rapport import / construction  : {imported / built:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=2000)
    parser.add_argument("--convertisseurs", action="store_true")
    parser.add_argument("--import-seul", action="store_true")
    parser.add_argument("--repliques", action="store_true")
    parser.add_argument("--synthetiques", action="store_true")
    parser.add_argument("--export", type=Path)
    parser.add_argument("--fois", type=int, default=3)
    parser.add_argument("--racine", type=Path, default=ROOT)
    arguments = parser.parse_args()
    if arguments.repliques or arguments.synthetiques:
        median_import(
            arguments.count,
            arguments.export,
            arguments.fois,
            arguments.racine.resolve(),
            synthetic=arguments.synthetiques,
        )
    elif arguments.convertisseurs:
        compare_converters()
    else:
        import_against_build(arguments.count, build=not arguments.import_seul)


if __name__ == "__main__":
    main()
