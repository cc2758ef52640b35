#!/usr/bin/python3
"""Runs sae4j's bench and PyTorch (Debian's python3-torch, CPU, 2 threads) on the same workloads back to back
and prints the ratios. Timings on shared cores vary by +-20%, so only ratios from one run mean much.

  scripts/compare-torch.py                 # every workload
  scripts/compare-torch.py topk4096 gemm   # some of them
Needs python3-torch and python3-numpy; the yardstick is ../shared/reference/torch_step.py when present,
else the copy of its step in this script's folder (torch_step.py).
"""
import json, os, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STEP = next(p for p in [os.path.join(ROOT, "..", "shared", "reference", "torch_step.py"),
                        os.path.join(HERE, "torch_step.py")] if os.path.exists(p))
SECONDS = os.environ.get("SECONDS_MEASURED", "8")

# name: (torch_step.py arguments, sae4j bench arguments). The PyTorch step has no AuxK, so the TopK rows run sae4j
# with --aux-k 0 for the same arithmetic; `sae4j bench` alone runs the trainer's whole step, AuxK included.
WORKLOADS = {
    "deep": (["deep"], []),
    "topk4096": (["topk", "4096", "32", "784", "1024"],
                 ["--arch", "topk", "--width", "4096", "--k", "32", "--batch-size", "1024", "--input-size", "784", "--aux-k", "0"]),
    "topk16384": (["topk", "16384", "32", "784", "1024"],
                  ["--arch", "topk", "--width", "16384", "--k", "32", "--batch-size", "1024", "--input-size", "784", "--aux-k", "0"]),
    "topk24576bag": (["topk", "24576", "32", "768", "1024", "--bag"],
                     ["--arch", "topk", "--width", "24576", "--k", "32", "--batch-size", "1024", "--input-size", "768", "--aux-k", "0"]),
}


def sae4j(args):
    out = subprocess.run([os.path.join(ROOT, "sae4j"), "bench", "--warmup", "3", "--seconds", SECONDS] + args,
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"train step\s+([\d,.]+) samples/s", out).group(1).replace(",", ""))


def torch_step(args):
    out = subprocess.run(["/usr/bin/python3", STEP] + args, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["samples_per_s"]


def cpu():
    """The CPU's model name and whether it has AVX-512 (OpenBLAS's SkylakeX kernels need it: SIGILL without)."""
    info = open("/proc/cpuinfo").read()
    name = re.search(r"model name\s*:\s*(.*)", info)
    return (name.group(1).strip() if name else "unknown CPU"), " avx512f" in info.replace("\n", " ")


def core_types():
    """OpenBLAS kernels this CPU can run: its own pick, Haswell and Zen (AVX2), and SkylakeX only with AVX-512."""
    return [None, "Haswell", "Zen"] + (["SkylakeX"] if cpu()[1] else [])


def gemm():
    """[1024x784]*[784x4096]: best of numpy/torch sgemm over every OpenBLAS kernel this CPU runs against sae4j's vector
    kernel, GFLOP/s. A kernel that fails (e.g. an instruction the CPU lacks) is skipped and named."""
    code = ("import time,numpy as np,torch\ntorch.set_num_threads(2)\n"
            "a=np.random.rand(1024,784).astype(np.float32);b=np.random.rand(784,4096).astype(np.float32)\n"
            "ta,tb=torch.from_numpy(a),torch.from_numpy(b)\nbest=0\n"
            "for f in (lambda:a@b, lambda:ta@tb):\n"
            "  for i in range(3): f()\n"
            "  t=time.perf_counter();n=0\n"
            "  while time.perf_counter()-t<3: f();n+=1\n"
            "  best=max(best,n*2*1024*784*4096/(time.perf_counter()-t)/1e9)\nprint(best)")
    blas, best = 0.0, None
    for core in core_types():
        # A CORETYPE or L2 size set in the environment would pin the "default" run; unset both for it.
        env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
        env["OPENBLAS_NUM_THREADS"] = "2"
        if core:
            env["OPENBLAS_CORETYPE"] = core
        run = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True, env=env)
        if run.returncode != 0:
            print(f"  (OpenBLAS kernel {core or 'default'} failed with exit code {run.returncode}; skipped)", flush=True)
            continue
        if float(run.stdout) > blas:
            blas, best = float(run.stdout), core or "default"
    print(f"  (best OpenBLAS kernel: {best})", flush=True)
    # Through the launcher, as users run it (it adds the Vector API module and, where offered, huge pages).
    out = subprocess.run([os.path.join(ROOT, "sae4j"), "bench", "--gemm", "1024,784,4096", "--warmup", "2",
                          "--seconds", "3"], capture_output=True, text=True)
    m = re.search(r"([\d.]+) GFLOP/s", out.stdout)
    return (float(m.group(1)) if m else float("nan")), blas


def main():
    names = sys.argv[1:] or list(WORKLOADS) + ["gemm"]
    name, avx512 = cpu()
    print(f"CPU: {name} ({'AVX-512' if avx512 else 'AVX2, no AVX-512'})", flush=True)
    print(f"{'workload':<14} {'sae4j':>12} {'pytorch':>12} {'ratio':>7}", flush=True)
    failed = 0
    for name in names:
        # One failing row (a kernel the CPU lacks, a crashed run) is reported and the others still run.
        try:
            if name == "gemm":
                ours, theirs = gemm()
                unit = "GFLOP/s"
            else:
                t_args, s_args = WORKLOADS[name]
                theirs = torch_step(t_args)
                ours = sae4j(s_args)
                unit = "samples/s"
        except (subprocess.CalledProcessError, KeyError, ValueError, AttributeError) as e:
            failed += 1
            print(f"{name:<14} failed: {e}", flush=True)
            continue
        print(f"{name:<14} {ours:>12,.0f} {theirs:>12,.0f} {ours / theirs:>6.2f}x  ({unit}, {time.strftime('%H:%M')})",
              flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
