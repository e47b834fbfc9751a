"""The site's Content-Security-Policy: written into every page, and documented for hosts.

Build only. Every page carries the policy in a ``<meta http-equiv>`` (overrides/main.html,
through the plugin's Jinja global ``hipguide_csp``). It allows scripts, styles, images, fonts,
workers and requests from the site itself only, plus ``'wasm-unsafe-eval'`` so the planner's
worker can compile Pyodide's WebAssembly, and ``data:`` images (the theme's icons are data: SVG
in its stylesheet). No ``'unsafe-inline'`` and no ``'unsafe-eval'`` for scripts: the theme's own
inline scripts are replaced by files (overrides/partials/javascripts/, assets/javascripts/theme/).

``frame-ancestors`` is ignored in a ``<meta>`` policy, so a host should also send the policy as
a header with ``frame-ancestors 'none'`` added (README: Security).
"""

from __future__ import annotations

__all__ = ["HEADER_POLICY", "POLICY", "page_policy"]

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
# What a host should send as the Content-Security-Policy header: the same, and no framing.
HEADER_POLICY = POLICY + "; frame-ancestors 'none'"


def page_policy(serving: bool = False) -> str:
    """The policy for the pages' <meta>; under `mkdocs serve` its live-reload script may run.

    MkDocs injects an inline script with a per-request number into every served page, which no
    hash can allow; only the development server relaxes script-src, a build never does.
    """
    if not serving:
        return POLICY
    return POLICY.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'")
