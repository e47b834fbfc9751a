"""The site's own public address: from the configuration or the SITE_URL environment variable.

Build only. Printed sheets, handouts and QR codes carry an address only when it is public: a
loopback, private, link-local or unspecified host (127.0.0.1, localhost, 10.x, ::1, 0.0.0.0),
a non-HTTP scheme, or no address at all print none, so no sheet ever sends a reader to a
machine they cannot reach.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

__all__ = ["public_site_url", "sheet_address"]


def public_site_url(url: str | None = None) -> str:
    """`url` (default: $SITE_URL) ending in "/", or "" when it is missing or not public."""
    text = (os.environ.get("SITE_URL", "") if url is None else url or "").strip()
    if not text:
        return ""
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or host == "localhost" or host.endswith(".localhost"):
        return ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None and (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified):
        return ""
    return text if text.endswith("/") else text + "/"


def sheet_address(site_url: str, path: str, fragment: str = "") -> str:
    """The public address of a site path (with a fragment), or "" without a public site_url."""
    base = public_site_url(site_url)
    if not base:
        return ""
    return base + path.lstrip("/") + (f"#{fragment}" if fragment else "")
