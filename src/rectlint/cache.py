"""A content-hash cache of findings: re-checking an unchanged repository reads results instead of linting.

An entry's key hashes the file's bytes, its name (it is reported), the resolved settings (rules, severities,
options) and the code that produced the findings: rectlint's version plus a stamp of its installed files, so
editing a rule or a rule pack in a development install never serves stale results. Entries are small JSON
files under `.rectlint_cache/` (one per input, written atomically, so parallel workers never clash).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from rectlint import __version__

DEFAULT_DIR = ".rectlint_cache"
FORMAT = 2  # 2: findings kept as rows


@cache
def code_stamp() -> str:
    """Version plus (path, size, mtime) of every file in the installed package."""
    import hashlib  # loads OpenSSL: only for a run that keeps results

    root = Path(__file__).parent
    h = hashlib.sha256(f"{__version__}/{FORMAT}".encode())
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            st = os.stat(os.path.join(folder, name))
            h.update(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def settings_token(settings) -> str:
    """The resolved settings as a stable string: which rules (and where they come from), severities, options."""
    import json  # only for a run that keeps results

    rules = sorted(f"{r.code}={r.__module__}.{r.__qualname__}" for r in settings.rules)
    return json.dumps({"rules": rules, "severity": {k: str(v) for k, v in sorted(settings.severity.items())},
                       "options": settings.options}, sort_keys=True, ensure_ascii=False, default=str)


class Cache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory / f"v{FORMAT}"
        self._ready = False

    def key(self, data: bytes, shown: str, token: str) -> str:
        import hashlib

        h = hashlib.sha256(data)
        h.update(b"\0" + shown.encode("utf-8", "surrogateescape") + b"\0" + token.encode() + b"\0")
        h.update(code_stamp().encode())
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> dict[str, Any] | None:
        import json

        try:
            return json.loads(self._path(key).read_bytes())
        except (OSError, ValueError):
            return None  # absent or damaged: check the file again

    def put(self, key: str, entry: dict[str, Any]) -> None:
        import json
        import tempfile  # with shutil, random and the compression modules: only for a run that stores results

        path = self._path(key)
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode())
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _prepare(self) -> None:
        if self._ready:
            return
        root = self.directory.parent
        root.mkdir(parents=True, exist_ok=True)
        ignore = root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by rectlint\n*\n", encoding="utf-8")
        self._ready = True
