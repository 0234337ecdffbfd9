"""Emitters of the format-neutral document (document.py), one module per output format."""
