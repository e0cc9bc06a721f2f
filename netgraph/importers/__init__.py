"""Importers: LinkedIn exports and vCards, merged into a network folder."""
