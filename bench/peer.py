#!/usr/bin/python3
"""The kit's peer benchmark: the same work in PyTorch, tuned to be at its best, and kit/peer ratios.

Needs PyTorch and the onnx package for the system Python (Debian 12:
    apt-get install -y python3-torch python3-onnx libopenblas0-pthread
; without OpenBLAS, Debian's reference BLAS makes PyTorch's Linear layers 20x slower); run it with /usr/bin/python3 when another python3 on PATH lacks them. It never runs in CI.

  peer.py embed [--threads 1] [--precision fp32|bf16] [--batch 32] [--size 224] [--batches 6] [--model PATH]
      The kit's pretrained ResNet18 ([2,2,2,3] basic blocks, 512-d pooled output) with the weights of the
      kit's own ResNet18.onnx, mapped onto a TorchVision-style module exactly as the kit's
      ResNet18OnnxWeights does (walk the graph from each residual Add). Random input of --batch images.
      fp32 variants: eager, TorchScript trace+freeze+optimize_for_inference, channels_last;
      bf16 variants: the module in bfloat16 with channels_last, and autocast(bfloat16) with channels_last.
      The best median of the variants is the peer figure: `peer embed img/s: 51.2`.

  peer.py head [--threads 1] [--samples 60000] [--epochs 10] [--batch 32] [--precision fp32|bf16]
      The case-study head Linear(896,512)-ReLU-Linear(512,10), Adam lr 1e-3, cross-entropy, reshuffled
      every epoch, random 896-d rows. bf16: torch.autocast("cpu", bfloat16) around the forward pass (fp32
      weights and optimizer, loss in fp32). Prints `peer head seconds: 22.5` and the process CPU seconds.

  peer.py compare [--threads 1,2] [--repeats 3] [--batches 6] [--kit "./fusionkit"] [--head]
      Back to back, --repeats rounds per thread count: `fusionkit bench embed` (image part, resnet18-onnx
      fp32 and resnet18-torch bf16) then this script's embed in fp32 and bf16 (and with --head, `fusionkit
      bench train` then this script's head); prints each figure's median over the rounds and the kit/peer
      ratios (> 1: the kit is faster). Medians of back-to-back runs, because shared machines are noisy.
      --kit is the command that runs the kit's CLI, e.g. "dotnet lib/FusionKit.Cli/bin/Release/net10.0/FusionKit.Cli.dll".

Fair tuning (applied by re-executing itself once; the kit's `bench` commands get the same environment):
- OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset, so OpenBLAS picks its best kernels for this processor;
- OpenBLAS/OpenMP/MKL pools pinned to --threads (OpenBLAS's own pool ignores torch.set_num_threads);
- glibc malloc told never to mmap or trim (MALLOC_MMAP_MAX_=0, MALLOC_TRIM_THRESHOLD_=64 GiB): the page
  faults of mmap'd tensors otherwise dominate on small VMs (head training measured 10x slower).
"""
import argparse
import glob
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MODEL_GLOBS = [
    os.path.join(REPO, "lib", "FusionKit.Cli", "bin", "*", "net*", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"),
    os.path.join(os.path.expanduser("~"), ".nuget", "packages", "microsoft.ml.dnnimagefeaturizer.resnet18", "*",
                 "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"),
]


def tuned_environment(threads):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env.update({v: str(threads) for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")})
    env.update(MALLOC_MMAP_MAX_="0", MALLOC_TRIM_THRESHOLD_=str(64 << 30), FUSIONKIT_PEER_TUNED="1")
    return env


# ---------------------------------------------------------------------------------------------- the network

def build_resnet(depths=(2, 2, 2, 3)):
    import torch.nn as nn

    class BasicBlock(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(cout)
            self.relu = nn.ReLU(inplace=True)
            self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(cout)
            self.downsample = None
            if stride != 1 or cin != cout:
                self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

        def forward(self, x):
            identity = x if self.downsample is None else self.downsample(x)
            out = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
            return self.relu(out + identity)

    class ResNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
            self.bn1 = nn.BatchNorm2d(64)
            self.relu = nn.ReLU(inplace=True)
            self.maxpool = nn.MaxPool2d(3, 2, 1)
            widths, cin = (64, 128, 256, 512), 64
            for i, (w, d) in enumerate(zip(widths, depths)):
                blocks = [BasicBlock(cin, w, 1 if i == 0 else 2)] + [BasicBlock(w, w, 1) for _ in range(d - 1)]
                setattr(self, f"layer{i + 1}", nn.Sequential(*blocks))
                cin = w
            self.avgpool = nn.AdaptiveAvgPool2d(1)

        def forward(self, x):
            x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
            x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
            return self.avgpool(x).flatten(1)

    return ResNet()


def onnx_state_dict(path):
    """The graph walk of the kit's ResNet18OnnxWeights: stem Conv+BN, then per residual Add the main branch
    conv1-bn1-relu-conv2-bn2 and the other branch (identity, or downsample Conv+BN)."""
    import onnx
    import torch
    from onnx import numpy_helper

    model = onnx.load(path)
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    producer = {o: n for n in g.node for o in n.output}
    state, used = {}, set()

    def take(name, key):
        used.add(name)
        state[key] = torch.from_numpy(numpy_helper.to_array(inits[name]).copy())

    def conv(node, key):
        take(node.input[1], key + ".weight")

    def bn(node, key):
        for i, part in enumerate(("weight", "bias", "running_mean", "running_var")):
            take(node.input[1 + i], f"{key}.{part}")

    def is_main(p):
        return (p is not None and p.op_type == "BatchNormalization"
                and producer.get(p.input[0]) is not None and producer[p.input[0]].op_type == "Conv"
                and producer.get(producer[p.input[0]].input[0]) is not None
                and producer[producer[p.input[0]].input[0]].op_type == "Relu")

    inputs = {i.name for i in g.input}
    stem = next(n for n in g.node if n.op_type == "Conv" and n.input[0] in inputs)
    conv(stem, "conv1")
    bn(next(n for n in g.node if n.op_type == "BatchNormalization" and n.input[0] == stem.output[0]), "bn1")
    stage, index, channels, depths = 0, 0, -1, []
    for add in (n for n in g.node if n.op_type == "Add"):
        producers = [producer.get(i) for i in add.input]
        main = producers[0] if is_main(producers[0]) else producers[1]
        other = producers[1] if main is producers[0] else producers[0]
        conv2 = producer[main.input[0]]
        bn1 = producer[producer[conv2.input[0]].input[0]]
        conv1 = producer[bn1.input[0]]
        out = inits[conv2.input[1]].dims[0]
        if out != channels:
            if channels >= 0:
                depths.append(index)
            stage, index, channels = stage + 1, 0, out
        prefix = f"layer{stage}.{index}"
        conv(conv1, prefix + ".conv1"); bn(bn1, prefix + ".bn1"); conv(conv2, prefix + ".conv2"); bn(main, prefix + ".bn2")
        if other is not None and other.op_type == "BatchNormalization":
            conv(producer[other.input[0]], prefix + ".downsample.0"); bn(other, prefix + ".downsample.1")
        index += 1
    depths.append(index)
    unused = set(inits) - used
    if unused:
        sys.exit(f"peer.py: {path}: initializers not mapped onto the ResNet: {sorted(unused)[:5]}")
    return state, tuple(depths)


def pretrained_resnet(model_path):
    state, depths = onnx_state_dict(model_path)
    net = build_resnet(depths)
    result = net.load_state_dict(state, strict=False)  # num_batches_tracked has no initializer
    missing = [k for k in result.missing_keys if not k.endswith("num_batches_tracked")]
    if missing or result.unexpected_keys:
        sys.exit(f"peer.py: {model_path}: weights do not fit the module (missing {missing[:5]}, unexpected {result.unexpected_keys[:5]})")
    return net.eval()


def find_model(explicit):
    if explicit:
        if not os.path.isfile(explicit):
            sys.exit(f"peer.py: --model {explicit}: no such file.")
        return explicit
    for pattern in MODEL_GLOBS:
        found = sorted(glob.glob(pattern))
        if found:
            return found[-1]
    sys.exit("peer.py: ResNet18.onnx not found; build the kit once (./fusionkit help) or pass --model PATH.")


# ------------------------------------------------------------------------------------------------ measures

def throughput(fn, batch, batches):
    fn(); fn(); fn()  # warm-up: oneDNN primitive creation, TorchScript profiling runs
    rates = []
    for _ in range(batches):
        t0 = time.perf_counter()
        fn()
        rates.append(batch / (time.perf_counter() - t0))
    return statistics.median(rates), min(rates), max(rates)


def embed(a):
    import torch
    path = find_model(a.model)
    x = torch.randn(a.batch, 3, a.size, a.size) * 60  # the kit's input scale: 0..255 pixels minus the mean image
    x_cl = x.contiguous(memory_format=torch.channels_last)
    results = {}
    with torch.inference_mode():
        if a.precision == "fp32":
            net = pretrained_resnet(path)
            results["eager"] = throughput(lambda: net(x), a.batch, a.batches)
            frozen = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(net, x[:1])))
            results["frozen"] = throughput(lambda: frozen(x), a.batch, a.batches)
            cl = pretrained_resnet(path).to(memory_format=torch.channels_last)
            results["channels_last"] = throughput(lambda: cl(x_cl), a.batch, a.batches)
        else:
            bf = pretrained_resnet(path).to(memory_format=torch.channels_last).to(torch.bfloat16)
            results["bf16_channels_last"] = throughput(lambda: bf(x_cl.to(torch.bfloat16)).float(), a.batch, a.batches)
            cl = pretrained_resnet(path).to(memory_format=torch.channels_last)

            def autocast():
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    return cl(x_cl).float()
            results["bf16_autocast"] = throughput(autocast, a.batch, a.batches)
    for name, (med, lo, hi) in results.items():
        print(f"{name:19s} img/s median {med:.1f} (min {lo:.1f}, max {hi:.1f})")
    print(f"peer embed img/s: {max(r[0] for r in results.values()):.1f}")


def head(a):
    import torch
    import torch.nn as nn
    torch.manual_seed(0)
    x = torch.randn(a.samples, 896)
    y = torch.randint(0, 10, (a.samples,))
    model = nn.Sequential(nn.Linear(896, 512), nn.ReLU(), nn.Linear(512, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    bf16 = a.precision == "bf16"
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(a.epochs):
        for idx in torch.randperm(a.samples).split(a.batch):
            opt.zero_grad(set_to_none=True)
            # bf16: PyTorch's CPU autocast (fp32 master weights, Linear in bf16, the loss in fp32)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                logits = model(x[idx])
            loss = loss_fn(logits.float(), y[idx])
            loss.backward()
            opt.step()
    seconds = time.perf_counter() - t0
    print(f"final loss {loss.item():.4f} ({a.precision})")
    print(f"process cpu seconds during the run: {time.process_time() - c0:.2f}")
    print(f"peer head seconds: {seconds:.2f}")


# ------------------------------------------------------------------------------------------------- compare

def run_and_read(cmd, env, pattern):
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    found = re.findall(pattern, done.stdout)
    if done.returncode != 0 or not found:
        sys.exit(f"peer.py compare: `{' '.join(cmd)}` failed (exit {done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return [float(v) for v in found]


def compare(a):
    kit = shlex.split(a.kit) if a.kit else [os.path.join(REPO, "fusionkit")]
    me = [sys.executable, os.path.abspath(__file__)]
    threads = [int(t) for t in a.threads.split(",")]
    rows = []
    for t in threads:
        env = tuned_environment(t)
        figures = {k: [] for k in ("kit fp32", "kit bf16", "peer fp32", "peer bf16", "kit head s", "peer head s")}
        for r in range(a.repeats):
            print(f"threads {t}, round {r + 1}/{a.repeats} ...", file=sys.stderr, flush=True)
            onnx = run_and_read(kit + ["bench", "embed", "--sections", "images", "--backend", "onnx", "--threads", str(t), "--batches", str(a.batches)], env,
                                r"resnet18-onnx\s+img/s median ([0-9.]+)")
            bf16 = run_and_read(kit + ["bench", "embed", "--sections", "images", "--backend", "torch", "--precision", "bf16",
                                 "--threads", str(t), "--batches", str(a.batches)], env, r"resnet18-torch\s+img/s median ([0-9.]+)")
            figures["kit fp32"].append(onnx[0])
            figures["kit bf16"].append(bf16[0])
            for p in ("fp32", "bf16"):
                figures[f"peer {p}"] += run_and_read(me + ["embed", "--threads", str(t), "--precision", p, "--batches", str(a.batches)], env,
                                                     r"peer embed img/s: ([0-9.]+)")
            if a.head:
                figures["kit head s"] += run_and_read(kit + ["bench", "train", "--threads", str(t)], env,
                                                      r"fusionkit head seconds: ([0-9.]+)")
                figures["peer head s"] += run_and_read(me + ["head", "--threads", str(t)], env, r"peer head seconds: ([0-9.]+)")
        med = {k: statistics.median(v) for k, v in figures.items() if v}
        rows.append((t, med))
    print(f"\nmedian of {a.repeats} back-to-back rounds (img/s; head in seconds); ratio > 1: the kit is faster")
    print(f"{'threads':>7} {'kit fp32':>9} {'kit bf16':>9} {'peer fp32':>9} {'peer bf16':>9} "
          f"{'fp32/peer':>9} {'bf16/peer fp32':>14} {'bf16/peer bf16':>14}" + ("  head kit/peer" if a.head else ""))
    for t, m in rows:
        line = (f"{t:>7} {m['kit fp32']:>9.1f} {m['kit bf16']:>9.1f} {m['peer fp32']:>9.1f} {m['peer bf16']:>9.1f} "
                f"{m['kit fp32'] / m['peer fp32']:>9.2f} {m['kit bf16'] / m['peer fp32']:>14.2f} {m['kit bf16'] / m['peer bf16']:>14.2f}")
        if a.head:
            line += f"  {m['peer head s'] / m['kit head s']:>13.2f} ({m['kit head s']:.1f} s vs {m['peer head s']:.1f} s)"
        print(line)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("embed")
    e.add_argument("--size", type=int, default=224)
    e.add_argument("--batch", type=int, default=32)
    e.add_argument("--threads", type=int, default=1)
    e.add_argument("--batches", type=int, default=6)
    e.add_argument("--precision", choices=("fp32", "bf16"), default="fp32")
    e.add_argument("--model", default=None)
    h = sub.add_parser("head")
    h.add_argument("--samples", type=int, default=60000)
    h.add_argument("--epochs", type=int, default=10)
    h.add_argument("--batch", type=int, default=32)
    h.add_argument("--threads", type=int, default=1)
    h.add_argument("--precision", choices=("fp32", "bf16"), default="fp32")
    c = sub.add_parser("compare")
    c.add_argument("--threads", default="1,2")
    c.add_argument("--repeats", type=int, default=3)
    c.add_argument("--batches", type=int, default=6)
    c.add_argument("--kit", default=None)
    c.add_argument("--head", action="store_true")
    a = p.parse_args()
    if a.cmd == "compare":
        return compare(a)
    if os.environ.get("FUSIONKIT_PEER_TUNED") != "1":
        os.execve(sys.executable, [sys.executable] + sys.argv, tuned_environment(a.threads))
    import torch
    torch.set_num_threads(a.threads)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, oneDNN {torch.backends.mkldnn.is_available()}")
    {"embed": embed, "head": head}[a.cmd](a)


if __name__ == "__main__":
    main()
