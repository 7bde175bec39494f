"""Replacing a file keeps its permissions: a private file stays private.

The writers of ``.xlsx`` and ``.db`` files write a temporary file beside the
target and rename it over the target. The temporary file gets the usual
permissions (the umask), so without this a user's ``chmod 600 linkedin.db``
would be undone by the next write of a file that holds their messages.

Examples
--------
>>> import os, stat, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> target, tmp = folder / "linkedin.db", folder / ".linkedin.db.tmp"
>>> _ = target.write_text("old"); target.chmod(0o600)
>>> _ = tmp.write_text("new"); tmp.chmod(0o644)
>>> keep_mode(tmp, target)
>>> oct(stat.S_IMODE(tmp.stat().st_mode))
'0o600'
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["keep_mode"]


def keep_mode(tmp: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Give ``tmp`` the permission bits of ``target``, when ``target`` exists.

    Parameters
    ----------
    tmp : str or os.PathLike
        The new file, about to be renamed over ``target``.
    target : str or os.PathLike
        The file it replaces; nothing is done when there is none yet.
    """
    try:
        mode = stat.S_IMODE(Path(target).stat().st_mode)
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)
