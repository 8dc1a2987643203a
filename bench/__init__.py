"""Orbit's performance benchmark: every page at one council's size and at national scale (see README.md)."""
