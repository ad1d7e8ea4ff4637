"""Answer-quality evaluation: the eval sets' metrics, computed inside the product."""
