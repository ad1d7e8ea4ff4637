"""Training of the extractive reader: the sentence scorer, the refusal threshold and the span picker."""
