"""Emitters of the format-neutral document (document.py), one module per output format."""

import unicodedata


def after_label(label: str) -> str:
    """What stands between a label and its text: nothing after a full-width mark (出生年月：
    1995.07, whose colon holds its own space), else a space (Nationality: Swedish)."""
    last = label[-1:]
    full_width_mark = last and unicodedata.category(last).startswith("P") and unicodedata.east_asian_width(last) in "WF"
    return "" if full_width_mark else " "
