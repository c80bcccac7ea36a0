"""Printable pages as PDF, one way for every app (WeasyPrint)."""

from __future__ import annotations


def html_to_pdf(html: str, *, base_url: str, tagged: bool = False) -> bytes:
    """``html`` as a PDF; ``base_url`` resolves its stylesheets and images.

    ``tagged`` writes a tagged PDF (its structure readable by screen readers), for
    documents a person signs or relies on, such as an agreement.

    WeasyPrint is imported when first needed: it is heavy, and most requests never
    print anything.
    """
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf(pdf_tags=tagged)
