"""Resolution stages: actors to canonical entries, places to GeoNames, times to calendar intervals."""
