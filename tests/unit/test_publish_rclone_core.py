"""The pure parts of publishing through rclone: filter rules for the
keep-list, the folders a deletion empties, reading `rclone check`, and
rclone's errors said in French."""

import pytest

from sitetools.publish.rclone import RcloneError, Remote, explain, parse_combined
from sitetools.publish.rclone_methods import STAGING, gone_folders, rclone_filters


def test_filters_exclude_the_keep_list_and_staging_anchored_and_literal():
    rules = rclone_filters([".well-known/", ".user.ini", "fichiers[1]/"])
    assert rules == [
        f"--filter=- /{STAGING}/**",
        "--filter=- /.well-known/**",
        "--filter=- /.user.ini",
        "--filter=- /fichiers\\[1\\]/**",  # a name, not a glob
    ]


def test_gone_folders_deepest_first_and_only_emptied():
    deleted = ["hors-serie/index.html", "a/b/c.html", "a/garde.html"]
    kept = {"a/autre.html": "x", "index.html": "y"}
    assert gone_folders(deleted, kept) == ["a/b", "hors-serie"]
    assert gone_folders([], kept) == []


def test_combined_output_read():
    found = parse_combined("+ nouveau.html\n* change.css\n- ancien.html\n= pareil.js\n")
    assert found.upload == ["change.css", "nouveau.html"]
    assert found.delete == ["ancien.html"]
    with pytest.raises(RcloneError, match="comparaison impossible"):
        parse_combined("! illisible.html\n")


@pytest.mark.parametrize(
    "stderr, french",
    [
        ("CRITICAL: ssh: handshake failed: knownhosts: key mismatch", "ne correspond pas"),
        ("CRITICAL: ssh: handshake failed: knownhosts: key is unknown", "absent de known_hosts"),
        ("CRITICAL: x509: certificate signed by unknown authority", "certificat du serveur X"),
        (
            "ERROR : unable to authenticate, attempted methods",
            "identifiants refusés par le serveur X",
        ),
        ("api error SignatureDoesNotMatch: The request signature", "identifiants refusés"),
        ("ERROR : error listing: NoSuchBucket", "le seau (bucket) ou le dossier n’existe pas"),
        ("dial tcp 127.0.0.1:9: connect: connection refused", "le serveur X est injoignable"),
        ("2026/01/01 10:00:00 CRITICAL: quelque chose d’autre", "rclone a échoué : quelque chose"),
    ],
)
def test_rclone_errors_in_french_on_one_line(stderr, french):
    message = explain(stderr, "serveur X")
    assert french in message and "\n" not in message


def test_remote_environment_only_ours(tmp_path, monkeypatch):
    """The machine's RCLONE_* never reach rclone; the options do, by name."""
    monkeypatch.setenv("RCLONE_DELETE_EXCLUDED", "true")
    monkeypatch.setenv("RCLONE_CONFIG_CIBLE_HOST", "ailleurs.example")
    remote = Remote({"type": "sftp", "host": "hote.example", "port": ""}, "/var/www")
    env = remote.environment(tmp_path)
    assert "RCLONE_DELETE_EXCLUDED" not in env and "RCLONE_CONFIG_CIBLE_PORT" not in env
    assert env["RCLONE_CONFIG_CIBLE_HOST"] == "hote.example"
    assert env["RCLONE_CONFIG"] == str(tmp_path / "rclone.conf")
    assert remote.path() == "cible:/var/www" and remote.path("a") == "cible:/var/www/a"
    assert Remote({}, "").path(STAGING) == f"cible:{STAGING}"
