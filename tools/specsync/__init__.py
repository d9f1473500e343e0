"""Derive spec/linode-images.yaml from Linode's published OpenAPI document.

Pipeline: load upstream (a whole document, an images excerpt, or our facts-only excerpt)
-> extract the image operations (following every ``$ref``) -> read the list operations'
filterable / orderable markers (``markers``) -> drop prose -> hoist inline schemas into
named components (``names``; identical copies share one, diverging ones fail unless a rule
of ``derive.Hoister`` explains them) -> apply spec/overrides.yaml (``overrides``) -> write
the spec and spec/SOURCE.lock, and print the upgrade report (``report``).

Entry point: ``python -m tools.specsync`` (see ``--help``), driven by ``make spec`` and
``make check-spec``; ``excerpt`` writes the test fixtures (``excerpt``).
"""
