#!/usr/bin/python3
"""Forward throughput of CLIP ViT-B/32 (random weights, fp32, no grad, batch 32) in PyTorch, for comparison with
`cmer bench model` (same shapes, same timing: warm-up passes, then the median of timed passes).

    MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_TOP_PAD_=536870912 \
        /usr/bin/python3 src/test/python/bench_clip_forward.py [--threads 2] [--batch 32] [--passes 3] [--json]

The model is written like open_clip (nn.MultiheadAttention, batch_first, need_weights=False), so it is what a
PyTorch user runs; --plain uses the same explicit attention arithmetic as cmer.nn.MultiHeadAttention instead.
Needs Debian's python3-torch and libopenblas0-openmp (else torch falls back to the reference BLAS).
"""
import argparse
import json
import os
import statistics
import time
from collections import OrderedDict

import torch
import torch.nn as nn


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class PlainAttention(nn.Module):
    """cmer.nn.MultiHeadAttention's arithmetic: fused in_proj, explicit softmax(q·kᵀ)·v."""

    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.in_proj = nn.Linear(d, 3 * d)
        self.out_proj = nn.Linear(d, d)

    def forward(self, x, mask):
        b, t, d = x.shape
        h = d // self.heads
        qkv = self.in_proj(x).reshape(b, t, 3, self.heads, h).permute(2, 0, 3, 1, 4)  # (3, B, N, T, H)
        q, k, v = qkv[0] * h ** -0.5, qkv[1], qkv[2]
        s = q @ k.transpose(-1, -2)
        if mask is not None:
            s = s + mask
        return self.out_proj((s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d))


class Block(nn.Module):
    def __init__(self, d, heads, plain):
        super().__init__()
        self.plain = plain
        self.ln_1 = nn.LayerNorm(d)
        self.attn = PlainAttention(d, heads) if plain else nn.MultiheadAttention(d, heads, batch_first=True)
        self.ln_2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(OrderedDict([("c_fc", nn.Linear(d, 4 * d)), ("gelu", QuickGELU()), ("c_proj", nn.Linear(4 * d, d))]))

    def forward(self, x, mask=None):
        y = self.ln_1(x)
        x = x + (self.attn(y, mask) if self.plain else self.attn(y, y, y, attn_mask=mask, need_weights=False)[0])
        return x + self.mlp(self.ln_2(x))


class Vision(nn.Module):
    def __init__(self, plain, image=224, patch=32, d=768, layers=12, heads=12, embed=512):
        super().__init__()
        self.conv1 = nn.Conv2d(3, d, patch, patch, bias=False)
        self.class_embedding = nn.Parameter(torch.randn(d) * d ** -0.5)
        self.positional_embedding = nn.Parameter(torch.randn((image // patch) ** 2 + 1, d) * d ** -0.5)
        self.ln_pre = nn.LayerNorm(d)
        self.resblocks = nn.ModuleList([Block(d, heads, plain) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(d)
        self.proj = nn.Parameter(torch.randn(d, embed) * d ** -0.5)

    def forward(self, img):
        x = self.conv1(img)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        x = torch.cat([self.class_embedding.expand(x.shape[0], 1, -1), x], 1) + self.positional_embedding
        x = self.ln_pre(x)
        for r in self.resblocks:
            x = r(x)
        return self.ln_post(x[:, 0, :]) @ self.proj


class Text(nn.Module):
    def __init__(self, plain, vocab=49408, context=77, d=512, layers=12, heads=8, embed=512):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, d)
        self.positional_embedding = nn.Parameter(torch.randn(context, d) * 0.01)
        self.resblocks = nn.ModuleList([Block(d, heads, plain) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(d)
        self.text_projection = nn.Parameter(torch.randn(d, embed) * d ** -0.5)
        self.register_buffer("attn_mask", torch.full((context, context), float("-inf")).triu(1))

    def forward(self, ids):
        x = self.token_embedding(ids) + self.positional_embedding
        for r in self.resblocks:
            x = r(x, self.attn_mask)
        x = self.ln_final(x)
        return x[torch.arange(x.shape[0]), ids.argmax(-1)] @ self.text_projection


def captions(batch, vocab=49408, context=77):
    g = torch.Generator().manual_seed(0)
    ids = torch.zeros(batch, context, dtype=torch.int64)
    for b in range(batch):
        n = 8 + int(torch.randint(0, context - 8, (1,), generator=g))
        ids[b, 0] = vocab - 2
        ids[b, 1:n - 1] = torch.randint(1, vocab - 2, (n - 2,), generator=g)
        ids[b, n - 1] = vocab - 1
    return ids


def timed(model, x, warmup, passes):
    """Wall and process CPU seconds (all threads) of each timed pass."""
    wall, cpu = [], []
    for i in range(warmup + passes):
        t0, c0 = time.perf_counter(), time.process_time()
        model(x)
        if i >= warmup:
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    return wall, cpu


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--plain", action="store_true", help="explicit attention like cmer.nn instead of nn.MultiheadAttention")
    p.add_argument("--json", action="store_true")
    p.add_argument("--save-torchscript", metavar="DIR",
                   help="also trace both towers to DIR/vision.pt and DIR/text.pt (for bench/TorchScriptForward.java: "
                        "the same graphs run inside DJL's libtorch 2.5.1 with one JNI call per pass)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    with torch.no_grad():
        vision, text = Vision(a.plain).eval(), Text(a.plain).eval()
        img_s, img_c = timed(vision, torch.randn(a.batch, 3, 224, 224), a.warmup, a.passes)
        txt_s, txt_c = timed(text, captions(a.batch), a.warmup, a.passes)
        if a.save_torchscript:
            os.makedirs(a.save_torchscript, exist_ok=True)
            torch.jit.trace(vision, torch.randn(a.batch, 3, 224, 224)).save(os.path.join(a.save_torchscript, "vision.pt"))
            torch.jit.trace(text, captions(a.batch)).save(os.path.join(a.save_torchscript, "text.pt"))
    malloc = " ".join(k + "=" + os.environ[k] for k in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_") if k in os.environ)
    r = OrderedDict([("model", "vit-b-32, batch %d, fp32, no grad, random weights, %s attention"
                      % (a.batch, "plain" if a.plain else "nn.MultiheadAttention")),
                     ("torch", torch.__version__), ("threads", torch.get_num_threads()), ("malloc", malloc or "glibc defaults"),
                     ("images/s", "%.2f" % (a.batch / statistics.median(img_s))),
                     ("captions/s", "%.2f" % (a.batch / statistics.median(txt_s))),
                     ("image cpu s", "%.2f" % statistics.median(img_c)), ("text cpu s", "%.2f" % statistics.median(txt_c)),
                     ("image s/pass", img_s), ("text s/pass", txt_s)])
    if a.json:
        print(json.dumps(r))
    else:
        for k, v in r.items():
            print("%-13s %s" % (k, v))


if __name__ == "__main__":
    main()
