"""Group a corpus into events (articles about one incident) and each event into origins.

Blocking keeps the cost near-linear: every article becomes a short bag of words (title words,
capitalised phrases and content words of its opening), weighted by TF-IDF over the corpus with
the very common words and each outlet's boilerplate dropped (words in a large share of its
articles, and opening paragraphs it puts atop differently titled stories: cookie banners,
byline blocks, one page scraped under several headlines); only articles within
:attr:`GroupingConfig.window_days` of each other are compared (articles without a date are
compared with all), one day against its window at a time, by a sparse matrix product. A pair
is linked when wording and meaning agree: above ``link_threshold`` its MiniLM embeddings (title
and opening, computed only for articles in candidate pairs) must reach ``embedding_floor``, in
the grey zone below it ``embedding_threshold``. Linked articles are merged greedily, strongest pair first,
and two groups merge only when enough of their members are linked (average-linkage on the
sparse graph), so one loose pair does not chain two stories together.

Scope: a pair, or two groups, whose titles and opening sentences name different places (US
states, countries an event is in, or a state against the whole nation: "nationwide", "national
poll", "in the United States") are never one event: a state poll and a national one, or a Texas
poll and one in Germany, released the same day, share nearly all their words and meaning, and
their figures (52% to 44% in Pennsylvania, 52% to 42% nationally) would be set against each
other as one event's. Countries are named as the CLDR (Babel) and the IANA time zone database's ISO 3166
table (pytz) write them ("Türkiye" and "Turkey", "Czechia" and "Czech Republic").

Origins: syndicated copies (near-duplicate texts, by bottom-k MinHash of word 4-shingles) and
articles of the same publisher count as one origin.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse

from veracity.corroborate.figures import content_words, extract_entities
from veracity.nlp.places import NATIONAL, US_STATES, country_names

SKETCH_SIZE = 64
SKETCH_CHARS = 3000
BOILERPLATE_MIN_ARTICLES = 5
BOILERPLATE_SHARE = 0.3
LEAD_CHARS = 1000
MAX_PARAGRAPHS = 60  # opening paragraphs told apart (bits of a token's mask)
HASH_FEATURES = 1 << 22
Embedder = Callable[[Sequence[str]], np.ndarray]
SCOPE_CHARS = 300  # of the body's opening read for its place when it has no full stop sooner

# A state's name followed by one of these names something else: a city, a newspaper, a
# university, a person ("Kansas City", "New York Times", "Ohio State", "Indiana Jones").
_NOT_THE_STATE = (
    "City", "Times", "Post", "Tribune", "Journal", "Herald", "Gazette", "Daily", "University",
    "College", "State", "Tech", "Avenue", "Street", "Jones", "Woolf",
)  # fmt: skip


# Where a country names the event's place, not an actor ("the United States said", "Russia
# warned Ukraine"): after one of these words. Chosen on the FNC-1 development events: any
# mention of a country set 26 of their 2,377 same-event pairs apart (Afghanistan and Canada in
# one soldier's story, Syria and "the United States"), a country after these words none.
_IN_A_COUNTRY = r"(?:in|across|throughout)\s+(?:the\s+)?"


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    """US states (any mention), countries (:func:`country_names`, after
    :data:`_IN_A_COUNTRY`) and the whole nation, longest name first ("Equatorial Guinea"
    before "Guinea")."""
    states = sorted(US_STATES, key=len, reverse=True)
    countries = sorted(country_names(), key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:(?P<state>"
        + "|".join(states)
        + r")(?!\s+(?:"
        + "|".join(_NOT_THE_STATE)
        + r")\b)(?![\w-])|(?P<washington>Washington\s+[Ss]tate)(?!\s+[A-Z])"
        + r"|(?P<nation>(?i:nationwide|nationally|national\s+(?:poll|survey|average))\b)"
        + r"|"
        + _IN_A_COUNTRY
        + r"(?P<country>"
        + "|".join(re.escape(n) for n in countries)
        + r")(?![\w-]))"
    )


@dataclass(frozen=True)
class GroupingConfig:
    """Thresholds of the event grouping. ``link_threshold``, ``embedding_floor`` and
    ``min_link_density`` were chosen together (``bench/corroboration.py``, docs/benchmarks.md)
    on the FNC-1 development events and the ReCOVery development labels: the best mean F1 of
    purity and inverse purity among settings of purity >= 0.99 on FNC-1 and >= 0.90 on
    ReCOVery (purity first, because a large corpus has more stories that share words)."""

    window_days: int = 3
    link_threshold: float = 0.25
    grey_threshold: float = 0.14
    embedding_threshold: float = 0.60  # MiniLM agreement a grey-zone pair needs
    embedding_floor: float = 0.50  # and a pair at or above link_threshold
    min_link_density: float = 0.35
    max_df_fraction: float = 0.02
    min_max_df: int = 50
    near_duplicate: float = 0.5
    skip_repeated_openings: bool = True  # an outlet's opening atop different stories
    same_publisher_link: float = 0.6  # one outlet's articles share boilerplate and style
    max_embedded: int = 2000  # articles embedded for candidate pairs (MiniLM is the slow part)


@dataclass
class ArticleKey:
    """What grouping needs of one article: its words, day, publisher and text sketch.

    ``segments``: per token, the bit mask of the opening paragraphs it occurs in (0: from the
    title, always kept); ``openings``: a hash of each opening paragraph, so that text an outlet
    repeats at the top of different stories (cookie banners, a byline block, one page's body
    scraped under several headlines) can be left out of the comparison."""

    position: int
    day: int | None
    publisher: str | None
    tokens: np.ndarray  # hashed words (repeated as often as they occur)
    sketch: np.ndarray
    lead: str
    segments: np.ndarray | None = None
    openings: tuple[int, ...] = ()
    title: str = ""
    paragraphs: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()

    def embedding_text(self, skipped: int = 0) -> str:
        """Title and opening for MiniLM, the paragraphs of the ``skipped`` bit mask left out."""
        if not skipped:
            return self.lead
        kept = " ".join(p for k, p in enumerate(self.paragraphs) if not skipped >> k & 1)
        return f"{self.title}. {kept[:300]}" if self.title else kept[:400]


def article_places(title: str | None, text: str) -> frozenset[str]:
    """The places an article's title and opening sentence name: US states (lower case),
    countries an event is in ("in Germany", "across the United States": :func:`country_names`)
    and ``NATIONAL`` for the whole nation. A name counts only capitalised, and "Washington"
    only as "Washington state" (alone it is the capital, or the government)."""
    opening = text.lstrip()[:SCOPE_CHARS]
    stop = re.search(r"[.!?](?=\s+[A-Z\"“‘'])|\n", opening)
    opening = opening[: stop.start()] if stop else opening
    places = set()
    for match in _place_pattern().finditer(f"{title or ''}\n{opening}"):
        if match.group("nation"):
            places.add(NATIONAL)
        elif match.group("country"):
            places.add(country_names()[match.group("country")])
        else:
            places.add((match.group("state") or "washington").lower())
    return frozenset(places)


def scopes_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name places and none in common: two events (a state's story and another state's
    or the nation's)."""
    return bool(a) and bool(b) and not a & b


def _paragraph_hash(paragraph: str) -> int:
    return zlib.crc32(" ".join(paragraph.lower().split()).encode())


def article_key(
    position: int, title: str | None, text: str, day: int | None, publisher: str | None
) -> ArticleKey:
    """The grouping key of one article (title may be None; the text is the body)."""
    title = title or ""
    lead = text[:LEAD_CHARS]
    paragraphs = tuple(p.strip() for p in lead.split("\n") if p.strip())[:MAX_PARAGRAPHS]
    title_words = content_words(title)
    entities = dict.fromkeys(extract_entities(title), 0)
    words: dict[str, int] = {}
    for k, paragraph in enumerate(paragraphs):
        for entity in extract_entities(paragraph):
            if entities.get(entity) != 0:
                entities[entity] = entities.get(entity, 0) | 1 << k
        for word in content_words(paragraph):
            words[word] = words.get(word, 0) | 1 << k
    tokens = [
        *((f"t:{w}", 0) for w in title_words),
        *((w, 0) for w in title_words),
        *((f"e:{e}", mask) for e, mask in entities.items()),
        *words.items(),
    ]
    return ArticleKey(
        position=position,
        day=day,
        publisher=publisher.strip().lower() if publisher and publisher.strip() else None,
        tokens=np.fromiter(
            (zlib.crc32(t.encode()) % HASH_FEATURES for t, _ in tokens),
            dtype=np.int32,
            count=len(tokens),
        ),
        sketch=_sketch(text),
        lead=f"{title}. {lead[:300]}" if title else lead[:400],
        segments=np.fromiter((mask for _, mask in tokens), dtype=np.int64, count=len(tokens)),
        openings=tuple(_paragraph_hash(p) for p in paragraphs),
        title=title,
        paragraphs=paragraphs,
        places=article_places(title, text),
    )


def _sketch(text: str) -> np.ndarray:
    """Bottom-k MinHash of the word 4-shingles of the text's opening (copies share it).

    Each word is hashed once (crc32: stable across processes) and a shingle's hash is a
    polynomial of its four word hashes, computed for all shingles at once."""
    words = text[:SKETCH_CHARS].lower().split()
    if not words:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(hashes) >= 4:
        hashes = (
            hashes[:-3] * 0x9E3779B1
            + hashes[1:-2] * 0x85EBCA77
            + hashes[2:-1] * 0xC2B2AE3D
            + hashes[3:]
        )
    return np.unique((hashes & 0xFFFFFFFF).astype(np.uint32))[:SKETCH_SIZE]


def sketch_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two bottom-k sketches."""
    if not len(a) or not len(b):
        return 0.0
    union = np.union1d(a, b)[:SKETCH_SIZE]
    both = np.intersect1d(np.intersect1d(a, b), union, assume_unique=True)
    return len(both) / len(union)


def _publisher_boilerplate(keys: Sequence[ArticleKey]) -> dict[str, np.ndarray]:
    """Per publisher (of enough articles), the words in a large share of its articles: bylines,
    sign-up lines, section names, which would make its unrelated stories look alike."""
    by_publisher: dict[str, list[np.ndarray]] = defaultdict(list)
    for key in keys:
        if key.publisher is not None:
            by_publisher[key.publisher].append(np.unique(key.tokens))
    boilerplate = {}
    for publisher, token_sets in by_publisher.items():
        if len(token_sets) >= BOILERPLATE_MIN_ARTICLES:
            tokens, counts = np.unique(np.concatenate(token_sets), return_counts=True)
            boilerplate[publisher] = tokens[counts >= BOILERPLATE_SHARE * len(token_sets)]
    return boilerplate


def repeated_openings(keys: Sequence[ArticleKey]) -> dict[int, int]:
    """Per article (position in ``keys``), the bit mask of its opening paragraphs that its
    publisher also puts at the top of a differently titled article: not the story's text."""
    first_title: dict[tuple[str, int], int] = {}
    repeated: set[tuple[str, int]] = set()
    for key in keys:
        if key.publisher is not None:
            title = zlib.crc32(" ".join(key.title.lower().split()).encode())
            for opening in key.openings:
                seen = first_title.setdefault((key.publisher, opening), title)
                if seen != title:
                    repeated.add((key.publisher, opening))
    skipped = {}
    for i, key in enumerate(keys):
        if key.publisher is None:
            continue
        mask = sum(
            1 << k for k, opening in enumerate(key.openings) if (key.publisher, opening) in repeated
        )
        if mask:
            skipped[i] = mask
    return skipped


def _tfidf(
    keys: Sequence[ArticleKey], config: GroupingConfig, skipped: dict[int, int] | None = None
) -> sparse.csr_matrix:
    """Rows of L2-normalised sublinear TF-IDF over hashed tokens; common tokens, each
    publisher's boilerplate words and its repeated openings (``skipped``) dropped."""
    boilerplate = _publisher_boilerplate(keys)
    skipped = skipped or {}
    indptr, indices, data = [0], [], []
    for i, key in enumerate(keys):
        tokens = key.tokens
        if i in skipped and key.segments is not None:
            segments = key.segments
            tokens = tokens[(segments == 0) | (segments & ~np.int64(skipped[i]) != 0)]
        if key.publisher in boilerplate:
            tokens = tokens[~np.isin(tokens, boilerplate[key.publisher])]
        features, counts = np.unique(tokens, return_counts=True)
        indices.extend(features.tolist())
        data.extend((1.0 + np.log(counts)).tolist())
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
        shape=(len(keys), HASH_FEATURES),
    )
    df = np.bincount(matrix.indices, minlength=HASH_FEATURES)
    n = max(len(keys), 1)
    max_df = max(config.min_max_df, int(config.max_df_fraction * n))
    idf = np.log((1 + n) / (1 + df)).astype(np.float32) + 1.0
    idf[df > max_df] = 0.0
    idf[df < 2] = 0.0  # a word no other article has links nothing
    matrix = matrix @ sparse.diags(idf)
    matrix.eliminate_zeros()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _candidate_pairs(
    keys: Sequence[ArticleKey], matrix: sparse.csr_matrix, config: GroupingConfig
) -> dict[tuple[int, int], float]:
    """Pairs (i < j) at or above the grey threshold, compared only within date windows."""
    by_day: dict[int, list[int]] = defaultdict(list)
    undated: list[int] = []
    for i, key in enumerate(keys):
        (undated if key.day is None else by_day[key.day]).append(i)
    pairs: dict[tuple[int, int], float] = {}

    def compare(rows: list[int], cols: list[int]) -> None:
        for start in range(0, len(rows), 2000):
            block = rows[start : start + 2000]
            product = (matrix[block] @ matrix[cols].T).tocoo()
            keep = product.data >= config.grey_threshold
            for r, c, value in zip(
                product.row[keep], product.col[keep], product.data[keep], strict=True
            ):
                i, j = block[r], cols[c]
                if i != j:
                    pairs[(min(i, j), max(i, j))] = float(value)

    days = sorted(by_day)
    window: list[int] = []
    first = 0
    for day in days:
        while days[first] < day - config.window_days:
            first += 1
        window = [i for d in days[first : days.index(day, first) + 1] for i in by_day[d]]
        compare(by_day[day], window)
    if undated:
        compare(undated, list(range(len(keys))))
    return pairs


def minilm_embedder() -> Embedder | None:
    """MiniLM for the grouping's pairs, or None where it is not installed (the wording decides)."""
    from veracity.embeddings import embed, get_encoder
    from veracity.errors import ModelError

    try:
        get_encoder()
    except ModelError:
        return None
    return embed


def group_events(
    keys: Sequence[ArticleKey],
    config: GroupingConfig | None = None,
    embed: Embedder | None = None,
    focus: int | None = None,
) -> list[list[int]]:
    """Events as lists of positions in ``keys`` (every article in exactly one event).

    ``focus``: only the event of the article at this position is wanted (one article against
    a store): pairs that no chain of candidate pairs joins to it are left unconfirmed, so
    MiniLM embeds only the articles that can join its event. Its event is the one the whole
    grouping gives (articles merge only along confirmed pairs), except that none of its pairs
    is past MiniLM's budget (``max_embedded``) and decided on wording alone."""
    config = config or GroupingConfig()
    if not keys:
        return []
    skipped = repeated_openings(keys) if config.skip_repeated_openings else {}
    pairs = _candidate_pairs(keys, _tfidf(keys, config, skipped), config)
    if focus is not None:
        reachable = _reachable(focus, pairs)
        pairs = {(i, j): s for (i, j), s in pairs.items() if i in reachable}
    edges = _confirm_pairs(keys, pairs, config, embed, skipped)
    return _average_link(len(keys), edges, config.min_link_density, [k.places for k in keys])


def _reachable(start: int, pairs: dict[tuple[int, int], float]) -> set[int]:
    """The articles that a chain of ``pairs`` joins to ``start``, itself included."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        neighbours[i].append(j)
        neighbours[j].append(i)
    seen, pending = {start}, [start]
    while pending:
        for other in neighbours[pending.pop()]:
            if other not in seen:
                seen.add(other)
                pending.append(other)
    return seen


def _confirm_pairs(
    keys: Sequence[ArticleKey],
    pairs: dict[tuple[int, int], float],
    config: GroupingConfig,
    embed: Embedder | None,
    skipped: dict[int, int] | None = None,
) -> list[tuple[float, int, int]]:
    """Links: pairs whose wording and meaning agree. From ``link_threshold`` the MiniLM
    embeddings of title and opening must reach ``embedding_floor`` (in a corpus about one
    topic, say COVID-19, stories that share the topic's names and words are not one event);
    in the grey zone below they must reach ``embedding_threshold``. Without embeddings (no
    encoder, or past ``max_embedded`` articles) the wording decides. Two articles of one
    publisher need a much closer wording: their boilerplate (bylines, related links, sign-up
    lines) makes unrelated stories look alike, and they count as one origin anyway. Articles
    that name different places (:func:`scopes_differ`) are never linked."""
    skipped = skipped or {}
    pairs = {
        (i, j): s
        for (i, j), s in pairs.items()
        if (
            s >= config.same_publisher_link
            or keys[i].publisher is None
            or keys[i].publisher != keys[j].publisher
        )
        and not scopes_differ(keys[i].places, keys[j].places)
    }
    ranked = sorted(((s, i, j) for (i, j), s in pairs.items()), reverse=True)
    if embed is None or not ranked:
        return [(s, i, j) for s, i, j in ranked if s >= config.link_threshold]
    chosen: set[int] = set()
    for _, i, j in ranked:  # the closest pairs first, within the embedding budget
        if len(chosen | {i, j}) > config.max_embedded:
            break
        chosen.update((i, j))
    involved = sorted(chosen)
    vectors = embed([keys[i].embedding_text(skipped.get(i, 0)) for i in involved])
    row = {position: k for k, position in enumerate(involved)}
    edges = []
    for s, i, j in ranked:
        if i not in row or j not in row:
            if s >= config.link_threshold:
                edges.append((s, i, j))
            continue
        similarity = float(vectors[row[i]] @ vectors[row[j]])
        if s >= config.link_threshold:
            needed = config.embedding_floor
        else:
            needed = config.embedding_threshold
        if similarity >= needed:
            edges.append((s, i, j))
    return edges


def _average_link(
    n: int,
    edges: list[tuple[float, int, int]],
    density: float,
    places: Sequence[frozenset[str]] = (),
) -> list[list[int]]:
    """Merge along edges, strongest first, when the two groups are linked densely enough and
    no member of one names places that a member of the other does not (``places``, per
    article: an article of both a state and the nation does not chain the two together)."""
    parent = list(range(n))
    scopes: dict[int, set[frozenset[str]]] = {k: {scope} for k, scope in enumerate(places) if scope}
    size = [1] * n
    links: dict[int, dict[int, int]] = defaultdict(dict)
    for _, i, j in edges:
        links[i][j] = links[i].get(j, 0) + 1
        links[j][i] = links[j].get(i, 0) + 1

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j in sorted(edges, key=lambda edge: (-edge[0], edge[1], edge[2])):
        a, b = find(i), find(j)
        if a == b or links[a].get(b, 0) < density * size[a] * size[b]:
            continue
        if any(scopes_differ(x, y) for x in scopes.get(a, ()) for y in scopes.get(b, ())):
            continue
        if len(links[a]) < len(links[b]):
            a, b = b, a
        parent[b] = a
        size[a] += size[b]
        if b in scopes:
            scopes.setdefault(a, set()).update(scopes.pop(b))
        for other, count in links.pop(b).items():
            if other == a:
                continue
            links[a][other] = links[a].get(other, 0) + count
            back = links[other]
            back[a] = back.get(a, 0) + back.pop(b)
        links[a].pop(b, None)
    groups: dict[int, list[int]] = defaultdict(list)
    for position in range(n):
        groups[find(position)].append(position)
    return sorted(groups.values(), key=lambda members: members[0])


@dataclass
class Origins:
    """The independent origins of one event: each a set of positions (copies, one publisher)."""

    of: dict[int, int] = field(default_factory=dict)  # position -> origin number
    count: int = 0


def find_origins(keys: Sequence[ArticleKey], members: Sequence[int], near: float) -> Origins:
    """Origins within an event: same publisher, or near-duplicate text (syndication)."""
    parent = {m: m for m in members}

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    by_publisher: dict[str, int] = {}
    for m in members:
        publisher = keys[m].publisher
        if publisher is not None:
            if publisher in by_publisher:
                parent[find(m)] = find(by_publisher[publisher])
            else:
                by_publisher[publisher] = m
    for k, a in enumerate(members):
        for b in members[k + 1 :]:
            if find(a) != find(b) and sketch_similarity(keys[a].sketch, keys[b].sketch) >= near:
                parent[find(b)] = find(a)
    roots: dict[int, int] = {}
    origins = Origins()
    for m in members:
        origins.of[m] = roots.setdefault(find(m), len(roots))
    origins.count = len(roots)
    return origins
