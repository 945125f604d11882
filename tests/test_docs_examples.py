"""Examples are tests: every console example in README.md and docs/*.md is run and its output compared.

A ```console block holds commands (`$ kaztimeline ...`, continued by a trailing backslash) each followed by the
output it prints. The whole block runs in one bash, in a fresh folder holding a copy of `data/`, `seeds/` and
the files of `tests/fixtures/docs/` (so `validate my.csv` finds its file and `export -o x.html` writes there),
with standard output and standard error on a pseudo-terminal of COLUMNS (100) columns, as a user would see it
(colours are stripped). A line `...` in the expected output stands for any number of lines. Lines are compared
without trailing spaces, and blank lines at the end of an output are ignored.

Blocks that use a tool that is not installed (jq, csvlook, duckdb) are skipped, naming the tool. Set
KAZTIMELINE_UPDATE_DOCS=1 to write the actual output into the blocks that have no `...` instead of failing.
See docs/contributing.md.
"""

from __future__ import annotations

import difflib
import errno
import os
import pty
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kaztimeline.cli import app

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "docs"
COLUMNS = 100
EXTERNAL_TOOLS = ("jq", "csvlook", "duckdb", "sqlite3", "mlr", "xsv")
ELISION = "..."
BOUNDARY = "@@kaztimeline-doc-example-boundary@@"
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
FENCE = re.compile(r"^```(\w*)\s*$")


def documents() -> list[Path]:
    paths = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")), REPO / "data" / "README.md"]
    return [p for p in paths if p.is_file()]


@dataclass
class Command:
    line: int  # 1-based line of the `$` in the document
    text: str
    expected: list[str] = field(default_factory=list)
    expected_line: int = 0  # the first expected line


@dataclass
class Block:
    path: Path
    kind: str
    line: int  # the opening fence
    body: list[str]
    commands: list[Command] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}"


def blocks(path: Path, kind: str) -> list[Block]:
    """The fenced blocks of one language in a Markdown file, with their line numbers."""
    found, current = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fence = FENCE.match(line)
        if current is None and fence and line != "```":
            current = Block(path, fence.group(1), number, [])
        elif current is not None and line == "```":
            if current.kind == kind:
                found.append(current)
            current = None
        elif current is not None:
            current.body.append(line)
    return found


def parse_console(block: Block) -> Block:
    """Split a console block into commands and the output lines expected after each."""
    command = None
    continued = False
    for offset, line in enumerate(block.body, start=1):
        number = block.line + offset
        if continued:
            command.text += "\n" + line
            continued = line.endswith("\\")
        elif line.startswith("$ "):
            command = Command(number, line[2:], [], number + 1)
            block.commands.append(command)
            continued = line.endswith("\\")
        elif command is None:
            raise AssertionError(f"{block.name}: a console block must start with a `$ ` command line")
        else:
            if not command.expected:
                command.expected_line = number
            command.expected.append(line)
    return block


def console_blocks() -> list[Block]:
    return [parse_console(b) for path in documents() for b in blocks(path, "console")]


def missing_tools(block: Block) -> list[str]:
    script = "\n".join(c.text for c in block.commands)
    used = [t for t in EXTERNAL_TOOLS if re.search(rf"(^|[|;&(]\s*){t}\b", script, flags=re.M)]
    return [t for t in used if shutil.which(t) is None]


def example_env(bin_dir: Path, home: Path) -> dict[str, str]:
    """A clean, fixed environment: the venv's kaztimeline first on PATH, a colour terminal of COLUMNS columns."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "SYSTEMROOT", "TMPDIR")}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
        HOME=str(home),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES="50",
        PYTHONUTF8="1",
    )
    return env


def run_on_terminal(script: str, cwd: Path, env: dict[str, str], timeout: float = 120) -> str:
    """Run a bash script with stdout and stderr on a pseudo-terminal (stdin empty), and return what it printed."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, COLUMNS, 0, 0))
    process = subprocess.Popen(
        ["bash", "--noprofile", "--norc", "-c", script],
        cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError as exc:  # EIO: every writer to the terminal has closed it
            if exc.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    process.wait(timeout=timeout)
    return ANSI.sub("", b"".join(chunks).decode("utf-8", errors="replace")).replace("\r\n", "\n").replace("\r", "")


def block_script(block: Block) -> str:
    """One bash script for the block: each command, then a boundary line that keeps the exit status for `$?`."""
    parts = []
    for command in block.commands:
        parts.append(command.text)
        parts.append(f"__status=$?; printf '\\n{BOUNDARY}\\n'; (exit $__status)")
    return "\n".join(parts) + "\n"


def split_outputs(output: str, count: int) -> list[list[str]]:
    pieces = output.split(f"\n{BOUNDARY}\n")
    assert len(pieces) == count + 1, f"expected {count} command outputs, got {len(pieces) - 1}:\n{output}"
    return [tidy(piece.splitlines()) for piece in pieces[:count]]


def tidy(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line equality, where an expected line `...` stands for any number of actual lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == ELISION:
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and head == actual[0] and matches(rest, actual[1:])


def prepare_folder(folder: Path) -> None:
    """What a reader has after cloning: data/ and seeds/, plus the example input files."""
    shutil.copytree(REPO / "data", folder / "data")
    shutil.copytree(REPO / "seeds", folder / "seeds")
    if FIXTURES.is_dir():
        for item in FIXTURES.iterdir():
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, folder / item.name)


def run_block(block: Block, tmp_path: Path) -> list[list[str]]:
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "kaztimeline").exists():
        pytest.skip(f"no kaztimeline script beside {sys.executable}; install the package with pip first")
    work = tmp_path / "work"
    work.mkdir()
    prepare_folder(work)
    home = tmp_path / "home"
    home.mkdir()
    output = run_on_terminal(block_script(block), work, example_env(bin_dir, home))
    return split_outputs(output, len(block.commands))


def update_block(block: Block, actual: list[list[str]]) -> None:
    """Write the actual outputs into the document, for a block whose examples have no elision."""
    # Earlier updates may have moved the block: find it again by its content.
    current = [b for b in blocks(block.path, block.kind) if b.body == block.body]
    assert current, f"{block.name}: the block changed while the tests ran"
    lines = block.path.read_text(encoding="utf-8").split("\n")
    body = []
    for command, output in zip(block.commands, actual):
        body.extend("$ " + part if i == 0 else part for i, part in enumerate(command.text.split("\n")))
        body.extend(output)
    start = current[0].line  # index of the first body line (the fence is on line `start`, 1-based)
    lines[start:start + len(block.body)] = body
    block.path.write_text("\n".join(lines), encoding="utf-8")


CONSOLE_BLOCKS = console_blocks()


@pytest.mark.parametrize("block", CONSOLE_BLOCKS, ids=[b.name for b in CONSOLE_BLOCKS])
def test_console_example_prints_what_the_document_shows(block: Block, tmp_path):
    missing = missing_tools(block)
    if missing:
        pytest.skip(f"{block.name}: {', '.join(missing)} not installed")
    actual = run_block(block, tmp_path)
    failures = []
    for command, output in zip(block.commands, actual):
        expected = tidy(command.expected)
        if not matches(expected, output):
            diff = "\n".join(difflib.unified_diff(expected, output, "documented", "printed", lineterm=""))
            failures.append(f"{block.path.relative_to(REPO)}:{command.line}: $ {command.text}\n{diff}")
    if failures and os.environ.get("KAZTIMELINE_UPDATE_DOCS") and not any(
        line.strip() == ELISION for c in block.commands for line in c.expected
    ):
        update_block(block, actual)
        pytest.skip(f"{block.name}: updated")
    assert not failures, "\n\n".join(failures)


def test_every_document_has_console_examples_found():
    """The harness sees the examples: the README has some, and every command line has a `$`."""
    readme = [b for b in CONSOLE_BLOCKS if b.path.name == "README.md" and b.path.parent == REPO]
    assert readme, "no console examples found in README.md"
    assert all(b.commands for b in CONSOLE_BLOCKS)


# --- the elision matcher itself ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "actual", "result"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "c"], False),
        (["a", "..."], ["a", "b", "c"], True),
        (["a", "...", "c"], ["a", "c"], True),
        (["a", "...", "c"], ["a", "b", "b", "c"], True),
        (["a", "...", "c"], ["a", "b", "d"], False),
        (["a"], ["a", "b"], False),
        ([], ["a"], False),
    ],
)
def test_elision_stands_for_any_number_of_lines(expected, actual, result):
    assert matches(expected, actual) is result


def test_a_console_example_that_lies_fails(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("```console\n$ echo one; echo two\none\nthree\n$ echo $?\n0\n```\n", encoding="utf-8")
    block = parse_console(blocks(doc, "console")[0])
    assert [c.line for c in block.commands] == [2, 5]
    env = example_env(Path(sys.executable).parent, tmp_path)
    outputs = split_outputs(run_on_terminal(block_script(block), tmp_path, env), 2)
    assert outputs == [["one", "two"], ["0"]]
    assert not matches(tidy(block.commands[0].expected), outputs[0])


def test_examples_run_on_a_terminal_of_fixed_width(tmp_path):
    env = example_env(Path(sys.executable).parent, tmp_path)
    script = "test -t 1 && echo tty; stty -F /dev/stdout size; false\necho $?\n"
    assert run_on_terminal(script, tmp_path, env).split() == ["tty", "50", str(COLUMNS), "1"]


# --- ```sh blocks: commands that are shown without their output --------------------------------------------------


def sh_commands() -> list[tuple[str, str]]:
    """(where, simple command) for every command of every ```sh block, continuation lines joined."""
    found = []
    for path in documents():
        for block in blocks(path, "sh"):
            text = "\n".join(block.body).replace("\\\n", " ")
            for offset, line in enumerate(text.split("\n"), start=1):
                for part in re.split(r"&&|\|\||[|;]", line):
                    if part.strip() and not part.strip().startswith("#"):
                        found.append((f"{path.relative_to(REPO)}:{block.line + offset}", part.strip()))
    return found


SH_COMMANDS = sh_commands()


@pytest.mark.parametrize(("where", "command"), SH_COMMANDS, ids=[f"{w} {c[:40]}" for w, c in SH_COMMANDS])
def test_sh_example_commands_run(where, command, tmp_path, monkeypatch):
    """A kaztimeline command shown without its output still runs successfully (in a fresh folder)."""
    words = shlex.split(command, comments=True)
    program = os.path.basename(words[0]) if words else ""
    if program == "kaztimeline":
        prepare_folder(tmp_path)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("COLUMNS", str(COLUMNS))
        monkeypatch.delenv("KAZTIMELINE_DATA", raising=False)
        args = [w for w in words[1:] if not w.startswith((">", "2>"))]
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0, f"{where}: {command}: exit {result.exit_code}\n{result.output}"
    elif program.startswith("python") and len(words) > 1 and words[1].endswith(".py"):
        assert (REPO / words[1]).is_file(), f"{where}: {words[1]} does not exist"


def test_sh_blocks_show_no_output_figures():
    """A figure in a comment beside a command is not checked; such an example belongs in a console block."""
    stale = [
        f"{where}: {command}"
        for where, command in SH_COMMANDS
        if "kaztimeline" in command and "#" in command and re.search(r"\d", command.split("#", 1)[1])
    ]
    assert not stale, "move these examples to ```console blocks so their output is checked:\n" + "\n".join(stale)
