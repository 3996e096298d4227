"""Pieces of the security settings that need code: inline-style hashes for the CSP, the client's address."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from django.conf import settings

_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"{}]*)"')


def style_hashes(*templates: Path) -> list[str]:
    """CSP sources allowing the inline styles of `templates` (their <style> blocks and style
    attributes, which hold no template tags and so reach the page as written), and no other.

    The server-error page keeps its style inline on purpose: it must render when static files or
    the database are what failed. Third-party admin templates are allowed theirs rather than copied.
    """
    blocks, attributes = [], []
    for template in templates:
        text = template.read_text(encoding="utf-8")
        blocks += _STYLE_BLOCK.findall(text)
        attributes += _STYLE_ATTRIBUTE.findall(text)
    sources = [_sha256(text) for text in dict.fromkeys(blocks + attributes)]
    # A style attribute is allowed by hash only with 'unsafe-hashes' (which allows nothing unhashed).
    return ["'unsafe-hashes'", *sources] if attributes else sources


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def client_address(request) -> str:
    """The address a request came from, for login throttling (django-axes).

    Behind TRUSTED_PROXIES proxies (HTTPS=1 deployments sit behind one), each appends the address
    it received the request from to X-Forwarded-For: the entry that many places from the end is the
    client's. Entries before it are whatever the client sent, so they are never trusted.
    """
    proxies = settings.TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
