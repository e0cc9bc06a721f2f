"""vis-network, the JavaScript that draws the network pages, as the pyvis wheel ships it.

The pages inline the ``vis-network.min.js`` found inside the installed pyvis package
(``pyvis/templates/lib/vis-9.1.2/``) instead of a copy kept in this repository: pyvis is
what the ``viz`` extra installs anyway, the file is read, not linked (the page asks
nothing of the network), and the bundle keeps its own licence header, which therefore
travels inside every page. Only the JavaScript is taken: pyvis's templates and its
Bootstrap and tom-select files are not used (they render names unescaped and link CDNs).

Licence of the bundled JavaScript (:data:`VIS_NETWORK_LICENCE`): vis-network 9.1.2,
copyright (c) 2011-2017 Almende B.V. and (c) 2017-2019 the visjs contributors, is dual
licensed under the Apache License 2.0 and the MIT License; netgraph redistributes it
inside the pages it writes under the MIT License.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import Any

from ..model._errors import NetgraphError

__all__ = [
    "INSTALL_HINT",
    "VIS_NETWORK_LICENCE",
    "VIS_NETWORK_VERSION",
    "pyvis_module",
    "vis_network_js",
]

VIS_NETWORK_VERSION = "9.1.2"

INSTALL_HINT = (
    "drawing a network page needs the pyvis package, whose wheel ships vis-network: "
    "pip install 'pyvis>=0.3.2' (the viz extra: 'netgraph-value[viz]')"
)

VIS_NETWORK_LICENCE = """\
vis-network 9.1.2 - https://visjs.github.io/vis-network/
Copyright (c) 2011-2017 Almende B.V, http://almende.com
Copyright (c) 2017-2019 visjs contributors, https://github.com/visjs
vis.js is dual licensed under both the Apache 2.0 License
(http://www.apache.org/licenses/LICENSE-2.0) and the MIT License
(http://opensource.org/licenses/MIT); it may be distributed under either license.

The MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE.
"""


def pyvis_module(name: str = "pyvis") -> Any:
    """A pyvis module, or a :class:`NetgraphError` that says how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise NetgraphError(INSTALL_HINT) from None


@functools.cache
def vis_network_js() -> str:
    """The source of vis-network's standalone bundle, licence header included.

    Read once from the pyvis package; the same installation gives the same text, so a
    page stays byte-identical.
    """
    pyvis = pyvis_module()
    bundle = (
        Path(pyvis.__file__).parent
        / "templates"
        / "lib"
        / f"vis-{VIS_NETWORK_VERSION}"
        / "vis-network.min.js"
    )
    try:
        source = bundle.read_text(encoding="utf-8")
    except OSError as exc:
        raise NetgraphError(
            f"vis-network {VIS_NETWORK_VERSION} is missing from the pyvis package "
            f"({bundle.name}): {exc.strerror}; reinstall it: {INSTALL_HINT}"
        ) from None
    if "@license" not in source[:2000]:
        raise NetgraphError(f"{bundle} is not the vis-network bundle: {INSTALL_HINT}")
    return source
