"""Catalogue: adaptive average pooling (rule 12), the cases of functional/adaptive_pooling.py."""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import case, register_op
from .rule import Case, Space
from .spaces import draw_shape, normal, one_of

Gen = np.random.Generator


def _adaptive(rng: Gen) -> list[Case]:
    pool = F.adaptive_avg_pool2d
    return [
        case(lambda x: pool(x, (2, 3)), normal(rng, (1, 1, 5, 7)), note="uneven windows"),
        case(lambda x: pool(x, 2), normal(rng, (2, 3, 4, 4)), note="even windows"),
        case(lambda x: pool(x, (None, 2)), normal(rng, (3, 6, 5)), note="(C,H,W), keep H"),
        case(lambda x: pool(x, (4, 5)), normal(rng, (1, 1, 3, 3)), note="larger output"),
        case(lambda x: pool(x, 1), normal(rng, (1, 2, 4, 3)), note="global average"),
    ]


register_op("adaptive_avg_pool2d", _adaptive, Space(
    lambda c: (draw_shape(c, 0, 2, 0, 2) + draw_shape(c, 2, 2, 1, 4),), normal,
    {"output_size": one_of(1, 2, (2, 3), (None, 1))},
    valid=lambda shapes, kw: len(shapes[0]) in (3, 4),
    torch=lambda T, x, output_size: T.nn.functional.adaptive_avg_pool2d(x, output_size),
    without={"0-d input": "pooling needs (C, H, W)"}))
