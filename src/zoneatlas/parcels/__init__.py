"""Key investment parcels (重点招商引资地块): vocabulary, record type and validation."""
