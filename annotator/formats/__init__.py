"""Exchange formats (CSV, JSON, EAF, WebVTT, SRT): no Qt."""
