"""Printable pages as PDF, one way for every app (WeasyPrint)."""

from __future__ import annotations


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    """``html`` as a PDF; ``base_url`` resolves its stylesheets and images.

    WeasyPrint is imported when first needed: it is heavy, and most requests never
    print anything.
    """
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()
