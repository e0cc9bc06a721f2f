"""Pictures: the interactive network page, the platform map and the star report page."""
