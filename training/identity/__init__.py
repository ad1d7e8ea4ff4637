"""Training of the cross-script name decision that joins Persian and English spellings of one person."""
