"""Data package: declarative rule packs and lexicons (*.yaml), each validated by rule-pack.schema.json."""
