"""rectlint's own Python rules, one module per rule, grouped by category.

Registered through the `rectlint.rules` entry point; plugins register their modules the same way.
"""
