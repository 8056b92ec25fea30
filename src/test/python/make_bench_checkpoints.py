#!/usr/bin/python3
"""Writes ViT-B/32-sized checkpoints (random weights, open_clip names) to time `cmer model inspect [--verify]`.

    /usr/bin/python3 src/test/python/make_bench_checkpoints.py /tmp/cmer-bench
Writes vitb32_f32.pt (torch.save, ~600 MB), vitb32_f16.pt and vitb32_bf16.safetensors (~300 MB each). Not committed.
"""
import collections
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_format_goldens import write_safetensors  # noqa: E402


def vit_b32():
    sd, g = collections.OrderedDict(), torch.Generator().manual_seed(0)
    r = lambda *s: torch.randn(*s, generator=g) * 0.02
    sd['positional_embedding'] = r(77, 512)
    sd['text_projection'] = r(512, 512)
    sd['logit_scale'] = torch.tensor(4.6052)
    sd['visual.class_embedding'] = r(768)
    sd['visual.positional_embedding'] = r(50, 768)
    sd['visual.proj'] = r(768, 512)
    sd['visual.conv1.weight'] = r(768, 3, 32, 32)
    for prefix, w, n in (('visual.transformer.resblocks.', 768, 12), ('transformer.resblocks.', 512, 12)):
        for i in range(n):
            p = prefix + str(i) + '.'
            sd[p + 'ln_1.weight'], sd[p + 'ln_1.bias'] = torch.ones(w), torch.zeros(w)
            sd[p + 'attn.in_proj_weight'], sd[p + 'attn.in_proj_bias'] = r(3 * w, w), torch.zeros(3 * w)
            sd[p + 'attn.out_proj.weight'], sd[p + 'attn.out_proj.bias'] = r(w, w), torch.zeros(w)
            sd[p + 'ln_2.weight'], sd[p + 'ln_2.bias'] = torch.ones(w), torch.zeros(w)
            sd[p + 'mlp.c_fc.weight'], sd[p + 'mlp.c_fc.bias'] = r(4 * w, w), torch.zeros(4 * w)
            sd[p + 'mlp.c_proj.weight'], sd[p + 'mlp.c_proj.bias'] = r(w, 4 * w), torch.zeros(w)
    sd['visual.ln_post.weight'], sd['visual.ln_post.bias'] = torch.ones(768), torch.zeros(768)
    sd['token_embedding.weight'] = r(49408, 512)
    sd['ln_final.weight'], sd['ln_final.bias'] = torch.ones(512), torch.zeros(512)
    return sd


if __name__ == '__main__':
    out = sys.argv[1] if len(sys.argv) > 1 else '/tmp/cmer-bench'
    os.makedirs(out, exist_ok=True)
    sd = vit_b32()
    torch.save({'epoch': 10, 'name': 'bench', 'state_dict': collections.OrderedDict(('module.' + k, v) for k, v in sd.items())},
               os.path.join(out, 'vitb32_f32.pt'))
    torch.save(collections.OrderedDict((k, v.half()) for k, v in sd.items()), os.path.join(out, 'vitb32_f16.pt'))
    write_safetensors(os.path.join(out, 'vitb32_bf16.safetensors'), collections.OrderedDict((k, v.to(torch.bfloat16)) for k, v in sd.items()))
    print(sum(v.numel() for v in sd.values()), 'parameters ->', out)
