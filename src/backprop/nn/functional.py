"""``torch.nn.functional``'s place: ``import backprop.nn.functional as F`` gives
:mod:`backprop.functional` itself — the same module object, not a copy, so there is one set of
rules whichever name imported them. This file replaces itself in ``sys.modules`` as it is
imported; the star import is what a type checker reads."""

import sys

from .. import functional
from ..functional import *  # noqa: F403

sys.modules[__name__] = functional
