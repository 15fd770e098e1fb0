"""The simulated upset client: a deterministic state machine over a scenario."""
