"""State changes of residents' initiatives, one module per workflow."""
