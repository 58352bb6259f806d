"""Preview settings: production (publishconf.py) for review, plus what
reviewers need and search engines must not see. Settings only."""

import os

import pelicanconf
from publishconf import *  # noqa: F403

# Drafts and editors' notes shown, as in development.
DRAFT_SAVE_AS = pelicanconf.DRAFT_SAVE_AS
DRAFT_PAGE_SAVE_AS = pelicanconf.DRAFT_PAGE_SAVE_AS
SHOW_EDITOR_NOTES = pelicanconf.SHOW_EDITOR_NOTES

# Works from any sub-path or static file server: relative URLs, unless
# PREVIEW_URL gives the address the preview is published at.
PREVIEW_URL = os.environ.get("PREVIEW_URL", "").rstrip("/")
SITEURL = PREVIEW_URL
RELATIVE_URLS = not PREVIEW_URL
FEED_DOMAIN = PREVIEW_URL
if not PREVIEW_URL:
    # Feeds need absolute addresses: none without PREVIEW_URL.
    FEED_ALL_ATOM = None
    PROGRAMME_FEED_ATOM = None
    NEWS_FEED_ATOM = None
    # The news feed's template page too (publishconf.py adds it).
    TEMPLATE_PAGES = {
        page: path
        for page, path in TEMPLATE_PAGES.items()  # noqa: F405
        if page != "actualites.atom.xml"
    }

# A visible « Prévisualisation » banner, noindex everywhere (meta robots
# and a robots.txt that disallows all).
PREVIEW = True
