"""Utilities with PyTorch's names: ``backprop.utils.data`` (datasets and batches)."""
