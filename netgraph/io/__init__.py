"""Reading and writing network folders and JSON: the exact and the fast reader, the writers."""
