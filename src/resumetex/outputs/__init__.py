"""Emitters of the format-neutral document (document.py), one module per output format."""

import unicodedata


def ends_in_full_width_mark(label: str) -> bool:
    last = label[-1:]
    return bool(last) and unicodedata.category(last).startswith("P") and unicodedata.east_asian_width(last) in "WF"


def after_label(label: str) -> str:
    """What stands between a label and its text: nothing after a full-width mark (出生年月：
    1995.07, whose colon holds its own space), else a space (Nationality: Swedish)."""
    return "" if ends_in_full_width_mark(label) else " "
