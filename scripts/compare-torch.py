#!/usr/bin/python3
"""Runs sae4j's bench and PyTorch (Debian's python3-torch, CPU, 2 threads) on the same workloads back to back
and prints the ratios. Timings on shared cores vary by +-20%, so only ratios from one run mean much.

  scripts/compare-torch.py                          # every workload, each side as the environment sets it
  scripts/compare-torch.py topk4096 gemm            # some of them
  scripts/compare-torch.py --isa avx2 topk4096      # both sides held to AVX2 (256-bit), also on an AVX-512 CPU
  scripts/compare-torch.py --isa avx512 topk4096    # both sides on AVX-512 (PyTorch otherwise defaults to AVX2)
--isa sets, per side: sae4j's JVM flag -XX:UseAVX (the Vector API then runs 256- or 512-bit and the micro-kernel's
tile follows), PyTorch's ATEN_CPU_CAPABILITY and oneDNN's ISA cap, and OpenBLAS's kernel (Haswell or SkylakeX). It is an
emulation of an AVX2 machine (same caches and clocks), not one. Every row names the ISA each side ran and fails when it
is not the one asked for.
Needs python3-torch and python3-numpy; the yardstick is ../shared/reference/torch_step.py when present,
else the copy of its step in this script's folder (torch_step.py).
"""
import argparse, json, os, re, subprocess, sys, time

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


# Per instruction set: the JVM flag for sae4j, the environment for PyTorch (ATen's dispatch, oneDNN's cap, OpenBLAS's
# kernel), and what each side must then report. None: leave the environment as it is (the machine's defaults; note
# that Debian's torch 1.13 dispatches ATen to AVX2 even on an AVX-512 CPU unless told otherwise).
ISAS = {
    "avx2": {"jvm": "-XX:UseAVX=2", "bits": "256", "aten": "AVX2", "blas": ["Haswell", "Zen"],
             "env": {"ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2", "OPENBLAS_CORETYPE": "Haswell"}},
    "avx512": {"jvm": "-XX:UseAVX=3", "bits": "512", "aten": "AVX512", "blas": ["SkylakeX", "Haswell", "Zen"],
               "env": {"ATEN_CPU_CAPABILITY": "avx512", "OPENBLAS_CORETYPE": "SkylakeX"}},
}
ISA = None  # set from --isa in main()


def sae4j_env():
    env = dict(os.environ)
    if ISA:
        env["SAE4J_JAVA_OPTS"] = (env.get("SAE4J_JAVA_OPTS", "") + " " + ISAS[ISA]["jvm"]).strip()
    return env


def torch_env():
    env = dict(os.environ)
    if ISA:
        env.update(ISAS[ISA]["env"])
    return env


def vector_bits(out):
    """The vector width sae4j's bench names with its backend ('vector (jdk.incubator.vector, 512-bit FMA, 2 threads)');
    'no vector' for the pure-Java kernels."""
    m = re.search(r"(\d+)-bit", out)
    return m.group(1) if m else "no vector"


def checked(side, got, want):
    """Fails the row when --isa did not take (e.g. a JVM or torch that ignores the setting)."""
    if ISA and got != want:
        raise ValueError(f"{side} ran {got}, not the {want} that --isa {ISA} asks for")
    return got


def sae4j(args):
    out = subprocess.run([os.path.join(ROOT, "sae4j"), "bench", "--warmup", "3", "--seconds", SECONDS] + args,
                         capture_output=True, text=True, check=True, env=sae4j_env()).stdout
    bits = checked("sae4j", vector_bits(out), ISAS[ISA]["bits"] if ISA else None)
    return float(re.search(r"train step\s+([\d,.]+) samples/s", out).group(1).replace(",", "")), bits + "-bit"


# Asks the torch that runs the step which ATen dispatch and which OpenBLAS kernel it uses, in the same environment.
TORCH_ISA = ("import re,ctypes,torch\n"
             "cap=re.search(r'CPU capability usage: (\\S+)',torch.__config__.show()).group(1)\ncore='unknown'\n"
             "for p in sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l}):\n"
             "  try:\n    f=ctypes.CDLL(p).openblas_get_corename;f.restype=ctypes.c_char_p;core=f().decode();break\n"
             "  except (OSError,AttributeError): pass\nprint(cap,core)")


def torch_isa():
    """ATen's CPU capability and OpenBLAS's kernel name, e.g. ('AVX2', 'Haswell')."""
    out = subprocess.run(["/usr/bin/python3", "-c", TORCH_ISA], capture_output=True, text=True, check=True,
                         env=torch_env()).stdout.split()
    checked("PyTorch (ATen)", out[0], ISAS[ISA]["aten"] if ISA else None)
    checked("PyTorch (OpenBLAS)", out[1], ISAS[ISA]["env"]["OPENBLAS_CORETYPE"] if ISA else None)
    return out[0], out[1]


def torch_step(args):
    out = subprocess.run(["/usr/bin/python3", STEP] + args, capture_output=True, text=True, check=True,
                         env=torch_env()).stdout
    return json.loads(out.strip().splitlines()[-1])["samples_per_s"]


def cpu():
    """The CPU's model name and whether it has AVX-512 (OpenBLAS's SkylakeX kernels need it: SIGILL without)."""
    info = open("/proc/cpuinfo").read()
    name = re.search(r"model name\s*:\s*(.*)", info)
    return (name.group(1).strip() if name else "unknown CPU"), " avx512f" in info.replace("\n", " ")


def core_types():
    """OpenBLAS kernels this CPU can run: its own pick, Haswell and Zen (AVX2), and SkylakeX only with AVX-512; under
    --isa those a CPU of that instruction set can run (avx512: SkylakeX and the AVX2 ones, whichever is fastest there;
    avx2: Haswell and Zen only), not OpenBLAS's own pick, which may be an AVX-512 one."""
    if ISA:
        return ISAS[ISA]["blas"]
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
        env = {k: v for k, v in torch_env().items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
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
                          "--seconds", "3"], capture_output=True, text=True, env=sae4j_env())
    m = re.search(r"([\d.]+) GFLOP/s", out.stdout)
    bits = checked("sae4j", vector_bits(out.stdout), ISAS[ISA]["bits"] if ISA else None)
    return (float(m.group(1)) if m else float("nan")), blas, bits + "-bit", best


def main():
    global ISA
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--isa", choices=sorted(ISAS), help="hold both sides to this instruction set")
    parser.add_argument("workload", nargs="*", help=f"any of {', '.join(list(WORKLOADS) + ['gemm'])}; default: all")
    opts = parser.parse_args()
    unknown = [w for w in opts.workload if w not in list(WORKLOADS) + ["gemm"]]
    if unknown:
        parser.error(f"unknown workload {unknown[0]!r}; expected one of {', '.join(list(WORKLOADS) + ['gemm'])}")
    ISA = opts.isa
    names = opts.workload or list(WORKLOADS) + ["gemm"]
    name, avx512 = cpu()
    print(f"CPU: {name} ({'AVX-512' if avx512 else 'AVX2, no AVX-512'})", flush=True)
    if ISA == "avx512" and not avx512:
        sys.exit("--isa avx512 needs a CPU with AVX-512 (avx512f in /proc/cpuinfo); this one has none.")
    torch_error = None
    try:
        aten, blas = torch_isa()
    except (subprocess.CalledProcessError, OSError, IndexError, ValueError) as e:
        # No usable torch, or one that ran another ISA than asked: its rows fail one by one below (the gemm row, which
        # checks its own kernels, still runs) instead of the whole script.
        aten, blas, torch_error = "unavailable", "unavailable", e
    print(f"ISA: {ISA or 'as the environment sets it'}; PyTorch: ATen {aten}, OpenBLAS {blas}; "
          f"sae4j: SAE4J_JAVA_OPTS='{sae4j_env().get('SAE4J_JAVA_OPTS', '')}'", flush=True)
    print(f"{'workload':<14} {'sae4j':>12} {'pytorch':>12} {'ratio':>7}", flush=True)
    failed = 0
    for name in names:
        # One failing row (a kernel the CPU lacks, a crashed run) is reported and the others still run.
        try:
            if name == "gemm":
                ours, theirs, bits, kernel = gemm()
                unit, ran = "GFLOP/s", f"sae4j {bits}, OpenBLAS {kernel}"
            else:
                if torch_error is not None:
                    raise ValueError(f"PyTorch is not usable here: {torch_error}")
                t_args, s_args = WORKLOADS[name]
                theirs = torch_step(t_args)
                ours, bits = sae4j(s_args)
                unit, ran = "samples/s", f"sae4j {bits}, PyTorch {aten}/{blas}"
        except (subprocess.CalledProcessError, KeyError, ValueError, AttributeError) as e:
            failed += 1
            print(f"{name:<14} failed: {e}", flush=True)
            continue
        load = os.getloadavg()[0]
        print(f"{name:<14} {ours:>12,.0f} {theirs:>12,.0f} {ours / theirs:>6.2f}x  ({unit}, {ran}, "
              f"{time.strftime('%H:%M')}, load {load:.2f})", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
