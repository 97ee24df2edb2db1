"""Data package: the Lark grammar of a notice (notice.lark)."""
