"""resumetex: structured CV data in YAML, typeset by XeLaTeX into a PDF résumé."""

__version__ = "0.1.0"
