"""Dev-split first-pass and stacked CRFs (card protocol); saves their dev posteriors."""

import pickle
import time

from common import EXP, config, f1, lexicon, splits

from marsad.extract.ner.config import TAGS
from marsad.extract.ner.stack_train import cross_fitted_posteriors, train_stacked_crf
from marsad.extract.ner.tagger import NerTagger
from marsad.extract.ner.train import train_crf

t0 = time.time()
cfg = config()
cfg.work.mkdir(parents=True, exist_ok=True)
lex = lexicon()
_, train, dev = splits()
toks = [s.tokens for s in dev]
crf = train_crf(train, lex, cfg.work / "crf.dev.crfsuite", cfg)
p1 = NerTagger(crf, lex, TAGS).posteriors_many(toks)
print("first-pass CRF dev", round(f1(dev, p1), 4), f"{time.time() - t0:.0f}s", flush=True)
first = cross_fitted_posteriors(train, lex, cfg, train_crf, 5)
crf2 = train_stacked_crf(train, lex, cfg.work / "crf2.dev.crfsuite", cfg, train_crf, first=first)
p2 = NerTagger(crf, lex, TAGS, stack=(crf2, 8)).posteriors_many(toks)
print("stacked CRF dev", round(f1(dev, p2), 4), f"{time.time() - t0:.0f}s", flush=True)
(EXP / "crf_dev_post.pkl").write_bytes(pickle.dumps({"crf": p1, "stack": p2}))
