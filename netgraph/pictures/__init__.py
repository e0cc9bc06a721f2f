"""Pictures: the interactive network page, the platform map and the star report page."""

from ._network_page import (
    NetworkPage,
    network_html,
    network_page,
    platform_html,
    platform_page,
    to_pyvis,
    write_network_html,
    write_platform_html,
)

__all__ = [
    "NetworkPage",
    "network_html",
    "network_page",
    "platform_html",
    "platform_page",
    "to_pyvis",
    "write_network_html",
    "write_platform_html",
]
