"""Which of the ways a name was written to show for an entity."""

from collections import Counter
from collections.abc import Iterable


def best_name(names: Iterable[str]) -> str:
    """The most frequent spelling; on a tie the one with the most marks (records typed without diacritics lose
    information), then by text: the name shown never depends on the order the records were read in."""
    counts = Counter(name for name in names if name)
    if not counts:
        return ""
    return max(counts, key=lambda name: (counts[name], sum(ord(c) > 127 for c in name), name))
