"""Mapbox Vector Tiles: a vectorized encoder (pure numpy + shapely) and tile building."""
