"""Reading: a ledger folder → the rows that count, the side sheets and the reading findings."""
