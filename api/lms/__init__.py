"""Talking to learning platforms: the outbox's HTTP senders and the worker that runs them."""
