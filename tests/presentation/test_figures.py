"""A figure's number and spreadsheet pair: worked out once, kept, shared by equal figures."""

from __future__ import annotations

import pickle

from csrating.presentation import Figure


def test_a_figure_reads_as_its_rounded_number_and_places() -> None:
    assert Figure(62.5).cell == (63, 0)
    assert Figure(2.675, 2).cell == (2.68, 2)
    assert Figure(None, 1).cell is None
    assert Figure(None, 1).number is None


def test_the_number_and_pair_are_kept_and_equal_figures_share_one_pair() -> None:
    first, second = Figure(71.34, 1, "percent"), Figure(71.34, 1)
    assert first.cell is second.cell  # one pair, pickled once in a workbook
    assert first.__dict__["number"] == 71.3 and first.__dict__["cell"] == (71.3, 1)
    assert first == Figure(71.34, 1, "percent")  # what is kept is not compared


def test_a_figure_that_was_read_still_pickles_and_compares() -> None:
    figure = Figure(1234.5, 0)
    assert (figure.number, figure.text) == (1235, "1,235")
    copy = pickle.loads(pickle.dumps(figure))
    assert copy == figure and copy.cell == (1235, 0)
