"""The client's temperature over the turns, as numbers for a server-rendered SVG (no JavaScript needed)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 480, 160, 28


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: str  # the polyline's "x,y x,y ..." list
    dots: list[tuple[float, float, int, int]]  # x, y, turn number, temperature
    gridlines: list[tuple[float, int]]  # y, value
    summary: str  # the same data in words, for screen readers


CHART_TEXT = {
    "en": ("Client temperature (0 calm, 100 furious)", "start", "after reply {i}"),
    "ro": ("Temperatura clientului (0 calm, 100 furios)", "început", "după răspunsul {i}"),
}


def temperature_chart(temperatures: list[int], language: str = "en") -> Chart:
    title, first, after = CHART_TEXT.get(language, CHART_TEXT["en"])
    words = ", ".join(f"{first if i == 0 else after.format(i=i)}: {v}" for i, v in enumerate(temperatures))
    return line_chart(temperatures, f"{title} — {words}.")


def progress_chart(overall_percentages: list[int]) -> Chart:
    words = ", ".join(f"session {i + 1}: {v}%" for i, v in enumerate(overall_percentages))
    return line_chart(overall_percentages, f"Overall score per finished session, oldest first — {words}.")


def habit_chart(habit: str, values_0_to_1: list[float]) -> Chart:
    percentages = [round(v * 100) for v in values_0_to_1]
    words = ", ".join(f"session {i + 1}: {v}%" for i, v in enumerate(percentages))
    return line_chart(percentages, f"{habit} per finished session, oldest first — {words}.")


def line_chart(values_0_to_100: list[int], summary: str) -> Chart:
    values = values_0_to_100 or [0]
    step = (WIDTH - 2 * PAD) / max(1, len(values) - 1)

    def y(v: int) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / 100, 1)

    dots = [(round(PAD + i * step, 1), y(v), i, v) for i, v in enumerate(values)]
    points = " ".join(f"{x},{yy}" for x, yy, _, _ in dots)
    return Chart(WIDTH, HEIGHT, points, dots, [(y(v), v) for v in (0, 50, 100)], summary)
