#!/usr/bin/python3
"""Writes the tiny GPT-2-style test model of sae4j-lm (test resources org/sae4j/lm/tiny-gpt2/).

No decoder-only ONNX model is on Maven Central, so the causal path of `sae4j capture` is tested on this one:
a randomly initialised (seed 15) GPT-2-shaped transformer, 2 blocks, d_model 32, 2 heads, pre-LN, learned
position embeddings, causal attention, a final LayerNorm, and a byte-level BPE vocabulary of 256 bytes plus
40 merges learned here plus <|endoftext|>. The script writes, beside each other:

  model.onnx      the TorchScript export (opset 17), inputs input_ids, attention_mask, position_ids (int64,
                  dynamic batch and sequence, as Hugging Face Optimum exports GPT-2 today), output
                  last_hidden_state; module names as Hugging Face's GPT2Model (wte, wpe, h.N.ln_1/attn/ln_2/mlp,
                  ln_f), so the ONNX tensor names are those of a real GPT-2 export
  tokenizer.json  GPT-2-style: ByteLevel pre-tokenizer, BPE model with the vocabulary and merges
  expected.json   per text: its token ids by this script's own GPT-2 BPE (openai's encoder.py algorithm) and
                  torch's hidden_states[0..2] in Hugging Face's numbering (0: wte + wpe, 1: after block 0,
                  2: ln_f after block 1), one unpadded sequence per text

Run it from the repository root with Debian's python3-torch (1.13): /usr/bin/python3 sae4j-lm/src/test/python/
export_tiny_causal.py. The generated files are committed, so the build needs no torch. The Python pre-tokenizer
uses `re` (no \\p{L}): letters are [^\\W\\d_], digits \\d, which agree with GPT-2's pattern on the texts below.
"""
import collections
import json
import math
import os
import re
import sys

import torch
from torch import nn

SEED = 15
D, HEADS, BLOCKS, POSITIONS, MERGES = 32, 2, 2, 64, 40
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "sae4j", "lm", "tiny-gpt2")
TRAIN = ("the cat sat on the mat. the dog ate the cat's dinner, and then the dog sat on the mat. "
         "in the beginning there was the word, and the word was with the hackers. ") * 3
TEXTS = ["the cat sat on the mat.",
         "The dog's dinner: 42 bones, 7 cats & one hacker!",
         "Café crème, naïve façade — 中文 and emoji 🙂 too.",
         "in the beginning there was the word, and the word was with the hackers; " * 2]
PATTERN = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    """GPT-2's map of the 256 bytes to printable characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BYTE = bytes_to_unicode()


def pieces(text):
    return ["".join(BYTE[b] for b in m.encode("utf-8")) for m in PATTERN.findall(text)]


def learn_merges(text, count):
    """Plain BPE training: the most frequent adjacent pair (ties: the smaller pair) becomes one token, count times."""
    words = collections.Counter(tuple(p) for p in pieces(text))
    merges = []
    for _ in range(count):
        pairs = collections.Counter()
        for w, c in words.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] += c
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        merges.append(best)
        merged = collections.Counter()
        for w, c in words.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            merged[tuple(out)] += c
        words = merged
    return merges


def bpe(piece, ranks):
    """openai/gpt-2 encoder.py's bpe(): merge the lowest-ranked pair everywhere until none is left."""
    word = list(piece)
    while len(word) > 1:
        pairs = {(a, b) for a, b in zip(word, word[1:])}
        best = min(pairs, key=lambda p: ranks.get(p, math.inf))
        if best not in ranks:
            break
        out, i = [], 0
        while i < len(word):
            if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                out.append(word[i] + word[i + 1])
                i += 2
            else:
                out.append(word[i])
                i += 1
        word = out
    return word


def encode(text, vocab, ranks):
    return [vocab[t] for p in pieces(text) for t in bpe(p, ranks)]


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_attn = nn.Linear(D, 3 * D)
        self.c_proj = nn.Linear(D, D)

    def forward(self, x, bias):
        b, t, _ = x.shape
        q, k, v = self.c_attn(x).split(D, dim=2)
        q, k, v = (z.view(b, t, HEADS, D // HEADS).transpose(1, 2) for z in (q, k, v))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(D // HEADS) + bias, dim=-1)
        return self.c_proj((att @ v).transpose(1, 2).reshape(b, t, D))


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_fc = nn.Linear(D, 4 * D)
        self.act = nn.GELU(approximate="tanh")
        self.c_proj = nn.Linear(4 * D, D)

    def forward(self, x):
        return self.c_proj(self.act(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = nn.LayerNorm(D)
        self.attn = Attention()
        self.ln_2 = nn.LayerNorm(D)
        self.mlp = Mlp()

    def forward(self, x, bias):
        x = x + self.attn(self.ln_1(x), bias)
        return x + self.mlp(self.ln_2(x))


class TinyGpt2(nn.Module):
    """GPT2Model's structure and hidden_states numbering, without dropout (inference)."""

    def __init__(self, vocab):
        super().__init__()
        self.wte = nn.Embedding(vocab, D)
        self.wpe = nn.Embedding(POSITIONS, D)
        self.h = nn.ModuleList(Block() for _ in range(BLOCKS))
        self.ln_f = nn.LayerNorm(D)

    def hidden_states(self, input_ids, attention_mask, position_ids):
        t = input_ids.shape[1]
        i = torch.arange(t, device=input_ids.device)
        allowed = (i[None, :] <= i[:, None])[None, None] & (attention_mask[:, None, None, :] > 0)
        # a large negative rather than -inf, so a padding query that sees no key (left padding) gives no NaN
        bias = torch.where(allowed, torch.tensor(0.0), torch.tensor(torch.finfo(torch.float32).min))
        x = self.wte(input_ids) + self.wpe(position_ids)
        out = [x]
        for block in self.h:
            x = block(x, bias)
            out.append(x)
        out[-1] = self.ln_f(x)
        return out

    def forward(self, input_ids, attention_mask, position_ids):
        return self.hidden_states(input_ids, attention_mask, position_ids)[-1]


def main():
    torch.manual_seed(SEED)
    os.makedirs(OUT, exist_ok=True)
    merges = learn_merges(TRAIN, MERGES)
    vocab = {BYTE[b]: b for b in range(256)}
    for a, b in merges:
        vocab[a + b] = len(vocab)
    eot = len(vocab)
    ranks = {m: r for r, m in enumerate(merges)}
    model = TinyGpt2(eot + 1).eval()
    with torch.no_grad():
        # larger than GPT-2's 0.02 so that every layer moves the stream visibly and a wrong hook cannot pass
        for name, p in model.named_parameters():
            if "ln_" not in name:
                p.normal_(0.0, 0.5 if name.startswith("w") else 0.2)
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": eot, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "vocab": vocab,
                  "merges": [a + " " + b for a, b in merges]}}
    with open(os.path.join(OUT, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
    expected = {"seed": SEED, "d_model": D, "blocks": BLOCKS, "texts": []}
    with torch.no_grad():
        for text in TEXTS:
            ids = encode(text, vocab, ranks)
            x = torch.tensor([ids])
            hs = model.hidden_states(x, torch.ones_like(x), torch.arange(len(ids))[None])
            expected["texts"].append({"text": text, "token_ids": ids,
                                      "hidden_states": [[[float("%.8g" % v) for v in row] for row in h[0].tolist()]
                                                        for h in hs]})
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False)
    example = torch.tensor([[1, 2, 3], [4, 5, 0]])
    torch.onnx.export(model, (example, torch.tensor([[1, 1, 1], [1, 1, 0]]), torch.tensor([[0, 1, 2], [0, 1, 0]])),
                      os.path.join(OUT, "model.onnx"), opset_version=17, do_constant_folding=True,
                      input_names=["input_ids", "attention_mask", "position_ids"], output_names=["last_hidden_state"],
                      dynamic_axes={n: {0: "batch", 1: "sequence"} for n in
                                    ["input_ids", "attention_mask", "position_ids", "last_hidden_state"]})
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
