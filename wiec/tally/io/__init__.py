"""Reading and writing election files; the counting rules never touch files."""

from .pabulib import parse_pabulib, read_pabulib, write_pabulib

__all__ = ["parse_pabulib", "read_pabulib", "write_pabulib"]
