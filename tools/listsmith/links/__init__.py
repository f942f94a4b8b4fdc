"""Link-rot checking: collector -> dispatch (sites, checker) -> status -> formatter.

- ``collector`` finds each distinct URL of the list and every file:line using it;
- ``dispatch`` routes each URL to the site check that claims it (``sites/``:
  YouTube, GitHub, GitLab, each answering through its API, many URLs at once
  where the API allows) or to ``checker``, which decides a URL's
  :class:`~listsmith.links.status.Status` over plain HTTP, with ``http`` (the
  pinned aiohttp session), ``guard`` (no private addresses),
  ``credentials`` (a token only to its API) and ``ratelimit``;
- ``engine`` runs the checks on one event loop under global and per-host limits;
- ``history`` keeps failures across runs; ``output`` formats; ``fix`` rewrites
  permanent redirects in the YAML files; ``run`` also writes signals.json
  (see :mod:`listsmith.signals`).
"""
