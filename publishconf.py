"""Production settings: pelicanconf.py, plus what differs online."""

import os

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://www.lecentsept.fr")

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM, PROGRAMME_FEED_ATOM, NEWS_FEED_ATOM = PRODUCTION_FEEDS  # noqa: F405
# Pelican's feeds are for articles; imported news are pages: a template.
TEMPLATE_PAGES = {**TEMPLATE_PAGES, "actualites.atom.xml": NEWS_FEED_ATOM}  # noqa: F405

# Browsers keep to HTTPS for a year once they have seen the site over it
# (ignored over plain HTTP, so previews are unaffected).
SECURITY_HEADERS = {**SECURITY_HEADERS, "Strict-Transport-Security": "max-age=31536000"}  # noqa: F405

SHOW_EDITOR_NOTES = False
# What goes online is rendered from content/ itself, never read back from
# a cache/ folder that a CI cache may have restored (plugins/content_model).
RENDER_CACHE = False
# Precompressed .gz/.br copies for servers (plugins/static_assets).
PRECOMPRESS = True

# Drafts (status: draft) are never written, and an interview dated in the
# future is held back (Pelican treats it as a draft) until its date.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
WITH_FUTURE_DATES = False

# Where `invoke publish --target NAME` sends the site. What depends on the
# host or is secret comes from the environment (or the SSH agent):
# - rsync: DEPLOY_SSH_DEST (user@host:/var/www/lecentsept), optional
#   DEPLOY_SSH_PORT and DEPLOY_SSH_OPTIONS (e.g. "-i ~/.ssh/cle");
# - ftp: DEPLOY_FTP_HOST, DEPLOY_FTP_USER, DEPLOY_FTP_PASSWORD, optional
#   DEPLOY_FTP_PATH, DEPLOY_FTP_PORT; FTPS with the certificate checked
#   by default, DEPLOY_FTP_CAFILE to pin a self-signed one, plain FTP
#   only with DEPLOY_FTP_TLS=0;
# - sftp (through rclone): DEPLOY_SFTP_HOST, DEPLOY_SFTP_USER, optional
#   DEPLOY_SFTP_PATH, DEPLOY_SFTP_PORT, DEPLOY_SFTP_PASSWORD (else the key
#   DEPLOY_SFTP_KEY_FILE or the SSH agent), DEPLOY_SFTP_KNOWN_HOSTS (by
#   default ~/.ssh/known_hosts: the server's key is always checked);
# - s3 (through rclone, S3-compatible storage): DEPLOY_S3_ENDPOINT,
#   DEPLOY_S3_BUCKET, DEPLOY_S3_ACCESS_KEY_ID, DEPLOY_S3_SECRET_ACCESS_KEY,
#   optional DEPLOY_S3_REGION, DEPLOY_S3_PREFIX, DEPLOY_S3_PROVIDER,
#   DEPLOY_S3_CAFILE;
# - webdav (through rclone): DEPLOY_WEBDAV_URL, DEPLOY_WEBDAV_USER,
#   DEPLOY_WEBDAV_PASSWORD, optional DEPLOY_WEBDAV_PATH,
#   DEPLOY_WEBDAV_VENDOR, DEPLOY_WEBDAV_CAFILE;
# - git: DEPLOY_GIT_REMOTE (the repository URL, with its token in CI);
# - folder: DEPLOY_DIR, a folder to fill (GitLab Pages' public/, a CDN
#   bucket's sync folder).
# A « production » target refuses to run while LEGAL_NOTICE has gaps.
# An rsync, sftp, s3, webdav or folder target's « keep » lists what the server keeps although the
# site does not have it (default: .well-known/ and .user.ini;
# .well-known/ always).
PUBLISH_TARGETS = {
    "vps": {"method": "rsync", "production": True},
    "mutualise": {"method": "ftp", "production": True},
    "sftp": {"method": "sftp", "production": True},
    "objets": {"method": "s3", "production": True},
    "webdav": {"method": "webdav", "production": True},
    "pages": {"method": "git", "branch": "pages", "production": True, "keep": ["previews/"]},
    "dossier": {"method": "folder", "production": True},
}

# The web editor online (/admin/; README « Rédiger dans le navigateur »):
# the forge (gitlab, forgejo, gitea or github), the repository, and the
# OAuth application editors sign in with, given by the environment of
# the build (CI variables). Without WEB_EDITOR_BACKEND, no /admin/.
WEB_EDITOR_BACKEND = os.environ.get("WEB_EDITOR_BACKEND", "")
WEB_EDITOR_REPO = os.environ.get("WEB_EDITOR_REPO", "")
WEB_EDITOR_BRANCH = os.environ.get("WEB_EDITOR_BRANCH", "main")
WEB_EDITOR_BASE_URL = os.environ.get("WEB_EDITOR_BASE_URL", "")
WEB_EDITOR_APP_ID = os.environ.get("WEB_EDITOR_APP_ID", "")
