"""The web application's small least-recently-used cache."""

from __future__ import annotations

from csrating.web.cache import LruCache


def test_keeps_the_most_recently_used_values() -> None:
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (1, 3)


def test_get_or_make_makes_a_missing_value_once() -> None:
    cache: LruCache[str, int] = LruCache(4)
    made: list[str] = []

    def make() -> int:
        made.append("x")
        return 7

    assert cache.get_or_make("x", make) == 7
    assert cache.get_or_make("x", make) == 7
    assert made == ["x"]
    cache.clear()
    assert cache.get("x") is None
