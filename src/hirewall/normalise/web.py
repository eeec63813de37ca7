"""URLs and domains. Registrable domains come from ``tldextract`` with its bundled suffix list."""

from __future__ import annotations

from functools import cache, lru_cache
from urllib.parse import urlsplit

import tldextract

PROFILE_HOSTS = {"linkedin.com": 2, "github.com": 1}  # host -> path segments that name the profile


@cache
def _extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() keeps tldextract offline: it uses the snapshot shipped in the wheel.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=100_000)
def registrable_domain(raw: str) -> str:
    """The registrable domain (eTLD+1) of a host, URL or email domain.

    >>> registrable_domain("https://WWW.Example.co.uk/path")
    'example.co.uk'
    """
    host = raw.strip().lower()
    if "@" in host and "/" not in host:
        host = host.rpartition("@")[2]
    ext = _extractor()(host)
    if not ext.domain or not ext.suffix:
        raise ValueError(f"not a domain: {raw!r}")
    return f"{ext.domain}.{ext.suffix}"


@lru_cache(maxsize=100_000)
def normalise_url(raw: str) -> tuple[str, str]:
    """Return ``(url, key)``: a cleaned URL and a key that two spellings of one profile share.

    >>> normalise_url("http://www.LinkedIn.com/in/Jane-Doe/?trk=x")
    ('https://www.linkedin.com/in/Jane-Doe', 'linkedin.com/in/jane-doe')
    >>> normalise_url("github.com/octocat")[1]
    'github.com/octocat'
    """
    text = raw.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if not parts.hostname or "." not in parts.hostname:
        raise ValueError(f"not a URL: {raw!r}")
    host = parts.hostname.lower()
    path = parts.path.rstrip("/")
    url = f"https://{host}{path}"
    domain = registrable_domain(host)
    segments = [s for s in path.split("/") if s]
    if domain in PROFILE_HOSTS:
        segments = segments[: PROFILE_HOSTS[domain]]
    key = "/".join([domain, *segments]).lower()
    return url, key
