"""What a phone downloads: a young person's first and repeat visit, and any request to another origin.

First visit: the young person's home page (gzipped HTML) plus every asset it links (CSS, JavaScript, icon), each
as served: the gzipped file from app/static/dist named in the manifest. Repeat visit: the HTML again, plus any
asset not cached as immutable. Header bytes are counted too (HTTP/1.1 size: HTTP/2 would compress them).

Other origins: every resource a page loads by itself (link, script, img, iframe, source, ... and url() in CSS)
must come from Orbit. Links a person chooses to follow (a href, form action) are not requests the page makes.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from flask.testing import FlaskClient

from app.web import DIST
from bench.measure import GZIP, body_text, header_bytes

RESOURCE_ATTRS = {
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href",),
    "use": ("href",),
}
NOT_FETCHED_LINKS = frozenset({"canonical", "alternate", "author", "help", "license", "next", "prev", "search"})
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
LOCAL_ORIGIN = "http://localhost"


class _ResourceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and set(values.get("rel", "").lower().split()) & NOT_FETCHED_LINKS:
            return
        for name in RESOURCE_ATTRS.get(tag, ()):
            for url in _split_srcset(values.get(name, "")) if name == "srcset" else [values.get(name, "")]:
                if url:
                    self.found.append((tag, url))
        if "style" in values:
            self.found.extend(("style", url) for url in CSS_URL.findall(values["style"]))


def _split_srcset(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def resources(html: str) -> list[tuple[str, str]]:
    """(tag, url) for everything the page loads by itself."""
    finder = _ResourceFinder()
    finder.feed(html)
    return finder.found


def is_other_origin(url: str, page_origin: str = LOCAL_ORIGIN) -> bool:
    if url.startswith(("data:", "#", "about:", "blob:")):
        return False
    absolute = urlsplit(urljoin(page_origin + "/", url))
    local = urlsplit(page_origin)
    return (absolute.scheme, absolute.netloc) != (local.scheme, local.netloc)


@dataclass
class Asset:
    url: str
    bytes_gz: int
    header_bytes: int
    immutable: bool
    dist_file: str | None
    css_urls: list[str] = field(default_factory=list)


@dataclass
class Visit:
    page: str
    html_bytes_gz: int
    html_header_bytes: int
    assets: list[Asset]
    first_visit_bytes: int = 0
    first_visit_bytes_with_headers: int = 0
    repeat_visit_bytes: int = 0
    repeat_visit_bytes_with_headers: int = 0

    def total(self) -> None:
        self.first_visit_bytes = self.html_bytes_gz + sum(a.bytes_gz for a in self.assets)
        self.first_visit_bytes_with_headers = (
            self.first_visit_bytes + self.html_header_bytes + sum(a.header_bytes for a in self.assets)
        )
        uncached = [a for a in self.assets if not a.immutable]
        self.repeat_visit_bytes = self.html_bytes_gz + sum(a.bytes_gz for a in uncached)
        self.repeat_visit_bytes_with_headers = (
            self.repeat_visit_bytes + self.html_header_bytes + sum(a.header_bytes for a in uncached)
        )

    def as_dict(self) -> dict:
        return asdict(self)


def _manifest_files() -> set[str]:
    return set(json.loads((DIST / "manifest.json").read_text()).values())


def _dist_size(filename: str) -> int | None:
    """The size the manifest's file is served at: its .gz twin when there is one."""
    for candidate in (DIST / f"{filename}.gz", DIST / filename):
        if candidate.is_file():
            return candidate.stat().st_size
    return None


def _asset(client: FlaskClient, url: str) -> Asset:
    response = client.get(url, headers=GZIP)
    filename = urlsplit(url).path.rsplit("/", 1)[-1]
    in_manifest = filename in _manifest_files()
    served = len(response.get_data())
    size = _dist_size(filename) if in_manifest else None
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    if size is not None and size != served:
        raise RuntimeError(f"{url}: served {served} bytes, but dist has {size}")
    css = CSS_URL.findall(body_text(response)) if response.mimetype == "text/css" else []
    return Asset(
        url=url,
        bytes_gz=served,
        header_bytes=header_bytes(response),
        immutable="immutable" in response.headers.get("Cache-Control", ""),
        dist_file=filename if in_manifest else None,
        css_urls=sorted(set(css)),
    )


def young_person_visit(client: FlaskClient, page_url: str) -> Visit:
    """The young person's home page and what it links, as a phone with an empty cache would fetch them."""
    response = client.get(page_url, headers=GZIP)
    if response.status_code != 200:
        raise RuntimeError(f"{page_url} answered {response.status_code}")
    html = body_text(response)
    local = [url for _tag, url in resources(html) if not is_other_origin(url) and not url.startswith("data:")]
    assets = [_asset(client, url) for url in dict.fromkeys(local)]
    visit = Visit(page_url, len(response.get_data()), header_bytes(response), assets)
    visit.total()
    return visit


def other_origin_requests(pages: dict[str, str], visit: Visit | None) -> list[dict[str, str]]:
    """Every resource on the measured pages (and in the CSS they load) that would come from another origin."""
    found = []
    for label, html in pages.items():
        found.extend({"page": label, "tag": tag, "url": url} for tag, url in resources(html) if is_other_origin(url))
    for asset in visit.assets if visit else []:
        found.extend(
            {"page": asset.url, "tag": "css url()", "url": url} for url in asset.css_urls if is_other_origin(url)
        )
    return found
