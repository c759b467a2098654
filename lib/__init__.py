"""Pure code shared by every app (no Django, no app imports)."""
