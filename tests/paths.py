"""Where the test data lives (a module of its own: several folders have a conftest)."""

from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "freelancer"
EXAMPLE_AS_OF = date(2026, 11, 1)
