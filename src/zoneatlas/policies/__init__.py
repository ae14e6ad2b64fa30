"""The policy library ("1+4+3" policy system): policies as data, a small safe rule engine
for their conditions, benefit estimates in 万元, and eligibility of a project.

Pure Python: no web framework, no SQL. Conditions and benefits are JSON documents that are
validated and then interpreted; stored or user text is never evaluated as code.
"""
