"""Candidates (نامزدها): listings, channels, campaign spaces, broadcasts and self-check."""
