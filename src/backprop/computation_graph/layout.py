"""Lay a computation graph out in layers, top to bottom, without any drawing library.

The classic layered method (Sugiyama et al., "Methods for visual understanding of
hierarchical system structures", 1981), kept small:

1. ranks: an operation sits one rank below its lowest input; an input, parameter or
   constant sits just above the first operation that uses it;
2. an edge spanning several ranks passes through a point on each rank between, so that
   ordering sees it and nodes keep clear of it;
3. order within each rank: repeated sweeps down and up, each node placed at the mean
   position of its neighbours in the rank before (barycentre heuristic), keeping the
   ordering with the fewest crossings;
4. coordinates: each node pulled towards the mean of its neighbours, then pushed apart
   to keep the minimum spacing (the average of a left-to-right and a right-to-left pass).
"""

from __future__ import annotations

from dataclasses import dataclass

from .record import Graph

__all__ = ["Layout", "layered", "NODE_WIDTH", "NODE_HEIGHT"]

NODE_WIDTH = 222.0
NODE_HEIGHT = 74.0
GAP = 24.0          # between neighbours in a rank
RANK_GAP = 46.0     # between ranks
MARGIN = 16.0
SWEEPS = 8


@dataclass
class Layout:
    """Node centres by id, each edge's points (its bends at the ranks it crosses), and the
    drawing's size."""

    centres: dict[int, tuple[float, float]]
    edges: list[tuple[int, int, list[tuple[float, float]]]]
    width: float
    height: float


def _ranks(g: Graph) -> dict[int, int]:
    rank: dict[int, int] = {}
    consumers: dict[int, list[int]] = {n.id: [] for n in g.nodes}
    for n in g.nodes:  # topological order: inputs are ranked first
        for i in n.inputs:
            consumers[i].append(n.id)
        rank[n.id] = 1 + max((rank[i] for i in n.inputs), default=-1)
    for n in g.nodes:
        if not n.inputs and consumers[n.id]:
            rank[n.id] = min(rank[c] for c in consumers[n.id]) - 1
    return rank


def _crossings(upper: list, lower: list, links: list[tuple]) -> int:
    pos_u = {v: k for k, v in enumerate(upper)}
    pos_l = {v: k for k, v in enumerate(lower)}
    pairs = sorted((pos_u[a], pos_l[b]) for a, b in links if a in pos_u and b in pos_l)
    count = 0
    for k, (a1, b1) in enumerate(pairs):
        for a2, b2 in pairs[k + 1:]:
            if a2 > a1 and b2 < b1:
                count += 1
    return count


def layered(g: Graph) -> Layout:
    """Positions for every node of ``g`` (ids as in ``g``)."""
    rank = _ranks(g)
    # Dummy points (negative keys) on every rank an edge crosses.
    links: list[tuple] = []          # (upper, lower) between adjacent ranks
    paths: list[tuple[int, int, list]] = []
    next_dummy = -1
    for a, b in g.edges:
        chain = [a]
        for r in range(rank[a] + 1, rank[b]):
            rank[next_dummy] = r
            chain.append(next_dummy)
            next_dummy -= 1
        chain.append(b)
        links += list(zip(chain, chain[1:]))
        paths.append((a, b, chain))
    depth = max(rank.values()) + 1
    layers: list[list] = [[] for _ in range(depth)]
    for v in sorted(rank, key=lambda v: (v < 0, abs(v))):
        layers[rank[v]].append(v)
    above: dict = {v: [] for v in rank}
    below: dict = {v: [] for v in rank}
    for a, b in links:
        below[a].append(b)
        above[b].append(a)

    def total(order: list[list]) -> int:
        return sum(_crossings(order[r], order[r + 1], links) for r in range(depth - 1))

    best, best_count = [list(layer) for layer in layers], total(layers)
    for sweep in range(SWEEPS):
        down = sweep % 2 == 0
        ranks = range(1, depth) if down else range(depth - 2, -1, -1)
        for r in ranks:
            ref = layers[r - 1] if down else layers[r + 1]
            pos = {v: k for k, v in enumerate(ref)}
            near = above if down else below
            current = {v: k for k, v in enumerate(layers[r])}

            def centre(v, pos=pos, near=near, current=current):
                ks = [pos[u] for u in near[v] if u in pos]
                return (sum(ks) / len(ks), current[v]) if ks else (current[v], current[v])

            layers[r].sort(key=centre)
        count = total(layers)
        if count < best_count:
            best, best_count = [list(layer) for layer in layers], count
    layers = best

    width = {v: (NODE_WIDTH if v >= 0 else 0.0) for v in rank}
    x: dict = {}
    for layer in layers:
        left = 0.0
        for v in layer:
            x[v] = left + width[v] / 2
            left += width[v] + GAP
    for sweep in range(SWEEPS):
        ranks = range(depth) if sweep % 2 == 0 else range(depth - 1, -1, -1)
        for r in ranks:
            desired = []
            for v in layers[r]:
                ns = above[v] + below[v]
                desired.append(sum(x[u] for u in ns) / len(ns) if ns else x[v])
            _place(layers[r], desired, width, x)
    shift = MARGIN - min(x[v] - width[v] / 2 for v in x)
    ys = [MARGIN + r * (NODE_HEIGHT + RANK_GAP) + NODE_HEIGHT / 2 for r in range(depth)]
    centres = {v: (x[v] + shift, ys[rank[v]]) for v in rank}
    edges = []
    for a, b, chain in paths:
        (xa, ya), (xb, yb) = centres[a], centres[b]
        points = [(xa, ya + NODE_HEIGHT / 2)] + [centres[d] for d in chain[1:-1]] + \
                 [(xb, yb - NODE_HEIGHT / 2)]
        edges.append((a, b, points))
    right = max(x[v] + shift + width[v] / 2 for v in x)
    return Layout({v: c for v, c in centres.items() if v >= 0}, edges, right + MARGIN,
                  ys[-1] + NODE_HEIGHT / 2 + MARGIN)


def _place(layer: list, desired: list[float], width: dict, x: dict) -> None:
    """Set ``x`` for one rank near ``desired``, in order, neighbours at least GAP apart."""
    n = len(layer)
    if n == 0:
        return
    sep = [(width[layer[k]] + width[layer[k + 1]]) / 2 + GAP for k in range(n - 1)]
    left = list(desired)
    for k in range(1, n):
        left[k] = max(left[k], left[k - 1] + sep[k - 1])
    right = list(desired)
    for k in range(n - 2, -1, -1):
        right[k] = min(right[k], right[k + 1] - sep[k])
    for k, v in enumerate(layer):
        x[v] = (left[k] + right[k]) / 2
