"""Coordinate systems and geometry helpers."""
