"""Link-rot checking: collector -> dispatch (sites, checker) -> run -> output -> fix.

- ``collector`` finds each distinct URL of the list and every file:line using it;
- ``dispatch`` routes each URL to the site check that claims it (``sites/``:
  YouTube, GitHub, GitLab, each answering through its API, many URLs at once
  where the API allows) or to ``checker``, the plain HTTP check, which asks
  ``transport`` for exchanges (``http``: libcurl, its multi interface driven on the
  run's event loop by ``curlloop``, pinned to the guard's addresses; ``guard``:
  no private addresses; ``credentials``: a token only to its API; ``ratelimit``),
  has ``judge`` say what an answer means, reads the top of a page (``page``)
  for soft 404s (``soft404``) and anchors (``anchors``), and asks again through
  ``retry``;
- ``engine`` runs every check as a coroutine on one event loop, under global and
  per-host limits; each returns a frozen ``status.Verdict``;
- ``run`` alone assembles each URL's ``status.Result`` (the verdict, its sources,
  its ``history``, the archived copy the list links) and writes signals.json
  (see :mod:`listsmith.signals`); ``status.Policy`` says what is rot; ``output``
  formats;
- ``--fix``: ``plan`` decides what changes (redirects, renamed repositories,
  dead links' archived copies from ``wayback``), ``fix`` writes it into the
  YAML files, layout kept and validated first.
"""
