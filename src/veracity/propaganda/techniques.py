"""The 14 propaganda techniques of SemEval-2020 Task 11, each with a one-line explanation."""

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


def technique_label(name: str) -> str:
    """A readable form of a technique name ("Name_Calling,Labeling" -> "name calling / labeling")."""
    return name.replace("_", " ").replace(",", " / ").lower()
