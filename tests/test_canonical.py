"""URL canonicalisation: every rule catches its spellings and keeps near-misses apart."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from listsmith.canonical import canonical

SAME = [
    # generic
    ("http://example.org/a", "https://example.org/a"),
    ("https://EXAMPLE.org/a", "https://example.org/a"),
    ("https://www.example.org/a", "https://example.org/a"),
    ("https://m.example.org/a", "https://example.org/a"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("http://example.org:80/a", "https://example.org/a"),
    ("https://example.org/a/", "https://example.org/a"),
    ("https://example.org/", "https://example.org"),
    ("https://example.org/docs/index.html", "https://example.org/docs/"),
    ("https://example.org/a#section-2", "https://example.org/a"),
    ("https://example.org/#installation", "https://example.org/"),  # an anchor on the page
    # a single-page app's route (#/..., #!/...) names its own page, spelled like a path
    (
        "https://swiftify.com/#/converter/objc2swift/",
        "http://www.swiftify.com#/converter/objc2swift",
    ),
    ("https://app.example.org/#!/users/42/", "https://app.example.org/#!/users/42"),
    ("https://app.example.org/#/a/./b/../c", "https://app.example.org/#/a/c"),
    ("https://app.example.org/#/caf%c3%a9", "https://app.example.org/#/café"),
    ("https://app.example.org/#/search?b=2&a=1", "https://app.example.org/#/search?a=1&b=2"),
    ("https://app.example.org/#/", "https://app.example.org/"),  # the root route: the page
    ("https://app.example.org/#!/", "https://app.example.org"),
    ("https://example.org/caf%c3%a9", "https://example.org/café"),
    ("https://example.org/%7Euser", "https://example.org/~user"),
    ("https://example.org/a/./b/../c", "https://example.org/a/c"),
    ("https://example.org/s?b=2&a=1", "https://example.org/s?a=1&b=2"),
    ("https://example.org/s?a=1&utm_source=x&utm_medium=y", "https://example.org/s?a=1"),
    ("https://example.org/s?fbclid=1&gclid=2&ref=hn&si=abc", "https://example.org/s"),
    ("https://bücher.example/a", "https://xn--bcher-kva.example/a"),
    # YouTube videos
    ("https://youtu.be/ytbYRIN0N4g", "https://www.youtube.com/watch?v=ytbYRIN0N4g"),
    ("https://youtu.be/ytbYRIN0N4g?si=Xy", "https://youtube.com/watch?v=ytbYRIN0N4g"),
    ("https://www.youtube.com/embed/ytbYRIN0N4g", "https://youtube.com/watch?v=ytbYRIN0N4g"),
    ("https://youtube.com/shorts/ytbYRIN0N4g", "https://youtube.com/watch?v=ytbYRIN0N4g"),
    ("https://m.youtube.com/watch?v=ytbYRIN0N4g", "https://youtube.com/watch?v=ytbYRIN0N4g"),
    ("https://www.youtube.com/watch?v=ytbYRIN0N4g&t=42s", "https://youtu.be/ytbYRIN0N4g"),
    (
        "https://www.youtube.com/watch?v=ytbYRIN0N4g&list=PLx&index=3",
        "https://youtu.be/ytbYRIN0N4g",
    ),
    ("https://www.youtube-nocookie.com/embed/ytbYRIN0N4g", "https://youtu.be/ytbYRIN0N4g"),
    # YouTube playlists and channels
    ("https://www.youtube.com/playlist?list=PLZHQ&si=1", "https://youtube.com/playlist?list=PLZHQ"),
    ("https://www.youtube.com/@SerranoAcademy/playlists", "https://youtube.com/@serranoacademy"),
    # GitHub
    ("https://github.com/Probml/PML-Book", "https://github.com/probml/pml-book"),
    ("https://github.com/probml/pml-book.git", "https://github.com/probml/pml-book"),
    ("https://github.com/probml/pml-book/tree/main", "https://github.com/probml/pml-book"),
    ("https://github.com/probml/pml-book/tree/master/", "https://github.com/probml/pml-book"),
    ("https://github.com/probml/pml-book?tab=readme-ov-file", "https://github.com/probml/pml-book"),
    # arXiv
    ("https://arxiv.org/pdf/1706.03762", "https://arxiv.org/abs/1706.03762"),
    ("https://arxiv.org/pdf/1706.03762.pdf", "https://arxiv.org/abs/1706.03762"),
    ("https://arxiv.org/abs/1706.03762v5", "https://arxiv.org/abs/1706.03762"),
    ("https://arxiv.org/pdf/1706.03762v2.pdf", "http://export.arxiv.org/abs/1706.03762"),
    ("https://arxiv.org/abs/math/0211159v3", "https://arxiv.org/pdf/math/0211159"),
    # DOI
    ("https://dx.doi.org/10.1000/XYZ.123", "https://doi.org/10.1000/xyz.123"),
    ("http://doi.org/10.1000/xyz.123", "https://doi.org/10.1000/XYZ.123"),
    # Wikipedia
    (
        "https://en.m.wikipedia.org/wiki/Sigmoid_function",
        "https://en.wikipedia.org/wiki/Sigmoid_function",
    ),
    (
        "https://en.wikipedia.org/wiki/sigmoid_function",
        "https://en.wikipedia.org/wiki/Sigmoid_function",
    ),
]

DIFFERENT = [
    ("https://example.org/a", "https://example.org/b"),
    ("https://example.org/a", "https://example.com/a"),
    ("https://example.org:8443/a", "https://example.org/a"),
    ("https://example.org/s?a=1", "https://example.org/s?a=2"),
    ("https://example.org/s?page=1", "https://example.org/s"),
    ("https://example.org/Path", "https://example.org/path"),
    ("https://docs.example.org/a", "https://example.org/a"),
    ("https://swiftify.com/#/converter/objc2swift/", "https://swiftify.com/"),
    (
        "https://swiftify.com/#/converter/objc2swift/",
        "https://swiftify.com/#/converter/storyboard2swiftui/",
    ),
    ("https://app.example.org/#!/users/42", "https://app.example.org/#!/users/43"),
    ("https://app.example.org/#/Users", "https://app.example.org/#/users"),
    ("https://app.example.org/#/search?q=a", "https://app.example.org/#/search?q=b"),
    ("https://app.example.org/one/#/a", "https://app.example.org/two/#/a"),
    ("https://youtu.be/ytbYRIN0N4g", "https://youtu.be/ytbYRIN0N4G"),
    ("https://youtu.be/ytbYRIN0N4g", "https://youtu.be/aircAruvnKk"),
    (
        "https://www.youtube.com/watch?v=ytbYRIN0N4g&list=PLZHQ",
        "https://www.youtube.com/playlist?list=PLZHQ",
    ),
    (
        "https://www.youtube.com/playlist?list=PLZHQa",
        "https://www.youtube.com/playlist?list=PLZHQb",
    ),
    ("https://github.com/probml/pml-book", "https://github.com/probml/pml2-book"),
    ("https://github.com/probml/pml-book", "https://github.com/probml/pyprobml"),
    ("https://github.com/probml/pml-book", "https://github.com/probml/pml-book/tree/dev"),
    ("https://github.com/probml/pml-book", "https://github.com/probml"),
    ("https://arxiv.org/abs/1706.03762", "https://arxiv.org/abs/1706.03763"),
    ("https://doi.org/10.1000/xyz.123", "https://doi.org/10.1000/xyz.124"),
    (
        "https://en.wikipedia.org/wiki/Sigmoid_function",
        "https://de.wikipedia.org/wiki/Sigmoid_function",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_resource(a: str, b: str) -> None:
    assert canonical(a) == canonical(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_resources(a: str, b: str) -> None:
    assert canonical(a) != canonical(b)


def test_non_http_urls_are_left_alone() -> None:
    assert canonical(" ftp://example.org/x ") == "ftp://example.org/x"
    assert canonical("https://[broken") == "https://[broken"


_segment = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_host = st.sampled_from(
    [
        "example.org",
        "WWW.Example.org",
        "m.example.org",
        "youtu.be",
        "www.youtube.com",
        "github.com",
        "arxiv.org",
        "dx.doi.org",
        "en.m.wikipedia.org",
        "bücher.example",
    ]
)


@example("http", "github.com", "", [" "], {}, "")  # an owner that needs quoting
@example("http", "github.com", "", ["/"], {}, "")  # an owner that is an escaped slash
@example("http", "example.org", "", ["index.htm", "index.htm"], {}, "")  # two index files
@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["http", "https", "HTTPS"]),
    _host,
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.lists(_segment, max_size=4),
    st.dictionaries(_segment, _segment, max_size=3),
    st.sampled_from(["", "#frag", "/", "#/", "#/route/", "#!/a/../b", "#/a%2fb?x=1&y"]),
)
def test_canonicalisation_is_idempotent(scheme, host, port, segments, query, tail) -> None:
    from urllib.parse import quote, urlencode

    path = "/".join(quote(s, safe="") for s in segments)
    url = f"{scheme}://{host}{port}/{path}{tail}"
    if query:
        url += "?" + urlencode(query)
    once = canonical(url)
    assert canonical(once) == once, (url, once)


def test_a_hash_route_is_kept_readable() -> None:
    """The route stays in the canonical URL a duplicate message names, after a "/"."""
    assert (
        canonical("http://www.swiftify.com#/converter/objc2swift/")
        == "https://swiftify.com/#/converter/objc2swift"
    )
    assert canonical("https://Example.org/app/?b=1#!/x/") == "https://example.org/app?b=1#!/x"
    assert canonical("https://example.org/a#/") == "https://example.org/a"
    assert canonical("https://example.org/a#installation") == "https://example.org/a"
