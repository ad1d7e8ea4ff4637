"""Fitting a logistic regression over standardized features, as every learned head of khabar is fitted."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant.learned import LogisticModel


def fit_logistic(matrix: np.ndarray, labels: np.ndarray, features: tuple[str, ...], seed: int) -> LogisticModel:
    """A logistic regression over standardized features."""
    mean, scale = matrix.mean(axis=0), matrix.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=5000, random_state=seed).fit((matrix - mean) / scale, labels)
    return LogisticModel(features, mean, scale, model.coef_[0], float(model.intercept_[0]))
