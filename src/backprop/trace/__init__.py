"""See backprop happen: one sample through a network, forward then backward, every number
beside the formula that produced it, every gradient checked.

    from backprop.trace import trace, render
    t = trace()                                   # the two-layer network of the derivations
    print(render(t, "text"))                      # or "markdown", "html", "json"
    t = trace("conv(2,3) relu maxpool(2) flatten linear(3)", shape="1x6x6", target=1)

:mod:`.formulas` holds the formula table (per layer class and per loss), :mod:`.compute`
the trace, :mod:`.render` and :mod:`.html` the outputs, :mod:`.server` the local page.
"""

from .compute import (DEFAULT_INPUT, DEFAULT_SPEC, DEFAULT_TARGET, LOSSES, Check, Step, Trace,
                      parse_values, trace)
from .render import render

__all__ = ["trace", "render", "Trace", "Step", "Check", "parse_values", "DEFAULT_SPEC",
           "DEFAULT_INPUT", "DEFAULT_TARGET", "LOSSES"]
