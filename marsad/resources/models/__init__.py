"""Trained models shipped with marsad, each with a MODEL_CARD.md."""
