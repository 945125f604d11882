"""Plain values and their grammar: partial dates and periods, text folding, Arrow text columns."""
