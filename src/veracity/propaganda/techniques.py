"""The 14 propaganda techniques of SemEval-2020 Task 11, each with a one-line explanation and
an example (the examples follow the PTC annotation guidelines, Da San Martino et al. 2019)."""

from __future__ import annotations

TECHNIQUES: dict[str, str] = {
    "Loaded_Language": "Words with strong emotional charge used to sway the reader rather than inform.",
    "Name_Calling,Labeling": "Labels a person or group with a loaded name so the reader judges the label, not the facts.",
    "Repetition": "Repeats the same message so that it sticks and starts to feel true.",
    "Exaggeration,Minimisation": "Blows something up or plays it down beyond what the facts support.",
    "Doubt": "Questions someone's credibility to discredit them without evidence.",
    "Appeal_to_fear-prejudice": "Plays on fear or prejudice to win support for an idea.",
    "Flag-Waving": "Appeals to patriotism or group identity to justify an idea.",
    "Causal_Oversimplification": "Puts a complex issue down to a single cause.",
    "Slogans": "A short, catchy phrase standing in for an argument.",
    "Appeal_to_Authority": "Treats a claim as true only because an authority said it.",
    "Black-and-White_Fallacy": "Offers two options as the only ones when more exist.",
    "Thought-terminating_Cliches": "A stock phrase that shuts down critical thought and discussion.",
    "Whataboutism,Straw_Men,Red_Herring": "Deflects with a counter-accusation, a distorted version of the opposing view, or an irrelevant topic.",
    "Bandwagon,Reductio_ad_hitlerum": "Urges agreement because everyone agrees, or rejects an idea because a hated group holds it.",
}

TECHNIQUE_EXAMPLES: dict[str, str] = {
    "Loaded_Language": "\u201ca lone lawmaker\u2019s childish shouting\u201d",
    "Name_Calling,Labeling": "\u201cRepublican congressweasels\u201d, \u201cBush the Lesser\u201d",
    "Repetition": "the same slogan or claim restated again and again in one article",
    "Exaggeration,Minimisation": "\u201cthe best thing that ever happened\u201d; \u201cit was only a joke\u201d",
    "Doubt": "\u201cIs he really ready to be the mayor?\u201d",
    "Appeal_to_fear-prejudice": "\u201cstop those refugees; they are terrorists\u201d",
    "Flag-Waving": "\u201centering this war will make us have a better future in our country\u201d",
    "Causal_Oversimplification": "\u201cIf France had not declared war on Germany, World War II would never have happened\u201d",
    "Slogans": "\u201cMake America great again!\u201d",
    "Appeal_to_Authority": "\u201cThe world\u2019s leading expert says so, therefore it is true\u201d",
    "Black-and-White_Fallacy": "\u201cYou are either with us or against us\u201d",
    "Thought-terminating_Cliches": "\u201cIt is what it is\u201d, \u201cit\u2019s just common sense\u201d",
    "Whataboutism,Straw_Men,Red_Herring": "\u201cWhat about the crimes your own country committed?\u201d",
    "Bandwagon,Reductio_ad_hitlerum": "\u201c57% say yes, so should you\u201d; \u201cHitler did that too\u201d",
}


def technique_label(name: str) -> str:
    """A readable form of a technique name ("Name_Calling,Labeling" -> "name calling / labeling")."""
    return name.replace("_", " ").replace(",", " / ").lower()
