"""Product search that copes with the way people type on a phone.

``search_products(queryset, text)`` keeps the products matching every word of ``text``. A word
matches when it is a prefix of a word of the product's name or description (PostgreSQL full-text,
``simple`` configuration: there is no Indonesian stemmer), when it is close to a word of the name
(pg_trgm word similarity, so ``gayoo`` finds ``Gayo`` and ``anyamn`` finds ``Anyaman``), or when it
names the product's category. Results carry ``search_rank`` and come best first.

On SQLite (``make run``) a simpler fallback applies: substring matches, with a one-letter-shorter
stem for long words so a trailing typo still matches.
"""

import difflib
import re

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections
from django.db.models import BooleanField, F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from .models import Category

MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MIN_FUZZY_LENGTH = 4  # shorter words match too much by trigrams
FUZZY_RATIO = 0.8  # difflib ratio for a category name word (``anyamn`` ~ ``anyaman``)

# A stored generated column made by migration 0003_search_indexes (PostgreSQL only).
VECTOR_SQL = "catalog_product.search_vector"

_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(text: str | None) -> list[str]:
    """The distinct lower-case words of a query, in order, at most ``MAX_WORDS``."""
    words: list[str] = []
    for word in _WORD.findall((text or "").lower()):
        word = word.replace("_", "")[:MAX_WORD_LENGTH]
        if word and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def search_products(queryset: QuerySet, text: str | None) -> QuerySet:
    """Narrow a Product queryset to what matches ``text``, best matches first."""
    words = search_words(text)
    if not words:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgresql(queryset, words)
    return _search_fallback(queryset, words)


def _category_ids(words: list[str]) -> dict[str, list[int]]:
    """For each word, the categories it names (children included), typos forgiven.

    The category table is small (a few dozen rows): one query, matched in Python, gives the
    planner plain ``category_id IN (…)`` lists it can serve from the foreign-key index.
    """
    rows = list(Category.objects.values_list("pk", "parent_id", "name", "name_en"))
    children: dict[int, list[int]] = {}
    for pk, parent_id, _name, _name_en in rows:
        if parent_id:
            children.setdefault(parent_id, []).append(pk)
    found: dict[str, list[int]] = {}
    for word in words:
        ids: set[int] = set()
        for pk, _parent_id, name, name_en in rows:
            if _names_word(f"{name} {name_en}".lower(), word):
                ids.add(pk)
                ids.update(children.get(pk, []))
        found[word] = sorted(ids)
    return found


def _names_word(text: str, word: str) -> bool:
    """A word of the name starts with ``word``, or (long words) nearly equals it."""
    parts = _WORD.findall(text)
    if any(part.startswith(word) for part in parts):
        return True
    if len(word) < MIN_FUZZY_LENGTH:
        return False
    return any(difflib.SequenceMatcher(None, word, part).ratio() >= FUZZY_RATIO for part in parts)


def _search_postgresql(queryset: QuerySet, words: list[str]) -> QuerySet:
    categories = _category_ids(words)
    for word in words:
        matches = Q(
            RawSQL(  # noqa: S611 - constant SQL, the word is a bound parameter
                f"{VECTOR_SQL} @@ to_tsquery('simple'::regconfig, %s)",
                [f"{word}:*"],
                output_field=BooleanField(),
            )
        )
        if categories[word]:
            matches |= Q(category_id__in=categories[word])
        if len(word) >= MIN_FUZZY_LENGTH:
            matches |= Q(name__trigram_word_similar=word) | Q(name_en__trigram_word_similar=word)
        queryset = queryset.filter(matches)
    any_word = " | ".join(f"{word}:*" for word in words)
    phrase = " ".join(words)
    return queryset.annotate(
        search_rank=RawSQL(  # noqa: S611 - constant SQL, the words are a bound parameter
            f"ts_rank({VECTOR_SQL}, to_tsquery('simple'::regconfig, %s))",
            [any_word],
            output_field=FloatField(),
        )
        + TrigramWordSimilarity(Value(phrase), F("name"))
    ).order_by("-search_rank", "-created_at", "-pk")


def _search_fallback(queryset: QuerySet, words: list[str]) -> QuerySet:
    categories = _category_ids(words)
    for word in words:
        stems = {word}
        if len(word) >= 5:
            stems.add(word[:-1])
        matches = Q(category_id__in=categories[word])
        for stem in stems:
            matches |= (
                Q(name__icontains=stem)
                | Q(name_en__icontains=stem)
                | Q(description__icontains=stem)
            )
        queryset = queryset.filter(matches)
    return queryset.annotate(search_rank=Value(0.0, output_field=FloatField())).order_by(
        "-created_at", "-pk"
    )
