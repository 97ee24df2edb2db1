"""The data rectlint ships in its packages (schemas, grammar, rule packs), read at every start.

importlib.resources imports tempfile (with shutil, random and the compression modules) and zipfile, a
twentieth of a one-file run; a package that is a folder on disk, as in any ordinary install, is read as
one, and only a package elsewhere (a zip on the path, another finder) is asked through importlib.resources.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any


def files(package: str) -> Any:
    """importlib.resources.files(package): a Path to the package's folder when it is one."""
    found = getattr(importlib.import_module(package), "__path__", None)
    if found is not None and len(where := list(found)) == 1 and os.path.isdir(where[0]):
        return Path(where[0])
    from importlib.resources import files as resource_files

    return resource_files(package)
