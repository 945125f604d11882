"""Changing and checking the dataset: adding events, validating files, checking quotes."""
