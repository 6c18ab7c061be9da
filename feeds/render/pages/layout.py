"""The shared page shell: head, header, footer and the stylesheet.

Takes a `Site` and one page's parts (title, description, canonical URL, the
feeds that fit it, its JSON-LD and its main content); gives the whole HTML
document as UTF-8 bytes. The CSS is inline: one request per page, no asset that
can go missing on a static host, readable on a phone, no JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence

from feeds.models import Site
from feeds.render.pages.feedlinks import FeedGroup, alternate_links
from feeds.render.pages.jsonld import Node
from feeds.render.pages.markup import esc, json_ld, link

__all__ = ["CSS", "MEDIA_TYPE", "document"]

MEDIA_TYPE = "text/html; charset=utf-8"

CSS = """\
:root{color-scheme:light dark;--ink:#1b1b1b;--muted:#555;--paper:#fff;--line:#d0d0d0;
--accent:#1d4f91;--soft:#f3f5f8}
@media (prefers-color-scheme:dark){:root{--ink:#e8e8e8;--muted:#b0b0b0;--paper:#141414;
--line:#3a3a3a;--accent:#8fb8ff;--soft:#1f232a}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
color:var(--ink);background:var(--paper)}
a{color:var(--accent)}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:var(--paper);padding:.5rem}
.site-header,.site-footer,main{max-width:46rem;margin:0 auto;padding:1rem}
.site-header{border-bottom:1px solid var(--line)}
.site-title{font-weight:700;font-size:1.2rem;margin:0 0 .25rem}
.site-title a{color:inherit;text-decoration:none}
nav ul,.feeds,.tags,.crumbs{list-style:none;padding:0;margin:0}
nav li,.crumbs li{display:inline;margin-right:1rem}
.crumbs li+li::before{content:"› ";color:var(--muted)}
h1{font-size:1.7rem;line-height:1.25}
h2{font-size:1.35rem;margin-top:2rem;border-top:1px solid var(--line);padding-top:1rem}
h3{font-size:1.1rem}
.meta{color:var(--muted)}
dl.meta,dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}
dl.meta dt,dl.facts dt{font-weight:700}
dl.meta dd,dl.facts dd{margin:0}
article{margin-bottom:1.5rem}
.items{list-style:none;padding:0}
.items>li{margin-bottom:1.25rem}
.items h4{margin:0;font-size:1.05rem}
.items p{margin:.25rem 0}
.tags li{display:inline-block;background:var(--soft);border-radius:1rem;padding:0 .6rem;
margin:0 .3rem .3rem 0;font-size:.9rem}
.actions a{font-weight:600}
.signoff{font-style:italic}
.subscribe,.how-to{background:var(--soft);padding:.25rem 1rem 1rem;border-radius:.5rem;
margin-top:2rem}
.subscribe h2,.how-to h2{border:0}
.feeds li{margin:.3rem 0}
.feed-url{user-select:all;-webkit-user-select:all;word-break:break-all;font-size:.9rem;
background:var(--paper);padding:.1rem .3rem;border:1px solid var(--line);border-radius:.25rem}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.95rem;
margin-top:2rem}
img{max-width:100%;height:auto}
"""


def _contact(contact: str) -> str:
    if contact.startswith(("http://", "https://", "mailto:")):
        return link(contact, contact.removeprefix("mailto:"))
    if "@" in contact:
        return link("mailto:" + contact, contact)
    return esc(contact)


def _header(site: Site) -> str:
    home = site.url("/")
    return (
        '<header class="site-header">\n'
        f'<p class="site-title">{link(home, site.title)}</p>\n'
        '<nav aria-label="Site"><ul>'
        f"<li>{link(home, 'Latest edition')}</li>"
        f"<li>{link(home + '#editions', 'All editions')}</li>"
        f"<li>{link('#subscribe', 'Subscribe')}</li>"
        "</ul></nav>\n</header>"
    )


def _footer(site: Site) -> str:
    lines = [f"<p>Published by {esc(site.publisher)}.</p>"]
    if site.contact:
        lines.append(f"<p>Contact: {_contact(site.contact)}</p>")
    if site.links:
        items = "".join(f"<li>{link(item.url, item.title)}</li>" for item in site.links)
        lines.append(f'<nav aria-label="Elsewhere"><ul>{items}</ul></nav>')
    return '<footer class="site-footer">\n' + "\n".join(lines) + "\n</footer>"


def document(
    site: Site,
    *,
    title: str | None,
    description: str,
    main: str,
    feeds: Sequence[FeedGroup],
    schema: Node,
    canonical: str | None,
) -> bytes:
    """A whole page; `title=None` for the home page, `canonical=None` for the 404 page."""
    full_title = f"{title} – {site.title}" if title else site.title
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(full_title)}</title>",
        f'<meta name="description" content="{esc(description)}">',
    ]
    if canonical is None:
        head.append('<meta name="robots" content="noindex">')
    else:
        head.append(f'<link rel="canonical" href="{esc(canonical)}">')
    head.append(alternate_links(site, feeds))
    # An empty icon stops browsers asking for /favicon.ico, which would be a 404.
    head.append('<link rel="icon" href="data:,">')
    head.append(f"<style>\n{CSS}</style>")
    head.append(json_ld(schema))
    text = (
        "<!doctype html>\n"
        f'<html lang="{esc(site.language)}">\n<head>\n' + "\n".join(head) + "\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the content</a>\n'
        f'{_header(site)}\n<main id="main">\n{main}\n</main>\n{_footer(site)}\n'
        "</body>\n</html>\n"
    )
    return text.encode("utf-8")
