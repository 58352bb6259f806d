"""Embedded media (videos, sounds, players) → a French label and the
canonical address of the media: the site loads nothing from other
sites (no <iframe>), so a reader gets a link instead. Pure functions."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

_ID = re.compile(r"^[A-Za-z0-9_-]{4,40}$")
AUDIO = {".mp3", ".ogg", ".oga", ".m4a", ".wav", ".flac", ".aac", ".opus"}
VIDEO = {".mp4", ".webm", ".ogv", ".mov", ".m4v", ".avi", ".flv", ".wmv"}


@dataclass(frozen=True)
class Media:
    label: str  # « Vidéo sur YouTube »
    url: str  # the canonical address a reader can open
    known: bool = True  # False: an address of an unknown service, to check


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower().split(":")[0].removeprefix("www.").removeprefix("m.")


def youtube(value: str) -> str | None:
    """A YouTube video id from an address or an id."""
    value = value.strip()
    if _ID.match(value) and "." not in value:
        return value
    parts = urlsplit(value if "//" in value else "https://" + value)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    if host == "youtu.be":
        found = parts.path.strip("/").split("/")[0]
    elif host.endswith(("youtube.com", "youtube-nocookie.com")):
        found = (parse_qs(parts.query).get("v") or [""])[0]
        match = re.match(r"^/(?:embed|v|shorts|live)/([^/?&]+)", parts.path)
        found = found or (match[1] if match else "")
    else:
        return None
    return found if _ID.match(found) else None


def identify(value: str, hint: str = "") -> Media | None:
    """The media an address (or, with ``hint`` naming the service, an id)
    gives; None when there is no address at all."""
    value = unquote(value.strip()) if "%3A" in value[:12].upper() else value.strip()
    if not value:
        return None
    hint = hint.lower()
    if hint == "youtube" or "youtu" in value:
        found = youtube(value)
        if found:
            return Media("Vidéo sur YouTube", f"https://www.youtube.com/watch?v={found}")
    if hint == "dailymotion" or "dailymotion" in value or "dai.ly" in value:
        match = re.search(
            r"(?:video/|dai\.ly/|swf/(?:video/)?|^)([A-Za-z0-9]{5,12})(?:[_?&#/]|$)", value
        )
        if match:
            return Media("Vidéo sur Dailymotion", f"https://www.dailymotion.com/video/{match[1]}")
    if hint == "vimeo" or "vimeo.com" in value:
        match = re.search(r"(?:vimeo\.com/(?:video/|moogaloop\.swf\?clip_id=)?|^)(\d{3,12})", value)
        if match:
            return Media("Vidéo sur Vimeo", f"https://vimeo.com/{match[1]}")
    if "soundcloud.com" in value:
        parts = urlsplit(value)
        inner = (parse_qs(parts.query).get("url") or [""])[0]
        address = inner or value
        if address.startswith("http"):
            return Media("Son sur SoundCloud", address.replace("http://", "https://", 1))
    if not re.match(r"^(https?:)?//|^/", value):
        return Media("Contenu externe", value, known=False) if hint else None
    extension = posixpath.splitext(urlsplit(value).path)[1].lower()
    if extension in AUDIO:
        return Media("Fichier audio", value)
    if extension in VIDEO:
        return Media("Fichier vidéo", value)
    known = {
        "twitter.com": "Message sur Twitter",
        "x.com": "Message sur X",
        "instagram.com": "Publication sur Instagram",
        "facebook.com": "Publication sur Facebook",
        "slideshare.net": "Présentation sur SlideShare",
        "prezi.com": "Présentation sur Prezi",
        "google.com": "Document Google",
        "openstreetmap.org": "Carte OpenStreetMap",
        "spotify.com": "Son sur Spotify",
        "deezer.com": "Son sur Deezer",
        "scribd.com": "Document sur Scribd",
        "calameo.com": "Document sur Calaméo",
        "issuu.com": "Document sur Issuu",
        "ted.com": "Vidéo sur TED",
    }
    host = _host(value)
    for domain, label in known.items():
        if host == domain or host.endswith("." + domain):
            return Media(label, value)
    return Media("Contenu externe", value, known=False)
