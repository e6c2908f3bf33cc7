"""Tiny shared helpers for gen4j's plain-PyTorch reference trainers (bench/reference/*.py).

Benchmarks only: never needed by gen4j's tests or users. Provides data loading (Fashion-MNIST IDX files),
seeding / thread setup, an infinite shuffled batch iterator, a training-throughput timer and atomic result writers.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch

DEFAULT_DATA_DIR = "/usr/share/datasets/fashion-mnist"


def setup(threads=2, seed=42):
    """Sets the intra-op thread count (Debian's torch starts with 1 thread) and seeds torch and numpy."""
    torch.set_num_threads(int(threads))
    torch.manual_seed(int(seed))
    np.random.seed(int(seed) % (2 ** 32))


def load_idx_images(path):
    """Reads an IDX ubyte image file (gzip-compressed if the name ends in .gz) -> uint8 numpy (N, rows, cols).

    IDX layout: magic (0x00 0x00 0x08 ndim, big-endian), then ndim big-endian int32 dimensions, then the raw bytes.
    """
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError("not an unsigned-byte IDX file: %s" % path)
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    offset = 4 + 4 * ndim
    count = int(np.prod(dims))
    arr = np.frombuffer(data, dtype=np.uint8, count=count, offset=offset).reshape(dims)
    if ndim != 3:
        raise ValueError("expected a 3-d image IDX file, got dims %s in %s" % (dims, path))
    return arr.copy()


def load_fashion_mnist(data_dir=DEFAULT_DATA_DIR):
    """-> (train uint8 (60000, 28, 28), test uint8 (10000, 28, 28))."""
    train = load_idx_images(os.path.join(data_dir, "train-images-idx3-ubyte.gz"))
    test = load_idx_images(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"))
    return train, test


def batches(train_uint8, batch_size, seed):
    """Infinite generator of shuffled batches (a new permutation every epoch; the last partial batch of an
    epoch is dropped so every batch has exactly batch_size images). Yields uint8 torch tensors (B, 1, H, W);
    each script converts to its own float range."""
    rng = np.random.RandomState(int(seed) % (2 ** 32))
    data = torch.from_numpy(np.ascontiguousarray(train_uint8))
    n = data.shape[0]
    if batch_size > n:
        raise ValueError("batch_size %d > dataset size %d" % (batch_size, n))
    while True:
        perm = torch.from_numpy(rng.permutation(n))
        for i in range(0, n - batch_size + 1, batch_size):
            idx = perm[i:i + batch_size]
            yield data[idx].unsqueeze(1)


def argument_parser(doc, family):
    """The options every reference takes (``--steps`` ... ``--data``); a script adds its family's own."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--steps", type=int, required=True)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", default="out-" + family)
    ap.add_argument("--samples", type=int, default=10000, help="0 = skip sampling")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", default=DEFAULT_DATA_DIR)
    return ap


class Timer:
    """Training throughput timer.

    Usage: t = Timer(steps, batch_size); t.start() before the first step; t.step_end(step) after each step
    (step = 1-based number of completed steps). Then t.images_per_s() and t.train_seconds().

    images_per_s = batch * (steps - warm) / (seconds from the end of step `warm` to the end of the last step),
    warm = min(20, steps // 5), which excludes the first steps' one-time costs (allocator warm-up etc.).
    With warm == 0 the window starts at start(). train_seconds is the total from start() to the last step end.
    """

    def __init__(self, steps, batch_size):
        self.steps = int(steps)
        self.batch_size = int(batch_size)
        self.warm = min(20, self.steps // 5)
        self.t_start = None
        self.t_warm = None
        self.t_end = None
        self.last_step = 0

    def start(self):
        self.t_start = time.perf_counter()
        if self.warm == 0:
            self.t_warm = self.t_start

    def step_end(self, step):
        now = time.perf_counter()
        self.last_step = int(step)
        if self.last_step == self.warm:
            self.t_warm = now
        self.t_end = now
        # GEN4J_REF_LOG_EVERY=N prints the elapsed seconds every N steps (throughput over a run's course)
        every = int(os.environ.get("GEN4J_REF_LOG_EVERY", "0"))
        if every > 0 and self.last_step % every == 0:
            print("timer step %d time %.3f" % (self.last_step, now - self.t_start), flush=True)
        # GEN4J_REF_PROFILE=trace.json records steps 21-25 with PyTorch's profiler (as `gen4j train
        # --profile` does), for bench/profile_summary.py; profiled steps are slower, so not for throughput
        trace = os.environ.get("GEN4J_REF_PROFILE")
        if trace and self.last_step == 20:
            self.profiler = torch.autograd.profiler.profile()
            self.profiler.__enter__()
        elif trace and self.last_step == 25 and getattr(self, "profiler", None) is not None:
            self.profiler.__exit__(None, None, None)
            self.profiler.export_chrome_trace(trace)
            self.profiler = None

    def train_seconds(self):
        return self.t_end - self.t_start

    def images_per_s(self):
        timed_steps = self.last_step - self.warm
        seconds = self.t_end - self.t_warm
        if timed_steps <= 0 or seconds <= 0:
            return float("nan")
        return self.batch_size * timed_steps / seconds


def write_result(out_dir, result):
    """Writes out_dir/result.json atomically (tmp + os.replace) and prints it as one JSON line."""
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "result.json")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp, path)
    print(json.dumps(result), flush=True)


def write_samples(out_dir, count, batch, draw):
    """Draws ``count`` samples ``batch`` at a time under no_grad, ``draw(n)`` returning uint8 (n, 28, 28)
    (a tensor or an array); saves them as out_dir/samples.npy and returns the sampling ms per image."""
    chunks = []
    t0 = time.perf_counter()
    with torch.no_grad():
        for i in range(0, count, batch):
            img = draw(min(batch, count - i))
            chunks.append(img.numpy() if torch.is_tensor(img) else img)
    ms = (time.perf_counter() - t0) * 1000.0 / count
    save_samples_npy(out_dir, np.concatenate(chunks, 0))
    return ms


def save_samples_npy(out_dir, samples_uint8):
    """np.save of a uint8 (N, 28, 28) array to out_dir/samples.npy atomically (tmp name ending .npy + os.replace)."""
    os.makedirs(out_dir, exist_ok=True)
    arr = np.ascontiguousarray(np.asarray(samples_uint8, dtype=np.uint8))
    path = os.path.join(out_dir, "samples.npy")
    tmp = os.path.join(out_dir, "samples.tmp.npy")
    np.save(tmp, arr)
    os.replace(tmp, path)
    return path
