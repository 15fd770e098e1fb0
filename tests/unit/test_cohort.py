"""The cohort export: cells a spreadsheet would run as formulas stay text (issue 13, finding 13)."""

from __future__ import annotations

from practice.sessions.cohort import safe_cell


def test_csv_cells_that_a_spreadsheet_would_run_stay_text() -> None:
    cells = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", "ana", "1=1"]
    assert [safe_cell(c) for c in cells] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\t=1+1",
        "'\r=1+1",
        "ana",
        "1=1",
    ]
