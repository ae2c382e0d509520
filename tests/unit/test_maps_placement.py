"""Numbered markers never cover each other, stay in the frame and leave reserved boxes clear."""

import random

from webapp.maps.placement import overlaps, place
from webapp.maps.projection import Box

FRAME = Box(0, 0, 190, 125)
SIZE = (2.3, 2.3)


def _boxes(placed, sizes):
    return [
        Box(p.x - hw, p.y - hh, p.x + hw, p.y + hh)
        for p, (hw, hh) in zip(placed, sizes, strict=True)
    ]


def test_a_marker_with_room_stays_on_its_point():
    placed = place([(50, 50), (120, 80)], [SIZE, SIZE], FRAME)
    assert [(p.x, p.y, p.moved) for p in placed] == [(50, 50, False), (120, 80, False)]


def test_forty_stations_in_one_building_all_get_their_own_place():
    points = [(95, 60)] * 40
    sizes = [SIZE] * 40
    placed = place(points, sizes, FRAME)
    boxes = _boxes(placed, sizes)
    for i, a in enumerate(boxes):
        assert FRAME.x0 <= a.x0 and a.x1 <= FRAME.x1 and FRAME.y0 <= a.y0 and a.y1 <= FRAME.y1
        for b in boxes[i + 1 :]:
            assert not overlaps(a, b)
    assert sum(not p.moved for p in placed) == 1


def test_markers_at_the_edge_are_pulled_inside_the_frame():
    points = [(0, 0), (190, 125), (-5, 60), (200, 60)]
    sizes = [(3.5, 2.3)] * 4
    for box in _boxes(place(points, sizes, FRAME), sizes):
        assert box.x0 >= FRAME.x0 and box.x1 <= FRAME.x1
        assert box.y0 >= FRAME.y0 and box.y1 <= FRAME.y1


def test_reserved_boxes_stay_clear():
    arrow = Box(0, 0, 12, 18)
    placed = place([(5, 5), (6, 8)], [SIZE, SIZE], FRAME, [arrow])
    for box in _boxes(placed, [SIZE, SIZE]):
        assert not overlaps(box, arrow)


def test_hundreds_of_random_crowded_markers_do_not_overlap():
    rng = random.Random(3)
    points = [(rng.gauss(95, 12), rng.gauss(60, 10)) for _ in range(170)]
    sizes = [(rng.choice([2.3, 2.5, 3.2]), 2.3) for _ in points]
    boxes = _boxes(place(points, sizes, FRAME), sizes)
    overlapping = sum(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert overlapping == 0
