"""Which kinds get a paginated list page of their own, and in what order
their contents are listed. Pure, no Pelican import."""

from __future__ import annotations

from plugins.content_model.kinds import Kind


def page_listings(kinds) -> list[Kind]:
    """Kinds read by Pelican as pages whose list page is paginated: Pelican
    paginates articles only (its DIRECT_TEMPLATES), so these are ours."""
    return [kind for kind in kinds if kind.listing and kind.paginated and not kind.article]


def listing_order(contents: list) -> list:
    """Dated contents newest first, then the undated ones by title (as the
    site map lists them): the same order on every build."""
    dated = [c for c in contents if getattr(c, "publication", None)]
    undated = [c for c in contents if not getattr(c, "publication", None)]
    return sorted(dated, key=lambda c: (c.date, c.title), reverse=True) + sorted(
        undated, key=lambda c: c.title
    )
