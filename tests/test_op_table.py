"""The table of operations (backprop.functional.table) is the one list of rules: every public
rule declares itself there, and what lists operations (check --f, its help, Tensor's methods,
the catalogue) agrees with it."""

import inspect
import subprocess
import sys

import pytest

import backprop as bp
import backprop.functional as F
from backprop.functional.table import Op, lookup, ops, spellings
from backprop.verify.catalogue import all_rules
from backprop.verify.safe_eval import namespace

OPS = ops()
# Public functions of backprop.functional that are not rules (no VJP of their own).
NOT_RULES = {"conv_output_shape", "pool_output_shape", "argmax", "argmin", "one_hot"}


def test_every_public_rule_is_declared():
    public = {name for name, fn in vars(F).items()
              if inspect.isfunction(fn) and not name.startswith("_")} - NOT_RULES
    undeclared = sorted(name for name in public if not isinstance(getattr(vars(F)[name], "op",
                                                                          None), Op))
    assert not undeclared, f"rules with no @declare: {undeclared}"
    assert {op.fn for op in OPS.values()} <= {vars(F)[n] for n in public}


def test_catalogue_and_table_name_the_same_rules_and_sections():
    rules = all_rules()
    assert set(rules) == set(OPS)
    for name, op in OPS.items():
        assert rules[name].fn is op.fn, name
        assert rules[name].section == op.section, name


def test_no_two_operations_share_a_spelling():
    seen: dict[str, str] = {}
    for op in OPS.values():
        for s in {op.name, *op.python, *op.latex}:
            assert seen.setdefault(s, op.name) == op.name, \
                f"{s!r} names both {seen[s]} and {op.name}"


def test_lookup_finds_every_spelling():
    for op in OPS.values():
        for s in (op.name, *op.python, *op.latex):
            assert lookup(s) is op
    assert lookup(r"\sigma").name == "sigmoid"
    assert lookup("no_such_op") is None


def test_every_declared_method_exists_on_tensor():
    """...written in the class body of Tensor's mixin, where editors and type checkers see
    it (nothing is attached to the class at import)."""
    from backprop.tensor_methods import TensorMethods

    assert TensorMethods in bp.Tensor.__mro__
    body = {name for cls in bp.Tensor.__mro__ for name in vars(cls)}
    missing = [(op.name, m) for op in OPS.values() for m in op.methods if m not in body]
    assert not missing, f"Tensor lacks methods the table declares: {missing}"


def test_check_namespace_reads_the_table():
    names, in_f = namespace()
    for spelling, op in spellings().items():
        assert names[spelling] is op.fn
        assert spelling in in_f


def test_check_help_lists_every_python_spelling():
    out = subprocess.run([sys.executable, "-m", "backprop", "check", "--help"],
                         capture_output=True, text=True, check=True).stdout
    words = set(out.split())
    assert not set(spellings()) - words, set(spellings()) - words


def test_torch_names_resolve():
    torch = pytest.importorskip("torch")
    for op in OPS.values():
        if op.torch is not None:
            assert callable(op.torch_function(torch)), op.torch


def test_check_f_knows_gelu():
    """The derivation checker knew gelu while check --f called it an unknown name."""
    from backprop.verify.safe_eval import compile_expression

    f = compile_expression("gelu(x) + silu(x)", ("x",), differentiable=True)
    assert f(bp.tensor([0.5])).shape == (1,)


@pytest.mark.parametrize("module", ["backprop.engine", "backprop.tensor_methods",
                                    "backprop.functional.table", "backprop.nn",
                                    "backprop.verify.catalogue", "backprop.cli.check"])
def test_each_module_imports_first(module):
    """Tensor inherits its methods from a mixin that reads the rules, which import the engine:
    whichever module a program imports first, the package loads in one order."""
    run = subprocess.run([sys.executable, "-c", f"import {module}; import backprop as bp; "
                          f"print((bp.tensor([1.0, 2.0]) * 2).sum().item())"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "6.0", run.stderr
