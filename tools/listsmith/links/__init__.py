"""Link-rot checking: collector -> dispatch (sites, checker) -> status -> formatter -> fix.

- ``collector`` finds each distinct URL of the list and every file:line using it;
- ``dispatch`` routes each URL to the site check that claims it (``sites/``:
  YouTube, GitHub, GitLab, each answering through its API, many URLs at once
  where the API allows) or to ``checker``, which decides a URL's
  :class:`~listsmith.links.status.Status` over plain HTTP, with ``http`` (the
  pinned aiohttp session), ``guard`` (no private addresses),
  ``credentials`` (a token only to its API) and ``ratelimit``; it reads the
  top of a page (``page``) for soft 404s (``soft404``) and anchors (``anchors``);
- ``engine`` runs the checks on one event loop under global and per-host limits;
- ``history`` keeps failures across runs; ``status.Policy`` says what is rot;
  ``output`` formats; ``run`` also writes signals.json (see
  :mod:`listsmith.signals`);
- ``--fix``: ``plan`` decides what changes (redirects, renamed repositories,
  dead links' archived copies from ``wayback``), ``fix`` writes it into the
  YAML files, layout kept and validated first.
"""
