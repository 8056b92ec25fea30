#!/usr/bin/python3
"""Writes the golden files of cmer.nn.io's format tests (run with Debian's /usr/bin/python3, torch 1.13).

    /usr/bin/python3 src/test/python/make_format_goldens.py

Output: src/test/resources/cmer/nn/io/ (committed; CI has no Python). Every file is tiny, fixed-seed and
deterministic. expected_*.json hold every value as PyTorch converts it to float32 (F16/BF16 included), so the
Java tests compare bit for bit.
  tiny_f32/f16/bf16.safetensors  hand-written safetensors (torch 1.13 has no safetensors package)
  hf_sharded/                    model.safetensors.index.json + two shards
  openclip_ckpt.pt               torch.save zip: {'epoch','name','state_dict' ('module.' prefix),'optimizer'},
                                 with a transposed (non-contiguous) tensor and two slices of one storage
  openclip_half.pt               torch.save zip of a half/bfloat16/int64 state dict
  module_state_dict.pt           torch.save(module.state_dict()) (an OrderedDict with _metadata)
  torchscript_tiny.pt            torch.jit.save of a scripted module (params in data.pkl as __torch__ objects)
  evil_system.pt, evil_nested.pt torch-style zips whose pickle runs `touch <marker>` when unpickled by Python
"""
import collections
import io
import json
import os
import pickle
import struct
import zipfile

import torch
from typing import Dict, List

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'cmer', 'nn', 'io')
MARKER = '/tmp/cmer-pwned-7f3a9c'
ST_DTYPE = {torch.float32: 'F32', torch.float16: 'F16', torch.bfloat16: 'BF16', torch.float64: 'F64',
            torch.int64: 'I64', torch.int32: 'I32'}


def tiny_clip(seed=0):
    """open_clip-style names, tiny shapes: width 8, patch 4, image 8 (grid 2), context 7, vocab 20, embed 6."""
    g = torch.Generator().manual_seed(seed)
    r = lambda *s: torch.randn(*s, generator=g)
    sd = collections.OrderedDict()
    sd['visual.class_embedding'] = r(8)
    sd['visual.positional_embedding'] = r(5, 8)
    sd['visual.conv1.weight'] = r(8, 3, 4, 4)
    sd['visual.ln_pre.weight'] = r(8)
    sd['visual.transformer.resblocks.0.attn.in_proj_weight'] = r(24, 8)
    sd['visual.transformer.resblocks.0.mlp.c_fc.weight'] = r(16, 8)
    sd['visual.ln_post.bias'] = r(8)
    sd['visual.proj'] = r(8, 6)
    sd['token_embedding.weight'] = r(20, 8)
    sd['positional_embedding'] = r(7, 8)
    sd['transformer.resblocks.0.attn.in_proj_weight'] = r(24, 8)
    sd['transformer.resblocks.1.ln_1.weight'] = r(8)
    sd['ln_final.weight'] = r(8)
    sd['text_projection'] = r(8, 6)
    sd['logit_scale'] = torch.tensor(4.6052)
    return sd


def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header['__metadata__'] = metadata
    for name, t in tensors.items():
        t = t.contiguous()
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {'dtype': ST_DTYPE[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))


def expected(tensors):
    out = collections.OrderedDict()
    for name, t in tensors.items():
        t = t.contiguous()
        if t.dtype in (torch.int64, torch.int32):
            vals = [int(v) for v in t.flatten().tolist()]
        else:
            vals = [float(v) for v in t.to(torch.float32).flatten().tolist()]  # exactly PyTorch's F16/BF16 -> F32
        out[name] = {'dtype': ST_DTYPE[t.dtype], 'shape': list(t.shape), 'values': vals}
    return out


def save_json(name, obj):
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(obj, f, separators=(',', ':'))


def safetensors_goldens():
    base = tiny_clip(0)
    for tag, dtype in (('f32', torch.float32), ('f16', torch.float16), ('bf16', torch.bfloat16)):
        sd = collections.OrderedDict((k, v.to(dtype)) for k, v in base.items())
        sd['text.position_ids'] = torch.arange(7).unsqueeze(0)              # HF-style int64 buffer
        if tag == 'f32':
            sd['extra.f64'] = torch.linspace(-1, 1, 5, dtype=torch.float64) / 3
            sd['extra.i32'] = torch.tensor([[-3, 0, 7]], dtype=torch.int32)
        write_safetensors(os.path.join(OUT, 'tiny_%s.safetensors' % tag), sd, {'format': 'pt', 'cmer': tag})
        save_json('expected_tiny_%s.json' % tag, expected(sd))
    # a sharded HF folder: index + two shards
    d = os.path.join(OUT, 'hf_sharded')
    os.makedirs(d, exist_ok=True)
    names = list(base)
    shards = {'model-00001-of-00002.safetensors': names[:8], 'model-00002-of-00002.safetensors': names[8:]}
    weight_map = {}
    for fname, keys in shards.items():
        write_safetensors(os.path.join(d, fname), collections.OrderedDict((k, base[k]) for k in keys))
        weight_map.update({k: fname for k in keys})
    with open(os.path.join(d, 'model.safetensors.index.json'), 'w') as f:
        json.dump({'metadata': {'total_size': sum(v.numel() * 4 for v in base.values())}, 'weight_map': weight_map}, f, indent=1)
    save_json('expected_hf_sharded.json', expected(base))


def torch_save_goldens():
    g = torch.Generator().manual_seed(1)
    sd = tiny_clip(1)
    base = torch.randn(3, 5, generator=g)
    sd['extra.transposed'] = base.t()                   # non-contiguous: stride (1, 5)
    flat = torch.randn(12, generator=g)
    sd['extra.slice_a'] = flat[2:6].view(2, 2)          # two tensors on one storage, offsets 2 and 6
    sd['extra.slice_b'] = flat[6:]
    assert not sd['extra.transposed'].is_contiguous()
    params = [torch.nn.Parameter(sd['visual.proj'].clone())]
    opt = torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.98))
    params[0].grad = torch.ones_like(params[0])
    opt.step()
    ckpt = {'epoch': 3, 'name': 'tiny-openclip', 'state_dict': collections.OrderedDict(('module.' + k, v) for k, v in sd.items()),
            'optimizer': opt.state_dict()}
    torch.save(ckpt, os.path.join(OUT, 'openclip_ckpt.pt'))
    save_json('expected_openclip_ckpt.json', expected(sd))

    half = collections.OrderedDict((k, v.half()) for k, v in tiny_clip(2).items())
    half['visual.proj'] = half['visual.proj'].to(torch.bfloat16)
    half['text.position_ids'] = torch.arange(7).unsqueeze(0)
    half['extra.f64'] = torch.arange(3, dtype=torch.float64) / 7
    torch.save(half, os.path.join(OUT, 'openclip_half.pt'))
    save_json('expected_openclip_half.json', expected(half))


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = torch.nn.Linear(4, 3)
        self.ln = torch.nn.LayerNorm(3)
        self.scale = torch.nn.Parameter(torch.ones([]) * 2.5)
        self.register_buffer('position_ids', torch.arange(5).unsqueeze(0))
        self.blocks = torch.nn.ModuleList([torch.nn.Linear(3, 3), torch.nn.Linear(3, 3)])
        self.sizes: List[int] = [224, 32]                   # typed containers: pickled via torch.jit._pickle helpers
        self.table: Dict[str, float] = {'mean': 0.5}

    def forward(self, x):
        x = self.ln(self.proj(x))
        for b in self.blocks:
            x = b(x)
        return x * self.scale


def torchscript_golden():
    torch.manual_seed(3)
    m = Tiny()
    m.blocks[1].half()                                   # OpenAI's ViT-B-32.pt mixes fp16 and fp32 too
    s = torch.jit.script(m)
    torch.jit.save(s, os.path.join(OUT, 'torchscript_tiny.pt'))
    save_json('expected_torchscript_tiny.json', expected(collections.OrderedDict(s.state_dict())))
    # a plain nn.Module.state_dict(): its OrderedDict carries _metadata, pickled as BUILD on the dict
    plain = Tiny().state_dict()
    assert hasattr(plain, '_metadata')
    torch.save(plain, os.path.join(OUT, 'module_state_dict.pt'))
    save_json('expected_module_state_dict.json', expected(plain))


class Evil:
    def __reduce__(self):
        return (os.system, ('touch ' + MARKER,))


def torch_style_zip(path, payload):
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in (('archive/data.pkl', payload), ('archive/version', b'3\n')):
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)   # byte-stable output


def evil_goldens():
    plain = pickle.dumps(Evil(), protocol=2)
    nested = pickle.dumps({'epoch': 1, 'state_dict': collections.OrderedDict(
        [('module.a', 1.5), ('module.b', Evil())])}, protocol=2)
    for name, payload in (('evil_system.pt', plain), ('evil_nested.pt', nested)):
        torch_style_zip(os.path.join(OUT, name), payload)
        # prove the golden is really malicious: Python's own unpickler runs the command
        if os.path.exists(MARKER):
            os.remove(MARKER)
        pickle.loads(payload)
        assert os.path.exists(MARKER), 'payload did not run'
        os.remove(MARKER)
    with open(os.path.join(OUT, 'evil_marker.txt'), 'w') as f:
        f.write(MARKER + '\n')


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    safetensors_goldens()
    torch_save_goldens()
    torchscript_golden()
    evil_goldens()
    print('torch', torch.__version__, '->', os.path.normpath(OUT))
