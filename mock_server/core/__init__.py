"""The pure domain of the mock: state, tokens, clock, paging. No HTTP here."""
