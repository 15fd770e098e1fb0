"""People: accounts with roles, their sign-in sessions and the one-time invites that create them."""
