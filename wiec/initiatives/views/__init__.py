"""Views of residents' initiatives, one module per workflow."""
