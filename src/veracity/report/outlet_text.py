"""An outlet's rating as terminal text (``veracity source``): the fields, then each list's rating."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from veracity.report.schema import OutletRating


def print_outlet_rating(rating: OutletRating, console: Console) -> None:
    """Name and domain, factuality and bias with their sources, contested or not, every list."""
    console.print(Text(f"{rating.outlet} ({rating.domain or 'no domain known'})"))
    detail = (
        f" ({rating.factuality_detail})"
        if rating.factuality_detail and rating.factuality_detail != rating.factuality
        else ""
    )
    console.print(Text(f"  factuality: {rating.factuality}{detail}"))
    if rating.rating_source:
        console.print(Text(f"    from {rating.rating_source}", style="dim"))
    console.print(Text(f"  bias: {rating.bias}"))
    if rating.bias_source:
        console.print(Text(f"    from {rating.bias_source}", style="dim"))
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
