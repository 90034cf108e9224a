"""Lay a computation graph out in layers, top to bottom, without any drawing library.

The classic layered method (Sugiyama et al., "Methods for visual understanding of
hierarchical system structures", 1981), kept small:

1. ranks: an operation sits one rank below its lowest input; an input, parameter or
   constant sits just above the first operation that uses it;
2. an edge spanning several ranks passes through a point on each rank between, so that
   ordering sees it and nodes keep clear of it;
3. order within each rank: repeated sweeps down and up, each node placed at the mean
   position of its neighbours in the rank before (barycentre heuristic), keeping the
   ordering with the fewest crossings; the nodes of one layer stay side by side;
4. coordinates: each node pulled towards the mean of its neighbours, then pushed apart
   to keep the minimum spacing (the average of a left-to-right and a right-to-left pass);
5. groups: each layer's nodes are framed by a box on each rank, and a bridge joins the
   boxes of neighbouring ranks; the boxes of different layers never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .record import Graph

__all__ = ["Layout", "layered", "NODE_WIDTH", "NODE_HEIGHT"]

NODE_WIDTH = 222.0
NODE_HEIGHT = 74.0
GAP = 24.0          # between neighbours in a rank
RANK_GAP = 46.0     # between ranks
MARGIN = 16.0
SWEEPS = 8
GROUP_PAD = 7.0     # between a layer's box and its nodes (less than GAP / 2)
LABEL_ROOM = 16.0   # above a layer's first rank, for its name

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass
class Layout:
    """Node centres by id, each edge's points (its bends at the ranks it crosses), the
    drawing's size, and for each layer the boxes that frame its nodes (the first one's
    top left corner is where its name goes)."""

    centres: dict[int, tuple[float, float]]
    edges: list[tuple[int, int, list[tuple[float, float]]]]
    width: float
    height: float
    groups: dict[str, list[Box]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain numbers for a browser to draw: ``{width, height, node: [w, h], centres:
        [[x, y] by id], edges: [[[x, y], …] in the graph's edge order], groups: [{layer,
        boxes}]}``."""
        return {"width": self.width, "height": self.height, "node": [NODE_WIDTH, NODE_HEIGHT],
                "centres": [list(self.centres[k]) for k in sorted(self.centres)],
                "edges": [[list(p) for p in points] for _, _, points in self.edges],
                "groups": [{"layer": name, "boxes": [list(b) for b in boxes]}
                           for name, boxes in self.groups.items()]}


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
    group = {n.id: n.layer for n in g.nodes if n.layer is not None}
    layers: list[list] = [[] for _ in range(depth)]
    for v in sorted(rank, key=lambda v: (v < 0, abs(v))):
        layers[rank[v]].append(v)
    layers = [_together(layer, group) for layer in layers]
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

            layers[r] = _together(sorted(layers[r], key=centre), group)
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
    # a layer's name needs room above its first rank: shift everything down for the top one
    top = LABEL_ROOM if any(v in group for v in layers[0]) else 0.0
    centres = {v: (cx, cy + top) for v, (cx, cy) in centres.items()}
    edges = [(a, b, [(px, py + top) for px, py in points]) for a, b, points in edges]
    return Layout({v: c for v, c in centres.items() if v >= 0}, edges, right + MARGIN,
                  ys[-1] + NODE_HEIGHT / 2 + MARGIN + top, _boxes(layers, group, centres))


def _together(order: list, group: dict[int, str]) -> list:
    """The rank's order with each layer's nodes side by side, the layers (and the nodes
    of none) ordered by their mean position."""
    blocks: dict[Any, list[tuple[int, Any]]] = {}
    for k, v in enumerate(order):
        blocks.setdefault(group.get(v, ("alone", v)), []).append((k, v))
    ordered = sorted(blocks.values(), key=lambda b: sum(k for k, _ in b) / len(b))
    return [v for block in ordered for _, v in block]


def _boxes(layers: list[list], group: dict[int, str],
           centres: dict[int, tuple[float, float]]) -> dict[str, list[Box]]:
    """Each layer's frame: a box around its nodes on each rank (room for its name above
    its first one) and a bridge between the boxes of neighbouring ranks, as wide as both."""
    rows: dict[str, dict[int, Box]] = {}
    for r, layer in enumerate(layers):
        for v in layer:
            if v in group:
                x, y = centres[v]
                box = (x - NODE_WIDTH / 2 - GROUP_PAD, y - NODE_HEIGHT / 2 - GROUP_PAD,
                       x + NODE_WIDTH / 2 + GROUP_PAD, y + NODE_HEIGHT / 2 + GROUP_PAD)
                old = rows.setdefault(group[v], {}).get(r, box)
                rows[group[v]][r] = (min(old[0], box[0]), box[1], max(old[2], box[2]), box[3])
    out: dict[str, list[Box]] = {}
    for name, by_rank in rows.items():
        ranks = sorted(by_rank)
        first = by_rank[ranks[0]]
        boxes = [(first[0], first[1] - LABEL_ROOM + GROUP_PAD, first[2], first[3])]
        boxes += [by_rank[r] for r in ranks[1:]]
        for r in ranks[:-1]:
            if r + 1 in by_rank:
                (a0, _, a1, bottom), (b0, top, b1, _) = by_rank[r], by_rank[r + 1]
                if max(a0, b0) < min(a1, b1):
                    boxes.append((max(a0, b0), bottom, min(a1, b1), top))
        out[name] = boxes
    return out


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
