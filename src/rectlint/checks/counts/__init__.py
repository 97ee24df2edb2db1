"""Rules of the 'counts' category."""
