"""What the import knows of the new site: content/ as it is, the
settings' slug rules, the uploads folder. Built by __init__.prepare,
read by the pure functions of choices.py, addresses.py and mapping.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pelican.utils import slugify

from plugins.content_model import kinds
from plugins.content_model.fields import SLUG_PATTERN

# An identifier of this site (file name, reference): the content model's
# pattern; « \Z », not « $ », so that .match() takes no final newline.
SLUG = re.compile(rf"{SLUG_PATTERN}\Z")
# Contents whose address is /<slug>/ (ARTICLE_URL, and PAGE_URL with no prefix).
AT_TOP = tuple(f"content/{k.folder}/" for k in kinds.KINDS if k.article or not k.url_prefix)


@dataclass
class Site:
    """What the import needs to know of content/ and the settings."""

    slug_substitutions: list
    programmes: set[str]  # slugs of content/programmes/
    people: set[str]  # slugs of content/personnes/
    taken: dict[str, str]  # slug → file, contents the import did not write
    uploads: set[str]  # files of --uploads, relative (« 2019/05/photo.jpg »)
    reserved: set[str] = field(default_factory=set)  # first path parts the site uses
    refused: dict[str, str] = field(default_factory=dict)  # uploads it may not publish → why
    # Folders the build or the server owns whole (/admin/, /pagefind/,
    # /cartes/…: the content model's address space): no old address there.
    owned_folders: tuple[str, ...] = ()

    def slug(self, text: str) -> str:
        return slugify(text, regex_subs=self.slug_substitutions)
