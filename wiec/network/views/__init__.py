"""The network's pages, one module per part of it."""
