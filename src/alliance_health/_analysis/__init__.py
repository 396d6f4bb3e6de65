"""Analyses built on the engine: trajectories, uncertainty, sensitivity, comparisons, diagnoses."""
