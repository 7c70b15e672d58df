"""ocr.components: 16-bit labels where they fit, 32-bit where a page has more components."""

import cv2
import numpy as np

from ocr.components import label_components


def test_labels_match_opencv_default_on_a_page_of_glyphs() -> None:
    mask = np.zeros((300, 400), np.uint8)
    for i in range(30):
        cv2.putText(mask, f"so {i}", (10 + (i % 5) * 75, 30 + (i // 5) * 45), 0, 0.8, 255, 2)
    n, labels, stats = label_components(mask)
    n_ref, labels_ref, stats_ref, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    assert labels.dtype == np.uint16
    assert n == n_ref > 30
    assert (labels == labels_ref).all()
    assert (stats == stats_ref).all()


def test_speckle_with_more_components_than_16_bits_falls_back_to_32() -> None:
    # Isolated dots every third pixel: 70,000 components, more than uint16 can number.
    mask = np.zeros((700, 900), np.uint8)
    mask[::3, ::3] = 255
    n, labels, stats = label_components(mask)
    assert n == 1 + 234 * 300
    assert labels.dtype == np.int32
    assert stats[1:, cv2.CC_STAT_AREA].max() == 1
