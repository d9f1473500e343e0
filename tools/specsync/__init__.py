"""Derive spec/linode-images.yaml from Linode's whole published OpenAPI document.

Pipeline: load upstream -> extract the image operations (following every ``$ref``)
-> drop prose -> hoist inline schemas into named components (deduplicating identical
copies, failing loudly on diverging ones) -> apply spec/overrides.yaml -> write the spec
and spec/SOURCE.lock.

Entry point: ``python -m tools.specsync`` (see ``--help``), driven by ``make spec`` and
``make check-spec``.
"""
