"""Plain-PyTorch reference trainer: DCGAN on 28x28 grayscale images (gen4j benchmark only, issue 14).

Papers:
  - Radford, Metz & Chintala 2016, "Unsupervised Representation Learning with Deep Convolutional GANs" (DCGAN):
    batch norm in G, LeakyReLU 0.2 in D, N(0, 0.02) init, Adam lr 2e-4 beta1 0.5.
  - Goodfellow et al. 2014, "Generative Adversarial Nets": the non-saturating generator loss.
  - Shi et al. 2016, "Real-Time Single Image and Video Super-Resolution Using an Efficient Sub-Pixel CNN":
    conv 3x3 + pixel shuffle upsampling in place of transposed convolutions.

Architecture (Z = --latent, default 64; parameter counts for Z = 64):

  Generator G: z (B, Z) ~ N(0, I)
    Linear(Z -> 128*7*7, no bias) -> reshape (B, 128, 7, 7)      401,408
    BatchNorm2d(128) -> ReLU                                          256
    Conv3x3 p1 (128 -> 256, no bias) -> PixelShuffle(2) (B, 64, 14, 14)   294,912
    BatchNorm2d(64) -> ReLU                                           128
    Conv3x3 p1 (64 -> 128, no bias) -> PixelShuffle(2) (B, 32, 28, 28)     73,728
    BatchNorm2d(32) -> ReLU                                            64
    Conv3x3 p1 (32 -> 1) -> tanh (B, 1, 28, 28) in [-1, 1]            289
                                                          total   770,785

  Discriminator D (no batch norm: a sample's score depends on that sample only, as in gen4j's DcganDiscriminator):
    x (B, 1, 28, 28)
    Conv4x4 s2 p1 (1 -> 64) -> LeakyReLU 0.2    (B, 64, 14, 14)     1,088
    Conv4x4 s2 p1 (64 -> 128) -> LeakyReLU 0.2  (B, 128, 7, 7)    131,200
    flatten (B, 6272) -> Linear(6272 -> 1): logit D(x) (B)          6,273
                                                          total   138,561
  All networks: 909,346 trainable parameters. At --g-widths 64,32,16 --d-widths 32,64 (gen4j's default for
  28x28, half the widths above): G 293,233 + D 36,513 = 329,746.

Training (one step = one D update and one G update, ONE generator forward, the PyTorch DCGAN example's order):
  fake = G(z)
  L_D = E softplus(-D(x)) + E softplus(D(fake.detach()))    (= BCE with labels 1 / 0 on logits)
  L_G = E softplus(-D(fake)) = -E log sigmoid(D(G(z)))      (non-saturating: the gradient does not vanish
                                                            when D confidently rejects the samples)
  Adam lr 2e-4, betas (0.5, 0.999) for both networks. Data scaled to [-1, 1]. G runs in train mode (batch
  statistics) during training; samples are drawn in eval mode (BatchNorm running statistics).

Usage: /usr/bin/python3 bench/reference/dcgan.py --steps 30 --samples 200 --out /tmp/dcgan-smoke
"""
import collections
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


class Generator(nn.Module):
    """z (B, Z) -> image (B, 1, 28, 28) in [-1, 1]; 7x7 -> 14x14 -> 28x28 by conv + pixel shuffle."""

    def __init__(self, latent=64, widths=(128, 64, 32)):
        super().__init__()
        w0, w1, w2 = widths
        self.w0 = w0
        self.fc = nn.Linear(latent, w0 * 7 * 7, bias=False)  # bias is redundant before BatchNorm (its beta)
        self.bn0 = nn.BatchNorm2d(w0)
        # Sub-pixel convolution: a conv to r^2 * C channels, then PixelShuffle(r) rearranges
        # (B, C r^2, H, W) -> (B, C, rH, rW), i.e. out[c, rh + i, rw + j] = in[c r^2 + r i + j, h, w].
        self.conv1 = nn.Conv2d(w0, w1 * 4, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(w1)
        self.conv2 = nn.Conv2d(w1, w2 * 4, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(w2)
        self.out = nn.Conv2d(w2, 1, 3, padding=1)

    def forward(self, z):
        h = self.fc(z).view(-1, self.w0, 7, 7)
        h = F.relu(self.bn0(h))                                   # (B, w0, 7, 7)
        h = F.relu(self.bn1(F.pixel_shuffle(self.conv1(h), 2)))   # (B, w1, 14, 14)
        h = F.relu(self.bn2(F.pixel_shuffle(self.conv2(h), 2)))   # (B, w2, 28, 28)
        return torch.tanh(self.out(h))                            # (B, 1, 28, 28)


class Discriminator(nn.Module):
    """x (B, 1, 28, 28) -> logit (B). No batch norm, so D(x_i) depends on x_i only."""

    def __init__(self, widths=(64, 128)):
        super().__init__()
        d0, d1 = widths
        self.conv1 = nn.Conv2d(1, d0, 4, stride=2, padding=1)
        self.conv2 = nn.Conv2d(d0, d1, 4, stride=2, padding=1)
        self.fc = nn.Linear(d1 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.conv1(x), 0.2)   # (B, d0, 14, 14)
        h = F.leaky_relu(self.conv2(h), 0.2)   # (B, d1, 7, 7)
        return self.fc(h.flatten(1)).view(-1)  # (B)


def dcgan_init(module):
    """DCGAN init (Radford et al. 2016, section 4): weights ~ N(0, 0.02), BN gamma ~ N(1, 0.02), biases 0."""
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.normal_(module.weight, 0.0, 0.02)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


def count_params(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def main():
    ap = common.argument_parser(__doc__, "dcgan")
    ap.add_argument("--latent", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--g-widths", default="128,64,32",
                    help="generator channels at 7x7, 14x14 and 28x28 (gen4j's --g-widths; the table above is 128,64,32)")
    ap.add_argument("--d-widths", default="64,128",
                    help="discriminator channels at 14x14 and 7x7 (gen4j's --d-widths)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    common.setup(args.threads, args.seed)
    train, _ = common.load_fashion_mnist(args.data)
    data = common.batches(train, args.batch_size, args.seed)

    g_widths = [int(w) for w in args.g_widths.split(",")]
    d_widths = [int(w) for w in args.d_widths.split(",")]
    if len(g_widths) != 3 or len(d_widths) != 2 or min(g_widths + d_widths) <= 0:
        ap.error(f"--g-widths needs 3 and --d-widths 2 positive widths, got {args.g_widths} and {args.d_widths}")
    g = Generator(args.latent, g_widths)
    d = Discriminator(d_widths)
    g.apply(dcgan_init)
    d.apply(dcgan_init)
    g.train()
    d.train()
    opt_g = torch.optim.Adam(g.parameters(), lr=args.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=args.lr, betas=(0.5, 0.999))

    window = 100  # losses are reported as means over the last `window` steps
    d_losses = collections.deque(maxlen=window)
    g_losses = collections.deque(maxlen=window)
    d_real_p = collections.deque(maxlen=window)
    d_fake_p = collections.deque(maxlen=window)

    timer = common.Timer(args.steps, args.batch_size)
    timer.start()
    for step in range(1, args.steps + 1):
        x = next(data).float().div_(127.5).sub_(1.0)  # uint8 [0, 255] -> [-1, 1]
        z = torch.randn(args.batch_size, args.latent)
        fake = g(z)  # the step's only generator forward

        # D step: minimize E softplus(-D(x)) + E softplus(D(G(z))), G held fixed (fake.detach()).
        # D has no batch norm, so scoring real and fake in one batch equals two separate passes.
        opt_d.zero_grad(set_to_none=True)
        scores = d(torch.cat([x, fake.detach()], 0))
        s_real, s_fake = scores[:args.batch_size], scores[args.batch_size:]
        loss_d = F.softplus(-s_real).mean() + F.softplus(s_fake).mean()
        loss_d.backward()
        opt_d.step()

        # G step: minimize E softplus(-D(G(z))) on the same fake, scored by the just-updated D.
        # (Gradients also reach D's parameters here; opt_d.zero_grad clears them before D's next step.)
        opt_g.zero_grad(set_to_none=True)
        loss_g = F.softplus(-d(fake)).mean()
        loss_g.backward()
        opt_g.step()

        d_losses.append(loss_d.item())
        g_losses.append(loss_g.item())
        d_real_p.append(torch.sigmoid(s_real.detach()).mean().item())
        d_fake_p.append(torch.sigmoid(s_fake.detach()).mean().item())
        timer.step_end(step)

    # Sampling: G in eval mode (BatchNorm uses its running mean / variance), z ~ N(0, I).
    g.eval()
    sample_ms = float("nan")
    if args.samples > 0:
        def draw(n):
            img = g(torch.randn(n, args.latent))[:, 0]  # (n, 28, 28) in [-1, 1]
            return ((img + 1) / 2 * 255).round().clamp_(0, 255).to(torch.uint8)
        sample_ms = common.write_samples(args.out, args.samples, 500, draw)

    pg, pd = count_params(g), count_params(d)
    common.write_result(args.out, {
        "family": "dcgan",
        "impl": "pytorch-reference",
        "torch_version": torch.__version__,
        "threads": args.threads,
        "steps": args.steps,
        "batch_size": args.batch_size,
        "latent": args.latent,
        "params": pg + pd,
        "params_g": pg,
        "params_d": pd,
        "train_seconds": timer.train_seconds(),
        "images_per_s": timer.images_per_s(),
        "sample_ms_per_image": sample_ms,
        "samples": args.samples,
        "d_loss": float(np.mean(d_losses)),
        "g_loss": float(np.mean(g_losses)),
        "d_real_prob": float(np.mean(d_real_p)),
        "d_fake_prob": float(np.mean(d_fake_p)),
        "loss_window": len(d_losses),
    })


if __name__ == "__main__":
    main()
