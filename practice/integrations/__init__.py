"""What learning platforms and integrations need: API keys, xAPI statements, the outbox, LTI launches."""
