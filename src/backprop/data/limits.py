"""Bounds on what a data file may declare, checked before anything is allocated.

A file's header says how much data follows; a hostile or corrupt header can claim terabytes
or a label of 2⁴⁰ (and so 2⁴⁰ classes). The readers refuse such claims with one line instead
of trying to honour them.
"""

MAX_ARRAY_BYTES = 2**31  # one array read from a file (MNIST's training images: 60000 × 784 bytes)
MAX_CLASSES = 65_536     # distinct class labels a dataset may have (EMNIST: 62, ImageNet: 1000)
