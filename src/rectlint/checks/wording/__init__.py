"""Rules of the 'wording' category."""
