#!/usr/bin/env python3
"""P2 (top-K ranking) references for the two closed-form baselines, in plain NumPy (our own code).

  /usr/bin/python3 bench/peers/p2_baselines.py --model ease [--lam 250]
  /usr/bin/python3 bench/peers/p2_baselines.py --model itemknn [--k 200 --shrink 0]
  /usr/bin/python3 bench/peers/p2_baselines.py --model ease --grid      # validation sweep, one line each

- EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): G = XᵀX + λI, P = G⁻¹,
  B = I − P·diag(1/diag(P)) (so B_ij = −P_ij / P_jj and diag(B) = 0); scores X·B.
- ItemKNN as RecBole's `ItemKNN` (ComputeSimilarity.compute_items_similarity): sim(i, j) = x_i·x_j /
  (‖x_i‖‖x_j‖ + shrink + 1e-6) over the items' training columns, self-similarity 0; each item j keeps its k
  most similar items i as column j of W (column truncation: the score of j sums over the user's items among
  j's k neighbours), zeros not stored; scores X·W.

X is the binary user × item matrix of the training split (every rating is an interaction). The protocol is
PROTOCOLS.md P2 exactly as ../shared/peers/p2_topk.py measures it (the data and split come from its
peer_common.py): full ranking, training items masked, Recall/NDCG/Hit/MRR/Precision @10 and @20 averaged over
users with >= 1 item in the split; ties rank by ascending item index (a stable sort of −score), as our
`tf.topk` does. Everything is float64. The models are fitted on the training split only; `--grid` reports
the validation metrics of a few settings (picking by validation Recall@20), never test.

Paths: PEER_COMMON_DIR (default ../../../shared/peers from this file, i.e. ../shared/peers from the repo
root) and PEER_ML100K (peer_common's default: ../datasets/ml-100k beside it).
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.environ.get("PEER_COMMON_DIR", os.path.join(HERE, "..", "..", "..", "shared", "peers"))
sys.path.insert(0, PEERS)
import peer_common as pc  # noqa: E402

KS = (10, 20)


class Data(object):
    """Dense ids by ascending raw id (as p2_topk.py), binary matrices of the three splits."""

    def __init__(self, dataset):
        d = pc.chrono_split(pc.load_ratings(dataset))
        items = np.array(sorted(d["item"].unique()))
        users = np.array(sorted(d["user"].unique()))
        u = np.searchsorted(users, d["user"].values)
        i = np.searchsorted(items, d["item"].values)
        self.n_users, self.n_items = len(users), len(items)
        self.mats = {}
        for name, s in (("train", 0), ("val", 1), ("test", 2)):
            m = np.zeros((self.n_users, self.n_items), np.float64)
            m[u[d.split.values == s], i[d.split.values == s]] = 1.0
            self.mats[name] = m
        self.info = {"users": self.n_users, "items": self.n_items,
                     **{k: int(v.sum()) for k, v in self.mats.items()}}


def evaluate(scores, data, split):
    """scores [U, I]; training items masked; ties by ascending item index."""
    scores = np.where(data.mats["train"] > 0, -np.inf, scores)
    truth = data.mats[split] > 0
    n_rel = truth.sum(1)
    users = np.nonzero(n_rel > 0)[0]
    kmax = max(KS)
    top = np.argsort(-scores[users], axis=1, kind="stable")[:, :kmax]
    hits = truth[users[:, None], top].astype(np.float64)
    n_rel = n_rel[users].astype(np.float64)
    disc = 1.0 / np.log2(np.arange(2, kmax + 2))
    out = {}
    for k in KS:
        h = hits[:, :k]
        nh = h.sum(1)
        idcg = np.array([disc[:int(min(r, k))].sum() for r in n_rel])
        first = np.where(h.any(1), h.argmax(1) + 1, np.inf)
        out["recall@%d" % k] = float(np.mean(nh / n_rel))
        out["ndcg@%d" % k] = float(np.mean((h * disc[:k]).sum(1) / idcg))
        out["hit@%d" % k] = float(np.mean(nh > 0))
        out["mrr@%d" % k] = float(np.mean(1.0 / first))
        out["precision@%d" % k] = float(np.mean(nh / k))
    out["users"] = int(len(users))
    return out


def ease_weights(x, lam):
    g = x.T @ x
    g[np.diag_indices_from(g)] += lam
    p = np.linalg.inv(g)
    b = -p / np.diag(p)[None, :]
    b[np.diag_indices_from(b)] = 0.0
    return b


def itemknn_weights(x, k, shrink):
    g = x.T @ x
    norm = np.sqrt(np.diag(g))
    sim = g / (norm[:, None] * norm[None, :] + shrink + 1e-6)
    np.fill_diagonal(sim, 0.0)
    n = sim.shape[0]
    k = min(k, n)
    w = np.zeros_like(sim)
    for j in range(n):
        col = sim[:, j]
        top = np.argsort(-col, kind="stable")[:k]  # ties: the lower item index
        w[top, j] = col[top]
    return w


def fit(model, x, hyper):
    if model == "ease":
        return ease_weights(x, hyper["lam"])
    return itemknn_weights(x, hyper["k"], hyper["shrink"])


def rounded(m):
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in m.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="ml-100k", choices=["ml-100k"])
    ap.add_argument("--model", required=True, choices=["ease", "itemknn"])
    ap.add_argument("--lam", type=float, default=250.0, help="ease: L2 weight λ")
    ap.add_argument("--k", type=int, default=200, help="itemknn: neighbours kept per item")
    ap.add_argument("--shrink", type=float, default=0.0, help="itemknn: shrinkage of the cosine")
    ap.add_argument("--grid", action="store_true", help="validation metrics over a small grid")
    args = ap.parse_args()

    t_all = time.time()
    data = Data(args.data)
    x = data.mats["train"]
    if args.grid:
        grid = ([{"lam": v} for v in (50.0, 100.0, 250.0, 500.0, 1000.0)] if args.model == "ease" else
                [{"k": k, "shrink": s} for k in (20, 50, 100, 200) for s in (0.0, 10.0, 100.0)])
    else:
        grid = [{"lam": args.lam} if args.model == "ease" else {"k": args.k, "shrink": args.shrink}]
    for hyper in grid:
        t0 = time.time()
        w = fit(args.model, x, hyper)
        fit_s = time.time() - t0
        scores = x @ w
        out = {"protocol": "P2", "model": args.model, "dataset": args.data, "hyper": hyper,
               "implementation": "bench/peers/p2_baselines.py (NumPy %s, float64)" % np.__version__}
        if not args.grid:
            out["metrics"] = rounded(evaluate(scores, data, "test"))
        out["val_metrics"] = rounded(evaluate(scores, data, "val"))
        out.update({"fit_seconds": round(fit_s, 2), "seconds": round(time.time() - t_all, 1),
                    "data_info": data.info})
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
