"""Finding provinces and regencies from the way people write them.

``Kab. Klungkung``, ``KABUPATEN  klungkung``, ``Klungkung`` and ``Kota Denpasar`` all resolve; a
near miss (``Klungkong``) gets a "did you mean". A bare name shared by a kabupaten and a kota
(``Bogor``) is ambiguous and says so rather than guessing.
"""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from .models import Province, Regency

_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_PROVINCE_PREFIX = re.compile(r"^(provinsi|prov)\s+")
_KOTA_PREFIX = re.compile(r"^(kota\s+administrasi|kotamadya|kodya|kota|kot)\s+")
_KAB_PREFIX = re.compile(r"^(kabupaten\s+administrasi|kabupaten|kab)\s+")

PROVINCE_ALIASES = {
    "dki jakarta": "31",
    "jakarta": "31",
    "dki": "31",
    "di yogyakarta": "34",
    "diy": "34",
    "yogyakarta": "34",
    "jogja": "34",
    "jogjakarta": "34",
    "di aceh": "11",
    "nanggroe aceh darussalam": "11",
    "nad": "11",
    "babel": "19",
    "bangka belitung": "19",
    "kepri": "21",
    "ntb": "52",
    "ntt": "53",
    "sumut": "12",
    "sumbar": "13",
    "sumsel": "16",
    "jabar": "32",
    "jateng": "33",
    "jatim": "35",
    "kalbar": "61",
    "kalteng": "62",
    "kalsel": "63",
    "kaltim": "64",
    "kaltara": "65",
    "sulut": "71",
    "sulteng": "72",
    "sulsel": "73",
    "sultra": "74",
    "sulbar": "76",
    "malut": "82",
}


class RegionLookupError(ValueError):
    """``code`` is ``not_found``, ``ambiguous`` or ``not_in_province``; ``suggestion`` may help."""

    def __init__(self, code: str, message: str, suggestion: str = ""):
        self.code = code
        self.message = message
        self.suggestion = suggestion
        super().__init__(message)


def normalize(text: object) -> str:
    text = _PUNCT.sub(" ", str(text or "").replace("\u00a0", " ").lower())
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class _RegencyEntry:
    code: str
    province_code: str
    name: str
    kind: str
    base: str


@dataclass(frozen=True)
class _Index:
    provinces: dict  # normalized name → code
    province_names: dict  # code → name
    regencies: dict  # base name → tuple of entries
    by_code: dict  # code → entry


def _split_regency(text: str) -> tuple[str | None, str]:
    norm = normalize(text)
    if match := _KOTA_PREFIX.match(norm):
        return "kota", norm[match.end() :]
    if match := _KAB_PREFIX.match(norm):
        return "kabupaten", norm[match.end() :]
    return None, norm


@lru_cache(maxsize=1)
def _index() -> _Index:
    provinces, names = {}, {}
    for code, name in Province.objects.values_list("code", "name"):
        provinces[normalize(name)] = code
        names[code] = name
    for alias, code in PROVINCE_ALIASES.items():
        provinces.setdefault(alias, code)
    regencies: dict[str, list] = {}
    by_code = {}
    for code, province_code, name, kind in Regency.objects.values_list(
        "code", "province_id", "name", "kind"
    ):
        entry = _RegencyEntry(code, province_code, name, kind, _split_regency(name)[1])
        regencies.setdefault(entry.base, []).append(entry)
        by_code[code] = entry
    return _Index(provinces, names, {k: tuple(v) for k, v in regencies.items()}, by_code)


def reset_cache() -> None:
    _index.cache_clear()


def find_province_code(text: object) -> str:
    """The province's code for a name, alias or code; RegionLookupError otherwise."""
    index = _index()
    norm = _PROVINCE_PREFIX.sub("", normalize(text))
    if norm in index.province_names:
        return norm
    if norm in index.provinces:
        return index.provinces[norm]
    if not norm:
        raise RegionLookupError("required", _("Province is required."))
    close = difflib.get_close_matches(norm, list(index.provinces), n=1, cutoff=0.75)
    suggestion = index.province_names[index.provinces[close[0]]] if close else ""
    raise RegionLookupError("not_found", _not_found(_("province"), text, suggestion), suggestion)


def find_regency_code(text: object, province_code: str | None = None) -> str:
    """The regency's code; with ``province_code`` it must also lie in that province."""
    index = _index()
    raw = str(text or "").strip()
    if not raw:
        raise RegionLookupError("required", _("Regency / city is required."))
    if raw in index.by_code:
        entry = index.by_code[raw]
        return _check_province(entry, province_code, index)
    kind, base = _split_regency(raw)
    candidates = [e for e in index.regencies.get(base, ()) if kind is None or e.kind == kind]
    if province_code and len(candidates) > 1:
        in_province = [e for e in candidates if e.province_code == province_code]
        candidates = in_province or candidates
    if len(candidates) == 1:
        return _check_province(candidates[0], province_code, index)
    if len(candidates) > 1:
        options = " / ".join(e.name for e in candidates)
        raise RegionLookupError(
            "ambiguous",
            _("“%(value)s” is ambiguous: write %(options)s.") % {"value": raw, "options": options},
            candidates[0].name,
        )
    pool = [
        e
        for entries in index.regencies.values()
        for e in entries
        if not province_code or e.province_code == province_code
    ]
    if kind:
        pool = [e for e in pool if e.kind == kind] or pool
    by_base = {e.base: e for e in pool}
    close = difflib.get_close_matches(base, list(by_base), n=1, cutoff=0.75)
    suggestion = by_base[close[0]].name if close else ""
    raise RegionLookupError(
        "not_found", _not_found(_("regency / city"), raw, suggestion), suggestion
    )


def _check_province(entry: _RegencyEntry, province_code: str | None, index: _Index) -> str:
    if province_code and entry.province_code != province_code:
        raise RegionLookupError(
            "not_in_province",
            _("%(regency)s lies in %(actual)s, not in %(given)s.")
            % {
                "regency": entry.name,
                "actual": index.province_names.get(entry.province_code, ""),
                "given": index.province_names.get(province_code, province_code),
            },
        )
    return entry.code


def _not_found(what: str, value: object, suggestion: str) -> str:
    if suggestion:
        return _("Unknown %(what)s “%(value)s”. Did you mean “%(suggestion)s”?") % {
            "what": what,
            "value": str(value).strip(),
            "suggestion": suggestion,
        }
    return _("Unknown %(what)s “%(value)s”.") % {"what": what, "value": str(value).strip()}


def find_regency(text: object, province: object = None) -> Regency:
    """Convenience for forms: the Regency object (province given as name or code)."""
    province_code = find_province_code(province) if province else None
    return Regency.objects.select_related("province").get(
        code=find_regency_code(text, province_code)
    )
