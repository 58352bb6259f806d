"""An interview's questions found in a WordPress body and made <h2>
headings (bold paragraphs, headings, else plain paragraphs ending with
« ? », flagged), and the body's headings levelled under the page's
title, as the content model wants them. Pure functions, on the parsed
tree."""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString

QUESTION_MAX = 400  # characters: longer, it is a paragraph that asks


def _is_question(text: str) -> bool:
    text = text.strip()
    return text.endswith("?") and 0 < len(text) <= QUESTION_MAX


def _bold_only(paragraph) -> str | None:
    """The text of a paragraph that is only bold text, else None."""
    children = [
        c for c in paragraph.children if not (isinstance(c, NavigableString) and not c.strip())
    ]
    if children and all(getattr(c, "name", None) in ("strong", "b") for c in children):
        return paragraph.get_text(" ", strip=True)
    return None


def mark_questions(soup: BeautifulSoup) -> tuple[int, bool]:
    """Questions → <h2>: bold paragraphs and headings ending with « ? »
    (and a bold question followed by <br> and its answer). Without any,
    plain short paragraphs ending with « ? » and followed by an answer,
    if there are at least two (then flagged: a human should check).
    Returns (questions, found only as plain paragraphs)."""
    count = 0
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        if _is_question(heading.get_text()):
            heading.name = "h2"
            count += 1
    for paragraph in soup.find_all("p"):
        bold = _bold_only(paragraph)
        if bold is not None and _is_question(bold):
            paragraph.replace_with(_heading(soup, bold))
            count += 1
            continue
        first = paragraph.find(True, recursive=False)
        if (
            first is not None
            and first.name in ("strong", "b")
            and paragraph.contents
            and paragraph.contents[0] is first
            and _is_question(first.get_text())
            and first.find_next_sibling() is not None
            and first.find_next_sibling().name == "br"
        ):
            question = first.get_text(" ", strip=True)
            first.find_next_sibling().extract()
            first.extract()
            paragraph.insert_before(_heading(soup, question))
            count += 1
    if count:
        return count, False
    plain = [
        p
        for p in soup.find_all("p")
        if _is_question(p.get_text())
        and p.find_next_sibling("p") is not None
        and not _is_question(p.find_next_sibling("p").get_text())
    ]
    if len(plain) >= 2:
        for paragraph in plain:
            paragraph.replace_with(_heading(soup, paragraph.get_text(" ", strip=True)))
        return len(plain), True
    return 0, False


def _heading(soup, text: str):
    heading = soup.new_tag("h2")
    heading.string = text
    return heading


def level_headings(soup: BeautifulSoup) -> None:
    """The page title is the <h1>: body headings start at <h2> and
    never skip a level (the content check refuses ### after #)."""
    previous = 1
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        level = max(2, min(int(heading.name[1]), previous + 1))
        heading.name = f"h{level}"
        previous = level
