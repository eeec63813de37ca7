"""The link graph: same-person clusters, rings of personas and the facilitators behind them."""
