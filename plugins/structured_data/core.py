"""Structured data for search engines and link previews: JSON-LD
(schema.org) and OpenGraph. Pure functions over plain values.

schema.org has no Interview type: an interview is an ``Article`` whose
``about`` is the interviewee as a ``Person``; the association is an
``NGO`` (publisher, and what interviewees are ``memberOf``).
"""

from __future__ import annotations

import json


def organisation(name: str, url: str) -> dict:
    return {"@type": "NGO", "name": name, "url": url}


def person(
    name: str, url: str, job_title: str | None, works_for: str | None, member_of: dict
) -> dict:
    """An interviewee: a member of the association (``member_of``), who
    may work for another organisation."""
    data = {"@type": "Person", "name": name, "url": url, "memberOf": member_of}
    if job_title:
        data["jobTitle"] = job_title
    if works_for and works_for != member_of.get("name"):
        data["worksFor"] = {"@type": "Organization", "name": works_for}
    return data


def article(
    *,
    headline: str,
    url: str,
    description: str,
    date_published: str | None,
    date_modified: str | None,
    about: list[dict],
    publisher: dict,
) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": headline,
        "url": url,
        "mainEntityOfPage": url,
        "description": description,
        "inLanguage": "fr",
        "about": about[0] if len(about) == 1 else about,
        "publisher": publisher,
        "author": publisher,
    }
    # A date known only to the month or the year is not a publication
    # date search engines can use: better none than a guessed day.
    if date_published:
        data["datePublished"] = date_published
    if date_modified:
        data["dateModified"] = date_modified
    return data


def breadcrumbs(items: list[tuple[str, str]]) -> dict:
    """``items``: (name, absolute URL) from the home page down."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def script_json(data: dict) -> str:
    """JSON safe inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
