"""The search panel: the query box, the grid of results, and what it does with them."""
