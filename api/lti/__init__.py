"""LTI 1.3 at the edge: OIDC login, signed launches, deep linking, the tool's keys, grade passback."""
