"""The paginated list page of each page kind (kinds.py: ``listing`` and
``paginated``, not ``article``), such as /actualites/.

Pelican paginates only articles: its ``ArticlesGenerator`` writes every
``DIRECT_TEMPLATES`` entry with the articles. This generator writes the
list of a page kind the same way, through the writer's own pagination
(Pelican's ``Paginator``, ``PAGINATED_TEMPLATES``, ``PAGINATION_PATTERNS``):
the first page at the kind's ``<FOLDER>_SAVE_AS``, then
/<folder>/page/2/… . The template (``<folder>.html``) gets the page's
contents as ``items_page.object_list``, with ``items_paginator``,
``items_previous_page`` and ``items_next_page``, as ``articles_page`` for
the interviews. Folder, address and template all come from the kind.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import Generator

from plugins.content_model import model

from .core import listing_order, page_listings


class PageListingsGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        # Run after all_generators_finalized: « pages » holds the published
        # pages only (no draft, no hidden page), as the content model left them.
        for kind in page_listings(self.settings["CONTENT_KINDS"]):
            name = kind.folder
            save_as = self.settings[f"{name.upper()}_SAVE_AS"]
            if not save_as:
                continue
            items = [
                page
                for page in self.context.get("pages", [])
                if getattr(model.kind(page), "folder", None) == name
            ]
            writer.write_file(
                save_as,
                self.get_template(name),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                paginated={"items": listing_order(items)},
                template_name=name,
                url=self.settings[f"{name.upper()}_URL"],
                page_name=os.path.splitext(save_as)[0],
                listing_kind=kind,
            )


def get_generators(pelican):
    return PageListingsGenerator


def register():
    signals.get_generators.connect(get_generators)
