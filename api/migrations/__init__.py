"""alembic migrations of the argmap store (a package so that the wheel carries them)."""
