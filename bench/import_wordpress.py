"""WordPress import benchmark.

    .venv/bin/python bench/import_wordpress.py [N] [--convertisseurs] [--import-seul]

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
    arguments = parser.parse_args()
    if arguments.convertisseurs:
        compare_converters()
    else:
        import_against_build(arguments.count, build=not arguments.import_seul)


if __name__ == "__main__":
    main()
