"""Investor inquiries (招商线索): validation of the form, and a per-client rate limit.

Pure Python (pydantic for the form). Storing a lead and finding the responsible contact
is the service's job (:mod:`zoneatlas.investor.inquiry`).
"""
