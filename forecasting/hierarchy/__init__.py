"""Hierarchies of grid zones (zone -> balancing authority -> region -> top) and coherent
forecasts across them: `tree` builds the hierarchy from file names, `mint` reconciles."""
