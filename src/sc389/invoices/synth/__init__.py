"""A synthetic e-invoice economy with planted schemes and its ground truth (tests, benchmarks, precision/recall)."""
