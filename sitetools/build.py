"""Every build of the site: Pelican run in this process, its warnings
fatal (as ``pelican --fatal warnings``), into a folder beside the output
that replaces it only once finished.

The settings are read here and nowhere else: `invoke build`, `preview`,
`publish`, `serve` and `livereload` differ only by the settings file and
the overrides they pass. A failed build raises ``BuildError``, a French
message (for content errors, the list of every problem, never a
traceback); tasks.py turns it into exit status 1.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

from plugins.content_model.problems import ContentError

from . import SiteError
from .swap import locked, replace_folder, staging_folder

# The project's folder: sitetools/ is installed in place (pip install -e .).
ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
DEVELOPMENT = ROOT / "pelicanconf.py"
PRODUCTION = ROOT / "publishconf.py"
PREVIEW = ROOT / "previewconf.py"


class BuildError(SiteError):
    """The build failed; the previous output is untouched. ``problems``:
    the content's errors, when that is why (the same as `invoke check`)."""

    def __init__(self, message: str, problems: tuple = ()):
        super().__init__(message)
        self.problems = tuple(problems)


def read_settings(
    settings_file: Path | str = DEVELOPMENT,
    content: Path | str | None = None,
    output: Path | str | None = None,
    **override,
) -> dict:
    """Pelican's settings from ``settings_file``, as ``pelican CONTENT -s
    SETTINGS -o OUTPUT`` reads them: folders given here win, made
    absolute; any other setting can be overridden by name."""
    from pelican.settings import read_settings as pelican_settings

    if content is not None:
        if not Path(content).is_dir():
            raise BuildError(f"Dossier de contenu introuvable : {content}")
        override["PATH"] = str(Path(content).resolve())
    if output is not None:
        override["OUTPUT_PATH"] = str(Path(output).resolve())
    try:
        return pelican_settings(str(settings_file), override=override or None)
    except RuntimeError as error:
        if str(error) != FATAL:
            raise BuildError(
                f"Réglages illisibles ({settings_file}) : {type(error).__name__}: {error}"
            ) from None
        # A warning Pelican logged while reading them, made fatal: the
        # settings were read; the warning above says what is wrong.
        raise BuildError(WARNING_FAILED) from None
    except Exception as error:
        raise BuildError(
            f"Réglages illisibles ({settings_file}) : {type(error).__name__}: {error}"
        ) from None


def init_logging(fatal: bool = True) -> None:
    """Pelican's logging, as its command line sets it up: warnings and
    errors on stderr, one line each; with ``fatal``, the first warning
    stops the build (``--fatal warnings``)."""
    from pelican import log

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(FrenchLevels("%(levelname)s : %(message)s"))
    handler.setLevel(logging.WARNING)  # not the INFO of other libraries (livereload)
    log.init(
        level=logging.WARNING, fatal="warnings" if fatal else "", handler=handler, name="pelican"
    )
    if not fatal:  # log.init only ever makes it stricter
        log.FatalLogger.fatal_lvl = logging.CRITICAL + 1


class FrenchLevels(logging.Formatter):
    """« Avertissement : … » rather than « WARNING: … »."""

    NAMES = {"WARNING": "Avertissement", "ERROR": "Erreur", "CRITICAL": "Erreur"}

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)  # others may format it too
        record.levelname = self.NAMES.get(record.levelname, record.levelname)
        return super().format(record)


FATAL = "Warning or error encountered"  # pelican.log's exception under --fatal
WARNING_FAILED = (
    "La construction a échoué : Pelican a signalé le problème ci-dessus "
    "(ses avertissements comptent comme des erreurs)."
)


class Site:
    """A Pelican kept in this process and run again on demand, as
    ``pelican --autoreload`` does: no interpreter start-up, and with
    CACHE_CONTENT Pelican re-reads only the files that changed."""

    def __init__(self, settings: dict):
        from pelican import Pelican

        try:
            self.pelican = Pelican(settings)  # loads the plugins
        except Exception as error:
            raise BuildError(describe(error)) from None

    def run(self) -> None:
        """One build; any failure as a ``BuildError``. Pelican's English
        « Done: Processed … » gives way to one French line."""
        from pelican.log import console

        start = time.perf_counter()
        forget_earlier_builds()
        forget_earlier_contents()
        console.quiet = True  # Pelican's summary, printed on its own console
        try:
            with build_errors():
                self.pelican.run()
        finally:
            console.quiet = False
        pages = count_pages(Path(self.pelican.output_path))
        print(summary_line(pages, time.perf_counter() - start), flush=True)

    def rebuild_in_place(self, output: Path) -> bool:
        """The edit of one body alone, made in ``output`` itself
        (plugins/incremental/in_place.py); False: rebuild beside it."""
        from plugins import incremental

        start = time.perf_counter()
        forget_earlier_builds()
        with build_errors():
            if not incremental.rebuild_in_place(self.pelican.settings):
                return False
        self.pelican.output_path = str(output)
        print(summary_line(count_pages(output), time.perf_counter() - start), flush=True)
        return True

    def build_beside(self, output: Path) -> None:
        """Build into a fresh folder beside ``output`` and swap it in, as
        build_site does: a failed rebuild (content, template, plugin)
        leaves the last good site served. For `invoke livereload`, which
        keeps one Pelican for every rebuild."""
        from plugins import incremental

        output = Path(output).resolve()
        settings = self.pelican.settings
        with locked(output):
            # What an incremental rebuild links unchanged pages from.
            incremental.set_live(settings, output)
            try:
                if self.rebuild_in_place(output):
                    return
            except BaseException:
                incremental.forget(settings)  # as for a failed rebuild, below
                raise
            staging = staging_folder(output)
            try:
                # Where this run writes: Pelican, its generators and the
                # plugins read one or the other.
                self.pelican.output_path = str(staging)
                settings["OUTPUT_PATH"] = str(staging)
                self.run()
            except BaseException:
                # The served pages get the error banner: the next
                # rebuild cannot start from them.
                incremental.forget(settings)
                shutil.rmtree(staging, ignore_errors=True)
                raise
            replace_folder(staging, output, background=True)
            incremental.commit(settings)


@contextmanager
def build_errors():
    """Any failure of a build as a ``BuildError``: the content's problems
    listed, a warning made fatal, anything else in one line."""
    try:
        yield
    except ContentError as error:
        raise BuildError(str(error).rstrip(), error.problems) from None
    except RuntimeError as error:
        if str(error) != FATAL:
            raise BuildError(describe(error)) from None
        # A logged warning or error, made fatal; when Pelican logged
        # it while handling an exception (« Could not process
        # FILE »), that exception says what is wrong.
        if error.__context__ is not None:
            raise BuildError(describe(error.__context__)) from None
        raise BuildError(WARNING_FAILED) from None
    except BuildError:
        raise
    except Exception as error:
        raise BuildError(describe(error)) from None


def forget_earlier_builds() -> None:
    """What Pelican and pelican-sitemap keep in module globals from one
    build to the next in this process (livereload, the tests), cleared
    before each: Pelican's log filter drops a message already logged
    once, so a warning repeated from an earlier build would no longer
    stop this one; pelican-sitemap waits for the Pelican that started
    the last build to finish it, so after a failed build it wrote no
    sitemap for any other Pelican, and kept the failed build's pages."""
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    sitemap = sys.modules.get("pelican.plugins.sitemap.sitemap")
    if sitemap is not None:
        sitemap.generator._main_pelican = None
        sitemap.generator.page_queue = []


def forget_earlier_contents() -> None:
    """Pelican keeps the rendered body and summary of every content it
    ever rendered, keyed by the object (``utils.memoized`` on
    ``Content.get_content`` and ``get_summary``), so every content of
    every earlier build stayed in memory: 13 to 16 MB more per rebuild
    of `invoke livereload` at 1,000 interviews. A run makes its contents
    anew, so the earlier ones are dropped before it. (The in-place
    rebuild keeps its contents: it forgets only the one it edits.)"""
    from pelican.contents import Content

    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()


def count_pages(folder: Path) -> int:
    """The HTML pages of a built site (not Pagefind's fragments)."""
    return sum(1 for page in folder.rglob("*.html") if "pagefind" not in page.parts)


def summary_line(pages: int, seconds: float) -> str:
    """« 12 pages construites en 1,4 s », in French number style."""
    noun = "page construite" if pages <= 1 else "pages construites"
    return f"{pages} {noun} en {seconds:.1f} s".replace(".", ",")


def describe(error: BaseException) -> str:
    """A failure in one line. Our plugins' exceptions are messages for
    editors (« fichier:ligne: … »); anything else is named, with where
    it happened in our code, without a traceback."""
    if isinstance(error, ContentError) or type(error).__module__.startswith("plugins."):
        return f"La construction a échoué : {error}"
    frames = traceback.extract_tb(error.__traceback__)
    ours = [
        f for f in frames if f.filename.startswith(str(ROOT)) and "site-packages" not in f.filename
    ]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f" ({Path(where.filename).name}:{where.lineno})" if where else ""
    return f"La construction a échoué : {type(error).__name__}: {error}{place}"


def build_site(
    settings_file: Path | str, output: Path | str, content: Path | str | None = None, **override
) -> None:
    """Build into a fresh folder beside ``output``, then swap it in.

    A build that fails leaves the previous site untouched: nobody ever
    serves or uploads a half-built ``output/``.
    """
    output = Path(output).resolve()
    # One build at a time into one output; swapped in at once (swap.py).
    with locked(output):
        staging = staging_folder(output)
        try:
            init_logging(fatal=True)
            Site(read_settings(settings_file, content, staging, **override)).run()
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        replace_folder(staging, output)
