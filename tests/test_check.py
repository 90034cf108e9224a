"""Checking a user's derivation: right softmax Jacobians hold, plausible wrong ones fail;
the command line answers holds / fails and refuses expressions that try to escape."""

import subprocess
import sys

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.cli import main
from backprop.errors import BackpropError
from backprop.verify import check_jacobian, check_vjp
from backprop.verify.safe_eval import evaluate

X = np.array([0.5, -1.0, 2.0, 0.1])


def s_of(x):
    return F.softmax(x).numpy()


RIGHT = lambda x: np.diag(s_of(x)) - np.outer(s_of(x), s_of(x))  # noqa: E731
WRONG = {
    "diag(s) alone": lambda x: np.diag(s_of(x)),
    "diag(s) - s^T s (inner product)": lambda x: np.diag(s_of(x)) - s_of(x) @ s_of(x),
    "s(1-s) off the diagonal too": lambda x: np.tile((s_of(x) * (1 - s_of(x)))[:, None],
                                                     (1, x.size)),
    "s_i(1-s_j) everywhere": lambda x: np.outer(s_of(x), 1 - s_of(x)),
}


def test_right_softmax_jacobian_holds():
    r = check_jacobian(F.softmax, RIGHT, X)
    assert r and r.holds and r.points == 3
    assert str(r).startswith("holds")


def test_jacobian_in_f_shape_plus_x_shape_is_accepted():
    x = np.random.default_rng(0).standard_normal((2, 3))
    sm = lambda x: F.softmax(x, dim=1)  # noqa: E731
    def jac(x):
        s = F.softmax(x, dim=1).numpy()
        J = np.zeros((2, 3, 2, 3))
        for n in range(2):
            J[n, :, n, :] = np.diag(s[n]) - np.outer(s[n], s[n])
        return J
    assert check_jacobian(sm, jac, x)


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_softmax_jacobians_fail(name):
    r = check_jacobian(F.softmax, WRONG[name], X)
    assert not r
    assert r.point_index == 0 and r.entry is not None
    assert abs(r.yours - r.engine) > 1e-3
    assert r.engine == pytest.approx(r.numeric, abs=1e-6)
    text = str(r)
    assert text.startswith("fails at point 0") and "yours" in text and "engine" in text


def test_first_failing_point_is_reported():
    # The claim is right where x_0 ≤ 0 (the given x) and wrong elsewhere.
    claim = lambda x: RIGHT(x) if x[0] <= 0 else np.diag(s_of(x))  # noqa: E731
    r = check_jacobian(F.softmax, claim, np.array([-1.0, 0.0, 1.0]), points=[[1.0, 2.0, 3.0]])
    assert not r and r.point_index == 1
    np.testing.assert_allclose(r.x, [1.0, 2.0, 3.0])


def test_shape_mismatch_is_explained():
    with pytest.raises(BackpropError, match=r"returned shape \(4,\).*must be \(4, 4\)"):
        check_jacobian(F.softmax, lambda x: s_of(x), X)


def test_vjp_right_and_wrong():
    right = lambda x, v: s_of(x) * (v - v @ s_of(x))  # noqa: E731
    assert check_vjp(F.softmax, right, X)
    wrong = lambda x, v: s_of(x) * v  # noqa: E731
    r = check_vjp(F.softmax, wrong, X)
    assert not r and r.v is not None and "vᵀ∂f/∂x" in str(r)
    with pytest.raises(BackpropError, match="x's shape"):
        check_vjp(F.softmax, lambda x, v: np.zeros(7), X)


def test_other_functions():
    sig = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    assert check_jacobian(F.sigmoid, lambda x: np.diag(sig(x) * (1 - sig(x))), X)
    assert check_jacobian(F.log_softmax, lambda x: np.eye(x.size) - np.outer(np.ones(x.size),
                                                                            s_of(x)), X)
    assert not check_jacobian(F.log_softmax, lambda x: np.eye(x.size) - np.outer(
        s_of(x), np.ones(x.size)), X)
    assert check_jacobian(lambda x: F.sum(F.log(x)), lambda x: 1 / x, np.array([0.5, 2.0]))
    assert bp.check_jacobian is check_jacobian and bp.check_vjp is check_vjp


# -- the command line ------------------------------------------------------------------------

def run_cli(*args):
    return main(["check", *args])


def test_cli_holds(capsys):
    assert run_cli("--f", "softmax(x)", "--jacobian",
                   "diag(softmax(x)) - outer(softmax(x), softmax(x))") == 0
    assert capsys.readouterr().out.startswith("holds")
    assert run_cli("--f", "softmax(x)", "--vjp", "softmax(x) * (v - v @ softmax(x))",
                   "--x", "[1, 2, 3]") == 0
    assert run_cli("--f", "log_softmax(x)", "--jacobian",
                   "eye(x.size) - outer(ones(x.size), softmax(x))", "--shape", "5") == 0
    assert run_cli("--f", "sigmoid(x)", "--jacobian", "diag(sigmoid(x) * (1 - sigmoid(x)))") == 0
    assert run_cli("--f", "tanh(x)", "--jacobian", "diag(cosh(x)**-2)") == 0
    assert run_cli("--f", "sum(log(x))", "--jacobian", "1 / x", "--domain", "positive") == 0
    # a small network: f(x) = softmax(W tanh(x))
    assert run_cli("--f", "softmax(matmul(eye(3) + 0.5, tanh(x)))", "--jacobian",
                   "(diag(softmax(matmul(eye(3) + 0.5, tanh(x)))) - "
                   "outer(softmax(matmul(eye(3) + 0.5, tanh(x))), "
                   "softmax(matmul(eye(3) + 0.5, tanh(x))))) @ (eye(3) + 0.5) @ "
                   "diag(1 - tanh(x)**2)", "--shape", "3") == 0


@pytest.mark.parametrize("claim", ["diag(softmax(x))",
                                   "diag(softmax(x)) - softmax(x) @ softmax(x)",
                                   "diag(softmax(x)) - softmax(x).T @ softmax(x)"])
def test_cli_fails(claim, capsys):
    assert run_cli("--f", "softmax(x)", "--jacobian", claim, "--x", "[1, 2, 3]") == 1
    out = capsys.readouterr().out
    assert out.startswith("fails at point 0: x = [1. 2. 3.]")
    assert "yours" in out and "engine" in out and "numeric" in out


def test_cli_vector_instead_of_matrix_is_a_shape_error(capsys):
    assert run_cli("--f", "softmax(x)", "--jacobian", "softmax(x) * (1 - softmax(x))") == 2
    err = capsys.readouterr().err
    assert "my_jacobian returned shape (4,)" in err and err.count("\n") == 1


def test_cli_wrong_off_diagonal_fails(capsys):
    claim = "diag(softmax(x) * (1 - softmax(x))) + outer(softmax(x), 1 - softmax(x)) * 0 + " \
            "(1 - eye(3)) * outer(softmax(x), 1 - softmax(x))"
    assert run_cli("--f", "softmax(x)", "--jacobian", claim, "--x", "[1, 2, 3]") == 1
    assert "fails at point 0" in capsys.readouterr().out


ESCAPES = ["__import__('os')", "x.__class__", "().__class__.__bases__", "import os",
           "os.system('true')", "sys.exit(0)", "lambda: 0", "x.__class__.__mro__[1]",
           "open('/etc/passwd')", "eval('1')", "getattr(x, 'T')", "[c for c in x]",
           "x.data", "softmax.__globals__", "'a' * 3", "globals()", "9**9**9**9"]


@pytest.mark.parametrize("expr", ESCAPES)
def test_escapes_are_refused_with_one_line(expr, capsys):
    assert run_cli("--f", expr, "--jacobian", "eye(4)") == 2
    err = capsys.readouterr().err
    assert err.startswith("backprop check: error:") and err.count("\n") == 1
    assert "Traceback" not in err
    assert run_cli("--f", "softmax(x)", "--jacobian", expr) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_escape_refused_before_anything_runs():
    with pytest.raises(BackpropError):
        evaluate("__import__('os').system('touch /tmp/backprop-pwned')", x=np.ones(2))


def test_cli_subprocess_exit_codes():
    ok = subprocess.run([sys.executable, "-m", "backprop", "check", "--f", "softmax(x)",
                         "--jacobian", "diag(softmax(x)) - outer(softmax(x), softmax(x))"],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "holds" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "backprop", "check", "--f", "x.__class__",
                          "--jacobian", "x"], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_non_differentiable_f_is_refused(capsys):
    assert run_cli("--f", "sin(x)", "--jacobian", "diag(cos(x))") == 2
    assert "not differentiable by the engine" in capsys.readouterr().err
