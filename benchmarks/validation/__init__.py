"""One runner per validation data set, with shared statistics and loaders (see benchmarks/validate.py)."""
