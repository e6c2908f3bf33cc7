#!/usr/bin/env python3
"""Plain-PyTorch reference trainer: multi-scale Glow with exact bits/dim (benchmark only).

Papers: Kingma & Dhariwal 2018, "Glow: Generative Flow with Invertible 1x1 Convolutions" (ActNorm, LU-decomposed
invertible 1x1 convolution, affine coupling, learned prior); Dinh, Sohl-Dickstein & Bengio 2017, "Density
estimation using Real NVP" (affine coupling, logit preprocessing, squeeze, multi-scale split); Theis, van den Oord &
Bethge 2016 (uniform dequantization bound for 8-bit data).

Mirrors gen4j's default flow (FlowConfig.defaults(1, 28): Glow, L = 2 levels, K = 8 steps per level, coupling width
128, log-scale clamp 2.0, logit alpha 0.05, uniform dequantization) layer for layer, so that the parameter count and
bits/dim mean the same thing. Layers in data -> latent order, for 1x28x28 images (D = 784):

  Preprocess (logit, alpha 0.05)                                   (1, 28, 28)     0 params
  level 0: Squeeze                                                 -> (4, 14, 14)
           8 x [ActNorm(4)                                         8 params
                InvConv1x1 LU(4): lower 4x4, upper 4x4, logS 4     36 params (+ fixed perm 4x4, sign 4)
                AffineCoupling(channel halves, parity k % 2):
                  Conv3x3 2->128 + ReLU, Conv1x1 128->128 + ReLU,
                  Conv3x3 128->4 (zero-init; -> t, raw s)           23,556 params ]
           Split: keep 2 channels, Conv3x3 2->4 (zero-init)
                  -> (mean, logsd) of the 2 factored-out channels  76 params       eps_0 (2, 14, 14) = 392 dims
  level 1: Squeeze                                                 (2, 14, 14) -> (8, 7, 7)
           8 x [ActNorm(8)                                         16 params
                InvConv1x1 LU(8)                                   136 params (+ fixed perm 8x8, sign 8)
                AffineCoupling: Conv3x3 4->128, Conv1x1 128->128,
                  Conv3x3 128->8 (zero-init)                       30,472 params ]
  TopPrior: learned mean, logsd (1, 8, 7, 7)                       784 params      eps_top (8, 7, 7) = 392 dims
  trainable total 434,652 (= gen4j FlowTask.trainableParameterCount; the full (C, C) lower/upper matrices are
  counted, as gen4j stores them, although only their strictly triangular parts are used). gen4j's
  ModelState.parameterCount also counts the fixed tensors (perms, signs, an "ActNorm initialized" flag): 435,389.

Math (as in gen4j's flow package):
  dequantize   x = (v + u) / 256, u ~ U[0, 1)^D                     v in {0..255}^D
  logit        s = a + (1 - 2a) x, y = log s - log(1 - s);  log|det| = sum[log(1 - 2a) - log s - log(1 - s)]
  squeeze      (B, C, H, W) -> (B, 4C, H/2, W/2), channel c*4 + 2*dy + dx;  log|det| = 0
  ActNorm      y = (x + b) * exp(s);  log|det| = H W sum_c s_c;  data-dependent init on the first batch:
               b = -mean_c, s = -log(std_c + 1e-6)
  1x1 conv     W = P L (U + diag(sign * exp(logS))), y = W x per pixel;  log|det| = H W sum(logS);
               W starts as a random rotation (QR of a Gaussian), P and sign fixed
  coupling     (x_a, x_b) = channel halves (swapped for odd k);  (t, r) = NN(x_a);  s = c tanh(r / c), c = 2;
               y_b = x_b * exp(s) + t;  log|det| = sum s
  split/top    (mean, logsd) = Conv3x3(z1) (split) or learned tensors (top);
               eps = (z2 - mean) * exp(-logsd);  log|det| = -sum logsd;  eps ~ N(0, I) under the model
  likelihood   log p(x) = log N(z; 0, I) + sum log|det|,  z = concat(eps_0, eps_top)
  bits/dim     -(log p(x) - D log 256) / (D ln 2)     (upper bound on -log2 P(v) / D; one u draw per image)
  sampling     z ~ N(0, T^2 I) (T = 1, gen4j's default), x = f^-1(z), v = clamp(floor(256 x), 0, 255)
               (gen4j's Pixels.fromBins, the inverse of the dequantization)

Training (gen4j's flow defaults, TrainFlowCommand / TrainOptions / TrainConfig): Adam (beta 0.9, 0.999, eps 1e-8),
peak lr 1e-3, linear warm-up over 100 steps (factor (step + 1) / 100), half-cosine decay to 0.05 * lr at the last
step, global gradient-norm clip 100, EMA of the weights (decay 0.999 with warm-up min(d, (1 + t) / (10 + t))) used
for evaluation and sampling, batch 128, loss = mean bits/dim of the uniformly dequantized batch.
"""
import copy
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

HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def he_normal_(conv):
    """DJL's default weight init (Xavier GAUSSIAN, factor IN, magnitude 2): N(0, 2 / fan_in); bias 0."""
    fan_in = conv.weight.shape[1] * conv.weight.shape[2] * conv.weight.shape[3]
    nn.init.normal_(conv.weight, 0.0, math.sqrt(2.0 / fan_in))
    nn.init.zeros_(conv.bias)
    return conv


def zero_conv(cin, cout, k):
    conv = nn.Conv2d(cin, cout, k, padding=k // 2)
    nn.init.zeros_(conv.weight)
    nn.init.zeros_(conv.bias)
    return conv


class Preprocess(nn.Module):
    """Logit transform (RealNVP sec. 4.1): s = a + (1 - 2a) x, y = logit(s); a = 0: Glow's shift x - 0.5."""

    def __init__(self, alpha):
        super().__init__()
        self.alpha = float(alpha)

    def forward(self, x):
        if self.alpha == 0:
            return x - 0.5, x.new_zeros(x.shape[0])
        s = self.alpha + (1 - 2 * self.alpha) * x
        log_s, log_1ms = torch.log(s), torch.log1p(-s)
        d = x[0].numel()
        logdet = -(log_s + log_1ms).flatten(1).sum(1) + d * math.log(1 - 2 * self.alpha)
        return log_s - log_1ms, logdet

    def inverse(self, y):
        if self.alpha == 0:
            return y + 0.5
        return (torch.sigmoid(y) - self.alpha) / (1 - 2 * self.alpha)


class Squeeze(nn.Module):
    """Space-to-depth: (B, C, H, W) -> (B, 4C, H/2, W/2), a permutation (log|det| = 0)."""

    def forward(self, x):
        b, c, h, w = x.shape
        y = x.reshape(b, c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 5, 2, 4).reshape(b, c * 4, h // 2, w // 2)
        return y, x.new_zeros(b)

    def inverse(self, y):
        b, c4, h, w = y.shape
        c = c4 // 4
        return y.reshape(b, c, 2, 2, h, w).permute(0, 1, 4, 2, 5, 3).reshape(b, c, h * 2, w * 2)


class ActNorm(nn.Module):
    """y = (x + b) * exp(s) per channel; log|det| = H W sum(s). Data-dependent init (Glow sec. 3.1)."""

    EPS = 1e-6

    def __init__(self, c):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(1, c, 1, 1))
        self.log_scale = nn.Parameter(torch.zeros(1, c, 1, 1))

    @torch.no_grad()
    def initialize_from(self, x):
        c = x.shape[1]
        per_channel = x.transpose(0, 1).reshape(c, -1)
        mean = per_channel.mean(1)
        std = ((per_channel - mean[:, None]) ** 2).mean(1).sqrt()  # population std, as gen4j
        self.bias.copy_(-mean.view(1, c, 1, 1))
        self.log_scale.copy_(-torch.log(std + self.EPS).view(1, c, 1, 1))

    def forward(self, x):
        y = (x + self.bias) * torch.exp(self.log_scale)
        logdet = self.log_scale.sum() * (x.shape[2] * x.shape[3])
        return y, logdet.expand(x.shape[0])

    def inverse(self, y):
        return y * torch.exp(-self.log_scale) - self.bias


class InvConv1x1(nn.Module):
    """Invertible 1x1 conv, LU form (Glow eq. 10): W = P L (U + diag(sign exp(logS))), log|det| = H W sum(logS)."""

    def __init__(self, c):
        super().__init__()
        q, r = torch.linalg.qr(torch.randn(c, c, dtype=torch.float64))
        q = q * torch.sign(torch.diagonal(r))[None, :]  # Gram-Schmidt convention: R has a positive diagonal
        lu, piv = torch.linalg.lu_factor(q)
        p, lo, up = torch.lu_unpack(lu, piv)  # q = P L U
        d = torch.diagonal(up)
        self.register_buffer("perm", p.float())  # fixed (not trained), as in gen4j
        self.register_buffer("sign", torch.sign(d).float())  # fixed
        self.lower = nn.Parameter((lo - torch.eye(c, dtype=torch.float64)).float())  # full (C, C), masked below
        self.upper = nn.Parameter(torch.triu(up, 1).float())
        self.log_s = nn.Parameter(torch.log(torch.abs(d)).float())
        self.register_buffer("lower_mask", torch.tril(torch.ones(c, c), -1))
        self.register_buffer("eye", torch.eye(c))

    def weight(self):
        lo = self.lower * self.lower_mask + self.eye
        up = self.upper * self.lower_mask.t() + torch.diag(self.sign * torch.exp(self.log_s))
        return self.perm @ lo @ up

    def forward(self, x):
        c = x.shape[1]
        y = F.conv2d(x, self.weight().view(c, c, 1, 1))
        logdet = self.log_s.sum() * (x.shape[2] * x.shape[3])
        return y, logdet.expand(x.shape[0])

    def inverse(self, y):
        c = y.shape[1]
        w_inv = torch.inverse(self.weight().double()).to(y.dtype)  # double precision inverse, as gen4j's host code
        return F.conv2d(y, w_inv.view(c, c, 1, 1))


class AffineCoupling(nn.Module):
    """Channel-mask affine coupling (RealNVP eq. 7-9): y_b = x_b exp(s(x_a)) + t(x_a), s = c tanh(raw / c)."""

    def __init__(self, c, parity, hidden, clamp):
        super().__init__()
        self.parity = parity
        self.clamp = float(clamp)
        self.first = c // 2
        cond = self.first if parity == 0 else c - self.first
        self.out = c - cond
        self.net = nn.Sequential(
            he_normal_(nn.Conv2d(cond, hidden, 3, padding=1)), nn.ReLU(),
            he_normal_(nn.Conv2d(hidden, hidden, 1)), nn.ReLU(),
            zero_conv(hidden, 2 * self.out, 3))  # zero-init last layer: each coupling starts as the identity

    def _halves(self, x):
        a, b = x[:, :self.first], x[:, self.first:]
        return (a, b) if self.parity == 0 else (b, a)

    def _join(self, a, b):
        return torch.cat([a, b], 1) if self.parity == 0 else torch.cat([b, a], 1)

    def _shift_log_scale(self, xa):
        h = self.net(xa)
        t, raw = h[:, :self.out], h[:, self.out:]
        return t, self.clamp * torch.tanh(raw / self.clamp)

    def forward(self, x):
        xa, xb = self._halves(x)
        t, s = self._shift_log_scale(xa)
        return self._join(xa, xb * torch.exp(s) + t), s.flatten(1).sum(1)

    def inverse(self, y):
        ya, yb = self._halves(y)
        t, s = self._shift_log_scale(ya)
        return self._join(ya, (yb - t) * torch.exp(-s))


class Split(nn.Module):
    """Multi-scale split with a learned conditional prior (Glow "split2d"): eps = (z2 - mean(z1)) exp(-logsd(z1))."""

    def __init__(self, c):
        super().__init__()
        self.keep = c // 2
        self.out = c - self.keep
        self.prior = zero_conv(self.keep, 2 * self.out, 3)

    def _mean_logsd(self, z1):
        h = self.prior(z1)
        return h[:, :self.out], h[:, self.out:]

    def forward(self, x):
        z1, z2 = x[:, :self.keep], x[:, self.keep:]
        mean, logsd = self._mean_logsd(z1)
        eps = (z2 - mean) * torch.exp(-logsd)
        return torch.cat([z1, eps], 1), -logsd.flatten(1).sum(1)

    def inverse(self, y):
        z1, eps = y[:, :self.keep], y[:, self.keep:]
        mean, logsd = self._mean_logsd(z1)
        return torch.cat([z1, eps * torch.exp(logsd) + mean], 1)


class TopPrior(nn.Module):
    """Learned Gaussian prior of the last level (Glow "learntop"), as a standardizing bijection."""

    def __init__(self, c, h, w):
        super().__init__()
        self.mean = nn.Parameter(torch.zeros(1, c, h, w))
        self.log_sd = nn.Parameter(torch.zeros(1, c, h, w))

    def forward(self, x):
        eps = (x - self.mean) * torch.exp(-self.log_sd)
        return eps, (-self.log_sd.sum()).expand(x.shape[0])

    def inverse(self, y):
        return y * torch.exp(self.log_sd) + self.mean


def default_levels(image_size):
    """FlowConfig.defaults: halve down to an odd size or 4x4, at most 3 levels (28x28: 2)."""
    levels, s = 0, image_size
    while levels < 3 and s % 2 == 0 and s // 2 >= 4:
        s //= 2
        levels += 1
    return levels


class Glow(nn.Module):
    """Per level: squeeze, K x (ActNorm, 1x1 conv, coupling), split (but the last); then the top prior."""

    def __init__(self, channels=1, size=28, levels=2, steps=8, hidden=128, clamp=2.0, alpha=0.05):
        super().__init__()
        self.dims = channels * size * size
        self.image_shape = (channels, size, size)
        layers = [Preprocess(alpha)]
        c, s = channels, size
        for level in range(levels):
            layers.append(Squeeze())
            c, s = c * 4, s // 2
            for k in range(steps):
                layers += [ActNorm(c), InvConv1x1(c), AffineCoupling(c, k % 2, hidden, clamp)]
            if level < levels - 1:
                sp = Split(c)
                layers.append(sp)
                c = sp.keep
        layers.append(TopPrior(c, s, s))
        self.layers = nn.ModuleList(layers)
        self.top_shape = (c, s, s)
        self.register_buffer("actnorm_initialized", torch.zeros(1))

    def encode(self, x, init_actnorm=False):
        """z (B, D) = concat(flatten(eps_split...), flatten(eps_top)) and sum of log|det| (B)."""
        b = x.shape[0]
        h, logdet, latents = x, x.new_zeros(b), []
        for layer in self.layers:
            if init_actnorm and isinstance(layer, ActNorm):
                layer.initialize_from(h)
            y, ld = layer(h)
            logdet = logdet + ld
            if isinstance(layer, Split):
                latents.append(y[:, layer.keep:].reshape(b, -1))
                h = y[:, :layer.keep]
            else:
                h = y
        latents.append(h.reshape(b, -1))
        return torch.cat(latents, 1), logdet

    def decode(self, z):
        """x = f^-1(z) for z (B, D), walking the layers backwards and re-attaching each split's eps."""
        b = z.shape[0]
        # latent layout: [eps of split 0, eps of split 1, ..., eps_top]; recover each split's (C_out, H, W)
        split_shapes, shape = [], None
        for layer in self.layers:  # track shapes forward once
            if isinstance(layer, Preprocess):
                shape = list(self.image_shape)
            elif isinstance(layer, Squeeze):
                shape = [shape[0] * 4, shape[1] // 2, shape[2] // 2]
            elif isinstance(layer, Split):
                split_shapes.append((layer.out, shape[1], shape[2]))
                shape = [layer.keep, shape[1], shape[2]]
        sizes = [a * h * w for a, h, w in split_shapes] + [int(np.prod(self.top_shape))]
        parts = list(torch.split(z, sizes, 1))
        h = parts.pop().reshape(b, *self.top_shape)
        for layer in reversed(self.layers):
            if isinstance(layer, Split):
                eps = parts.pop().reshape(b, *split_shapes.pop())
                h = torch.cat([h, eps], 1)
            h = layer.inverse(h)
        return h


def dequantize(raw, generator=None):
    """x = (v + u) / 256, u ~ U[0, 1) (Theis et al. 2016)."""
    u = torch.rand(raw.shape, generator=generator)
    return (raw.float() + u) / 256.0


def bits_per_dim(model, raw, generator=None):
    """Per-image bound -(log p(x) - D log 256) / (D ln 2), log p(x) = log N(z; 0, I) + sum log|det|."""
    x = dequantize(raw, generator)
    z, logdet = model.encode(x)
    log_pz = (-0.5 * z ** 2 - HALF_LOG_2PI).sum(1)
    d = model.dims
    return (-(log_pz + logdet) + d * math.log(256)) / (d * math.log(2))


def gen4j_trainable_count(channels, size, levels, steps, hidden):
    """FlowTask.trainableParameterCount, computed from gen4j's layer list (FlowLayouts.glow) by hand."""
    n, c, s = 0, channels, size
    for level in range(levels):
        c, s = c * 4, s // 2
        first = c // 2
        for k in range(steps):
            cond = first if k % 2 == 0 else c - first
            out = c - cond
            n += 2 * c                                    # ActNorm bias, logScale (1, C, 1, 1)
            n += c * c + c * c + c                        # InvConv1x1 lower, upper (C, C), logS (C)
            n += (cond * 9 * hidden + hidden) + (hidden * hidden + hidden) + (hidden * 9 * 2 * out + 2 * out)
        if level < levels - 1:
            keep = c // 2
            n += keep * 9 * 2 * (c - keep) + 2 * (c - keep)  # Split prior Conv3x3
            c = keep
    n += 2 * c * s * s                                    # TopPrior mean, logSd
    return n


def main():
    ap = common.argument_parser(__doc__, "flow")
    # family options (gen4j defaults)
    ap.add_argument("--levels", type=int, default=None, help="default: gen4j's rule (2 for 28x28)")
    ap.add_argument("--flow-steps", type=int, default=8)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--scale-clamp", type=float, default=2.0)
    ap.add_argument("--logit-alpha", type=float, default=0.05)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--no-cosine", action="store_true")
    ap.add_argument("--min-lr-ratio", type=float, default=0.05)
    ap.add_argument("--clip", type=float, default=100.0, help="global grad-norm clip; 0 = off")
    ap.add_argument("--ema", type=float, default=0.999, help="EMA decay of eval/sampling weights; 0 = off")
    ap.add_argument("--temperature", type=float, default=1.0)
    ap.add_argument("--eval-n", type=int, default=10000)
    ap.add_argument("--eval-chunk", type=int, default=250)
    ap.add_argument("--sample-batch", type=int, default=500)
    args = ap.parse_args()

    common.setup(args.threads, args.seed)
    train, test = common.load_fashion_mnist(args.data)
    size = train.shape[1]
    levels = args.levels if args.levels is not None else default_levels(size)
    model = Glow(1, size, levels, args.flow_steps, args.hidden, args.scale_clamp, args.logit_alpha)
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    expected = gen4j_trainable_count(1, size, levels, args.flow_steps, args.hidden)
    fixed = sum(l.perm.numel() + l.sign.numel() for l in model.layers if isinstance(l, InvConv1x1)) + 1
    print("params: %d trainable (gen4j FlowTask.trainableParameterCount: %d, %s); +%d fixed = %d "
          "(gen4j ModelState.parameterCount)" % (params, expected, "match" if params == expected else "MISMATCH",
                                                 fixed, params + fixed), flush=True)
    if params != expected:
        raise SystemExit("parameter count differs from gen4j's")

    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    batches = common.batches(train, args.batch_size, args.seed)
    timer = common.Timer(args.steps, args.batch_size)
    losses = []
    ema_model = None
    timer.start()
    for step in range(args.steps):
        raw = next(batches)
        if step == 0:
            # data-dependent ActNorm init on the first batch (its own dequantization draw), outside autograd
            with torch.no_grad():
                model.encode(dequantize(raw), init_actnorm=True)
                model.actnorm_initialized.fill_(1)
            if args.ema > 0:
                ema_model = copy.deepcopy(model)
                for p in ema_model.parameters():
                    p.requires_grad_(False)
        # lr = peak * min(1, (step + 1) / warmup) * [r + (1 - r) (1 + cos(pi step / steps)) / 2]
        f = min(1.0, (step + 1.0) / args.warmup) if args.warmup > 0 else 1.0
        if not args.no_cosine:
            p = min(1.0, max(0.0, step / args.steps))
            f *= args.min_lr_ratio + (1 - args.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * p))
        for g in opt.param_groups:
            g["lr"] = args.lr * f
        loss = bits_per_dim(model, raw).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if args.clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        opt.step()
        lv = loss.item()
        if not math.isfinite(lv):
            raise SystemExit("non-finite loss at step %d" % step)
        losses.append(lv)
        if ema_model is not None:
            # ema = d ema + (1 - d) w, d = min(decay, (1 + t) / (10 + t))
            d = min(args.ema, (1.0 + step) / (10.0 + step))
            with torch.no_grad():
                for pe, pw in zip(ema_model.parameters(), model.parameters()):
                    pe.mul_(d).add_(pw, alpha=1 - d)
        timer.step_end(step + 1)
        if (step + 1) % 100 == 0 or step == 0:
            print("step %d loss %.4f bpd lr %.2e" % (step + 1, lv, args.lr * f), flush=True)

    net = ema_model if ema_model is not None else model
    net.eval()

    # exact test bits/dim: first eval_n test images, one uniform dequantization draw per image
    eval_n = min(args.eval_n, test.shape[0])
    gen = torch.Generator().manual_seed(args.seed + 1)
    test_t = torch.from_numpy(test[:eval_n]).unsqueeze(1)
    total = 0.0
    t0 = time.perf_counter()
    with torch.no_grad():
        for i in range(0, eval_n, args.eval_chunk):
            total += bits_per_dim(net, test_t[i:i + args.eval_chunk], gen).double().sum().item()
        # invertibility check as gen4j's reconstruct: v -> z = f((v + 0.5) / 256) -> floor(256 f^-1(z)) == v
        v = torch.from_numpy(test[:64]).unsqueeze(1)
        x_rec = net.decode(net.encode((v.float() + 0.5) / 256.0)[0])
        rec = torch.clamp(torch.floor(x_rec * 256), 0, 255).to(torch.uint8)
        recon_exact = (rec == v).float().mean().item()
    eval_seconds = time.perf_counter() - t0

    sample_ms = None
    if args.samples > 0:
        sgen = torch.Generator().manual_seed(args.seed + 2)

        def draw(n):
            z = torch.randn(n, net.dims, generator=sgen) * args.temperature
            # Pixels.fromBins: the 8-bit bin v = clamp(floor(256 x), 0, 255)
            return torch.clamp(torch.floor(net.decode(z) * 256), 0, 255).to(torch.uint8)[:, 0]
        sample_ms = common.write_samples(args.out, args.samples, args.sample_batch, draw)

    result = {
        "family": "flow",
        "impl": "pytorch-reference",
        "torch_version": torch.__version__,
        "threads": args.threads,
        "steps": args.steps,
        "batch_size": args.batch_size,
        "params": params,
        "params_with_fixed": params + fixed,
        "train_seconds": timer.train_seconds(),
        "images_per_s": timer.images_per_s(),
        "sample_ms_per_image": sample_ms,
        "final_loss": losses[-1],
        "train_bits_per_dim": float(np.mean(losses[-100:])),
        "test_bits_per_dim": total / eval_n if eval_n > 0 else None,
        "eval_n": eval_n,
        "eval_seconds": eval_seconds,
        "eval_weights": "ema" if ema_model is not None else "raw",
        "recon_exact_frac": recon_exact,
        "temperature": args.temperature,
        "arch": "glow L=%d K=%d hidden=%d clamp=%g logit_alpha=%g dequant=uniform"
                % (levels, args.flow_steps, args.hidden, args.scale_clamp, args.logit_alpha),
        "lr": args.lr, "warmup": args.warmup, "cosine": not args.no_cosine, "clip": args.clip, "ema": args.ema,
        "seed": args.seed,
    }
    common.write_result(args.out, result)


if __name__ == "__main__":
    main()
