"""Links in the README and docs: every relative link names a file that exists, and every `#anchor` a heading of
that file, as GitHub makes them, so moving a section from the README to docs/ cannot leave a dead link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")), REPO / "data" / "README.md"]
LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*```")


def prose(path: Path) -> list[str]:
    """The document's lines outside fenced code blocks."""
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            inside = not inside
        elif not inside:
            lines.append(line)
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in prose(path):
        heading = re.match(r"#{1,6} (.*)", line)
        if heading:
            base = slug(heading.group(1))
            found.add(base if base not in seen else f"{base}-{seen[base]}")
            seen[base] = seen.get(base, 0) + 1
    return found


def links() -> list[tuple[str, Path, str]]:
    out = []
    for path in DOCUMENTS:
        for line in prose(path):
            for target in LINK.findall(line):
                if not re.match(r"[a-z]+:", target):  # http:, https:, mailto: are not checked here
                    out.append((f"{path.relative_to(REPO)}: {target}", path, target))
    return out


def test_slug_follows_github():
    assert slug("The date as read: `when`") == "the-date-as-read-when"
    assert slug("`kaztimeline show ID --context`") == "kaztimeline-show-id---context"
    assert slug("A data package: every table") == "a-data-package-every-table"


def test_the_documents_have_relative_links():
    assert len(links()) > 20


@pytest.mark.parametrize(("name", "path", "target"), links(), ids=[name for name, _, _ in links()])
def test_relative_link_resolves(name, path, target):
    file, _, anchor = target.partition("#")
    linked = (path.parent / file).resolve() if file else path
    assert linked.exists(), f"{name}: no such file"
    if anchor and linked.suffix == ".md":
        assert anchor in anchors(linked), f"{name}: no heading #{anchor} in {linked.relative_to(REPO)}"
