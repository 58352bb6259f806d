"""README claims checked in a real browser that had no test of their own
(docs/affirmations.md)."""

# R-aucun-cookie: « ne dépose aucun cookie ».


def test_no_page_sets_a_cookie(browser, served_site):
    """Every page of the real site, then a search (the one script that
    runs on a reader's request), in Chromium: no response asks for a
    cookie, and the browser holds none, for the site or any other."""
    context = browser.new_context()
    page = context.new_page()
    set_cookie = []
    page.on(
        "response",
        lambda r: r.header_value("set-cookie") is not None and set_cookie.append(r.url),
    )
    pages = served_site.pages()
    assert len(pages) >= 10
    for path in pages:
        page.goto(served_site.url + path)
    page.goto(served_site.url + "/recherche/?q=centsept")
    page.locator("#recherche-resultats li a").first.wait_for(timeout=15000)
    document_cookie = page.evaluate("() => document.cookie")
    cookies = context.cookies()
    context.close()
    assert set_cookie == []
    assert cookies == [] and document_cookie == ""
