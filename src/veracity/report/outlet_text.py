"""An outlet's rating as terminal text (``veracity source``): the fields, then each list's rating."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from veracity.report.schema import (
    PLATFORM_WORDS,
    SATIRE_WORDS,
    OutletRating,
    ascii_host_note,
    satire_listing,
)

# MBFC's factual-reporting tiers, best first (sources.lists maps the first three to high).
MBFC_TIERS = ("very high", "high", "mostly factual", "mixed", "low", "very low")
_ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th")
_LEVEL_TIERS = {"high": MBFC_TIERS[:3], "mixed": MBFC_TIERS[3:4], "low": MBFC_TIERS[4:]}


def _own_rating(rating: OutletRating) -> str:
    """The rating list's own words for the factuality, where they differ from veracity's level;
    an MBFC tier with its place among MBFC's six, since MBFC's own 'high' is one of the tiers
    veracity's 'high' takes ('high (mostly factual)' read as a contradiction)."""
    detail = rating.factuality_detail
    if not detail or detail == rating.factuality:
        return ""
    source = rating.rating_source or ""
    if source.startswith("Media Bias/Fact Check") and detail in MBFC_TIERS:
        place = _ORDINALS[MBFC_TIERS.index(detail)]
        tiers = _LEVEL_TIERS.get(rating.factuality)
        counted = (
            f"; veracity counts {_listed(tiers)} as {rating.factuality}"
            if tiers and len(tiers) > 1
            else ""
        )
        return f"{detail} (MBFC's {place} of its 6 tiers{counted})"
    return detail


def _listed(words: tuple[str, ...]) -> str:
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else words[0]


def print_outlet_rating(rating: OutletRating, console: Console, notes: list[str]) -> None:
    """Name and domain, its ``notes`` (why a rating made for another address stands for the one
    asked about), factuality and bias with their sources, contested or not, every list."""
    console.print(
        Text(
            f"{rating.outlet} ({rating.domain or 'no domain known'})"
            + ascii_host_note(rating.host_ascii)
        )
    )
    for note in notes:
        console.print(Text(f"  note: {note}", style="yellow"))
    if rating.platform:
        _print_platform(rating, console)
        return
    if (satire := satire_listing(rating)) is not None:
        # in place of a factuality and a bias: a joke is neither (probe s49 O1), the reports'
        # words (report.schema.rating_words); each list's own rating follows
        console.print(Text(f"  {SATIRE_WORDS}"))
        console.print(Text(f"    listed as satire by {satire.source}, {satire.date}", style="dim"))
    else:
        _print_levels(rating, console)
    if not rating.ratings:
        console.print(Text("  rating: not in any rating list: unknown"))
        return
    if rating.contested:
        console.print(Text("  contested: the lists below disagree (high and low)", style="bold"))
    console.print(Text(f"  ratings ({len(rating.ratings)} lists, newest expert rating first):"))
    for entry in rating.ratings:
        own = entry.factuality_detail or "no factuality"
        lean = f", bias {entry.bias}" if entry.bias != "unknown" else ""
        if entry.bias_detail and entry.bias_detail != entry.bias:
            lean += f" ({entry.bias_detail})"
        where = f" [{entry.domain}]" if entry.domain != rating.domain else ""
        console.print(
            Text.assemble(
                f"    {entry.factuality:7} ",
                (f"{entry.source}, {entry.date}", "bold"),
                f": {own}{lean}{where}",
            )
        )


def _print_levels(rating: OutletRating, console: Console) -> None:
    """The outlet's factuality and bias, each with the list it comes from."""
    scale = " (veracity's levels: high / mixed / low)" if rating.factuality != "unknown" else ""
    console.print(Text(f"  factuality: {rating.factuality}{scale}"))
    own = _own_rating(rating)
    if own:
        console.print(Text(f"    the list's own rating: {own}"))
    if rating.rating_source:
        console.print(Text(f"    from {rating.rating_source}", style="dim"))
    console.print(Text(f"  bias: {rating.bias}"))
    if rating.bias_source:
        console.print(Text(f"    from {rating.bias_source}", style="dim"))


def _print_platform(rating: OutletRating, console: Console) -> None:
    """A platform where anyone publishes: what a post there is worth, then what each list says
    of the platform itself, which is not a post's rating."""
    console.print(Text(f"  {PLATFORM_WORDS}"))
    if rating.ratings:
        console.print(
            Text(
                f"  the lists' ratings of the platform itself, not of its posts "
                f"({len(rating.ratings)} lists):",
                style="dim",
            )
        )
    for entry in rating.ratings:
        console.print(Text(f"    {entry.factuality:7} {entry.source}, {entry.date}", style="dim"))
