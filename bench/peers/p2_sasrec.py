#!/usr/bin/env python3
"""P2 (top-K ranking) reference run of SASRec, in plain PyTorch, on the protocol of shared/docs/PROTOCOLS.md.

SASRec: Kang & McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018. Written from the paper, with
the well-known PyTorch port's structure in mind (github pmixer/SASRec.pytorch: left-padded windows of the
last T items, learned absolute positions, one sampled negative per position, BCE on the positions that
have a target, score = last position's output · item embedding). No third-party code is copied here.

The model is the one src/models/topk/sasrec.ts builds, so that the two can be compared number for number:
  x⁰ = Dropout(E[s_t]·√d + P[t]) ⊙ m_t                      (m_t = 0 on left padding)
  per block: x = x + Dropout(MHA(LN(x)))                    (causal mask + key-padding mask, softmax over keys,
             x = x + Dropout(FFN(LN(x))),  x = x ⊙ m         dropout on the attention weights)
             FFN(h) = Dropout(ReLU(h W1 + b1)) W2 + b2
  F = LN(x);  r_{t,i} = F_t · E_i
The paper's residual form x + Dropout(g(LN(x))) (pmixer's port feeds LN(x) as the query only); masks are
additive −1e9 (a row with no visible key is uniform and its output is zeroed by m). Init: Xavier normal for
the embeddings and weight matrices (as the port), zero biases, LayerNorm 1/0.

Training (P2): each user with ≥ 2 training items is one sequence per epoch (shuffled, seeded); input = the
training sequence without its last item, target = the next item at every position (the last T = 50 of
them); one negative per position drawn uniformly from the items outside the user's training items; loss
BCE(pos) + BCE(neg) averaged over the positions with a target (or --objective softmax: full softmax
cross-entropy over all items). Adam lr 1e-3, batch 128 sequences, d 64, 2 blocks, 1 head, dropout 0.2.
Validation: full ranking from the last position of the training sequence; test: from the last position of
training + validation items; training items masked (p2_topk.evaluate, the P2 evaluator); at most 200
epochs, best epoch by validation Recall@20, stop after 21 epochs without improvement (p2_topk's rule).

  /usr/bin/python3 bench/peers/p2_sasrec.py [--max-epochs 200] [--seed 42]   # one JSON line on stdout
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np
import torch
import torch.nn.functional as F

PEERS = os.environ.get("PEERS_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 "..", "..", "..", "shared", "peers"))
sys.path.insert(0, os.path.abspath(PEERS))
import p2_topk  # noqa: E402  (Data, evaluate, rounded: the P2 split and evaluator)

NEG = -1e9


class SASRec(torch.nn.Module):
    def __init__(self, n_items, max_len, dim, blocks, heads, dropout):
        super().__init__()
        assert dim % heads == 0
        self.n_items, self.T, self.d, self.H, self.p = n_items, max_len, dim, heads, dropout
        # token 0 = padding, item i -> token i + 1
        self.item = torch.nn.Parameter(torch.empty(n_items + 1, dim))
        self.pos = torch.nn.Parameter(torch.empty(max_len, dim))
        torch.nn.init.xavier_normal_(self.item)
        torch.nn.init.xavier_normal_(self.pos)
        self.blocks = torch.nn.ModuleList()
        for _ in range(blocks):
            b = torch.nn.ModuleDict({
                "ln1": torch.nn.LayerNorm(dim, eps=1e-8), "q": torch.nn.Linear(dim, dim),
                "k": torch.nn.Linear(dim, dim), "v": torch.nn.Linear(dim, dim), "o": torch.nn.Linear(dim, dim),
                "ln2": torch.nn.LayerNorm(dim, eps=1e-8), "f1": torch.nn.Linear(dim, dim),
                "f2": torch.nn.Linear(dim, dim)})
            for name in ("q", "k", "v", "o", "f1", "f2"):
                torch.nn.init.xavier_normal_(b[name].weight)
                torch.nn.init.zeros_(b[name].bias)
            self.blocks.append(b)
        self.last_ln = torch.nn.LayerNorm(dim, eps=1e-8)

    def features(self, seq, keep_attention=False):
        """seq: [B, T] tokens (0 = padding, left-padded) -> [B, T, d], and per block [B, H, T, T] if kept."""
        B, T = seq.shape
        m = (seq > 0).float().unsqueeze(-1)  # [B, T, 1]
        x = self.item[seq] * (self.d ** 0.5) + self.pos[:T].unsqueeze(0)
        x = F.dropout(x, self.p, self.training) * m
        causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
        allowed = causal.unsqueeze(0) & (seq > 0).unsqueeze(1)  # [B, T(query), T(key)]
        bias = torch.where(allowed, 0.0, NEG).unsqueeze(1)  # [B, 1, T, T]
        dh = self.d // self.H
        maps = []
        for b in self.blocks:
            h = b["ln1"](x)
            q = b["q"](h).view(B, T, self.H, dh).transpose(1, 2)
            k = b["k"](h).view(B, T, self.H, dh).transpose(1, 2)
            v = b["v"](h).view(B, T, self.H, dh).transpose(1, 2)
            a = torch.softmax(q @ k.transpose(-1, -2) / dh ** 0.5 + bias, -1)  # [B, H, T, T]
            if keep_attention:
                maps.append(a.detach())
            a = F.dropout(a, self.p, self.training)
            o = (a @ v).transpose(1, 2).reshape(B, T, self.d)
            x = x + F.dropout(b["o"](o), self.p, self.training)
            h = b["ln2"](x)
            f = b["f2"](F.dropout(torch.relu(b["f1"](h)), self.p, self.training))
            x = (x + F.dropout(f, self.p, self.training)) * m
        return self.last_ln(x), maps

    def loss(self, seq, pos, neg, objective):
        feats, _ = self.features(seq)  # [B, T, d]
        valid = pos > 0
        items = self.item[1:]
        if objective == "softmax":
            logits = feats[valid] @ items.t()  # [n, I]
            return F.cross_entropy(logits, pos[valid] - 1)
        pl = (feats * self.item[pos]).sum(-1)[valid]
        nl = (feats * self.item[neg]).sum(-1)[valid]
        return (F.binary_cross_entropy_with_logits(pl, torch.ones_like(pl)) +
                F.binary_cross_entropy_with_logits(nl, torch.zeros_like(nl)))

    @torch.no_grad()
    def scores(self, seq):
        feats, _ = self.features(seq)
        return feats[:, -1, :] @ self.item[1:].t()


def sequences(data):
    """Per user: training items in chronological order, and training + validation items."""
    df = data.df  # sorted by (user, ts, item) in chrono_split
    train = [[] for _ in range(data.n_users)]
    upto_valid = [[] for _ in range(data.n_users)]
    for u, i, s in zip(df["u"].values, df["i"].values, df["split"].values):
        if s == 0:
            train[u].append(i)
        if s <= 1:
            upto_valid[u].append(i)
    return train, upto_valid


def window(items, T):
    """Last T items as tokens (item + 1), left-padded with 0."""
    out = np.zeros(T, np.int64)
    tail = items[-T:]
    if len(tail):
        out[T - len(tail):] = np.asarray(tail) + 1
    return out


def epoch_batches(rng, train, train_mask, n_items, T, batch):
    users = np.array([u for u in range(len(train)) if len(train[u]) >= 2])
    users = users[rng.permutation(len(users))]
    for s in range(0, len(users), batch):
        us = users[s:s + batch]
        seq = np.zeros((len(us), T), np.int64)
        pos = np.zeros((len(us), T), np.int64)
        neg = np.zeros((len(us), T), np.int64)
        for r, u in enumerate(us):
            items = train[u]
            seq[r] = window(items[:-1], T)
            pos[r] = window(items[1:], T)
            n = int((pos[r] > 0).sum())
            draws = p2_topk.sample_negatives(rng, np.full(n, u), train_mask, n_items)
            neg[r, T - n:] = draws + 1
        yield torch.from_numpy(seq), torch.from_numpy(pos), torch.from_numpy(neg), len(us)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-epochs", type=int, default=200)
    ap.add_argument("--patience", type=int, default=20)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--emb", type=int, default=64)
    ap.add_argument("--blocks", type=int, default=2)
    ap.add_argument("--heads", type=int, default=1)
    ap.add_argument("--max-len", type=int, default=50)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--objective", default="bce", choices=["bce", "softmax"])
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    t_all = time.time()

    data = p2_topk.Data("ml-100k")
    train, upto_valid = sequences(data)
    T = args.max_len
    val_seq = torch.from_numpy(np.stack([window(s, T) for s in train]))
    test_seq = torch.from_numpy(np.stack([window(s, T) for s in upto_valid]))
    model = SASRec(data.n_items, T, args.emb, args.blocks, args.heads, args.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)

    best, best_epoch, best_val, best_test, since = -1.0, 0, None, None, 0
    train_secs, epochs, rows = 0.0, 0, 0
    for ep in range(args.max_epochs):
        t0 = time.time()
        model.train()
        tot, n_seq = 0.0, 0
        for seq, pos, neg, b in epoch_batches(rng, train, data.train_mask, data.n_items, T, args.batch):
            opt.zero_grad()
            loss = model.loss(seq, pos, neg, args.objective)
            loss.backward()
            opt.step()
            tot += loss.item() * b
            n_seq += b
        dt = time.time() - t0
        train_secs += dt
        epochs += 1
        rows += n_seq
        model.eval()
        val = p2_topk.evaluate(model.scores(val_seq), data, "val")
        if val["recall@20"] > best:
            best, best_epoch, best_val, since = val["recall@20"], ep + 1, val, 0
            best_test = p2_topk.evaluate(model.scores(test_seq), data, "test")
        else:
            since += 1
        print("[p2] sasrec epoch %d loss %.4f train %.2fs val R@20 %.4f (best %.4f @%d)" % (
            ep + 1, tot / n_seq, dt, val["recall@20"], best, best_epoch), file=sys.stderr, flush=True)
        if since > args.patience:
            break
    out = {"protocol": "P2", "model": "sasrec", "dataset": "ml-100k",
           "metrics": p2_topk.rounded(best_test), "best_epoch": best_epoch,
           "train_rows_per_s": round(rows / train_secs, 1), "seconds": round(time.time() - t_all, 1),
           "ms_per_epoch": round(1000 * train_secs / epochs, 1), "train_seconds": round(train_secs, 1),
           "epochs_run": epochs, "val_metrics": p2_topk.rounded(best_val),
           "hyper": {k: getattr(args, k) for k in ("batch", "emb", "blocks", "heads", "max_len", "dropout", "lr",
                                                   "objective")},
           "seed": args.seed, "threads": args.threads, "torch": torch.__version__, "data_info": data.info,
           "implementation": "own plain-PyTorch SASRec (bench/peers/p2_sasrec.py)"}
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
