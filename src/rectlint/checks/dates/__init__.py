"""Rules of the 'dates' category."""
