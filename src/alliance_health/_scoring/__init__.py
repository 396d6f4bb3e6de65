"""Scoring: the model, the aggregation functions, the array engine and `score`."""
