"""Errors that name what was wrong with the user's input.

Every error a user can cause by passing bad data, shapes, files or options is a
:class:`BackpropError`, and each kind is also the built-in exception Python code expects of it
(as NumPy's ``AxisError`` is both a ``ValueError`` and an ``IndexError``): a bad value is a
``ValueError``, an argument of the wrong kind a ``TypeError``, an index out of range an
``IndexError``, a misuse of the graph a ``RuntimeError``. The checks that raise them for
arguments are written once, in :mod:`backprop.validate`. The command line turns these (and OS
errors) into one line and exit code 2. Anything else escaping is a bug in the library.
"""


class BackpropError(ValueError):
    """Bad input: the message names the operation, the argument and what was expected."""


class ArgumentTypeError(BackpropError, TypeError):
    """An argument of the wrong kind (a string where a number goes, a non-module in a
    Sequential): a TypeError too, as Python raises."""


class ShapeError(BackpropError):
    """An argument has the wrong shape or number of dimensions."""


class IndexingError(ShapeError, IndexError):
    """An index does not fit the tensor (an IndexError too, so iteration stops as usual)."""


class DTypeError(BackpropError, TypeError):
    """An argument has the wrong dtype (for example float class labels)."""


class DataError(BackpropError):
    """A data file or array is unreadable, malformed or holds invalid values."""


class SpecError(BackpropError):
    """A model specification string is malformed."""


class CheckpointError(BackpropError):
    """A saved model or checkpoint is unreadable or does not match."""


class GradientError(BackpropError, RuntimeError):
    """``backward()`` asked of a tensor that cannot give it (it does not require grad, or it
    has several entries and no gradient was passed): a RuntimeError too, as PyTorch raises."""


class AmbiguousError(BackpropError, RuntimeError):
    """``bool(t)`` of a tensor of several entries (``if a == b:``): true of which entry?
    A RuntimeError too, as PyTorch raises."""
