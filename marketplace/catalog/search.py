"""Product search that copes with the way people type on a phone.

``search_products(queryset, text)`` keeps the products matching every word of ``text``. A word
matches when it is a prefix of a word of the product's name or description (PostgreSQL full-text,
``simple`` configuration: there is no Indonesian stemmer), when it is close to a word of the name
(pg_trgm word similarity, so ``gayoo`` finds ``Gayo`` and ``anyamn`` finds ``Anyaman``), or when it
names the product's category. Results carry ``search_rank`` and come best first.

Comparing a typo with every product name costs a sequential scan (50 ms on 10,000 products), so
typos are first corrected against ``SearchWord``, the few thousand distinct words of product names
(``services.refresh_search_words``), with one query for all the words of a search:

a. a word that starts a vocabulary word (or, failing that and b, occurs in the full text, e.g.
   only in descriptions) matches by prefix full text;
b. a word close to vocabulary words (``gayoo`` → ``gayo``) matches by prefix full text on itself
   or on up to ``MAX_CORRECTIONS`` of them;
c. any other word (a vocabulary not yet refreshed, a word nobody sells) keeps the trigram
   comparison with every name, so results never depend on the vocabulary being fresh.

What the vocabulary says of a word is kept in the worker for ``LOOKUP_SECONDS``. Staleness changes
only which corrections or trigram comparisons a word gets: on every path the word itself matches
the products' full text as a prefix.

On every path a word that names a category also matches that category's products. The full-text
parts of the words that name no category become one tsquery (``madu:* & (gayoo:* | gayo:*)``),
one ``@@`` per row; the rank is ``ts_rank`` over every term (name words weigh more than the
description; a category-only match ranks last), plus the trigram similarity of the name only when
some word took path c.

On SQLite (``make run``) a simpler fallback applies: substring matches, with a one-letter-shorter
stem for long words so a trailing typo still matches.
"""

import difflib
import functools
import re
import time

from django.db import connections
from django.db.models import BooleanField, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from .models import Category

MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MIN_FUZZY_LENGTH = 4  # shorter words match too much by trigrams
MAX_CORRECTIONS = 3  # vocabulary words tried for a word that starts none
FUZZY_RATIO = 0.8  # difflib ratio for a category name word (``anyamn`` ~ ``anyaman``)

# A stored generated column made by migration 0003_search_indexes (PostgreSQL only).
VECTOR_SQL = "catalog_product.search_vector"

_WORD = re.compile(r"\w+", re.UNICODE)
_TERM = re.compile(r"[^\W_]+", re.UNICODE)  # safe to put in tsquery text as it is

# Per word, one branch of a UNION ALL: does a vocabulary word start with it (the varchar_pattern_ops
# index), which vocabulary words are close to it (the trigram index on the small table, only when
# none starts with it), and does any product's full text contain it (the GIN index on
# ``search_vector``, only when neither). ``OFFSET 0`` keeps each answer computed once.
_LOOKUP_SQL = (
    "SELECT %s::text, known, corrections, known OR cardinality(corrections) > 0"  # noqa: S608
    f" OR (SELECT count(*) FROM catalog_product WHERE {VECTOR_SQL}"
    " @@ to_tsquery('simple'::regconfig, %s)) > 0"
    " FROM (SELECT known, CASE WHEN known OR NOT %s THEN '{}'::text[] ELSE ARRAY("
    "SELECT word::text FROM catalog_searchword WHERE word %%> %s"
    f" ORDER BY word_similarity(%s, word) DESC, documents DESC, word LIMIT {MAX_CORRECTIONS}"
    ") END AS corrections FROM (SELECT EXISTS ("
    "SELECT 1 FROM catalog_searchword WHERE word LIKE %s) AS known OFFSET 0) AS k OFFSET 0) AS c"
)


def search_words(text: str | None) -> list[str]:
    """The distinct lower-case words of a query, in order, at most ``MAX_WORDS``."""
    words: list[str] = []
    for word in _WORD.findall((text or "").lower()):
        word = word.replace("_", "")[:MAX_WORD_LENGTH]
        if word and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def search_products(
    queryset: QuerySet, text: str | None, *, categories: list[Category] | None = None
) -> QuerySet:
    """Narrow a Product queryset to what matches ``text``, best matches first.

    ``categories``: all categories, when the caller keeps them at hand (the storefront does),
    so the search does not read them again.
    """
    words = search_words(text)
    if not words:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    rows = None
    if categories is not None:
        rows = [(row.pk, row.parent_id, row.name, row.name_en) for row in categories]
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgresql(queryset, words, rows)
    return _search_fallback(queryset, words, rows)


def _category_ids(words: list[str], rows: list[tuple] | None = None) -> dict[str, tuple[int, ...]]:
    """For each word, the categories it names (children included), typos forgiven.

    The category table is small (a few dozen rows of ``(pk, parent_id, name, name_en)``),
    matched in Python: the planner gets plain ``category_id IN (…)`` lists it can serve from the
    foreign-key index.
    """
    if rows is None:
        rows = list(Category.objects.values_list("pk", "parent_id", "name", "name_en"))
    rows = tuple(rows)
    return {word: _word_category_ids(word, rows) for word in words}


@functools.lru_cache(maxsize=512)
def _word_category_ids(word: str, rows: tuple[tuple, ...]) -> tuple[int, ...]:
    """Kept per (word, category rows): comparing a word with every category name by difflib
    was a tenth of a search page, and people search for the same few words."""
    children: dict[int, list[int]] = {}
    for pk, parent_id, _name, _name_en in rows:
        if parent_id:
            children.setdefault(parent_id, []).append(pk)
    ids: set[int] = set()
    for pk, _parent_id, name, name_en in rows:
        if _names_word(f"{name} {name_en}".lower(), word):
            ids.add(pk)
            ids.update(children.get(pk, []))
    return tuple(sorted(ids))  # shared by later calls: not a list anyone could change


def _names_word(text: str, word: str) -> bool:
    """A word of the name starts with ``word``, or (long words) nearly equals it."""
    parts = _WORD.findall(text)
    if any(part.startswith(word) for part in parts):
        return True
    if len(word) < MIN_FUZZY_LENGTH:
        return False
    return any(_close(word, part) for part in parts)


def _close(word: str, part: str) -> bool:
    """difflib ratio at least ``FUZZY_RATIO``; cheap upper bounds first, as get_close_matches."""
    matcher = difflib.SequenceMatcher(None, word, part)
    return (
        matcher.real_quick_ratio() >= FUZZY_RATIO
        and matcher.quick_ratio() >= FUZZY_RATIO
        and matcher.ratio() >= FUZZY_RATIO
    )


# A word's SQL conditions. The search's conditions and rank are written as SQL and reach the
# queryset as one condition and one annotation: built from Q objects and lookups, the filter
# alone cost a search page more time than PostgreSQL took to match it.
FULL_TEXT_SQL = f"{VECTOR_SQL} @@ to_tsquery('simple'::regconfig, %s)"
RANK_SQL = f"ts_rank({VECTOR_SQL}, to_tsquery('simple'::regconfig, %s))"
# ``%%>``: pg_trgm's word-similarity operator, escaped for the driver's placeholders.
CLOSE_NAME_SQL = "catalog_product.name %%> %s OR catalog_product.name_en %%> %s"


def _search_postgresql(
    queryset: QuerySet, words: list[str], rows: list[tuple] | None = None
) -> QuerySet:
    categories = _category_ids(words, rows)
    terms = _full_text_terms(queryset.db, words)
    together: list[str] = []  # words without categories: one tsquery, so one @@ per row
    conditions: list[tuple[str, list]] = []
    ranked: list[str] = []
    for word in words:
        if not terms[word]:
            conditions.append(_trigram_condition(word, categories[word]))
            ranked.append(word)
        elif categories[word]:
            conditions.append(_any_of([_any_prefix(terms[word])], categories[word]))
            ranked.extend(terms[word])
        else:
            together.append(_any_prefix(terms[word]))
            ranked.extend(terms[word])
    if together:
        conditions.insert(0, (FULL_TEXT_SQL, [" & ".join(together)]))
    matches = RawSQL(  # noqa: S611 - constant fragments, every value a bound parameter
        " AND ".join(f"({sql})" for sql, _params in conditions),
        [param for _sql, params in conditions for param in params],
        output_field=BooleanField(),
    )
    rank_sql, rank_params = RANK_SQL, [_any_prefix(list(dict.fromkeys(ranked)))]
    if not all(terms.values()):
        rank_sql += " + word_similarity(%s, catalog_product.name)"
        rank_params.append(" ".join(words))
    rank = RawSQL(rank_sql, rank_params, output_field=FloatField())  # noqa: S611 - as above
    return (
        queryset.filter(matches)
        .annotate(search_rank=rank)
        .order_by("-search_rank", "-created_at", "-pk")
    )


def _any_of(tsqueries: list[str], category_ids: tuple[int, ...]) -> tuple[str, list]:
    """Full text matching any of ``tsqueries``, or a product of one of the categories."""
    parts = [FULL_TEXT_SQL] * len(tsqueries)
    params: list = list(tsqueries)
    if category_ids:
        parts.append(f"catalog_product.category_id IN ({', '.join(['%s'] * len(category_ids))})")
        params.extend(category_ids)
    return " OR ".join(parts), params


def _trigram_condition(word: str, category_ids: tuple[int, ...]) -> tuple[str, list]:
    """Path c: full text, categories or a name close to the word, compared row by row."""
    sql, params = _any_of([_any_prefix([word])], category_ids)
    if len(word) >= MIN_FUZZY_LENGTH:
        sql, params = f"{sql} OR {CLOSE_NAME_SQL}", [*params, word, word]
    return sql, params


# What the vocabulary said of a word, kept in the worker for a minute: people search for the
# same few words, and the look-up was a round trip of its own on every search. Results never
# depend on it being fresh: every path still matches the products' own full text (see above).
LOOKUP_SECONDS = 60
LOOKUP_MEMO_SIZE = 4096
_lookups: dict[tuple[str, str], tuple[float, list[str]]] = {}


def forget_word_lookups() -> None:
    """Drop the kept look-ups (the vocabulary was just refreshed, or a test starts)."""
    _lookups.clear()


def _full_text_terms(alias: str, words: list[str]) -> dict[str, list[str]]:
    """For each word, the words it matches as prefixes in the full text; [] for path c.

    One query for all the words not looked up in the last ``LOOKUP_SECONDS``. Words reach it
    as bound parameters; a ``\\w+`` word holds no LIKE wildcard (``search_words`` drops ``_``).
    """
    now = time.monotonic()
    terms: dict[str, list[str]] = {}
    for word in words:
        kept = _lookups.get((alias, word))
        if kept is not None and kept[0] > now:
            terms[word] = kept[1]
    missing = [word for word in words if word not in terms]
    if not missing:
        return terms
    params: list = []
    for word in missing:
        fuzzy = len(word) >= MIN_FUZZY_LENGTH
        params += [word, f"{word}:*", fuzzy, word, word, f"{word}%"]
    with connections[alias].cursor() as cursor:
        cursor.execute(" UNION ALL ".join([_LOOKUP_SQL] * len(missing)), params)
        rows = cursor.fetchall()
    if len(_lookups) + len(rows) > LOOKUP_MEMO_SIZE:
        _lookups.clear()
    for word, known, corrections, in_full_text in rows:
        close = [term for term in corrections if _TERM.fullmatch(term) and term != word]
        terms[word] = [word, *close] if known or close or in_full_text else []
        _lookups[(alias, word)] = (now + LOOKUP_SECONDS, terms[word])
    return terms


def _any_prefix(terms: list[str]) -> str:
    """tsquery text: any of ``terms`` as a prefix (``\\w+`` words only, see ``search_words``)."""
    text = " | ".join(f"{term}:*" for term in terms)
    return f"({text})" if len(terms) > 1 else text


def _search_fallback(
    queryset: QuerySet, words: list[str], rows: list[tuple] | None = None
) -> QuerySet:
    categories = _category_ids(words, rows)
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
