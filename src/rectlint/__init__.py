"""rectlint: a linter for Chinese 巡察/巡视整改情况通报."""

__version__ = "0.1.0"
