"""from_dict remembers the field-type combinations and key sequences it has checked (so a page of
alike images costs one lookup each); what it remembers never changes what it decodes or refuses,
and stays bounded however odd the input."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from linode_images_api.errors import DecodeError
from linode_images_api.models import Image, ImageRegion, PaginatedImages
from linode_images_api.models import image as image_module
from linode_images_api.models import image_region as image_region_module
from linode_images_api.types import SHAPE_LIMIT

from tests.pipeline.test_generated_client import PRIVATE_IMAGE, PUBLIC_IMAGE


def test_a_combination_accepted_once_still_refuses_a_wrong_type_in_it() -> None:
    Image.from_dict(PRIVATE_IMAGE)
    with pytest.raises(DecodeError, match=r"^size: expected integer, got string$"):
        Image.from_dict({**PRIVATE_IMAGE, "size": "2500"})
    with pytest.raises(DecodeError, match=r"^label: expected string, got integer$"):
        Image.from_dict({**PRIVATE_IMAGE, "label": 7})


def test_unknown_fields_follow_each_object_not_the_first_of_its_shape() -> None:
    first = Image.from_dict({**PUBLIC_IMAGE, "later_field": 1})
    second = Image.from_dict({**PUBLIC_IMAGE, "later_field": {"nested": True}})
    assert first.additional_properties == {"later_field": 1}
    assert second.additional_properties == {"later_field": {"nested": True}}
    # The same keys in another order are another shape; the order of unknown fields is kept.
    reordered = dict(reversed(list({**PUBLIC_IMAGE, "zeta": 0, "later_field": 2}.items())))
    assert list(Image.from_dict(reordered).additional_properties) == ["later_field", "zeta"]
    assert Image.from_dict(PUBLIC_IMAGE).additional_properties == {}


def test_what_from_dict_remembers_stays_bounded() -> None:
    for n in range(SHAPE_LIMIT + 50):
        image = Image.from_dict({**PUBLIC_IMAGE, f"field_{n}": n})
        assert image.additional_properties == {f"field_{n}": n}
        region = ImageRegion.from_dict({"region": "us-east", "status": "available", f"field_{n}": n})
        assert region.additional_properties == {f"field_{n}": n}
    assert len(image_module._UNKNOWN_BY_SHAPE) <= SHAPE_LIMIT
    assert len(image_region_module._UNKNOWN_BY_SHAPE) <= SHAPE_LIMIT
    assert len(image_module._ACCEPTED_TYPES) <= SHAPE_LIMIT


def test_a_fast_decoded_image_equals_one_built_by_its_constructor() -> None:
    decoded = Image.from_dict(PRIVATE_IMAGE)
    fields = {field.name: getattr(decoded, field.name) for field in attrs.fields(Image) if field.init}
    built = Image(**fields)
    built.additional_properties = dict(decoded.additional_properties)
    assert decoded == built


@attrs.define
class LabelledImage(Image):
    """A subclass with a field of its own: from_dict must go through its constructor."""

    note: str = "from __init__"


def test_a_subclass_is_built_by_its_own_constructor() -> None:
    image: Any = LabelledImage.from_dict(PRIVATE_IMAGE)
    assert type(image) is LabelledImage
    assert image.note == "from __init__"
    assert image.id == PRIVATE_IMAGE["id"]
    page = PaginatedImages.from_dict({"data": [PRIVATE_IMAGE], "page": 1, "pages": 1, "results": 1})
    assert type(page.data[0]) is Image
