#!/usr/bin/env python3
"""Writes gen4j's fused group-norm(+SiLU) kernel as TorchScript:
gen4j-core/src/main/resources/io/github/gen4j/nn/group_norm_act.pt (loaded by nn/GroupNorm.java).

DJL has no group_norm or silu op, and the same arithmetic written as DJL ops costs about ten kernels per
layer forward and as many backward (38% of a U-Net step, issue 14). This module calls PyTorch's native
group_norm and silu, whose autograd formulas are fused; DJL runs it as a PtSymbolBlock, inside the same
autograd graph as the rest of the network, so gradients reach x, weight and bias.

The .pt file is committed: building gen4j needs no Python. Re-create it (Debian's python3-torch works; the
engine loads TorchScript saved by older PyTorch versions) with:
  /usr/bin/python3 gen4j-core/src/main/torchscript/group_norm_act.py
"""
import os

import torch
import torch.nn.functional as F


class GroupNormAct(torch.nn.Module):
    """y = group_norm(x, groups, weight, bias, eps), then SiLU if act != 0.

    x (B, C, H, W); weight, bias (C) or (1, C, 1, 1); groups, act: 0-d int64 tensors; eps: 0-d float
    tensor. Scalars come as tensors so that one module serves every layer through DJL's NDList calls.
    """

    def forward(self, x, weight, bias, groups, act, eps):
        y = F.group_norm(x, int(groups.item()), weight.reshape(-1), bias.reshape(-1), float(eps.item()))
        if int(act.item()) != 0:
            y = F.silu(y)
        return y


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "io", "github", "gen4j", "nn", "group_norm_act.pt")
    torch.jit.script(GroupNormAct()).save(os.path.normpath(out))
    print("wrote", os.path.normpath(out))
