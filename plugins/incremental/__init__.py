"""The incremental editing loop of `invoke livereload` (setting
INCREMENTAL, off for every other build).

Pelican still reads (its content cache re-reads only the saved file),
validates, links and typesets everything; what it no longer does is
render the ~1,000 pages an edit cannot have changed, which was most of
a rebuild (README « Mesures »). The writer given by ``get_writer``
renders only the outputs ``core.decide`` says may differ, and hard-links
the others from the site being served into the new folder the rebuild
makes (sitetools/build.py still swaps it in at once: a failed rebuild
leaves the served site untouched). A full build, as Pelican does it,
when there is no last build to start from, or when a template, the
set of files of content/, a file that is not a page, or which contents
are online and where (a draft published, a slug) changed.

State lives with the settings (plugins/run_state.py): ``last`` is what
the last build that was swapped in recorded; ``run`` the build going on.
sitetools.build calls ``commit`` once a rebuild is in place and
``forget`` when one fails (the served pages then carry the error banner:
the next build is a full one).
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Content
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from plugins.content_model.model import all_contents
from plugins.run_state import build_state
from plugins.settings import declare

from . import core, in_place

DEFAULT_SETTINGS = {"INCREMENTAL": False}


def _state(settings) -> dict:
    return build_state(settings, __name__)


def set_live(settings: dict, output: Path | str) -> None:
    """The folder being served, which skipped outputs are linked from."""
    _state(settings)["live"] = Path(output).resolve()


def commit(settings: dict) -> None:
    state = _state(settings)
    state["last"] = state.pop("run", None)
    if state["last"] is not None:
        # The folder swapped in: another build swapping in its own (an
        # `invoke build` into the same output/) makes the next one full.
        state["last"]["folder"] = os.stat(state["live"]).st_ino


def forget(settings: dict) -> None:
    state = _state(settings)
    state.pop("run", None)
    state["last"] = None


def rebuild_in_place(settings: dict) -> bool:
    """The edit made in the served folder itself, when it is one body
    alone (in_place.py); False: run a rebuild."""
    state = _state(settings)
    try:
        run = in_place.rebuild(settings, state)
    finally:
        state.pop("run", None)
    if run is None:
        return False
    state["last"] = run
    return True


def last_report(settings: dict) -> tuple[str, int, int] | None:
    """The last build swapped in: « complète » or « incrémentale », the
    outputs rendered, the outputs linked from the previous build."""
    last = _state(settings).get("last")
    return (last["mode"], last["rendered"], last["linked"]) if last else None


def declare_settings(pelican):
    declare(pelican.settings, DEFAULT_SETTINGS)


def plan(generators):
    """After every other plugin has finished with the contents (this
    plugin comes last in PLUGINS): what changed since the last build."""
    generators = list(generators)
    settings = generators[0].settings
    if not settings.get("INCREMENTAL"):
        return
    state = _state(settings)
    contents = list(all_contents(generators))
    described = {c.source_path: core.describe(c, _is_content) for c in contents}
    articles = {c.source_path for c in contents if isinstance(c, Article)}
    run = {
        "content": core.file_digests(settings["PATH"]),
        "theme": core.file_dates(settings["THEME"]),
        # Which contents are online, and where: every page's menu shows
        # « Actualités » only when one is (base.html), and the lists
        # count them; a change there (a draft, a slug…) remakes all.
        "shape": sorted(
            (c.source_path, str(c.status), str(getattr(c, "save_as", ""))) for c in contents
        ),
        "described": described,
        # The contents, as the in-place rebuild edits them.
        "generators": generators,
        "outputs": {},
        "mode": "complète",
        "hit": None,
        "rendered": 0,
        "linked": 0,
    }
    last = state.get("last")
    live = state.get("live")
    if (
        last
        and live
        and live.is_dir()
        and os.stat(live).st_ino == last["folder"]
        and last["theme"] == run["theme"]
        and last["shape"] == run["shape"]
    ):
        before, after = last["content"], run["content"]
        if before.keys() == after.keys():
            changed = {name for name in after if before[name] != after[name]}
            sources = {os.path.join(settings["PATH"], name) for name in changed}
            if sources <= described.keys():
                run["mode"] = "incrémentale"
                run["hit"] = core.affected(sources, last["described"], described, articles)
    state["run"] = run


def _is_content(value) -> bool:
    return isinstance(value, Content)


def _made_every_time(text: str, kwargs: dict) -> bool:
    """A page to render at every rebuild: it has an image that
    pelican-image-process rewrites it for, or its content links a file
    with {attach}, which Pelican moves beside the page only when it
    renders it (else the file goes back to its own address)."""
    if "image-process-" in text:
        return True
    return any(_attaches(kwargs.get(key)) for key in ("article", "page"))


def _attaches(content) -> bool:
    if not _is_content(content):
        return False
    links = in_place.intrasite_files(content, content._content)
    return any(what == "attach" for what, _ in links)


class SelectiveWriter(Writer):
    """Pelican's writer (its write_file, pagination included, as in
    Pelican 4.12), deciding for each output whether to render it."""

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not name:
            return
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = (
                self.settings["PAGINATED_TEMPLATES"][template_name]
                or self.settings["DEFAULT_PAGINATION"]
            )
            paginators = {
                key: Paginator(name, url, val, self.settings, per_page)
                for key, val in paginated.items()
            }
            for page_num in range(next(iter(paginators.values())).num_pages):
                paginated_kwargs = kwargs.copy()
                shown, contents = [], []
                for key, paginator in paginators.items():
                    previous_page = paginator.page(page_num) if page_num > 0 else None
                    page = paginator.page(page_num + 1)
                    next_page = (
                        paginator.page(page_num + 2) if page_num + 1 < paginator.num_pages else None
                    )
                    paginated_kwargs.update(
                        {
                            f"{key}_paginator": paginator,
                            f"{key}_page": page,
                            f"{key}_previous_page": previous_page,
                            f"{key}_next_page": next_page,
                        }
                    )
                    shown.append((key, paginator.count, paginator.num_pages, page.number))
                    shown.extend(c.source_path for c in page.object_list)
                    if template_name not in core.SHOWS_BODIES:
                        contents.extend(c.source_path for c in page.object_list)
                self._one(
                    template, context, page.save_as, paginated_kwargs, relative_urls,
                    override_output, tuple(shown), contents, own=False,
                )  # fmt: skip
        else:
            contents = [
                kwargs[key].source_path
                for key in ("article", "page")
                if _is_content(kwargs.get(key))
            ]
            own = bool(contents)
            if not contents and isinstance(kwargs.get("articles"), list):
                contents = [c.source_path for c in kwargs["articles"] if _is_content(c)]
            shows = tuple(contents)
            if template_name in core.SHOWS_BODIES:
                contents = []
            self._one(
                template, context, name, kwargs, relative_urls, override_output,
                shows, contents, own,
            )  # fmt: skip

    def _one(self, template, context, name, kwargs, relative_urls, override, shows, contents, own):
        state = _state(self.settings)
        run = state.get("run")
        if run is None:  # INCREMENTAL off: Pelican's writer, as is
            return self._render(template, context, name, kwargs, relative_urls, override)
        last = state.get("last")
        previous = last["outputs"].get(name) if run["mode"] != "complète" else None
        decision = core.decide(shows, contents, own, previous, run["hit"])
        served = sanitised_join(str(state["live"]), name) if previous else None
        in_place = run["mode"] == "immédiate"
        if decision.render or not os.path.isfile(served):
            if in_place:  # held until every page is rendered (in_place.py)
                text, localcontext = self._render_only(
                    template, context, name, kwargs, relative_urls
                )
                run["pending"].append((name, text, localcontext))
            else:
                text = self._render(template, context, name, kwargs, relative_urls, override)
            run["outputs"][name] = core.Output(shows, _made_every_time(text, kwargs))
            run["rendered"] += 1
            return
        if in_place:
            return  # the served page stays
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # A hard link, never written through: this writer and the plugins
        # write a rendered page as a new file in the new folder.
        os.link(served, path)
        self._written_files.add(path)
        # As for a written page: the site map lists it, content_images
        # looks for an image (there is none: such pages are made again).
        localcontext = self._localcontext(context, name, kwargs, relative_urls)
        signals.content_written.send(path, context=localcontext)
        run["outputs"][name] = previous
        run["linked"] += 1

    def write_feed(self, *args, **kwargs):
        run = _state(self.settings).get("run")
        if run is not None and run["mode"] == "immédiate":
            # A feed shows bodies: not made in place (in_place.py).
            raise in_place.NotInPlace
        return super().write_feed(*args, **kwargs)

    @staticmethod
    def _localcontext(context, name, kwargs, relative_urls) -> dict:
        """Pelican's _get_localcontext (writers.py)."""
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        return localcontext

    def _render_only(self, template, context, name, kwargs, relative_urls) -> tuple[str, dict]:
        """Pelican's _write_file (writers.py), up to the writing."""
        localcontext = self._localcontext(context, name, kwargs, relative_urls)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        return template.render(localcontext), localcontext

    def _render(self, template, context, name, kwargs, relative_urls, override) -> str:
        """Pelican's _write_file (writers.py)."""
        output, localcontext = self._render_only(template, context, name, kwargs, relative_urls)
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.isfile(path) and os.stat(path).st_nlink > 1:
            os.unlink(path)  # linked from the served site: never written through
        with self._open_w(path, "utf-8", override=override) as f:
            f.write(output)
        signals.content_written.send(path, context=localcontext)
        return output


def writer(pelican):
    return SelectiveWriter if pelican.settings.get("INCREMENTAL") else None


def register():
    signals.initialized.connect(declare_settings)
    signals.all_generators_finalized.connect(plan)
    signals.get_writer.connect(writer)
