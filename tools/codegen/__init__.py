"""Regenerate generated/linode_images_api from spec/ with the pinned openapi-python-client."""
