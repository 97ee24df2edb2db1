"""JSON Schemas shipped with rectlint: output document, rule packs, rule cases."""
