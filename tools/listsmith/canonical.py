"""One spelling for each resource's URL, so duplicates compare equal.

``canonical(url)`` returns a URL again (never a private key format), which
makes the function idempotent and its output readable in messages. Generic
normalisation covers what every site shares; the ``SITE_RULES`` table holds the
sites whose URLs have many spellings for one thing. Add a site by writing one
function and one table row.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ref",
        "ref_src",
        "ref_url",
        "si",
        "spm",
        "feature",
    }
)
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}
INDEX_FILES = ("index.html", "index.htm")
_UNRESERVED = re.compile(r"%([0-9A-Fa-f]{2})")
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


@dataclass(frozen=True)
class Parts:
    """A URL taken apart and normalised the way every site agrees on."""

    host: str
    port: int | None
    path: str
    query: tuple[tuple[str, str], ...]
    route: str = ""
    """A single-page app's route, from the fragment (``#/converter/objc2swift``,
    ``#!/users/42``), normalised; "" for an ordinary anchor, which names a place on the
    page and not another page (see ``_route``)."""

    def param(self, name: str) -> str | None:
        return next((v for k, v in self.query if k == name), None)

    @property
    def segments(self) -> list[str]:
        return [unquote(s) for s in self.path.split("/") if s]


def _host(netloc_host: str) -> str:
    host = netloc_host.lower().rstrip(".")
    if not host.isascii():
        # Hosts IDNA can't encode stay as they are; they still compare by text.
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    for prefix in ("www.", "m."):
        if host.startswith(prefix) and "." in host[len(prefix) :]:
            host = host[len(prefix) :]
            break
    return host


def _normalise_escapes(text: str) -> str:
    """Upper-case %xx escapes and decode the ones for unreserved characters."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        if char.isascii() and (char.isalnum() or char in "-._~"):
            return char
        return "%" + match.group(1).upper()

    return _UNRESERVED.sub(fix, text)


def _path(raw: str) -> str:
    path = quote(_normalise_escapes(raw), safe=_PATH_SAFE)
    out: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(out) > 1:  # never above the root: out[0] is the empty segment before it
                out.pop()
        elif segment != ".":
            out.append(segment)
    path = "/".join(out).rstrip("/")  # before the index file: "index.html/" is one too
    # Each index file at the end goes, so that canonical forms are canonical: with one taken
    # off, "/index.htm/index.htm" became "/index.htm", which became "" (hypothesis found it).
    while index := next((i for i in INDEX_FILES if path.endswith("/" + i)), None):
        path = path[: -len(index)].rstrip("/")
    return path


def _query(raw: str) -> tuple[tuple[str, str], ...]:
    pairs = parse_qsl(raw, keep_blank_values=True)
    kept = [
        (k, v)
        for k, v in pairs
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    return tuple(sorted(kept))


def _route(fragment: str) -> str:
    """The fragment as a route, ``#/...`` or ``#!/...``, or "" when it is none.

    A fragment that starts with ``/`` (or ``!/``, the "hashbang" spelling) is a single-page
    app's route: the page shows what the route names (swiftify.com's ``#/converter/...``,
    one converter each), so it is a part of the resource. Any other fragment is an anchor
    on the page (``#installation``) and is dropped. The route's path is normalised as a
    path is (escapes, dot segments, a trailing slash), and its query as a query is; the root
    route (``#/``) is the page itself."""
    bang = "!" if fragment.startswith("!/") else ""
    if not (bang or fragment.startswith("/")):
        return ""
    path, mark, raw_query = fragment[len(bang) :].partition("?")
    query = _query(raw_query) if mark else ()
    path = _path(path)
    if not path and not query:
        return ""
    return f"#{bang}{path or '/'}" + (f"?{urlencode(query, quote_via=quote)}" if query else "")


def split(url: str) -> Parts | None:
    """Normalised parts of an http(s) URL, or None for anything else."""
    try:
        parsed = urlsplit(url.strip())
        port = parsed.port
    except ValueError:
        return None
    scheme = parsed.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parsed.hostname:
        return None
    # http and https count as one resource, and the canonical form always says
    # https, so either default port means "no port" (keeping :443 after http
    # would not survive a second pass).
    if port in DEFAULT_PORTS.values():
        port = None
    return Parts(
        _host(parsed.hostname),
        port,
        _path(parsed.path),
        _query(parsed.query),
        _route(parsed.fragment),
    )


def build(parts: Parts) -> str:
    """The canonical spelling: https, normalised host and path, sorted query, and of the
    fragment only a route (``https://swiftify.com/#/converter/objc2swift``, the path's "/"
    kept before it to read as the link did)."""
    netloc = parts.host if parts.port is None else f"{parts.host}:{parts.port}"
    query = f"?{urlencode(parts.query, quote_via=quote)}" if parts.query else ""
    path = parts.path or ("/" if parts.route else "")
    return f"https://{netloc}{path}{query}{parts.route}"


# --- site rules -------------------------------------------------------------------------------

_YT_VIDEO_PATHS = ("embed", "shorts", "live", "v", "e")
_YT_CHANNEL_TABS = frozenset(
    {"", "videos", "playlists", "featured", "streams", "shorts", "about", "community", "podcasts"}
)


def _youtube(p: Parts) -> str | None:
    seg = p.segments
    video: str | None = None
    if p.host == "youtu.be" and seg:
        video = seg[0]
    elif seg == ["watch"]:
        video = p.param("v")
    elif len(seg) >= 2 and seg[0] in _YT_VIDEO_PATHS:
        video = seg[1]
    if video:
        return f"https://youtube.com/watch?v={quote(video, safe='-_')}"
    if seg == ["playlist"] and p.param("list"):
        return f"https://youtube.com/playlist?list={quote(p.param('list') or '', safe='-_')}"
    if seg and seg[0].startswith("@") and (len(seg) == 1 or seg[1] in _YT_CHANNEL_TABS):
        return f"https://youtube.com/{quote(seg[0].lower(), safe='@-_.')}"
    if (
        len(seg) >= 2
        and seg[0] in ("channel", "c", "user")
        and (len(seg) == 2 or seg[2] in _YT_CHANNEL_TABS)
    ):
        name = seg[1] if seg[0] == "channel" else seg[1].lower()  # channel ids are case-sensitive
        return f"https://youtube.com/{seg[0]}/{quote(name, safe='-_.')}"
    return None


_GITHUB_NOT_OWNERS = frozenset(
    {
        "orgs",
        "topics",
        "marketplace",
        "sponsors",
        "settings",
        "features",
        "collections",
        "explore",
        "search",
        "about",
    }
)
_DEFAULT_BRANCHES = frozenset({"main", "master"})


def _github(p: Parts) -> str | None:
    seg = p.segments
    if not seg or seg[0].lower() in _GITHUB_NOT_OWNERS:
        return None
    owner = seg[0].lower()
    if len(seg) == 1:
        return f"https://github.com/{quote(owner, safe='')}"
    repo = seg[1].lower().removesuffix(".git")
    rest = seg[2:]
    at_root = (
        not rest
        or (len(rest) == 2 and rest[0] == "tree" and rest[1] in _DEFAULT_BRANCHES)
        or (
            len(rest) == 3
            and rest[0] == "blob"
            and rest[1] in _DEFAULT_BRANCHES
            and rest[2].lower() == "readme.md"
        )
    )
    base = f"https://github.com/{quote(owner, safe='')}/{quote(repo, safe='')}"
    return base if at_root else base + "/" + "/".join(quote(s, safe="") for s in rest)


_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(v\d+)?(\.pdf)?", re.I)


def _arxiv(p: Parts) -> str | None:
    seg = p.segments
    if len(seg) >= 2 and seg[0] in ("abs", "pdf", "html", "format"):
        match = _ARXIV_ID.fullmatch("/".join(seg[1:]))
        if match:
            return f"https://arxiv.org/abs/{match.group(1).lower()}"
    return None


def _doi(p: Parts) -> str | None:
    doi = unquote(p.path.lstrip("/"))
    if doi.startswith("10."):
        return "https://doi.org/" + quote(doi.lower(), safe="/:;()._-")
    return None


def _wikipedia(p: Parts) -> str | None:
    lang = p.host.split(".")[0]
    seg = p.segments
    if len(seg) == 2 and seg[0] == "wiki" and seg[1]:
        title = seg[1].replace(" ", "_")
        title = title[0].upper() + title[1:]  # the first letter of a title is case-insensitive
        return f"https://{lang}.wikipedia.org/wiki/{quote(title, safe='_()-.,:')}"
    return None


@dataclass(frozen=True)
class SiteRule:
    """One site whose URLs need more than generic normalisation."""

    name: str
    host: re.Pattern[str]
    canonical: Callable[[Parts], str | None]
    """Returns the canonical URL, or None to fall back to the generic form."""


SITE_RULES: tuple[SiteRule, ...] = (
    SiteRule("youtube", re.compile(r"(youtube\.com|youtu\.be|youtube-nocookie\.com)"), _youtube),
    SiteRule("github", re.compile(r"github\.com"), _github),
    SiteRule("arxiv", re.compile(r"(export\.)?arxiv\.org"), _arxiv),
    SiteRule("doi", re.compile(r"(dx\.)?doi\.org"), _doi),
    SiteRule("wikipedia", re.compile(r"[a-z-]+\.(m\.)?wikipedia\.org"), _wikipedia),
)


def canonical(url: str) -> str:
    """The one spelling of ``url`` that all its equivalent spellings share."""
    parts = split(url)
    if parts is None:
        return url.strip()
    for rule in SITE_RULES:
        if rule.host.fullmatch(parts.host):
            special = rule.canonical(parts)
            if special is not None:
                return special
            break
    return build(parts)
