"""Link-rot checking: collector -> checker -> status -> formatter (lychee's layout).

- ``collector`` finds each distinct URL of the list and every file:line using it;
- ``checker`` decides one URL's :class:`~listsmith.links.status.Status`, with
  ``http`` (the deadline-bound session), ``guard`` (no private addresses) and
  ``sites`` (checks for sites whose HTTP status lies);
- ``engine`` runs the checks concurrently under global and per-host limits;
- ``history`` keeps failures across runs; ``output`` formats; ``fix`` rewrites
  permanent redirects in the YAML files.
"""
