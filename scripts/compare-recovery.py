#!/usr/bin/python3
"""TopK dictionary recovery of sae4j against PyTorch's reference TopK trainer, side by side on the same data.

  scripts/compare-recovery.py                 # every task shape
  scripts/compare-recovery.py zipf96 uniform128   # some of them
  scripts/compare-recovery.py --seeds 3           # three initialisations of each trainer per task, and their means

For each task shape it draws a superposition dataset here (numpy, fixed seed: random unit features, Zipf or uniform
firing, coefficients U(0, 1)), writes train/test .npy files, then trains
  * PyTorch: TopKSAE + train() of ../shared/reference/torch_sae.py (imported, not copied): Adam 1e-3, batch 1024,
    unit-norm decoder rows renormalised after every step, b_dec = data mean, W_enc = W_dec^T;
  * sae4j: `sae4j train --arch topk` with its defaults, on the same rows in the same budget (epochs, batch, lr),
    with --scale none so both see the same numbers and no validation split so both train on every row;
and scores both models here, by one computation for both (numpy, from the saved weights): MMCS = mean over true
features of the max cosine with a decoder row (the signed cosine, as torch_sae.mmcs), FVU = sum ||x - x_hat||^2 /
sum ||x - mean||^2 on the held-out rows (sae4j's ExplainedVariance definition), L0 and the dead fraction there.
Prints one line per task as it goes. Needs Debian's python3-torch and python3-numpy.
"""
import json, os, struct, subprocess, sys, tempfile, time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REFERENCE = os.path.join(ROOT, "..", "shared", "reference")

# name: (dim, features, firing law, zipf exponent, expected active, width, k, samples, epochs)
TASKS = {
    "zipf96": (96, 384, "zipf", 1.0, 6.0, 768, 6, 200_000, 5),
    "uniform128": (128, 512, "uniform", 0.0, 5.0, 1024, 5, 200_000, 5),
    "zipf64": (64, 320, "zipf", 0.7, 4.0, 640, 4, 150_000, 5),
    "wide256": (256, 1024, "zipf", 1.2, 8.0, 2048, 8, 150_000, 3),
}


def task_data(dim, features, law, alpha, active, samples, seed):
    rng = np.random.default_rng(seed)
    f = rng.standard_normal((features, dim))
    f /= np.linalg.norm(f, axis=1, keepdims=True)
    p = np.ones(features) if law == "uniform" else (np.arange(features) + 1.0) ** -alpha
    p = np.minimum(p * active / p.sum(), 1.0)

    def rows(n, s):
        r = np.random.default_rng(s)
        out = np.empty((n, dim), dtype=np.float32)
        for i in range(0, n, 20_000):
            m = min(20_000, n - i)
            c = (r.random((m, features)) < p) * r.random((m, features))
            out[i:i + m] = (c @ f).astype(np.float32)
        return out

    return f.astype(np.float32), rows(samples, seed + 1), rows(20_000, seed + 2)


def scores(features, x, w_enc, b_enc, w_dec, b_dec, k, subtract_b_dec=True):
    pre = ((x - b_dec) if subtract_b_dec else x) @ w_enc.T + b_enc
    idx = np.argpartition(-pre, k - 1, axis=1)[:, :k]
    z = np.zeros_like(pre)
    np.put_along_axis(z, idx, np.maximum(np.take_along_axis(pre, idx, axis=1), 0), axis=1)
    x_hat = z @ w_dec + b_dec
    sse = float(((x - x_hat) ** 2).sum(dtype=np.float64))
    sst = float(((x - x.mean(0)) ** 2).sum(dtype=np.float64))
    fn = features / np.linalg.norm(features, axis=1, keepdims=True)
    dn = w_dec / np.maximum(np.linalg.norm(w_dec, axis=1, keepdims=True), 1e-12)
    return {"mmcs": float((fn @ dn.T).max(axis=1).mean()), "fvu": sse / sst,
            "l0": float((z > 0).sum(1).mean()), "dead": float(1 - (z > 0).any(0).mean())}


def read_safetensors(path):
    with open(path, "rb") as fh:
        n = struct.unpack("<Q", fh.read(8))[0]
        header = json.loads(fh.read(n))
        body = fh.read()
    out = {}
    for name, t in header.items():
        if name != "__metadata__":
            a, b = t["data_offsets"]
            out[name] = np.frombuffer(body[a:b], dtype=np.float32).reshape(t["shape"])
    return out, header.get("__metadata__", {})


def run_torch(train, k, width, epochs, seed):
    sys.path.insert(0, REFERENCE)
    import torch
    import torch_sae as ref
    torch.set_num_threads(2)
    x = torch.from_numpy(train)
    torch.manual_seed(seed)
    model = ref.TopKSAE(x.shape[1], width, k, b_dec_init=x.mean(0))
    t = time.perf_counter()
    ref.train(model, ref.plain_mse_loss, x, batch=1024, epochs=epochs, after_step=model.normalize_decoder)
    wall = time.perf_counter() - t
    p = {n: v.detach().numpy() for n, v in model.named_parameters()}
    return (p["W_enc"].T, p["b_enc"], p["W_dec"], p["b_dec"]), wall


def run_sae4j(train_path, k, width, epochs, out, extra, seed):
    t = time.perf_counter()
    subprocess.run([os.path.join(ROOT, "sae4j"), "train", "--arch", "topk", "--width", str(width), "--k", str(k),
                    "--seed", str(seed),
                    "--data", train_path, "--scale", "none", "--validation-split", "0", "--epochs", str(epochs),
                    "--batch-size", "1024", "--lr", "1e-3", "-o", out, "-q"] + extra,
                   check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    w, meta = read_safetensors(out)
    subtract = json.loads(meta["config"]).get("apply_b_dec_to_input", True)
    return (w["encoder.weight"], w["encoder.bias"], w["W_dec"], w["b_dec"]), wall, subtract


def line(name, trainer, row, wall):
    print(f"{name:<11} {trainer:<13} {row['mmcs']:7.4f} {row['fvu']:7.4f} {row['l0']:6.2f} {row['dead']:6.3f} "
          f"{wall:7.1f}", flush=True)


def main():
    args = sys.argv[1:]
    seeds = 1
    if "--seeds" in args:
        at = args.index("--seeds")
        seeds = int(args[at + 1])
        del args[at:at + 2]
    names = [a for a in args if not a.startswith("--")] or list(TASKS)
    extra = [a for a in args if a.startswith("--")]
    print(f"{'task':<11} {'trainer':<13} {'MMCS':>7} {'FVU':>7} {'L0':>6} {'dead':>6} {'wall s':>7}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            dim, feats, law, alpha, active, width, k, samples, epochs = TASKS[name]
            features, train, test = task_data(dim, feats, law, alpha, active, samples, 1000 + list(TASKS).index(name))
            path = os.path.join(tmp, name + ".npy")
            np.save(path, train)
            rows = {"pytorch": [], "sae4j": []}
            for s in range(seeds):
                try:  # one failing row must not lose the others
                    w, wall = run_torch(train, k, width, epochs, 5 + s)
                    rows["pytorch"].append(scores(features, test, *w, k))
                    line(name, f"pytorch s{5 + s}", rows["pytorch"][-1], wall)
                except Exception as e:
                    print(f"{name:<11} pytorch s{5 + s} failed: {e}", flush=True)
                try:
                    out = os.path.join(tmp, name + ".safetensors")
                    w, wall, subtract = run_sae4j(path, k, width, epochs, out, extra, 42 + s)
                    rows["sae4j"].append(scores(features, test, *w, k, subtract_b_dec=subtract))
                    line(name, f"sae4j s{42 + s}", rows["sae4j"][-1], wall)
                except Exception as e:
                    print(f"{name:<11} sae4j s{42 + s} failed: {e}", flush=True)
            if seeds > 1:
                for trainer, rs in rows.items():
                    if rs:
                        mean = {m: float(np.mean([r[m] for r in rs])) for m in rs[0]}
                        line(name, trainer + " mean", mean, float("nan"))


if __name__ == "__main__":
    main()
