#!/usr/bin/env python3
"""Mutation testing of kaztimeline's core: how many small, deliberate bugs do the tests catch?

    python tools/mutate.py text quotes                      # modules by name, wherever they sit in the package
    python tools/mutate.py values/dates --sample 60 --seed 1
    python tools/mutate.py query --tests tests/test_query.py --timeout 60

Each mutant changes one thing inside one function: a comparison flipped (`<` to `<=`, `==` to `!=`, `in` to
`not in`), an integer off by one, `and` swapped with `or`, a condition negated, a statement dropped, or a
returned value replaced by None. The repository is copied to a temporary folder once; each mutant is written
into the copy and the module's tests run there (pytest -x, with a timeout: a mutant that loops forever counts
as caught). It prints the score and every surviving mutant, for a test to kill or a note in docs/testing.md to
explain. It takes minutes, so CI does not run it; see docs/testing.md.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Tests that exercise a module besides tests/test_<module>.py.
EXTRA_TESTS = {
    "text": ["test_search.py"],
    "quotes": ["test_validate.py"],
    "filters": ["test_query.py", "test_filtered_loading.py"],
    "criteria": ["test_filters.py", "test_filter_options.py"],
    "descriptor": ["test_validate.py", "test_datapackage.py"],
    "rules": ["test_loading.py", "test_validate.py", "test_bad_input.py"],
}
FLIPPED = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
           ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
DROPPABLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Raise, ast.Continue, ast.Break)


class Mutator(ast.NodeTransformer):
    """Walks a module's functions in a fixed order, numbering every possible mutation.

    With `target` None it only collects descriptions; otherwise it applies mutation number `target`.
    """

    def __init__(self, target: int | None = None) -> None:
        self.target = target
        self.found: list[str] = []
        self.in_function = 0

    def _offer(self, node: ast.AST, description: str) -> bool:
        self.found.append(f"line {getattr(node, 'lineno', '?')}: {description}")
        return len(self.found) - 1 == self.target

    def visit_FunctionDef(self, node):
        self.in_function += 1
        node.body = self._body(node.body)
        self.generic_visit(node)
        self.in_function -= 1
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        """Offers to drop each statement of a block (a docstring stays)."""
        for index, statement in enumerate(body):
            if isinstance(statement, DROPPABLE) and not _is_docstring(statement):
                if self._offer(statement, f"drop `{_short(statement)}`"):
                    body[index] = ast.copy_location(ast.Pass(), statement)
        return body

    def generic_visit(self, node):
        if self.in_function:
            for field in ("body", "orelse", "finalbody"):
                block = getattr(node, field, None)
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt) \
                        and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    setattr(node, field, self._body(block))
        return super().generic_visit(node)

    def visit_Compare(self, node):
        if self.in_function:
            for index, op in enumerate(node.ops):
                flipped = FLIPPED.get(type(op))
                if flipped and self._offer(node, f"`{_short(node)}`: {_OPS[type(op)]} -> {_OPS[flipped]}"):
                    node.ops[index] = flipped()
        return self.generic_visit(node)

    def visit_BoolOp(self, node):
        if self.in_function:
            swapped = ast.Or if isinstance(node.op, ast.And) else ast.And
            if self._offer(node, f"`{_short(node)}`: and/or swapped"):
                node.op = swapped()
        return self.generic_visit(node)

    def visit_Constant(self, node):
        if self.in_function and type(node.value) is int:
            for step in (1, -1):
                if self._offer(node, f"{node.value} -> {node.value + step}"):
                    return ast.copy_location(ast.Constant(node.value + step), node)
        return node

    def _negate_test(self, node):
        if self.in_function and self._offer(node.test, f"`{_short(node.test)}` negated"):
            node.test = ast.copy_location(ast.UnaryOp(ast.Not(), node.test), node.test)

    def visit_If(self, node):
        self._negate_test(node)
        return self.generic_visit(node)

    visit_While = visit_IfExp = visit_If

    def visit_Return(self, node):
        if self.in_function and node.value is not None and not _is_none(node.value):
            if self._offer(node, f"`{_short(node)}` -> `return None`"):
                node.value = ast.copy_location(ast.Constant(None), node.value)
        return self.generic_visit(node)


_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
        ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
        and isinstance(statement.value.value, str)


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _short(node: ast.AST, width: int = 60) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def mutants(source: str) -> list[str]:
    collector = Mutator()
    collector.visit(ast.parse(source))
    return collector.found


def mutated(source: str, number: int) -> str:
    tree = Mutator(number).visit(ast.parse(source))
    return ast.unparse(ast.fix_missing_locations(tree))


def find_module(name: str) -> Path:
    """`text`, `text.py`, `kaztimeline/text.py` or `values/text`: the module, wherever it sits in the package.

    A bare name means a core module: the renderers and the CLI (`render/text.py`) are matched only by a path.
    """
    suffix = name if name.endswith(".py") else f"{name}.py"
    matches = [p for p in sorted((ROOT / "kaztimeline").rglob("*.py")) if p.as_posix().endswith(f"/{suffix}")]
    if "/" not in suffix:
        matches = [p for p in matches if not {"render", "cli"} & set(p.relative_to(ROOT).parts)]
    if len(matches) != 1:
        found = ", ".join(str(p.relative_to(ROOT)) for p in matches) or "none"
        raise SystemExit(f"{name}: {len(matches)} modules match ({found}); give more of the path")
    return matches[0]


def default_tests(module: Path) -> list[str]:
    names = [f"test_{module.stem}.py", *EXTRA_TESTS.get(module.stem, [])]
    return [f"tests/{n}" for n in names if (ROOT / "tests" / n).is_file()]


def run_tests(copy: Path, tests: list[str], timeout: float) -> str:
    """"caught", "timeout" (caught too) or "survived"."""
    env = {**os.environ, "PYTHONPATH": str(copy), "HYPOTHESIS_PROFILE": "ci", "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *tests]
    try:
        done = subprocess.run(command, cwd=copy, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if done.returncode == 0 else "caught"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="+", help="module names or paths, e.g. text quotes kaztimeline/dates.py")
    parser.add_argument("--tests", nargs="*", help="test files to run (default: tests/test_<module>.py and friends)")
    parser.add_argument("--sample", type=int, help="test this many mutants per module, drawn at random")
    parser.add_argument("--seed", type=int, default=0, help="seed of the --sample draw")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per mutant before it counts as caught")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mutate-") as temp:
        copy = Path(temp) / "repo"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".hypothesis",
                                                                  "bench", "*.egg-info", ".pytest_cache"))
        env = {**os.environ, "PYTHONPATH": str(copy)}
        where = subprocess.run([sys.executable, "-c", "import kaztimeline; print(kaztimeline.__file__)"], cwd=copy,
                               env=env, capture_output=True, text=True).stdout
        if not where.startswith(str(copy)):
            raise SystemExit(f"the tests would import kaztimeline from {where.strip()}, not from the copy")
        for name in args.modules:
            module = find_module(name)
            relative = module.relative_to(ROOT)
            tests = args.tests or default_tests(module)
            source = module.read_text(encoding="utf-8")
            if run_tests(copy, tests, args.timeout * 3) != "survived":
                raise SystemExit(f"{relative}: the tests fail before any mutation: {' '.join(tests)}")
            found = mutants(source)
            numbers = list(range(len(found)))
            if args.sample and args.sample < len(numbers):
                numbers = sorted(random.Random(args.seed).sample(numbers, args.sample))
            survivors = []
            for number in numbers:
                (copy / relative).write_text(mutated(source, number), encoding="utf-8")
                if run_tests(copy, tests, args.timeout) == "survived":
                    survivors.append(found[number])
            (copy / relative).write_text(source, encoding="utf-8")
            caught = len(numbers) - len(survivors)
            sampled = f" (sampled of {len(found)})" if len(numbers) < len(found) else ""
            print(f"{relative}: {len(numbers)} mutants{sampled}, {caught} caught, "
                  f"score {caught / max(len(numbers), 1):.0%}  [{' '.join(tests)}]", flush=True)
            for survivor in survivors:
                print(f"  survived: {relative}:{survivor}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
