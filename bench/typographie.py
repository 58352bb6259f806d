"""Cost of French typography on a full build of N synthetic interviews.

    .venv/bin/python bench/typographie.py [N] [RUNS]

Builds the same content with FRENCH_TYPOGRAPHY on and off, alternating,
RUNS times each, and prints the median wall time of each and the ratio.
Also times the core alone on the real interview page, and polytypo on
the same page for comparison.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import ROOT, write_site  # noqa: E402


def build(content: Path, output: Path, typography: bool) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one Pelican build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(output),
            "-q",
            "-e",
            f"FRENCH_TYPOGRAPHY={'true' if typography else 'false'}",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def per_page(function, markup: str, repeat: int = 200) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        function(markup)
    return (time.perf_counter() - start) / repeat * 1000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        content = write_site(Path(tmp) / "content", count)
        times = {True: [], False: []}
        build(content, Path(tmp) / "warmup", False)  # fill the OS cache
        for _ in range(runs):
            for typography in (False, True):
                times[typography].append(build(content, Path(tmp) / "out", typography))
        article = sorted((Path(tmp) / "warmup").glob("synthese-*/index.html"))[0]
        markup = article.read_text(encoding="utf-8")
    print(f"{count} entretiens, {runs} constructions de chaque, médianes :")
    for label, index in (("temps écoulé", 0), ("temps CPU", 1)):
        without = statistics.median(run[index] for run in times[False])
        with_ = statistics.median(run[index] for run in times[True])
        print(
            f"  {label} : sans typographie {without:.2f} s, avec {with_:.2f} s "
            f"(+{(with_ / without - 1) * 100:.1f} %)"
        )

    from plugins.french_typography.core import typeset_html

    # The body of an interview as Pelican hands it to the plugin.
    body = markup[markup.index("<main") : markup.index("</main>")]
    print(
        f"  cœur seul, corps d’entretien de {len(body.encode()) / 1024:.1f} Ko : "
        f"{per_page(typeset_html, body):.2f} ms"
    )
    try:
        from polytypo.html import transform
    except ImportError:
        print("  (polytypo n’est pas installé : pas de comparaison)")
    else:
        print(
            f"  polytypo, même page : "
            f"{per_page(lambda m: transform(m, locale='fr'), body, 20):.2f} ms"
        )


if __name__ == "__main__":
    main()
