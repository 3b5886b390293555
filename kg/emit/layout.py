"""Node positions for the page, computed before it opens (the browser runs no physics).

Each connected component gets a force-directed layout (Fruchterman-Reingold with the grid
cut-off of the original paper: only nodes closer than 2k repel, found with a k-d tree), so one
iteration costs O(n log n) instead of O(n²); 3,000 nodes lay out in well under a second where
networkx's spring_layout took about 9 s for 2,000. Components are then packed in rows, largest
first, so isolated nodes sit in a tidy block instead of a ring around the graph."""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

EDGE = 1.0  # ideal edge length, in layout units (the page scales to pixels)
GAP = 1.2  # space between packed components
CELL = (1.6, 0.6)  # grid cell of an isolated node (width, height)
ITERATIONS = 120


def _force(n: int, edges: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Positions for one connected component of n nodes (edges as local index pairs)."""
    side = EDGE * np.sqrt(n)
    pos = rng.uniform(0, side, size=(n, 2))
    k = EDGE
    temperature = side / 8
    cool = temperature / (ITERATIONS + 1)
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.empty(0, int), np.empty(0, int))
    for _ in range(ITERATIONS):
        disp = np.zeros_like(pos)
        pairs = cKDTree(pos).query_pairs(2 * k, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            delta = pos[i] - pos[j]
            dist2 = np.maximum((delta ** 2).sum(axis=1), 1e-4)
            push = delta * (k * k / dist2)[:, None]
            np.add.at(disp, i, push)
            np.add.at(disp, j, -push)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt(np.maximum((delta ** 2).sum(axis=1), 1e-8))
            pull = delta * (dist / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        length = np.sqrt(np.maximum((disp ** 2).sum(axis=1), 1e-12))
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cool
    return pos - pos.min(axis=0)


def layout(n: int, edges: list[tuple[int, int]], order: list[int] | None = None, seed: int = 7) -> np.ndarray:
    """(n, 2) positions for nodes 0..n-1. `order` ranks nodes for the packing of singletons
    (e.g. by type, then name), so isolated nodes of one type sit together."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    adj = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    count, labels = connected_components(adj, directed=False)
    rank = np.empty(n, dtype=np.int64)
    rank[np.asarray(order if order is not None else range(n))] = np.arange(n)
    members: list[np.ndarray] = [np.flatnonzero(labels == c) for c in range(count)]
    members.sort(key=lambda m: (-len(m), int(rank[m].min())))

    pos = np.zeros((n, 2))
    local_index = np.empty(n, dtype=np.int64)
    edge_component = labels[e[:, 0]]
    boxes = []
    singles = []
    for m in members:
        if len(m) == 1:
            singles.append(int(m[0]))
            continue
        local_index[m] = np.arange(len(m))
        local = _force(len(m), local_index[e[edge_component == labels[m[0]]]], rng)
        boxes.append((m, local, local.max(axis=0)))

    # shelf packing: rows of components, largest first, roughly 16:9 overall; then the
    # isolated nodes in a grid below, in `order` (cells are wide: labels are long)
    area = sum((w + GAP) * (h + GAP) for _, _, (w, h) in boxes) + len(singles) * CELL[0] * CELL[1]
    width = max([w for _, _, (w, _h) in boxes] + [np.sqrt(area * 16 / 9)])
    x = y = row_height = 0.0
    for m, local, (w, h) in boxes:
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        pos[m] = local + (x, y)
        x += w + GAP
        row_height = max(row_height, h)
    y += row_height + GAP if boxes else 0.0
    columns = max(1, int(width // CELL[0]) + 1)
    singles.sort(key=lambda v: rank[v])
    for i, v in enumerate(singles):
        pos[v] = (i % columns * CELL[0], y + i // columns * CELL[1])
    return pos - (pos.min(axis=0) + pos.max(axis=0)) / 2
