"""Result types and how they are written: the text report, JSON and JSON lines."""
