"""Services of the investor's journey (matching, policies, comparison, inquiries): they
join the store to the pure domain modules (:mod:`zoneatlas.matching`,
:mod:`zoneatlas.policies`, :mod:`zoneatlas.inquiries`) for the API and the CLI."""
