"""Listening Gym domain core: scoring, scenarios, client simulation, sessions.

Nothing here imports FastAPI, jinja2 or HTTP code; torch is imported lazily by the encoder adapter only.
"""
