"""The NER model (see MODEL_CARD.md); written by `marsad train ner`."""
