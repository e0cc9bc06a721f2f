"""The one way user text gets into a page: escaping, data blocks, the offline policy, the skeleton.

Every page netgraph writes (the network page, the platform map, the star report) is made
here, so that a contact named ``<img src=x onerror=...>`` is text on every one of them:

* :func:`escape_text` for text between tags and in quoted attribute values;
* :func:`json_script` for data: a ``<script type="application/json">`` block whose
  ``<``, ``>`` and ``&`` are written as ``\\u003c`` ... so that no name can close the
  block; the page's script reads it with ``JSON.parse`` and sets text with
  ``textContent``, never ``innerHTML``;
* :func:`content_security_policy`: a ``<meta>`` tag that forbids every request (no
  ``connect-src``, ``img-src`` only ``data:``, no fonts, frames or forms) and lets run
  only the page's own scripts, named by their SHA-256 hash. A script that an escaping
  bug let in would not run, and a page cannot reach any host: "offline" is enforced;
* :func:`html_page`: the skeleton that puts the pieces together, and
  :func:`iframe_srcdoc`, a whole page shown inside another (a notebook cell).

Nothing here reads the clock: the same pieces give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "PageParts",
    "content_security_policy",
    "escape_text",
    "html_page",
    "iframe_srcdoc",
    "json_for_script",
    "json_script",
    "script_hash",
]


def escape_text(text: object) -> str:
    """Text made safe between tags and inside a quoted attribute value.

    Examples
    --------
    >>> escape_text('<img src=x onerror="alert(1)"> & \\'q\\'')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#x27;q&#x27;'
    """
    return html.escape(str(text), quote=True)


def json_for_script(data: Any) -> str:
    """JSON text that can sit inside a ``<script>`` element without ending it.

    Keys are sorted and the separators fixed, so the same data give the same bytes;
    ``<``, ``>``, ``&`` and the line separators U+2028/U+2029 are written as ``\\uXXXX``
    escapes, which ``JSON.parse`` reads back as the same characters.

    Examples
    --------
    >>> json_for_script({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(json_for_script({"name": "</script>"}))
    {'name': '</script>'}
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def json_script(element_id: str, data: Any) -> str:
    """A ``<script type="application/json">`` block holding ``data``; never run.

    Examples
    --------
    >>> json_script("data", ["<b>"])
    '<script type="application/json" id="data">["\\\\u003cb\\\\u003e"]</script>'
    """
    return (
        f'<script type="application/json" id="{escape_text(element_id)}">'
        f"{json_for_script(data)}</script>"
    )


def script_hash(source: str) -> str:
    """The CSP source expression that lets exactly this inline script run.

    Examples
    --------
    >>> script_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(scripts: Sequence[str] = ()) -> str:
    """The ``<meta>`` tag of a page that may run ``scripts`` and ask nothing of the network.

    Styles may be inline (the charts' SVG carries its own); images only ``data:``.

    Examples
    --------
    >>> print(content_security_policy())  # doctest: +NORMALIZE_WHITESPACE
    <meta http-equiv="Content-Security-Policy" content="default-src 'none';
    script-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none';
    connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none';
    worker-src 'none'; manifest-src 'none'; form-action 'none'; base-uri 'none'">
    """
    hashes = sorted({script_hash(s) for s in scripts})
    script_src = " ".join(hashes) if hashes else "'none'"
    policy = (
        f"default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; "
        "img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


@dataclass(frozen=True)
class PageParts:
    """What a page is made of, so that one page can carry another's parts.

    Attributes
    ----------
    body
        HTML for inside ``<body>``, all user text already escaped.
    style
        CSS for the page's ``<style>`` element.
    data
        ``(element id, data)`` pairs, each written by :func:`json_script`.
    scripts
        JavaScript sources, each run in its own ``<script>`` element, in order.
    """

    body: str
    style: str = ""
    data: tuple[tuple[str, Any], ...] = ()
    scripts: tuple[str, ...] = field(default_factory=tuple)


def html_page(
    title: str, parts: Sequence[PageParts], *, lang: str = "en", framed: Sequence[str] = ()
) -> str:
    """A whole self-contained page: ``<!doctype html>`` with its policy, styles and scripts.

    ``title`` is text (escaped here); the parts are put in order, data blocks before the
    scripts that read them. ``framed`` are whole pages this one shows in an
    :func:`iframe_srcdoc`: a srcdoc frame inherits this page's policy, so their scripts'
    hashes join it (they run in the frame only).

    Examples
    --------
    >>> page = html_page("<Me>", [PageParts("<p>hi</p>", "p{color:red}", (("d", 1),), ("1;",))])
    >>> page.startswith("<!doctype html>"), "<title>&lt;Me&gt;</title>" in page
    (True, True)
    >>> script_hash("1;") in page, '<script type="application/json" id="d">1</script>' in page
    (True, True)
    """
    scripts = [s for p in parts for s in p.scripts]
    style = "\n".join(p.style for p in parts if p.style)
    data = "\n".join(json_script(i, d) for p in parts for i, d in p.data)
    body = "\n".join(p.body for p in parts)
    code = "\n".join(f"<script>{_script_safe(s)}</script>" for s in scripts)
    return (
        "<!doctype html>\n"
        f'<html lang="{escape_text(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"{content_security_policy([_script_safe(s) for s in scripts] + _scripts_of(framed))}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape_text(title)}</title>\n<style>\n{style}\n</style>\n</head>\n"
        f"<body>\n{body}\n{data}\n{code}\n</body>\n</html>\n"
    )


def _scripts_of(pages: Sequence[str]) -> list[str]:
    """The inline scripts of pages made by :func:`html_page` (not its JSON data blocks)."""
    return [m for page in pages for m in re.findall(r"<script>(.*?)</script>", page, re.DOTALL)]


def _script_safe(source: str) -> str:
    """A script's source, refused if it could end its own element early.

    Our scripts hold no user text (that comes as data), so a ``</script`` in one is a
    programming error, not something to escape.
    """
    if "</script" in source.lower() or "<!--" in source:
        raise ValueError("a script's source must not contain '</script' or '<!--'")
    return source


def iframe_srcdoc(page: str, *, title: str, height: int = 640) -> str:
    """A whole page shown inside another: an ``<iframe srcdoc>`` with the page escaped.

    This is how a notebook shows a page (``_repr_html_``): the page keeps its own
    policy and scripts, and works in Jupyter, VS Code and Colab alike.

    Examples
    --------
    >>> iframe_srcdoc('<p title="x">&</p>', title="t", height=100)  # doctest: +ELLIPSIS
    '<iframe srcdoc="&lt;p title=&quot;x&quot;&gt;&amp;&lt;/p&gt;" title="t" ...></iframe>'
    """
    return (
        f'<iframe srcdoc="{escape_text(page)}" title="{escape_text(title)}" '
        f'style="width:100%;height:{int(height)}px;border:0" '
        'sandbox="allow-scripts"></iframe>'
    )
