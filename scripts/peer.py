"""The peer touchline is measured against: the same weights under Python + PyTorch +
Hugging Face `transformers`, `pipeline("token-classification")` with the same windows
(128 pieces, 32 shared) and first-subword aggregation, on CPU.

The shipped model adds one input that `BertForTokenClassification` lacks: a word-shape
embedding added to the word-piece embeddings. `ShapedTagger` adds it in a few lines, with
the same shape classes as `src/ner/encode.rs`, so both compute the same thing.

    python scripts/peer.py MODEL_DIR REPORT_DIR [--limit N] [--threads 2] [--out pred.jsonl]

Prints one JSON line: reports, seconds, reports/s, word pieces/s.
"""
import argparse
import json
import os
import sys
import time

import torch
from safetensors.torch import load_file
from transformers import AutoTokenizer, BertForTokenClassification, BertConfig, TokenClassificationPipeline


def shape_of(word, sentence_initial):
    letters = [c for c in word if c.isalpha()]
    if any(c.isdigit() and c.isascii() for c in word):
        base = 5
    elif not letters:
        base = 6
    elif all(c.islower() for c in letters):
        base = 1
    elif len(letters) > 1 and all(c.isupper() for c in letters):
        base = 3
    elif letters[0].isupper() and not any(c.isupper() for c in letters[1:]):
        base = 2
    else:
        base = 4
    return base + (6 if sentence_initial else 0)


def is_sentence_initial(text, start):
    before = text[:start]
    prev = next((c for c in reversed(before) if not c.isspace() and c not in "\"'“‘("), None)
    if prev is None:
        return True
    gap = before[len(before.rstrip()):]
    return prev in ".!?:;" or "\n" in gap


class ShapedBert(BertForTokenClassification):
    """BertForTokenClassification with the shape embedding added to its input."""

    def __init__(self, config, shape_classes):
        super().__init__(config)
        self.shape_embeddings = torch.nn.Embedding(shape_classes, config.hidden_size)

    def forward(self, input_ids=None, shape_ids=None, **kw):
        embeds = self.bert.embeddings.word_embeddings(input_ids) + self.shape_embeddings(shape_ids)
        return super().forward(inputs_embeds=embeds, **kw)


class ShapedTagger(TokenClassificationPipeline):
    """Adds the shape ids of each window's pieces to the model inputs."""

    def preprocess(self, sentence, offset_mapping=None, **params):
        words = self.tokenizer.backend_tokenizer.pre_tokenizer.pre_tokenize_str(sentence)
        shape_at = {}
        for w, (s, e) in words:
            sh = shape_of(sentence[s:e], is_sentence_initial(sentence, s))
            for i in range(s, e):
                shape_at[i] = sh
        for inputs in super().preprocess(sentence, offset_mapping=offset_mapping, **params):
            offsets = inputs["offset_mapping"][0].tolist()
            special = inputs["special_tokens_mask"][0].tolist()
            inputs["shape_ids"] = torch.tensor(
                [[0 if sp else shape_at.get(s, 0) for (s, _), sp in zip(offsets, special)]]
            )
            yield inputs


def load(model_dir):
    config = BertConfig.from_pretrained(model_dir)
    shapes = json.load(open(os.path.join(model_dir, "config.json")))["touchline"]["shape_classes"]
    model = ShapedBert(config, shapes)
    state = {k: v.float() for k, v in load_file(os.path.join(model_dir, "model.safetensors")).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected and all("position_ids" in m for m in missing), (missing, unexpected)
    model.eval()
    tok = AutoTokenizer.from_pretrained(model_dir)
    tok.model_max_length = config.to_dict().get("touchline", {}).get("max_len", 128)
    return model, tok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("reports")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--stride", type=int, default=32)
    ap.add_argument("--out")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model, tok = load(args.model)
    tagger = ShapedTagger(model=model, tokenizer=tok, aggregation_strategy="first", stride=args.stride, device=-1)
    files = sorted(f for f in os.listdir(args.reports) if f.endswith(".txt"))
    if args.limit:
        files = files[: args.limit]
    texts = [open(os.path.join(args.reports, f), encoding="utf-8").read() for f in files]
    pieces = sum(len(tok(t, add_special_tokens=False)["input_ids"]) for t in texts)
    start = time.perf_counter()
    results = []
    with torch.inference_mode():
        for t in texts:
            results.append(tagger(t))
    secs = time.perf_counter() - start
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for name, text, ents in zip(files, texts, results):
                rec = {"id": name[:-4], "entities": [
                    {"start": e["start"], "end": e["end"], "label": e["entity_group"], "text": text[e["start"]:e["end"]], "score": float(e["score"])}
                    for e in ents]}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(json.dumps({"reports": len(texts), "seconds": secs, "reports_per_s": len(texts) / secs,
                      "pieces_per_s": pieces / secs, "pieces": pieces}))


if __name__ == "__main__":
    sys.exit(main())
