"""Checks a generated reply sentence by sentence against the passages it cites before anyone sees it."""
