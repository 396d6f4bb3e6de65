"""The domain model: pillars, sources, events, indicators, observations and profiles."""
