"""Issue 17.11: no GPL code in the install. Lists the licence of every installed package
(License-Expression, License, classifiers) and fails on GPL/AGPL.

Judged exceptions, each with its reason:
- LGPL (psycopg, psycopg-binary): the library is used unmodified through its public API,
  which the LGPL allows in an Apache-2.0 project; it is not GPL.
- text-unidecode (a Prefect dependency through python-slugify): dual-licensed, "Artistic
  License or GPL"; used under the Artistic License.
Unidecode (GPLv2+), which vietnamadminunits' address parser imports, is kept out by
pyproject's ``override-dependencies``; sohoa reads that package's MIT data files only.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import distributions

# Names as in the metadata, lower-case → why the GPL mention is acceptable.
DUAL_LICENSED = {"text-unidecode": "Artistic License or GPL: used under the Artistic License"}
_GPL = re.compile(r"\b(?<!L)(?:A?GPL|(?:Affero )?General Public Licen[sc]e)", re.IGNORECASE)
_LGPL = re.compile(r"\bLGPL|Lesser General Public|Library General Public", re.IGNORECASE)


def _licence(dist) -> str:  # type: ignore[no-untyped-def]
    meta = dist.metadata
    classifiers = [
        c.removeprefix("License :: ") for c in meta.get_all("Classifier") or [] if c.startswith("License")
    ]
    return " | ".join(
        x for x in (meta.get("License-Expression"), (meta.get("License") or "")[:200], *classifiers) if x
    )


def _is_gpl(text: str) -> bool:
    # Every GPL mention that is not part of an LGPL one.
    return bool(_GPL.search(_LGPL.sub("", text)))


def test_no_installed_package_is_gpl():
    found = {}
    for dist in distributions():
        name = (dist.metadata["Name"] or "").lower()
        text = _licence(dist)
        if _is_gpl(text) and name not in DUAL_LICENSED:
            found[name] = text
    assert not found, f"GPL/AGPL packages installed: {found}"


def test_the_classifier_catches_the_licences_it_must():
    assert _is_gpl("GNU General Public License v2 or later (GPLv2+)")  # Unidecode's
    assert _is_gpl("AGPL-3.0-only") and _is_gpl("GPL-3.0-or-later")
    assert not _is_gpl("LGPL-3.0-only") and not _is_gpl("GNU Lesser General Public License v3 (LGPLv3)")
    assert not _is_gpl("MIT | Apache-2.0")


def test_unidecode_is_neither_installed_nor_imported():
    names = {(d.metadata["Name"] or "").lower() for d in distributions()}
    assert "unidecode" not in names
    code = (
        "import sys, flows.cli, flows.sweep, quality.rules\n"
        "from storage.warehouse.reference import read_vietnamadminunits\n"
        "assert read_vietnamadminunits()\n"
        "assert 'unidecode' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)
