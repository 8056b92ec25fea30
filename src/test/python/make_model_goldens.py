#!/usr/bin/python3
"""Reference outputs for cmer.nn, from tiny PyTorch models written here in plain torch.

Run with Debian's torch 1.13 (no transformers/open_clip needed):
    /usr/bin/python3 src/test/python/make_model_goldens.py

Writes to src/test/resources/cmer/nn/goldens/, for each model <name>:
  <name>.safetensors     the weights, with that family's exact parameter names
  <name>.io.safetensors  inputs (images, ids) and outputs (embeddings, hidden state after every layer,
                         attention probabilities of one layer)
  <name>.json            the configuration the Java test builds
Three families: open_clip naming (fused in_proj via nn.MultiheadAttention, GELU, argmax EOT pooling),
Hugging Face CLIPModel naming (separate q/k/v, QuickGELU, EOT id pooling, transposed projections),
Hugging Face BERT naming (post-LN, erf GELU, padding mask) plus our text_projection.
Every parameter, layer norms included, is random, so a weight that is not loaded changes the outputs.
"""
import json
import math
import os
import struct
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "cmer", "nn", "goldens")

# Tiny shapes: 2 heads of 16, so head splitting is exercised; 17 image tokens, 12 text tokens.
IMAGE, PATCH, WIDTH, HEADS, MLP, LAYERS, EMBED = 32, 8, 32, 2, 128, 2, 24
VOCAB, CONTEXT = 64, 12


def save_safetensors(path, tensors):
    """The safetensors layout by hand (torch 1.13 has no safetensors package): u64 header size, JSON, raw LE bytes."""
    header, blobs, offset = OrderedDict(), [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        if t.dtype == torch.bfloat16:  # numpy has no bfloat16: write the raw 16 bits
            dtype, raw = "BF16", t.view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            dtype, np_type = {torch.float32: ("F32", "<f4"), torch.float16: ("F16", "<f2"), torch.int64: ("I64", "<i8")}[t.dtype]
            raw = t.numpy().astype(np_type).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def randomize(module):
    """Every parameter random: norms near 1, biases and vectors small, matrices ~ 1/sqrt(fan_in)."""
    for name, p in module.named_parameters():
        with torch.no_grad():
            if name.endswith("logit_scale"):
                p.fill_(math.log(1 / 0.07) + 0.1)
            elif p.dim() <= 1 and ("ln" in name or "norm" in name.lower()) and name.endswith(("weight", "gamma")):
                p.copy_(1 + 0.1 * torch.randn_like(p))
            elif p.dim() <= 1:
                p.copy_(0.1 * torch.randn_like(p))
            else:
                p.copy_(torch.randn_like(p) / math.sqrt(p[0].numel()))


def quick_gelu(x):
    return x * torch.sigmoid(1.702 * x)


class QuickGELU(nn.Module):
    def forward(self, x):
        return quick_gelu(x)


def causal_mask(t):
    return torch.full((t, t), float("-inf")).triu(1)  # (T, T)


# ---------------------------------------------------------------- open_clip naming (open_clip/transformer.py)
class ResidualAttentionBlock(nn.Module):
    def __init__(self, d, heads, mlp, act):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.ln_2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(OrderedDict([("c_fc", nn.Linear(d, mlp)), ("gelu", act()), ("c_proj", nn.Linear(mlp, d))]))

    def forward(self, x, mask=None):
        y = self.ln_1(x)
        a, probs = self.attn(y, y, y, attn_mask=mask, need_weights=True, average_attn_weights=False)
        x = x + a
        return x + self.mlp(self.ln_2(x)), probs  # (B, T, D), (B, N, T, T)


class Transformer(nn.Module):
    def __init__(self, d, layers, heads, mlp, act):
        super().__init__()
        self.resblocks = nn.ModuleList([ResidualAttentionBlock(d, heads, mlp, act) for _ in range(layers)])

    def forward(self, x, mask=None):
        hidden, probs = [], []
        for r in self.resblocks:
            x, p = r(x, mask)
            hidden.append(x)
            probs.append(p)
        return x, hidden, probs


class VisionTransformer(nn.Module):
    def __init__(self, act):
        super().__init__()
        grid = IMAGE // PATCH
        self.conv1 = nn.Conv2d(3, WIDTH, PATCH, PATCH, bias=False)
        self.class_embedding = nn.Parameter(torch.zeros(WIDTH))
        self.positional_embedding = nn.Parameter(torch.zeros(grid * grid + 1, WIDTH))
        self.ln_pre = nn.LayerNorm(WIDTH)
        self.transformer = Transformer(WIDTH, LAYERS, HEADS, MLP, act)
        self.ln_post = nn.LayerNorm(WIDTH)
        self.proj = nn.Parameter(torch.zeros(WIDTH, EMBED))

    def forward(self, img):
        x = self.conv1(img)                                             # (B, D, g, g)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)     # (B, g², D)
        cls = self.class_embedding.expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding     # (B, T, D)
        x, hidden, probs = self.transformer(self.ln_pre(x))
        return self.ln_post(x[:, 0, :]) @ self.proj, hidden, probs


class OpenClip(nn.Module):
    """open_clip's CLIP: visual.* plus the text tower at the top level; GELU; EOT = argmax id."""

    def __init__(self):
        super().__init__()
        self.visual = VisionTransformer(nn.GELU)
        self.token_embedding = nn.Embedding(VOCAB, WIDTH)
        self.positional_embedding = nn.Parameter(torch.zeros(CONTEXT, WIDTH))
        self.transformer = Transformer(WIDTH, LAYERS, HEADS, MLP, nn.GELU)
        self.ln_final = nn.LayerNorm(WIDTH)
        self.text_projection = nn.Parameter(torch.zeros(WIDTH, EMBED))
        self.logit_scale = nn.Parameter(torch.zeros([]))
        self.register_buffer("attn_mask", causal_mask(CONTEXT), persistent=True)

    def encode_text(self, ids):
        x = self.token_embedding(ids) + self.positional_embedding      # (B, T, D)
        x, hidden, probs = self.transformer(x, self.attn_mask)
        x = self.ln_final(x)
        return x[torch.arange(x.shape[0]), ids.argmax(dim=-1)] @ self.text_projection, hidden, probs

    def forward(self, images, ids):
        """(image embeds, text embeds): what torch.jit.trace records for the TorchScript golden."""
        return self.visual(images)[0], self.encode_text(ids)[0]


# ---------------------------------------------------------------- Hugging Face CLIPModel naming
class HfAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (nn.Linear(d, d) for _ in range(4))

    def forward(self, x, mask):
        b, t, d = x.shape
        h = d // self.heads
        split = lambda y: y.reshape(b, t, self.heads, h).transpose(1, 2)  # (B, N, T, H)
        q = split(self.q_proj(x) * h ** -0.5)                              # HF scales after the projection
        scores = q @ split(self.k_proj(x)).transpose(-1, -2)               # (B, N, T, T)
        if mask is not None:
            scores = scores + mask
        probs = scores.softmax(-1)
        out = (probs @ split(self.v_proj(x))).transpose(1, 2).reshape(b, t, d)
        return self.out_proj(out), probs


class HfMlp(nn.Module):
    def __init__(self, d, mlp):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(d, mlp), nn.Linear(mlp, d)

    def forward(self, x):
        return self.fc2(quick_gelu(self.fc1(x)))


class HfLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.self_attn = HfAttention(WIDTH, HEADS)
        self.layer_norm1 = nn.LayerNorm(WIDTH)
        self.mlp = HfMlp(WIDTH, MLP)
        self.layer_norm2 = nn.LayerNorm(WIDTH)

    def forward(self, x, mask=None):
        a, probs = self.self_attn(self.layer_norm1(x), mask)
        x = x + a
        return x + self.mlp(self.layer_norm2(x)), probs


class HfEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([HfLayer() for _ in range(LAYERS)])

    def forward(self, x, mask=None):
        hidden, probs = [], []
        for layer in self.layers:
            x, p = layer(x, mask)
            hidden.append(x)
            probs.append(p)
        return x, hidden, probs


class HfVisionEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.class_embedding = nn.Parameter(torch.zeros(WIDTH))
        self.patch_embedding = nn.Conv2d(3, WIDTH, PATCH, PATCH, bias=False)
        self.position_embedding = nn.Embedding((IMAGE // PATCH) ** 2 + 1, WIDTH)

    def forward(self, img):
        x = self.patch_embedding(img).flatten(2).transpose(1, 2)       # (B, g², D)
        x = torch.cat([self.class_embedding.expand(x.shape[0], 1, -1), x], dim=1)
        return x + self.position_embedding.weight                       # (B, T, D)


class HfVision(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = HfVisionEmbeddings()
        self.pre_layrnorm = nn.LayerNorm(WIDTH)
        self.encoder = HfEncoder()
        self.post_layernorm = nn.LayerNorm(WIDTH)

    def forward(self, img):
        x, hidden, probs = self.encoder(self.pre_layrnorm(self.embeddings(img)))
        return self.post_layernorm(x[:, 0, :]), hidden, probs


class HfTextEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.token_embedding = nn.Embedding(VOCAB, WIDTH)
        self.position_embedding = nn.Embedding(CONTEXT, WIDTH)


class HfText(nn.Module):
    EOS = 2  # HF's newer CLIPTextTransformer pools at the first eos_token_id

    def __init__(self):
        super().__init__()
        self.embeddings = HfTextEmbeddings()
        self.encoder = HfEncoder()
        self.final_layer_norm = nn.LayerNorm(WIDTH)

    def forward(self, ids):
        t = ids.shape[1]
        x = self.embeddings.token_embedding(ids) + self.embeddings.position_embedding.weight[:t]
        x, hidden, probs = self.encoder(x, causal_mask(t))
        x = self.final_layer_norm(x)
        eot = (ids == self.EOS).int().argmax(dim=-1)
        return x[torch.arange(x.shape[0]), eot], hidden, probs


class HfClip(nn.Module):
    def __init__(self):
        super().__init__()
        self.vision_model = HfVision()
        self.text_model = HfText()
        self.visual_projection = nn.Linear(WIDTH, EMBED, bias=False)
        self.text_projection = nn.Linear(WIDTH, EMBED, bias=False)
        self.logit_scale = nn.Parameter(torch.zeros([]))


# ---------------------------------------------------------------- Hugging Face BERT naming
B_VOCAB, B_POS, B_MLP = 80, 16, 64


class BertSelf(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value = (nn.Linear(WIDTH, WIDTH) for _ in range(3))


class BertDenseNorm(nn.Module):
    def __init__(self, d_in):
        super().__init__()
        self.dense = nn.Linear(d_in, WIDTH)
        self.LayerNorm = nn.LayerNorm(WIDTH, eps=1e-12)


class BertAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.self = BertSelf()
        self.output = BertDenseNorm(WIDTH)


class BertIntermediate(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(WIDTH, B_MLP)


class BertLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = BertAttention()
        self.intermediate = BertIntermediate()
        self.output = BertDenseNorm(B_MLP)

    def forward(self, x, mask):
        b, t, d = x.shape
        h = d // HEADS
        s = self.attention.self
        split = lambda y: y.reshape(b, t, HEADS, h).transpose(1, 2)   # (B, N, T, H)
        scores = split(s.query(x)) @ split(s.key(x)).transpose(-1, -2) / math.sqrt(h) + mask
        probs = scores.softmax(-1)                                     # (B, N, T, T)
        ctx = (probs @ split(s.value(x))).transpose(1, 2).reshape(b, t, d)
        o = self.attention.output
        a = o.LayerNorm(o.dense(ctx) + x)
        o = self.output
        return o.LayerNorm(o.dense(F.gelu(self.intermediate.dense(a))) + a), probs


class BertEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.word_embeddings = nn.Embedding(B_VOCAB, WIDTH)
        self.position_embeddings = nn.Embedding(B_POS, WIDTH)
        self.token_type_embeddings = nn.Embedding(2, WIDTH)
        self.LayerNorm = nn.LayerNorm(WIDTH, eps=1e-12)


class BertEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.ModuleList([BertLayer() for _ in range(LAYERS)])


class BertPooler(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(WIDTH, WIDTH)


class BertModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = BertEmbeddings()
        self.encoder = BertEncoder()
        self.pooler = BertPooler()  # in every checkpoint, unused by our tower: must be reported as unused


class BertTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.bert = BertModel()
        self.text_projection = nn.Parameter(torch.zeros(WIDTH, EMBED))

    def forward(self, ids):
        e = self.bert.embeddings
        t = ids.shape[1]
        x = e.word_embeddings(ids) + e.position_embeddings.weight[:t] + e.token_type_embeddings.weight[0]
        x = e.LayerNorm(x)
        mask = (ids == 0).float()[:, None, None, :] * torch.finfo(torch.float32).min  # (B, 1, 1, T)
        hidden, probs = [], []
        for layer in self.bert.encoder.layer:
            x, p = layer(x, mask)
            hidden.append(x)
            probs.append(p)
        return x[:, 0, :] @ self.text_projection, hidden, probs


# ---------------------------------------------------------------- inputs and files
def caption_ids(rows, sot, eot, low, high, lengths, context):
    ids = torch.zeros(rows, context, dtype=torch.int64)
    for r, n in enumerate(lengths):
        ids[r, 0] = sot
        ids[r, 1:n - 1] = torch.randint(low, high, (n - 2,))
        ids[r, n - 1] = eot
    return ids


def outputs(prefix, pooled, hidden, probs, attn_layer):
    out = OrderedDict([(prefix + "embeds", pooled)])
    for i, h in enumerate(hidden):
        out[prefix + "hidden." + str(i)] = h
    out[prefix + "attn." + str(attn_layer)] = probs[attn_layer]
    return out


def vision_cfg(act):
    return {"imageSize": IMAGE, "patchSize": PATCH, "width": WIDTH, "layers": LAYERS, "headWidth": WIDTH // HEADS,
            "mlpWidth": MLP, "activation": act}


def text_cfg(act, eot):
    return {"contextLength": CONTEXT, "vocabSize": VOCAB, "width": WIDTH, "layers": LAYERS, "headWidth": WIDTH // HEADS,
            "mlpWidth": MLP, "activation": act, "eotTokenId": eot}


def write(name, weights, io, cfg):
    save_safetensors(os.path.join(OUT, name + ".safetensors"), weights)
    save_safetensors(os.path.join(OUT, name + ".io.safetensors"), io)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(cfg, f, indent=1)


def write_tokenizer(path, vocab_size, sot, eot):
    """A CLIP-style byte-level BPE tokenizer.json with exactly vocab_size ids (letters, letters</w>, digits) and
    <|startoftext|>/<|endoftext|> at the given ids: what `cmer model import` copies into the model folder."""
    words = [c for c in "abcdefghijklmnopqrstuvwxyz"] + [c + "</w>" for c in "abcdefghijklmnopqrstuvwxyz"] + list("0123456789")
    free = [i for i in range(vocab_size) if i not in (sot, eot)]
    vocab = {w: i for w, i in zip(words, free)}
    vocab["<|startoftext|>"], vocab["<|endoftext|>"] = sot, eot
    special = lambda c, i: {"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False,
                            "normalized": True, "special": True}
    tok = {"version": "1.0", "truncation": None, "padding": None,
           "added_tokens": [special("<|startoftext|>", sot), special("<|endoftext|>", eot)],
           "normalizer": {"type": "Lowercase"},
           "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
           "post_processor": None,
           "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
           "model": {"type": "BPE", "dropout": None, "unk_token": "<|endoftext|>", "continuing_subword_prefix": "",
                     "end_of_word_suffix": "</w>", "fuse_unk": False, "byte_fallback": False,
                     "vocab": dict(sorted(vocab.items(), key=lambda kv: kv[1])), "merges": []}}
    with open(path, "w") as f:
        json.dump(tok, f, indent=None)


def import_goldens(m, images, ids, io):
    """The open_clip model in the other files `cmer model import` reads (ImportGoldenTest):
    open_clip_tiny.pt        torch.save({'epoch', 'state_dict': {'module.' + name: tensor}}) as open_clip/RemoteCLIP write it
    open_clip_tiny_ts.pt     torch.jit.trace of the model (OpenAI's ViT-B-32.pt is a TorchScript archive of this layout)
    open_clip_tiny_f16/_bf16.safetensors  the weights rounded to F16/BF16; .io.safetensors: PyTorch's embeddings (inputs:
                             open_clip_tiny.io's) of the rounded weights converted back to float32."""
    sd = m.state_dict()
    torch.save({"epoch": 7, "name": "tiny", "state_dict": OrderedDict(("module." + k, v) for k, v in sd.items())},
               os.path.join(OUT, "open_clip_tiny.pt"))
    traced = torch.jit.trace(m, (images, ids), check_trace=False)
    got = traced(images, ids)
    assert torch.equal(got[0], io["image_embeds"]) and torch.equal(got[1], io["text_embeds"])
    torch.jit.save(traced, os.path.join(OUT, "open_clip_tiny_ts.pt"))
    for tag, dt in (("f16", torch.float16), ("bf16", torch.bfloat16)):
        r = OpenClip().eval()
        r.load_state_dict(OrderedDict((k, v.to(dt).float()) for k, v in sd.items()))
        rio = OrderedDict([("image_embeds", r.visual(images)[0]), ("text_embeds", r.encode_text(ids)[0])])
        assert (rio["image_embeds"] - io["image_embeds"]).abs().max() > 1e-4, "rounding must matter, or the test proves nothing"
        save_safetensors(os.path.join(OUT, "open_clip_tiny_" + tag + ".safetensors"), OrderedDict((k, v.to(dt)) for k, v in sd.items()))
        save_safetensors(os.path.join(OUT, "open_clip_tiny_" + tag + ".io.safetensors"), rio)


@torch.no_grad()
def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    images = torch.randn(2, 3, IMAGE, IMAGE)

    m = OpenClip().eval()
    randomize(m)
    ids = caption_ids(3, VOCAB - 2, VOCAB - 1, 1, VOCAB - 2, [12, 5, 8], CONTEXT)
    img, vh, vp = m.visual(images)
    txt, th, tp = m.encode_text(ids)
    io = OrderedDict([("images", images), ("ids", ids)])
    io.update(outputs("image_", img, vh, vp, 1))
    io.update(outputs("text_", txt, th, tp, 0))
    write("open_clip_tiny", m.state_dict(), io,
          {"vision": vision_cfg("gelu"), "text": text_cfg("gelu", -1), "bert": None, "embedDim": EMBED})
    write_tokenizer(os.path.join(OUT, "open_clip_tiny.tokenizer.json"), VOCAB, VOCAB - 2, VOCAB - 1)
    rng = torch.get_rng_state()  # the files below must not change the random draws of the goldens after them
    import_goldens(m, images, ids, io)
    torch.set_rng_state(rng)

    m = HfClip().eval()
    randomize(m)
    ids = caption_ids(3, 1, HfText.EOS, 3, VOCAB, [9, 4, 12], CONTEXT)
    pooled, vh, vp = m.vision_model(images)
    img = m.visual_projection(pooled)
    pooled, th, tp = m.text_model(ids)
    txt = m.text_projection(pooled)
    io = OrderedDict([("images", images), ("ids", ids)])
    io.update(outputs("image_", img, vh, vp, 0))
    io.update(outputs("text_", txt, th, tp, 1))
    weights = OrderedDict(m.state_dict())
    weights["text_model.embeddings.position_ids"] = torch.arange(CONTEXT)[None, :]  # a buffer old HF files carry
    write("hf_clip_tiny", weights, io,
          {"vision": vision_cfg("quick_gelu"), "text": text_cfg("quick_gelu", HfText.EOS), "bert": None, "embedDim": EMBED})
    write_tokenizer(os.path.join(OUT, "hf_clip_tiny.tokenizer.json"), VOCAB, 1, HfText.EOS)

    m = BertTower().eval()
    randomize(m)
    ids = caption_ids(3, 1, 2, 5, B_VOCAB, [10, 4, 7], 10)  # [CLS] ... [SEP] then [PAD]=0
    txt, th, tp = m(ids)
    io = OrderedDict([("ids", ids)])
    io.update(outputs("text_", txt, th, tp, 1))
    weights = OrderedDict(m.state_dict())
    weights["bert.embeddings.position_ids"] = torch.arange(B_POS)[None, :]
    bert = {"vocabSize": B_VOCAB, "maxPositions": B_POS, "typeVocabSize": 2, "width": WIDTH, "layers": LAYERS,
            "headWidth": WIDTH // HEADS, "mlpWidth": B_MLP, "padTokenId": 0, "contextLength": 10}
    write("hf_bert_tiny", weights, io, {"vision": vision_cfg("quick_gelu"), "text": None, "bert": bert, "embedDim": EMBED})
    print("wrote", sorted(os.listdir(OUT)), "to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
