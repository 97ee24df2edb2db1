"""Rules of the 'formulation' category."""
