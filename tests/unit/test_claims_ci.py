"""Claims of the guide about what the CI does after a merge
(docs/affirmations.md), read in the CI definitions themselves."""

import yaml

from tests.helpers import ROOT


def load(path):
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


# G-publie-apres-fusion: « Une fois la demande relue et fusionnée, le site
# est publié. » G-echec-rien-envoye: the publication waits for the tests.
def test_github_publishes_main_after_the_tests_only():
    workflow = load(".github/workflows/site.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads « on » as True
    assert "main" in triggers["push"]["branches"]
    publishing = {
        name: job
        for name, job in workflow["jobs"].items()
        if any("invoke publish" in step.get("run", "") for step in job.get("steps", []))
    }
    assert publishing, "aucun travail ne lance invoke publish"
    for name, job in publishing.items():
        assert "refs/heads/main" in job["if"], name
        needs = job.get("needs", [])
        assert "tests" in ([needs] if isinstance(needs, str) else needs), name


def test_gitlab_publishes_the_default_branch_after_the_tests_only():
    pipeline = load(".gitlab-ci.yml")
    stages = pipeline["stages"]
    publishing = {
        name: job
        for name, job in pipeline.items()
        if isinstance(job, dict) and any("invoke publish" in line for line in job.get("script", []))
    }
    assert publishing, "aucun travail ne lance invoke publish"
    for name, job in publishing.items():
        assert any("$CI_DEFAULT_BRANCH" in rule.get("if", "") for rule in job["rules"]), name
        # A later stage runs only when every job of the earlier ones passed.
        assert stages.index(job["stage"]) > stages.index(pipeline["tests"]["stage"]), name
        # The one failure allowed: the scheduled run's « nothing to publish »
        # (code 75, README « Publication programmée »), which deploys nothing.
        assert job.get("allow_failure", {"exit_codes": [75]}) == {"exit_codes": [75]}, name
        assert not pipeline["tests"].get("allow_failure")
