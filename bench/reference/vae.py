"""Plain-PyTorch reference trainer: convolutional VAE with a discretized-logistic decoder.

Papers: Kingma & Welling 2014, "Auto-Encoding Variational Bayes" (the VAE and its ELBO);
Burda, Grosse & Salakhutdinov 2016, "Importance Weighted Autoencoders" (the IWAE-k bound used for evaluation);
Kingma et al. 2016 (IAF) / Salimans et al. 2017 (PixelCNN++) for the discretized logistic likelihood.
Benchmark only (gen4j issue 14): the textbook recipe, written to mirror gen4j's ConvVae layer for layer.

Architecture (mirrors gen4j ConvVae with widths [32, 64], hidden 512, latent Z = 32, a likelihood with two
decoder channels per pixel; 28x28x1 Fashion-MNIST; s = 28 / 2^2 = 7):
  encoder  x in [0,1] (v/255) -> 2x - 1
           Conv2d(1->32, 4x4, stride 2, pad 1) + SiLU        (B, 32, 14, 14)      544
           Conv2d(32->32, 3x3, pad 1) + SiLU                  (B, 32, 14, 14)    9,248
           Conv2d(32->64, 4x4, stride 2, pad 1) + SiLU        (B, 64, 7, 7)     32,832
           Conv2d(64->64, 3x3, pad 1) + SiLU                  (B, 64, 7, 7)     36,928
           flatten                                            (B, 3136)
           Linear(3136->512) + SiLU                           (B, 512)       1,606,144
           Linear(512->64) -> (mu, logvar), logvar = 10 tanh(v/10)  (B, 2x32)  32,832
  decoder  Linear(32->512) + SiLU                             (B, 512)          16,896
           Linear(512->3136) + SiLU, reshape                  (B, 64, 7, 7)  1,608,768
           Upsample 2x nearest                                (B, 64, 14, 14)
           Conv2d(64->32, 3x3, pad 1) + SiLU                  (B, 32, 14, 14)   18,464
           Conv2d(32->32, 3x3, pad 1) + SiLU                  (B, 32, 14, 14)    9,248
           Upsample 2x nearest                                (B, 32, 28, 28)
           Conv2d(32->32, 3x3, pad 1) + SiLU                  (B, 32, 28, 28)    9,248
           Conv2d(32->32, 3x3, pad 1) + SiLU                  (B, 32, 28, 28)    9,248
           Conv2d(32->2, 3x3, pad 1)                          (B, 2, 28, 28)       578
           -> per-pixel logistic location m (in [0,1] pixel units) and log-scale log s (clamped below at -7)
  total trainable parameters: 3,390,978 (encoder 1,718,528 + decoder 1,672,450). PyTorch default init.

Training: Adam(lr 1e-3, betas (0.9, 0.999)), batch 128, constant lr, no clipping, loss = negative ELBO
(KL weight 1) per image divided by D = 784 (nats/dim, as gen4j reports it; Adam is scale-invariant).
Evaluation: ELBO and IWAE-k bounds in bits/dim on the first --eval-n test images.
Sampling: z ~ N(0, I), image = clamp(m, 0, 1) * 255 rounded.
"""
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

MAX_LOG_VAR = 10.0   # posterior log variance softly bounded to (-10, 10), as in gen4j ConvVae
MIN_LOG_SCALE = -7.0  # lower clamp of the logistic log-scale (PixelCNN++); exp(-7) ~ 0.23 of an 8-bit bin
HALF_BIN = 0.5 / 255.0  # pixel v has centre v/255 and bin [v/255 - 1/510, v/255 + 1/510]
LOG_2PI = math.log(2.0 * math.pi)


class ConvVae(nn.Module):
    def __init__(self, channels=1, image_size=28, widths=(32, 64), hidden=512, latent=32, out_per_channel=2):
        super().__init__()
        self.latent = latent
        self.widths = list(widths)
        s = image_size >> len(widths)
        self.s = s
        last = widths[-1]
        enc = []
        cin = channels
        for w in widths:
            enc += [nn.Conv2d(cin, w, 4, stride=2, padding=1), nn.SiLU(),
                    nn.Conv2d(w, w, 3, padding=1), nn.SiLU()]
            cin = w
        enc.append(nn.Flatten())
        self.encoder_conv = nn.Sequential(*enc)
        self.encoder_head = nn.Sequential(nn.Linear(last * s * s, hidden), nn.SiLU(), nn.Linear(hidden, 2 * latent))
        self.decoder_head = nn.Sequential(nn.Linear(latent, hidden), nn.SiLU(),
                                          nn.Linear(hidden, last * s * s), nn.SiLU())
        dec = []
        cin = last
        for i in range(len(widths) - 1, -1, -1):
            out = widths[i - 1] if i > 0 else widths[0]  # as ConvVae: stage i outputs the previous stage's width
            dec += [nn.Upsample(scale_factor=2, mode="nearest"),
                    nn.Conv2d(cin, out, 3, padding=1), nn.SiLU(),
                    nn.Conv2d(out, out, 3, padding=1), nn.SiLU()]
            cin = out
        dec.append(nn.Conv2d(cin, channels * out_per_channel, 3, padding=1))
        self.decoder_conv = nn.Sequential(*dec)

    def encode(self, x):
        """q(z|x) = N(mu, diag(exp(logvar))); x (B, 1, 28, 28) in [0, 1]."""
        h = self.encoder_conv(x * 2.0 - 1.0)
        mu, raw = self.encoder_head(h).chunk(2, dim=1)
        logvar = MAX_LOG_VAR * torch.tanh(raw / MAX_LOG_VAR)  # soft bound: exp() cannot overflow
        return mu, logvar

    def decode(self, z):
        """p(x|z) parameters: (location m (B,1,28,28), log-scale log s (B,1,28,28))."""
        h = self.decoder_head(z).view(-1, self.widths[-1], self.s, self.s)
        out = self.decoder_conv(h)
        mean, log_scale = out.chunk(2, dim=1)
        return mean, torch.clamp(log_scale, min=MIN_LOG_SCALE)


def log1mexp(d):
    """log(1 - exp(-d)) for d > 0, stable at both ends (Maechler 2012): branches on clamped copies so the
    unused branch cannot produce inf/nan gradients."""
    ln2 = math.log(2.0)
    small = torch.log(-torch.expm1(-torch.clamp(d, max=ln2)))
    large = torch.log1p(-torch.exp(-torch.clamp(d, min=ln2)))
    return torch.where(d < ln2, small, large)


def discretized_logistic_log_prob(mean, log_scale, raw):
    """Per-image log P(v | z) in nats, (B), for 8-bit values v (uint8/float, (B,1,H,W)).

    Logistic CDF: F(y) = sigmoid((y - m) / s). Bin of v: [v/255 - 1/510, v/255 + 1/510], the bin of v = 0
    extended to -inf and that of v = 255 to +inf:
      P(0)   = sigmoid(a)              log = -softplus(-a)
      P(255) = 1 - sigmoid(b)          log = -softplus(b)
      P(v)   = sigmoid(a) - sigmoid(b)  with a = (v/255 + 1/510 - m)/s, b = (v/255 - 1/510 - m)/s
             log = -softplus(-a) - softplus(b) + log(1 - exp(-(a - b)))      (exact, stable identity),
    since sigmoid(a) - sigmoid(b) = sigmoid(a) (1 - sigmoid(b)) (1 - e^(b - a)), and a - b = 1/(255 s) > 0.
    """
    v = raw.float()
    x = v / 255.0
    inv_s = torch.exp(-log_scale)
    a = (x + HALF_BIN - mean) * inv_s
    b = (x - HALF_BIN - mean) * inv_s
    log_cdf_a = -F.softplus(-a)          # log sigmoid(a)
    log_sf_b = -F.softplus(b)            # log (1 - sigmoid(b))
    log_mid = log_cdf_a + log_sf_b + log1mexp(inv_s * (2.0 * HALF_BIN))
    logp = torch.where(v <= 0, log_cdf_a, torch.where(v >= 255, log_sf_b, log_mid))
    return logp.flatten(1).sum(1)


def neg_elbo_terms(model, raw):
    """One-sample ELBO terms per image: (log p(x|z) (B), KL(q(z|x) || N(0,I)) (B)), nats."""
    x = raw.float() / 255.0
    mu, logvar = model.encode(x)
    eps = torch.randn_like(mu)
    z = mu + torch.exp(0.5 * logvar) * eps          # reparameterization: z = mu + sigma * eps
    mean, log_scale = model.decode(z)
    recon = discretized_logistic_log_prob(mean, log_scale, raw)
    # KL(N(mu, sigma^2) || N(0, 1)) = 0.5 sum(mu^2 + sigma^2 - 1 - log sigma^2)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1.0 - logvar).sum(1)
    return recon, kl


@torch.no_grad()
def bounds(model, raw, k):
    """Per-image (ELBO estimate, IWAE-k bound), (B) each, in nats, for raw uint8 (B,1,H,W).

    log w_i = log p(x|z_i) + log p(z_i) - log q(z_i|x), z_i ~ q(z|x), i = 1..k
    IWAE_k = log (1/k) sum_i w_i  (log-mean-exp);  ELBO estimated as (1/k) sum_i log w_i.
    """
    b = raw.shape[0]
    x = raw.float() / 255.0
    mu, logvar = model.encode(x)
    std = torch.exp(0.5 * logvar)
    eps = torch.randn(k, b, model.latent)
    z = mu.unsqueeze(0) + std.unsqueeze(0) * eps                       # (k, B, Z)
    mean, log_scale = model.decode(z.reshape(k * b, -1))
    raw_k = raw.unsqueeze(0).expand(k, *raw.shape).reshape(k * b, *raw.shape[1:])
    log_px = discretized_logistic_log_prob(mean, log_scale, raw_k).view(k, b)
    log_pz = (-0.5 * z.pow(2) - 0.5 * LOG_2PI).sum(2)                   # log N(z; 0, I)
    log_qz = (-0.5 * eps.pow(2) - 0.5 * LOG_2PI).sum(2) - 0.5 * logvar.sum(1).unsqueeze(0)  # log N(z; mu, sigma^2)
    log_w = log_px + log_pz - log_qz                                     # (k, B)
    iwae = torch.logsumexp(log_w, dim=0) - math.log(k)
    elbo = log_w.mean(0)
    return elbo, iwae


def main():
    p = common.argument_parser(__doc__, "vae")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--iwae-k", type=int, default=100)
    p.add_argument("--eval-n", type=int, default=10000, help="first N test images for the bounds (0 = skip)")
    p.add_argument("--log-every", type=int, default=500)
    args = p.parse_args()

    common.setup(args.threads, args.seed)
    os.makedirs(args.out, exist_ok=True)
    train, test = common.load_fashion_mnist(args.data)
    dims = 28 * 28

    model = ConvVae()
    params = sum(q.numel() for q in model.parameters() if q.requires_grad)
    print("vae: %d trainable parameters" % params, file=sys.stderr, flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999))

    it = common.batches(train, args.batch_size, args.seed)
    timer = common.Timer(args.steps, args.batch_size)
    model.train()
    loss_v = recon_v = kl_v = float("nan")
    timer.start()
    for step in range(1, args.steps + 1):
        raw = next(it)
        recon, kl = neg_elbo_terms(model, raw)
        # loss = E_q[-log p(x|z)] + KL, averaged over the batch, per dimension (nats/dim)
        loss = (kl - recon).mean() / dims
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        loss_v = loss.item()
        timer.step_end(step)
        if args.log_every > 0 and (step % args.log_every == 0 or step == args.steps):
            recon_v = -recon.mean().item()
            kl_v = kl.mean().item()
            print("step %d loss %.4f nats/dim (%.4f bits/dim) recon %.1f kl %.1f nats  %.0f img/s"
                  % (step, loss_v, loss_v / math.log(2), recon_v, kl_v,
                     args.batch_size * step / (time.perf_counter() - timer.t_start)), file=sys.stderr, flush=True)
    recon_v = -recon.mean().item()
    kl_v = kl.mean().item()

    model.eval()
    result = {
        "family": "vae", "impl": "pytorch-reference", "torch_version": torch.__version__,
        "threads": args.threads, "steps": args.steps, "batch_size": args.batch_size, "lr": args.lr,
        "likelihood": "discretized-logistic", "params": params,
        "train_seconds": timer.train_seconds(), "images_per_s": timer.images_per_s(),
        "final_loss": loss_v, "final_loss_bits_per_dim": loss_v / math.log(2),
        "final_recon_nats": recon_v, "final_kl_nats": kl_v,
    }

    # samples: z ~ N(0, I), image = the logistic's location clamped to [0, 1], x 255, rounded
    if args.samples > 0:
        def draw(n):
            mean, _ = model.decode(torch.randn(n, model.latent))
            return torch.round(mean.clamp(0.0, 1.0) * 255.0).to(torch.uint8)[:, 0]
        result["sample_ms_per_image"] = common.write_samples(args.out, args.samples, 500, draw)
        result["samples"] = args.samples

    # likelihood bounds on the first eval_n test images; bits/dim = -log P / (D ln 2) (P is already a mass)
    if args.eval_n > 0:
        k = args.iwae_k
        data = torch.from_numpy(test[:args.eval_n]).unsqueeze(1)
        per_chunk = max(1, 2000 // k)  # about 2000 decoder passes per chunk bounds the memory
        elbo_sum = iwae_sum = 0.0
        t0 = time.perf_counter()
        for i in range(0, data.shape[0], per_chunk):
            elbo, iwae = bounds(model, data[i:i + per_chunk], k)
            elbo_sum += elbo.double().sum().item()
            iwae_sum += iwae.double().sum().item()
        n = data.shape[0]
        result.update({
            "elbo_bits_per_dim": -elbo_sum / n / (dims * math.log(2)),
            "iwae_bits_per_dim": -iwae_sum / n / (dims * math.log(2)),
            "iwae_k": k, "eval_n": n, "eval_seconds": time.perf_counter() - t0,
        })

    common.write_result(args.out, result)


if __name__ == "__main__":
    main()
