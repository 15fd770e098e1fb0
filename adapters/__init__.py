"""Adapters to the outside world over HTTP: the LRS and LTI platforms (their keysets, tokens and gradebooks),
and the outbox worker that delivers to them. The domain core (practice/) never talks HTTP itself."""
