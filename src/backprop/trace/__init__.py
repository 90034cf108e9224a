"""See backprop happen: one sample through a network, forward then backward, every number
beside the formula that produced it, every gradient checked.

    from backprop.trace import trace, render
    t = trace()                                   # the two-layer network of the derivations
    print(render(t, "text"))                      # or "markdown", "html", "json"
    t = trace("conv(2,3) relu maxpool(2) flatten linear(3)", shape="1x6x6", target=1)

Each layer declares its formula beside itself (``formula``, see :mod:`backprop.nn.formula`);
:mod:`.formulas` holds the losses' and the lookup, :mod:`.inputs` reads what a learner
types, :mod:`.compute` makes the trace, :mod:`backprop.render.trace` prints it (``render``
here is that module's, loaded on use: the renderer imports this package's records),
:mod:`.server` serves the local page.
"""

from typing import Any

from .compute import DEFAULT_SPEC, LIMITS, LOSSES, Check, Step, Trace, trace
from .inputs import DEFAULT_INPUT, DEFAULT_TARGET, parse_values

__all__ = ["trace", "render", "Trace", "Step", "Check", "parse_values", "DEFAULT_SPEC",
           "DEFAULT_INPUT", "DEFAULT_TARGET", "LOSSES", "LIMITS"]


def __getattr__(name: str) -> Any:
    if name == "render":
        from ..render.trace import render
        return render
    raise AttributeError(f"module 'backprop.trace' has no attribute {name!r}")
