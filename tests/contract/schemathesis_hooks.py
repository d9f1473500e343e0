"""Hooks for the schemathesis CLI run of ``make contract-live``.

Format validation is relaxed in one place only, as in the mock's own schemathesis run:
date-time also accepts Linode's offset-less UTC timestamps ("2021-08-14T22:44:02",
REAL-API-FACTS "Timestamps"), using the mock's checker (RFC 3339, offset optional).
"""

from linode_images_mock._spec import FORMAT_CHECKER
from schemathesis.core.jsonschema import DRAFT4_SUPPLEMENTAL_FORMATS

DRAFT4_SUPPLEMENTAL_FORMATS["date-time"] = lambda value: FORMAT_CHECKER.conforms(value, "date-time")
