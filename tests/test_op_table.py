"""The table of operations (backprop.functional.table) is the one list of rules: every public
rule declares itself there, and what lists operations (check --f, its help, Tensor's methods,
the catalogue) agrees with it."""

import inspect
import subprocess
import sys

import numpy as np
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
    """Each method the table declares is on Tensor: made from the table (calling its rule),
    or written in TensorMethods where it adapts its arguments."""
    from backprop.tensor_methods import TensorMethods

    written = set(vars(TensorMethods))
    for op in OPS.values():
        for m in op.methods:
            method = getattr(bp.Tensor, m, None)
            assert method is not None, (op.name, m)
            if m not in written:  # made from the table: it calls this rule, and says so
                assert (method.__doc__ or "").startswith(f"backprop.functional.{op.name} "), m


def test_methods_made_from_the_table_call_their_rule():
    x = bp.tensor([1.5, 2.0, 3.0], requires_grad=True)
    y = bp.tensor([0.5, 4.0, 1.25], requires_grad=True)
    for op in OPS.values():
        for m in op.methods:
            if not (bp.Tensor.__dict__[m].__doc__ or "").startswith("backprop.functional."):
                continue
            if m.startswith("__r") and f"__{m[3:]}" in op.methods:
                got, want = getattr(x, m)(y), op.fn(y, x)
            elif m.startswith("__") and m not in ("__neg__", "__abs__"):
                got, want = getattr(x, m)(y), op.fn(x, y)
            else:  # a bound for the clamps; the other methods take the tensor alone
                more = (2.0,) if m.startswith(("clamp", "clip")) else ()
                got, want = getattr(x, m)(*more), op.fn(x, *more)
            np.testing.assert_array_equal(got.numpy(), want.numpy(), err_msg=m)
            assert got._node is not None and got._node.name == want._node.name, m


def test_the_type_declarations_are_the_methods_made_from_the_table():
    """TensorMethods declares, for type checkers only, exactly the methods the table makes
    (the others it writes out)."""
    import ast
    import inspect

    from backprop import tensor_methods

    tree = ast.parse(inspect.getsource(tensor_methods.TensorMethods))
    block = next(n for n in ast.walk(tree) if isinstance(n, ast.If)
                 and getattr(n.test, "id", "") == "TYPE_CHECKING")
    declared = {n.name for n in block.body if isinstance(n, ast.FunctionDef)}
    declared -= {"shape", "ndim", "dtype"}  # the engine's own attributes
    made = {m for op in OPS.values() for m in op.methods} - set(vars(tensor_methods.TensorMethods))
    assert declared == made


def test_the_engine_does_not_import_its_methods():
    """The engine knows no operator: it imports tensor_methods for type checkers only."""
    import ast
    import inspect

    from backprop import engine

    top = [n for n in ast.parse(inspect.getsource(engine)).body
           if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert not [n for n in top if isinstance(n, ast.ImportFrom) and n.module and
                ("tensor_methods" in n.module or "functional" in n.module)]


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
