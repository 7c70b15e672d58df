"""The light-ink mask of the grey stamp finder is drawn component by component in their boxes
when they are few (ocr.stamps._components_mask); it must be the per-pixel look-up exactly."""

import numpy as np

from ocr.components import label_components
from ocr.stamps import _components_mask


def _speckled(seed: int, blobs: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mask = np.zeros((600, 500), np.uint8)
    for _ in range(blobs):
        y, x = rng.integers(0, 590), rng.integers(0, 490)
        h, w = rng.integers(1, 12), rng.integers(1, 12)
        mask[y : y + h, x : x + w] = 1
    return mask


def test_drawn_in_boxes_is_the_per_pixel_lookup() -> None:
    for seed, blobs in ((1, 40), (2, 300), (3, 2000)):  # few boxes, many, most of the page
        _n, labels, stats = label_components(_speckled(seed, blobs))
        keep = stats[:, 4] >= 12
        keep[0] = False
        assert np.array_equal(_components_mask(labels, stats, keep), keep[labels])


def test_nothing_kept_is_an_empty_mask() -> None:
    _n, labels, stats = label_components(_speckled(4, 30))
    keep = np.zeros(len(stats), bool)
    assert not _components_mask(labels, stats, keep).any()
