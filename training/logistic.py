"""Fitting a logistic regression over standardized features, as every learned head of khabar is fitted."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from assistant.learned import LogisticModel


def fit_logistic(matrix: np.ndarray, labels: np.ndarray, features: tuple[str, ...], seed: int) -> LogisticModel:
    """A logistic regression over standardized features, fitted to convergence on one thread: stopped at the
    default tolerance, or summed by a BLAS on more threads in another order, the solver lands on other weights of
    nearly the same loss, and the artifact would depend on the machine's cores."""
    mean, scale = matrix.mean(axis=0), matrix.std(axis=0)
    scale[scale == 0] = 1.0
    with threadpool_limits(limits=1):
        model = LogisticRegression(C=1.0, max_iter=5000, tol=1e-10, random_state=seed).fit(
            (matrix - mean) / scale, labels
        )
    return LogisticModel(features, mean, scale, model.coef_[0], float(model.intercept_[0]))
