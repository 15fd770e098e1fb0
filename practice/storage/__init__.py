"""The SQL adapter of the session repository: SQLite by default, PostgreSQL by URL, through SQLAlchemy 2."""
