"""Hand-judged LIAR re-checks: pairs of PolitiFact statements that do or do not make one claim.

LIAR holds many claims checked more than once, in other words or by other speakers ("We have
the highest corporate tax rate in the world" appears eight times). Calibration queries LIAR
statements with their own record left out; these judgements say whether the nearest remaining
record is the same claim (a right match) or not (a false positive). Judged by reading both
statements: the same claim means one fact-check answers the other (same assertion, same
figures, same strength: "one of the highest" is not "the highest"). The pairs are every
calibration neighbour with cosine >= 0.78 that the figure/polarity guard lets through
(:func:`veracity.verify.factchecks.claims_conflict`), for the dev (LIAR valid) and test (LIAR
test) queries of seed 11. Only statement ids are kept here, never the statements.
"""

from __future__ import annotations

# (query statement id, neighbour statement id, same claim); the comment is the MiniLM cosine.
LIAR_RECHECKS: tuple[tuple[str, str, bool], ...] = (
    ("liar-7361", "liar-10970", False),  # 0.804
    ("liar-7361", "liar-11080", False),  # 0.782
    ("liar-3249", "liar-3131", True),  # 0.872
    ("liar-13052", "liar-12054", True),  # 0.848
    ("liar-13052", "liar-13305", True),  # 0.801
    ("liar-1088", "liar-7041", True),  # 0.926
    ("liar-6826", "liar-7034", False),  # 0.806
    ("liar-6826", "liar-6502", True),  # 0.799
    ("liar-801", "liar-614", True),  # 0.789
    ("liar-2426", "liar-6174", True),  # 0.836
    ("liar-2426", "liar-3153", True),  # 0.811
    ("liar-2426", "liar-4122", True),  # 0.809
    ("liar-3293", "liar-3351", True),  # 0.931
    ("liar-3379", "liar-4027", True),  # 0.795
    ("liar-13366", "liar-11315", False),  # 0.783
    ("liar-709", "liar-711", False),  # 0.888
    ("liar-713", "liar-775", True),  # 0.812
    ("liar-11798", "liar-5262", True),  # 0.974
    ("liar-10114", "liar-7876", True),  # 0.860
    ("liar-12159", "liar-13236", True),  # 0.803
    ("liar-4991", "liar-4913", True),  # 0.994
    ("liar-4991", "liar-6721", True),  # 0.987
    ("liar-3081", "liar-1367", False),  # 0.816
    ("liar-4143", "liar-2885", True),  # 0.807
    ("liar-8437", "liar-12050", False),  # 0.799
    ("liar-12548", "liar-11329", True),  # 0.831
    ("liar-7658", "liar-3012", True),  # 0.952
    ("liar-7658", "liar-6530", True),  # 0.939
    ("liar-7658", "liar-3707", True),  # 0.932
    ("liar-7658", "liar-4566", True),  # 0.909
    ("liar-7658", "liar-5849", True),  # 0.908
    ("liar-7658", "liar-6841", True),  # 0.901
    ("liar-7658", "liar-7687", True),  # 0.900
    ("liar-7658", "liar-3115", False),  # 0.891
    ("liar-7658", "liar-11447", False),  # 0.887
    ("liar-7231", "liar-7363", True),  # 0.794
    ("liar-4492", "liar-3855", True),  # 0.860
    ("liar-10571", "liar-8778", False),  # 0.790
    ("liar-101", "liar-597", False),  # 0.781
    ("liar-11766", "liar-12419", True),  # 0.788
    ("liar-3979", "liar-10615", False),  # 0.830
    ("liar-87", "liar-262", False),  # 0.786
    ("liar-384", "liar-288", False),  # 0.805
    ("liar-1199", "liar-1198", False),  # 0.854
    ("liar-9109", "liar-7788", True),  # 0.781
    ("liar-12052", "liar-3584", True),  # 0.853
    ("liar-4993", "liar-11440", True),  # 0.898
    ("liar-9854", "liar-10846", True),  # 0.892
    ("liar-13329", "liar-12659", True),  # 0.795
    ("liar-7876", "liar-10114", True),  # 0.860
)
