"""Rules of the 'evidence' category."""
