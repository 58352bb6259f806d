"""Production settings: pelicanconf.py, plus what differs online."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("SITEURL", "https://www.lecentsept.fr")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "flux/rencontres.atom.xml"
PROGRAMME_FEED_ATOM = "flux/programmes/{slug}.atom.xml"

SHOW_EDITOR_NOTES = False

# Drafts (status: draft) are never written, and an interview dated in the
# future is held back (Pelican treats it as a draft) until its date.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
WITH_FUTURE_DATES = False
DELETE_OUTPUT_DIRECTORY = True
