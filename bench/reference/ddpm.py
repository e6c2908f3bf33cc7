"""Plain-PyTorch reference trainer for the diffusion family: DDPM with a small U-Net (benchmark only).

Papers:
  - Ho, Jain & Abbeel 2020, "Denoising Diffusion Probabilistic Models" (DDPM): linear betas 1e-4 .. 0.02 over
    T = 1000, eps-prediction, the simple loss (Algorithm 1), Adam 2e-4 with warm-up, gradient clipping at 1,
    EMA of the weights, dropout 0.1, a U-Net of pre-activation residual blocks with GroupNorm.
  - Song, Meng & Ermon 2021, "Denoising Diffusion Implicit Models" (DDIM, eta = 0): the deterministic sampler.
  - Lu, Zhou, Bao, Chen, Li & Zhu 2022, "DPM-Solver++" (Algorithm 2, DPM-Solver++(2M)): the multistep
    second-order data-prediction ODE solver.

Training (Algorithm 1 of Ho et al.), data x_0 = pixels / 127.5 - 1 in [-1, 1]:
    t ~ U{0, .., T-1},  eps ~ N(0, I),  x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps
    loss = mean || eps - eps_theta(x_t, t) ||^2
with beta_i = 1e-4 + (0.02 - 1e-4) i / (T - 1), abar_t = prod_{i <= t} (1 - beta_i) (0-based t, as gen4j).

Network: the U-Net of gen4j (io.github.gen4j.diffusion.UNet), layer for layer, with widths [32, 64, 128],
1 residual block per level, no attention, dropout 0.1, GroupNorm(gcd(8, C), C), embedding E = 4 * 32 = 128.
For a 1x28x28 input (B = batch):

    emb   = Linear(128,128)(SiLU(Linear(32,128)(sinusoidal(t, 32))))           (B, 128)        20,736
    h     = Conv3x3(1 -> 32)(x)                                                (B, 32, 28, 28)    320   skip s0
    down0 = ResBlock(32 -> 32)                                                 (B, 32, 28, 28) 22,752   skip s1
    pool0 = Conv3x3 stride 2 (32 -> 32)                                        (B, 32, 14, 14)  9,248   skip s2
    down1 = ResBlock(32 -> 64)                                                 (B, 64, 14, 14) 65,984   skip s3
    pool1 = Conv3x3 stride 2 (64 -> 64)                                        (B, 64, 7, 7)   36,928   skip s4
    down2 = ResBlock(64 -> 128)                                                (B, 128, 7, 7) 246,656   skip s5
    mid1  = ResBlock(128 -> 128), mid2 = ResBlock(128 -> 128)                  (B, 128, 7, 7) 2 x 312,192
    up2.0 = ResBlock(cat(h, s5) 256 -> 128)                                    (B, 128, 7, 7) 492,800
    up2.1 = ResBlock(cat(h, s4) 192 -> 128)                                    (B, 128, 7, 7) 410,752
    up2.u = nearest 2x + Conv3x3 (128 -> 128)                                  (B, 128, 14, 14) 147,584
    up1.0 = ResBlock(cat(h, s3) 192 -> 64)                                     (B, 64, 14, 14) 168,704
    up1.1 = ResBlock(cat(h, s2) 96 -> 64)                                      (B, 64, 14, 14) 107,072
    up1.u = nearest 2x + Conv3x3 (64 -> 64)                                    (B, 64, 28, 28)  36,928
    up0.0 = ResBlock(cat(h, s1) 96 -> 32)                                      (B, 32, 28, 28)  44,416
    up0.1 = ResBlock(cat(h, s0) 64 -> 32)                                      (B, 32, 28, 28)  34,112
    out   = Conv3x3(32 -> 1)(SiLU(GroupNorm(h)))                               (B, 1, 28, 28)     353
                                                                               total       2,469,729
ResBlock(in -> out) (pre-activation, Ho et al. after Wide ResNet / PixelCNN++):
    h   = Conv3x3(in -> out)(SiLU(GroupNorm(x)));  h += Linear(E -> out)(SiLU(emb))[:, :, None, None]
    h   = Conv3x3(out -> out)(Dropout(SiLU(GroupNorm(h))));  out = skip(x) + h,  skip = Conv1x1 if in != out
Parameter initialization is PyTorch's default (gen4j's U-Net draws the same with nn.TorchInit; neither zero-initializes any layer).

Sampling (EMA weights, eval mode, no_grad), like gen4j's samplers with clip = true (x0_hat clipped to [-1, 1]
at every step, Ho et al.'s clip_denoised / DPM-Solver++'s thresholding):
  - DDIM, eta = 0, 50 steps at t_k = round(999 (1 - k / (n - 1))), k = 0 .. n-1, then to clean data.
  - DPM-Solver++(2M), 20 steps at timesteps evenly spaced in lambda = log(alpha / sigma) (gen4j's
    NoiseSchedule.logSnrTimesteps), the last step to clean data being first order (x_0 = x0_hat).
"""
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


# ---------------------------------------------------------------------------------------------------------
# Noise schedule (gen4j's NoiseSchedule.linear), in float64 on the host.
# ---------------------------------------------------------------------------------------------------------

class Schedule:
    """Linear betas (Ho et al.): beta_i = lo + (hi - lo) i / (T - 1), lo = 1e-4 * 1000 / T, hi = 0.02 * 1000 / T.
    Index i is the paper's t = i + 1; alpha_bar(-1) = 1 is clean data."""

    def __init__(self, timesteps=1000):
        scale = 1000.0 / timesteps
        lo, hi = 1e-4 * scale, min(0.02 * scale, 0.999)
        self.T = timesteps
        self.betas = np.array([lo + (hi - lo) * i / (timesteps - 1) for i in range(timesteps)], dtype=np.float64)
        self.alpha_bars = np.cumprod(1.0 - self.betas)  # abar_t = prod_{s <= t} (1 - beta_s)
        self.sqrt_ab = torch.tensor(np.sqrt(self.alpha_bars), dtype=torch.float32)
        self.sqrt_1m_ab = torch.tensor(np.sqrt(1.0 - self.alpha_bars), dtype=torch.float32)

    def alpha_bar(self, i):
        return 1.0 if i < 0 else float(self.alpha_bars[i])

    def lam(self, i):
        """lambda_t = log(alpha_t / sigma_t) = log(abar / (1 - abar)) / 2, DPM-Solver's time variable."""
        ab = self.alpha_bar(i)
        return 0.5 * math.log(ab / (1.0 - ab))

    def spaced_timesteps(self, steps, start=None):
        """`steps` distinct timesteps evenly spaced from T-1 down to 0 (gen4j: Math.round = floor(x + 0.5))."""
        start = self.T - 1 if start is None else start
        n = min(steps, start + 1)
        if n == 1:
            return [start]
        return [int(math.floor(start * (1.0 - k / (n - 1)) + 0.5)) for k in range(n)]

    def log_snr_timesteps(self, steps, start=None):
        """`steps` timesteps from T-1 down to 0 evenly spaced in lambda (DPM-Solver's recommendation for
        pixel-space models), each target mapped to the nearest timestep and collisions pushed apart."""
        start = self.T - 1 if start is None else start
        uniform = self.spaced_timesteps(steps, start)
        n = len(uniform)
        if n < 3:
            return uniform
        hi, lo = self.lam(0), self.lam(start)
        t = [0] * n
        j = start
        for k in range(n):
            target = lo + (hi - lo) * k / (n - 1)
            while j > 0 and abs(self.lam(j - 1) - target) <= abs(self.lam(j) - target):
                j -= 1  # lambda increases as t decreases: walk down to the nearest
            t[k] = max(j, n - 1 - k)  # leave room for the remaining steps
        t[0] = start
        for k in range(1, n):
            t[k] = min(t[k], t[k - 1] - 1)  # strictly decreasing
        return t


# ---------------------------------------------------------------------------------------------------------
# U-Net (gen4j's UNet / ResidualBlock / TimeEmbedding / GroupNorm).
# ---------------------------------------------------------------------------------------------------------

def group_norm(channels, groups):
    """GroupNorm with gcd(groups, C) groups (gen4j's GroupNorm.groupsFor), eps 1e-5, affine per channel."""
    return nn.GroupNorm(math.gcd(groups, channels), channels, eps=1e-5)


def sinusoidal(t, dim):
    """Vaswani et al. 2017 / Ho et al.: f_i = 10000^(-i / (d/2)), emb = [sin(t f), cos(t f)], (B) -> (B, d)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    angles = t.float().reshape(-1, 1) * freqs.reshape(1, half)
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class ResBlock(nn.Module):
    """h = Conv3x3(SiLU(GN(x))) + Linear(SiLU(emb)); h = Conv3x3(Dropout(SiLU(GN(h)))); out = skip(x) + h."""

    def __init__(self, cin, cout, emb_dim, dropout, groups):
        super().__init__()
        self.norm1 = group_norm(cin, groups)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(emb_dim, cout)
        self.norm2 = group_norm(cout, groups)
        self.dropout = nn.Dropout(dropout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, emb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(F.silu(emb))[:, :, None, None]  # time embedding, broadcast over H, W
        h = self.conv2(self.dropout(F.silu(self.norm2(h))))
        return (self.skip(x) if self.skip is not None else x) + h


class Upsample(nn.Module):
    """Nearest-neighbour 2x upsampling followed by a 3x3 convolution."""

    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))


class UNet(nn.Module):
    """gen4j's compact U-Net without attention (see the module docstring for the layer list)."""

    def __init__(self, channels=1, widths=(32, 64, 128), res_blocks=1, dropout=0.1, groups=8):
        super().__init__()
        self.w0 = widths[0]
        e = 4 * widths[0]
        self.time_mlp = nn.Sequential(nn.Linear(widths[0], e), nn.SiLU(), nn.Linear(e, e))
        self.conv_in = nn.Conv2d(channels, widths[0], 3, padding=1)
        levels = len(widths)
        self.down = nn.ModuleList()  # ResBlock or strided Conv2d; every output is kept as a skip
        skips = [widths[0]]
        ch = widths[0]
        for i in range(levels):
            for _ in range(res_blocks):
                self.down.append(ResBlock(ch, widths[i], e, dropout, groups))
                ch = widths[i]
                skips.append(ch)
            if i < levels - 1:
                self.down.append(nn.Conv2d(ch, ch, 3, stride=2, padding=1))  # S -> S/2
                skips.append(ch)
        self.mid = nn.ModuleList([ResBlock(ch, ch, e, dropout, groups), ResBlock(ch, ch, e, dropout, groups)])
        self.up = nn.ModuleList()  # ResBlock on concat(h, skip), or Upsample
        for i in reversed(range(levels)):
            for _ in range(res_blocks + 1):
                self.up.append(ResBlock(ch + skips.pop(), widths[i], e, dropout, groups))
                ch = widths[i]
            if i > 0:
                self.up.append(Upsample(ch))  # S/2 -> S
        assert not skips
        self.norm_out = group_norm(ch, groups)
        self.conv_out = nn.Conv2d(ch, channels, 3, padding=1)

    def forward(self, x, t):
        emb = self.time_mlp(sinusoidal(t, self.w0))  # (B, E)
        h = self.conv_in(x)
        skips = [h]
        for b in self.down:
            h = b(h, emb) if isinstance(b, ResBlock) else b(h)
            skips.append(h)
        for b in self.mid:
            h = b(h, emb)
        for b in self.up:
            if isinstance(b, ResBlock):
                h = b(torch.cat([h, skips.pop()], dim=1), emb)
            else:
                h = b(h)
        return self.conv_out(F.silu(self.norm_out(h)))


# ---------------------------------------------------------------------------------------------------------
# Samplers (gen4j's DdimSampler and DpmSolverSampler, clip = true).
# ---------------------------------------------------------------------------------------------------------

def predict_x0(x, eps, ab, clip=True):
    """x0_hat = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t) (Ho et al. eq. 15), clipped to [-1, 1]."""
    x0 = (x - math.sqrt(1.0 - ab) * eps) / math.sqrt(ab)
    return x0.clamp(-1.0, 1.0) if clip else x0


def eps_model(model, x, t):
    return model(x, torch.full((x.shape[0],), float(t)))


def ddim_sample(model, sched, x, steps, clip=True):
    """DDIM (Song et al. 2021, eq. 12) with eta = 0, from level t to s < t (s = -1: clean data):
    x0_hat = clip((x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)), eps recomputed from x0_hat when clipping,
    x_s = sqrt(abar_s) x0_hat + sqrt(1 - abar_s) eps."""
    ts = sched.spaced_timesteps(steps)
    for k, t in enumerate(ts):
        s = ts[k + 1] if k + 1 < len(ts) else -1
        ab_t, ab_s = sched.alpha_bar(t), sched.alpha_bar(s)
        eps = eps_model(model, x, t)
        x0 = predict_x0(x, eps, ab_t, clip)
        if clip:
            eps = (x - math.sqrt(ab_t) * x0) / math.sqrt(1.0 - ab_t)  # the noise consistent with x_t and x0_hat
        x = math.sqrt(ab_s) * x0 + math.sqrt(1.0 - ab_s) * eps
    return x


def dpmpp2m_sample(model, sched, x, steps, clip=True):
    """DPM-Solver++(2M) (Lu et al. 2022, Algorithm 2). alpha = sqrt(abar), sigma = sqrt(1 - abar),
    lambda = log(alpha / sigma), h = lambda_s - lambda_t; a step from t to s:
        x0_t = clip((x_t - sigma_t eps(x_t, t)) / alpha_t)
        D    = x0_t (first step),  D = (1 + 1/(2r)) x0_t - 1/(2r) x0_prev,  r = h_prev / h  (later steps)
        x_s  = (sigma_s / sigma_t) x_t + alpha_s (1 - e^{-h}) D
    The final step to clean data (sigma = 0, h = inf) gives x_0 = x0_t (first order, "lower order final")."""
    ts = sched.log_snr_timesteps(steps)
    prev_x0, h_prev = None, 0.0
    for k, t in enumerate(ts):
        s = ts[k + 1] if k + 1 < len(ts) else -1
        ab_t = sched.alpha_bar(t)
        x0 = predict_x0(x, eps_model(model, x, t), ab_t, clip)
        if s < 0:
            x = x0
            break
        ab_s = sched.alpha_bar(s)
        h = sched.lam(s) - sched.lam(t)
        d = x0
        if prev_x0 is not None:
            r = h_prev / h
            d = (1.0 + 1.0 / (2.0 * r)) * x0 - (1.0 / (2.0 * r)) * prev_x0
        x = (math.sqrt(1.0 - ab_s) / math.sqrt(1.0 - ab_t)) * x + (math.sqrt(ab_s) * -math.expm1(-h)) * d
        prev_x0, h_prev = x0, h
    return x


SAMPLERS = {"dpmpp": (dpmpp2m_sample, 20), "ddim": (ddim_sample, 50)}


def to_uint8(x):
    """[-1, 1] -> clamp -> (x + 1) / 2 * 255, rounded -> uint8 (N, 28, 28)."""
    x = x.clamp(-1.0, 1.0)
    return ((x + 1.0) / 2.0 * 255.0).round().to(torch.uint8)[:, 0].numpy()


def write_model_samples(out_dir, model, sched, sampler, steps, count, batch, gen):
    """count samples of model by sampler (steps steps) from x_T drawn with generator gen, as
    out_dir/samples.npy; returns the sampling ms per image (common.write_samples)."""
    return common.write_samples(out_dir, count, batch, lambda n: to_uint8(
        sampler(model, sched, torch.randn(n, 1, 28, 28, generator=gen), steps)))


# ---------------------------------------------------------------------------------------------------------
# Training.
# ---------------------------------------------------------------------------------------------------------

class Ema:
    """ema = d ema + (1 - d) w after every optimizer step (0-based step k). With warm-up (gen4j's Ema, and
    TF's ExponentialMovingAverage num_updates) d_k = min(d, (1 + k) / (10 + k)), so that in a short run the
    average is not dominated by the random initialization; without it d_k = d."""

    def __init__(self, model, decay, warmup=True):
        self.decay = decay
        self.warmup = warmup
        self.shadow = [p.detach().clone() for p in model.parameters()]

    @torch.no_grad()
    def update(self, model, step):
        d = min(self.decay, (1.0 + step) / (10.0 + step)) if self.warmup else self.decay
        for e, p in zip(self.shadow, model.parameters()):
            e.mul_(d).add_(p.detach(), alpha=1.0 - d)

    @torch.no_grad()
    def copy_to(self, model):
        for e, p in zip(self.shadow, model.parameters()):
            p.copy_(e)


def main():
    ap = common.argument_parser(__doc__, "ddpm")
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--dequantize", action="store_true",
                    help="train on uniformly dequantized pixels (v + u) / 256 as gen4j does (default: v / 255)")
    ap.add_argument("--grad-clip", type=float, default=1.0)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--timesteps", type=int, default=1000)
    ap.add_argument("--widths", default="32,64,128")
    ap.add_argument("--ema", type=float, default=0.999, help="EMA decay, 0 = sample from the raw weights")
    ap.add_argument("--no-ema-warmup", action="store_true", help="constant EMA decay from step 0")
    ap.add_argument("--sampler", choices=sorted(SAMPLERS), default="dpmpp")
    ap.add_argument("--sample-steps", type=int, default=0, help="0 = 20 for dpmpp, 50 for ddim")
    ap.add_argument("--sample-batch", type=int, default=256)
    ap.add_argument("--save-weights", default=None,
                    help="also write the sampled (EMA) weights to this file (torch.save of the state dict), for "
                         "bench/diffusion_cross.py")
    ap.add_argument("--timing-batch", type=int, default=256,
                    help="batch on which both samplers are timed (0 = skip the timing runs)")
    args = ap.parse_args()

    common.setup(args.threads, args.seed)
    os.makedirs(args.out, exist_ok=True)
    train, _ = common.load_fashion_mnist(args.data)
    sched = Schedule(args.timesteps)
    widths = [int(w) for w in args.widths.split(",")]
    model = UNet(1, widths, res_blocks=1, dropout=args.dropout, groups=8)
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print("U-Net widths %s, 1 res block per level, no attention: %d parameters" % (widths, params), flush=True)

    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999))
    warmup = min(100, args.steps)
    ema = Ema(model, args.ema, warmup=not args.no_ema_warmup) if args.ema > 0 else None

    data = common.batches(train, args.batch_size, args.seed)
    timer = common.Timer(args.steps, args.batch_size)
    losses = []
    model.train()
    timer.start()
    for step in range(args.steps):
        for g in opt.param_groups:
            g["lr"] = args.lr * min(1.0, (step + 1.0) / warmup)  # linear warm-up, then constant
        v = next(data).float()
        if args.dequantize:
            x0 = (v + torch.rand(v.shape)) / 128.0 - 1.0  # as gen4j trains: (v + u) / 256 -> [-1, 1)
        else:
            x0 = v / 127.5 - 1.0  # [0, 255] -> [-1, 1]
        b = x0.shape[0]
        t = torch.randint(0, sched.T, (b,))
        eps = torch.randn_like(x0)
        xt = sched.sqrt_ab[t].view(b, 1, 1, 1) * x0 + sched.sqrt_1m_ab[t].view(b, 1, 1, 1) * eps  # q(x_t | x_0)
        loss = F.mse_loss(model(xt, t.float()), eps)  # || eps - eps_theta(x_t, t) ||^2, mean
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if args.grad_clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.grad_clip)  # global L2 norm
        opt.step()
        if ema is not None:
            ema.update(model, step)
        losses.append(loss.item())
        timer.step_end(step + 1)
        if (step + 1) % 100 == 0 or step + 1 == args.steps:
            print("step %d loss %.5f (mean of last 100 %.5f)" % (step + 1, losses[-1], np.mean(losses[-100:])),
                  flush=True)
    mean_loss = float(np.mean(losses[-100:]))

    result = {
        "family": "ddpm", "impl": "pytorch-reference", "torch_version": torch.__version__,
        "threads": args.threads, "steps": args.steps, "batch_size": args.batch_size, "params": params,
        "widths": widths, "train_seconds": timer.train_seconds(), "images_per_s": timer.images_per_s(),
        "loss": mean_loss, "final_loss": mean_loss, "last_step_loss": losses[-1],
        "ema": args.ema, "ema_warmup": ema is not None and not args.no_ema_warmup, "dequantize": args.dequantize,
    }

    if ema is not None:
        ema.copy_to(model)  # sample from the averaged weights
    model.eval()
    if args.save_weights:
        torch.save(model.state_dict(), args.save_weights)
    # The samples' noise comes from its own generator seeded seed + 1, untouched by the timing runs: gen4j's
    # engine draws its normal noise from the same CPU generator, so `gen4j sample --seed SEED+1` starts from
    # the very same x_T (bench/parity.py passes it), and the two sample sets differ only by the weights.
    gen = torch.Generator().manual_seed(args.seed + 1)
    tgen = torch.Generator().manual_seed(args.seed + 2)
    chosen_steps = args.sample_steps if args.sample_steps > 0 else SAMPLERS[args.sampler][1]
    with torch.no_grad():
        if args.timing_batch > 0:
            # Warm-up forward pass (one-time allocations), then each sampler once on the same noise batch.
            model(torch.randn(args.timing_batch, 1, 28, 28, generator=tgen), torch.zeros(args.timing_batch))
            noise = torch.randn(args.timing_batch, 1, 28, 28, generator=tgen)
            per_nfe = {}
            for name, (fn, default_steps) in SAMPLERS.items():
                n_steps = chosen_steps if name == args.sampler else default_steps
                t0 = time.perf_counter()
                fn(model, sched, noise, n_steps)
                sec = time.perf_counter() - t0
                per_nfe[name] = {"steps": n_steps, "ms_per_image": 1000.0 * sec / args.timing_batch,
                                 "ms_per_image_per_nfe": 1000.0 * sec / (args.timing_batch * n_steps)}
                print("timing %s, %d steps, batch %d: %.2f ms/image, %.4f ms/image/NFE"
                      % (name, n_steps, args.timing_batch, per_nfe[name]["ms_per_image"],
                         per_nfe[name]["ms_per_image_per_nfe"]), flush=True)
            result["ms_per_image_per_nfe"] = {k: v["ms_per_image_per_nfe"] for k, v in per_nfe.items()}
            result["timing"] = dict(per_nfe, batch=args.timing_batch)
        result["sampler"] = args.sampler
        result["sample_steps"] = chosen_steps
        if args.samples > 0:
            fn = SAMPLERS[args.sampler][0]
            ms = write_model_samples(args.out, model, sched, fn, chosen_steps, args.samples, args.sample_batch, gen)
            result["samples"] = args.samples
            result["sample_seconds"] = ms * args.samples / 1000.0
            result["sample_ms_per_image"] = ms
        else:
            result["samples"] = 0
            result["sample_ms_per_image"] = None
    common.write_result(args.out, result)


if __name__ == "__main__":
    main()
