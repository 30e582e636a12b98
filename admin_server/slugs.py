"""Web address names ("slugs") in Latin letters, from Kazakh, Russian or English text.

A slug goes into a public address (/t/<slug>) and into printed QR codes, so it holds only a-z, 0-9 and
dashes (at most MAX_LENGTH). Court staff type titles in Cyrillic; `slugify` turns a title into a slug and
`from_typed` takes a slug typed by hand, transliterating Cyrillic instead of refusing it.

The table (CYRILLIC_TO_LATIN) is ASCII only, one way, and readable to a Kazakh or Russian speaker:
- the Kazakh letters follow the official Kazakh Latin alphabet of 2021 with its marks dropped
  (ә→a, ғ→g, қ→q, ң→n, ө→o, ұ→u, ү→u, һ→h, і→i), so қ stays distinct from к (q / k);
- the letters Kazakh shares with Russian follow the common passport-style romanisation
  (ж→zh, х→kh, ц→ts, ч→ch, ш→sh, щ→shch, ю→yu, я→ya, й→y, ы→y; ъ and ь are dropped; ё→e).
Latin letters with marks (é, ü) lose the marks; anything else separates words.
The admin's script (static/admin/admin.js) gets the same table from the page and applies the same steps.
"""
import re
import unicodedata
from typing import Callable

MAX_LENGTH = 63
SLUG_RE = re.compile(r"\A[a-z0-9](?:[a-z0-9-]{0,62})\Z")

CYRILLIC_TO_LATIN = {
    # Russian (and Kazakh) letters
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
    # Kazakh letters
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}


def _latin(char: str) -> str:
    """One lowercase character in Latin letters; "" when it has none (a mark, a symbol, another script)."""
    if char in CYRILLIC_TO_LATIN:
        return CYRILLIC_TO_LATIN[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base.isascii() else ""


def transliterate(text: str) -> str:
    """`text` in lowercase with Cyrillic letters in Latin (other characters as they are)."""
    out = []
    for char in unicodedata.normalize("NFC", text or "").lower():
        latin = _latin(char)
        out.append(latin if latin or char in CYRILLIC_TO_LATIN else char)
    return "".join(out)


def _cut(slug: str, length: int) -> str:
    """At most `length` characters, cut at a dash when one is near, with no dash at either end."""
    if len(slug) > length:
        slug = slug[:length]
        if "-" in slug[length // 2:]:
            slug = slug.rsplit("-", 1)[0]
    return slug.strip("-")


def slugify(text: str, length: int = MAX_LENGTH) -> str:
    """A slug for a title: "Некені бұзу туралы талап қою" -> "nekeni-buzu-turaly-talap-qoyu"; may be ""."""
    words = re.sub(r"[^a-z0-9]+", "-", "".join(_latin(c) for c in unicodedata.normalize("NFC", text or "").lower()))
    return _cut(words, length)


def from_typed(text: str) -> tuple[str, list[str]]:
    """A slug typed by hand: (the slug, the characters that cannot be in one).

    Cyrillic is transliterated, capitals lowered, spaces and underscores become dashes, dashes at the ends go.
    Anything else left (/, ?, #, a letter of another script) is listed, for a sentence naming it.
    """
    slug = re.sub(r"[\s_]+", "-", transliterate(text.strip()))
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    bad = sorted({c for c in slug if not re.match(r"[a-z0-9-]", c)})
    return slug, bad


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text or ""))


def unique(slug: str, taken: Callable[[str], bool], length: int = MAX_LENGTH) -> str:
    """`slug`, or `slug-2`, `slug-3` ... (kept within `length`), the first one `taken` says is free."""
    candidate, n = slug, 1
    while taken(candidate):
        n += 1
        suffix = f"-{n}"
        candidate = _cut(slug, length - len(suffix)) + suffix
    return candidate
