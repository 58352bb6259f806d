"""How every command prints a problem: one line, never a forged one."""

from plugins.content_model.problems import Problem, format_problem


def test_a_problem_is_one_line_whatever_the_content():
    problem = Problem("content/x.md", 3, "clé\nfausse:1: title", "message\r\x1b[31mrouge")
    text = format_problem(problem)
    assert "\n" not in text and "\r" not in text and "\x1b" not in text
    assert text.startswith("content/x.md:3: clé\\u000afausse:1: title: ")


def test_github_annotations_cannot_be_forged():
    """GitHub's workflow commands: %, CR, LF escaped in data; also : and ,
    in properties (file, title)."""
    problem = Problem(
        "content/a,b:c.md", 2, "x\n::add-mask::secret", "100% faux\n::stop-commands::jeton"
    )
    text = format_problem(problem, github=True)
    assert "\n" not in text and "\r" not in text
    assert text == (
        "::error file=content/a%2Cb%3Ac.md,line=2,"
        "title=x%0A%3A%3Aadd-mask%3A%3Asecret::100%25 faux%0A::stop-commands::jeton"
    )
