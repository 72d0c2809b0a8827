"""Danish search that also finds compound words by their parts.

Danish glues words together: a reader searching for "detektiv" expects
Hverdagsdetektiven, and "kontakt" should find skolekontakter. Sphinx's search
matches whole (stemmed) words and only falls back to substrings when a word is
missing from the index altogether, so compound titles lose to plain mentions.
We index the known parts of each compound as extra words, in text and titles.
"""
from __future__ import annotations

from sphinx.search.da import SearchDanish

# Parts of this handbook's compound words that readers search for on their own.
PARTS = (
    "detektiv", "batteri", "energi", "konflikt", "trappe", "hjul", "løsning", "fællesskab",
    "skole", "kontakt", "samtale", "møde", "brev", "forløb", "session", "voksne", "barn", "børn",
    "vidensdeling", "opfølgning", "forankring", "samarbejde", "træn", "giraf", "ulv", "sprog",
    "information", "dagsorden", "diplom", "plan", "mestring", "netværk", "fidelitet",
)
MIN_REST = 5  # a compound needs another real part; "detektiven" is just an inflection


def compound_parts(word: str) -> list[str]:
    low = word.lower()
    return [p for p in PARTS if p in low and len(low) - len(p) >= MIN_REST]


class CompoundDanish(SearchDanish):
    def split(self, input: str) -> list[str]:
        words = super().split(input)
        return words + [part for w in words for part in compound_parts(w)]


def setup(app) -> None:
    app.add_search_language(CompoundDanish)
