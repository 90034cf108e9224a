"""MSE against cross-entropy on a sigmoid output, on real data: the Wisconsin diagnostic
breast-cancer table shipped with backprop (569 tumours, 30 features, malignant or benign).

The same network, the same initial weights and the same batches, trained once with binary
cross-entropy on its logit (gradient σ(a) − y) and once with the squared error of σ(a)
(gradient 2(σ(a) − y) σ(a)(1 − σ(a)), small when the network is confidently wrong). The
learning curves (test accuracy per epoch) are saved to the path given (PNG).

    python examples/breast_cancer_losses.py breast_cancer_losses.png
"""

import sys

import numpy as np

import backprop as bp
from backprop import nn

path = sys.argv[1] if len(sys.argv) > 1 else "breast_cancer_losses.png"
data = bp.data.load_dataset("breast-cancer")
curves = {}
for loss in ("bce", "sigmoid_mse"):
    bp.manual_seed(0)  # the same initial weights for both
    model = nn.Sequential(nn.Linear(30, 16), nn.Tanh(), nn.Linear(16, 1))
    accuracy = []
    for epoch in range(15):
        bp.fit(model, data.x_train, data.y_train, "sgd", loss=loss, lr=0.05, epochs=1,
               batch_size=32, seed=epoch, log=None)
        accuracy.append(bp.evaluate(model, data.x_test, data.y_test, loss=loss)["accuracy"])
    curves[loss] = accuracy
    print(f"{loss:12s} test accuracy after epoch 1: {100 * accuracy[0]:.2f}%  "
          f"after epoch 15: {100 * accuracy[-1]:.2f}%")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

fig = Figure(figsize=(6, 4), dpi=100)
FigureCanvasAgg(fig)
ax = fig.add_subplot()
for loss, label in (("bce", "cross-entropy on the logit"), ("sigmoid_mse", "MSE of σ(logit)")):
    ax.plot(np.arange(1, 16), curves[loss], "o-", label=label)
ax.set_xlabel("epoch")
ax.set_ylabel("test accuracy")
ax.set_title("breast cancer (Wisconsin diagnostic), SGD lr 0.05")
ax.grid(alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(path)
print(f"wrote {path}")
