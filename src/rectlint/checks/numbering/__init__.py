"""Rules of the 'numbering' category."""
