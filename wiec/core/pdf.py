"""Printable pages as PDF, one way for every app (WeasyPrint)."""

from __future__ import annotations


def html_to_pdf(html: str, *, base_url: str, tagged: bool = False) -> bytes:
    """``html`` as a PDF; ``base_url`` resolves its stylesheets and images.

    WeasyPrint is imported when first needed: it is heavy, and most requests never
    print anything. ``tagged`` makes a PDF/UA-1 document (tagged, with its structure
    tree and language), as a published report or an agreement a person signs should be.
    """
    from weasyprint import HTML

    if tagged:  # PDF/UA: a structure tree that screen readers follow
        return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")
    return HTML(string=html, base_url=base_url).write_pdf()
