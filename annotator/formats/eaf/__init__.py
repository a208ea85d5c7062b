"""ELAN EAF 3.0: ``writer`` exports a tier per label; ``reader`` imports the time-aligned tiers."""
