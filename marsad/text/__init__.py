"""Arabic text core: cleaning, offset-mapped normalization, segmentation."""
