"""The risk model: weighted log-odds over indicator hits, with corroboration rules."""
