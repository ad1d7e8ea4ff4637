"""Training of the meetings answerer's learned parts."""
