"""plugins/template_cache: a template compiled once per process, and
compiled again whenever its source or what its code depends on
changes."""

from jinja2 import DictLoader, Environment, select_autoescape
from jinja2.utils import pass_context

from plugins.template_cache import MemoryBytecodeCache, environment_key


class Counting(Environment):
    """Jinja's environment, counting the templates it compiles."""

    compiled = 0

    def _compile(self, source, filename):
        Counting.compiled += 1
        return super()._compile(source, filename)


def environment(templates, cache, **options):
    env = Counting(loader=DictLoader(templates), **options)
    env.bytecode_cache = cache
    return env


def test_a_second_environment_reuses_the_compiled_template():
    cache = MemoryBytecodeCache()
    templates = {"page.html": "<p>{{ titre }}</p>"}
    Counting.compiled = 0
    first = environment(templates, cache).get_template("page.html").render(titre="Un")
    second = environment(templates, cache).get_template("page.html").render(titre="Deux")
    assert (first, second) == ("<p>Un</p>", "<p>Deux</p>")
    assert Counting.compiled == 1


def test_an_edited_template_is_compiled_again():
    cache = MemoryBytecodeCache()
    Counting.compiled = 0
    before = environment({"page.html": "<p>{{ titre }}</p>"}, cache)
    assert before.get_template("page.html").render(titre="A") == "<p>A</p>"
    after = environment({"page.html": "<h1>{{ titre }}</h1>"}, cache)
    assert after.get_template("page.html").render(titre="A") == "<h1>A</h1>"
    assert Counting.compiled == 2


def test_environments_that_compile_differently_have_different_keys():
    escape = select_autoescape(["html"])
    plain = Environment(autoescape=escape)
    assert environment_key(plain) == environment_key(Environment(autoescape=escape))
    assert environment_key(plain) != environment_key(Environment(autoescape=False))
    assert environment_key(plain) != environment_key(
        Environment(autoescape=escape, trim_blocks=True)
    )
    # A filter given the context is called differently by the compiled code.
    with_context = Environment(autoescape=escape)
    with_context.filters["upper"] = pass_context(lambda context, value: value)
    assert environment_key(plain) != environment_key(with_context)


def test_no_template_applies_a_filter_or_test_to_a_literal():
    """Jinja computes a filter or a test applied to a literal (« {{ 'x'
    |f }} ») when it compiles the template; compiled once per process
    (plugins/template_cache), a filter that depends on a build's settings
    would keep its first answer for every later build of the process.
    None of the theme's templates does so (asset_url is a function: a
    call is never computed in advance)."""
    from jinja2 import nodes

    from tests.helpers import ROOT

    environment = Environment()
    folded = []
    for path in sorted((ROOT / "theme" / "templates").rglob("*")):
        if not path.is_file():
            continue
        tree = environment.parse(path.read_text(encoding="utf-8"))
        for node in tree.find_all((nodes.Filter, nodes.Test)):
            if isinstance(node.node, nodes.Const):
                folded.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}")
    assert folded == []
