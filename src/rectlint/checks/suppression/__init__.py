"""Rules of the 'suppression' category: they report on `<!-- rectlint: … -->` comments (see rectlint.suppress)."""
