"""The project JSON (every video, label, segment and review): ``writer`` and ``reader``."""
