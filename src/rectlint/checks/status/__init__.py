"""Rules of the 'status' category."""
