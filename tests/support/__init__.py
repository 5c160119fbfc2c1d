"""Helpers shared by the project-wide tests (fuzzing, outages, health)."""
