import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


# A test module that checks many files in the background (test_checker_corpus.py) says which
# files each of its tests reads (``needed``) and starts them (``start``): its tests run last,
# and the files are started as soon as the session's tests are collected, so that they use
# the cores the other tests leave idle.

def _background(item: pytest.Item) -> list:
    needed = getattr(getattr(item, "module", None), "needed", None)
    return needed(item) if callable(needed) else []


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    late = [item for item in items if _background(item)]
    if late:
        chosen = set(map(id, late))
        items[:] = [item for item in items if id(item) not in chosen] + late


def pytest_collection_finish(session):
    started: dict = {}
    for item in session.items:
        paths = _background(item)
        if paths:
            started.setdefault(item.module, []).extend(paths)
    for module, paths in started.items():
        module.start(list(dict.fromkeys(paths)))


def pytest_sessionfinish(session):
    for module in {item.module for item in session.items if _background(item)}:
        module.stop()
