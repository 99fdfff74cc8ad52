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


def test_one_thread_makes_a_missing_value_while_the_others_wait() -> None:
    """Many requests for the same missing page at once (an embargo lifting): made once."""
    import threading

    cache: LruCache[str, int] = LruCache(4)
    release = threading.Event()
    made: list[int] = []

    def make() -> int:
        made.append(1)
        release.wait(timeout=30)
        return 7

    threads = [threading.Thread(target=lambda: cache.get_or_make("page", make)) for _ in range(8)]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert made == [1]
    assert cache.get("page") == 7 and cache.misses == 1 and cache.hits == 7


def test_a_failed_make_is_not_kept() -> None:
    cache: LruCache[str, int] = LruCache(4)

    def fail() -> int:
        raise RuntimeError("render failed")

    try:
        cache.get_or_make("x", fail)
    except RuntimeError:
        pass
    assert cache.get("x") is None
    assert cache.get_or_make("x", lambda: 3) == 3
