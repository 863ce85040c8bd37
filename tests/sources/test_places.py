from veracity.sources.places import read_places


def test_places_and_shared_titles_come_from_local_outlets_names() -> None:
    """Stations name their city ("WFXR - Roanoke News"); a word that follows three stations'
    places in names is a title; a word opening two sites' names with a title is a place; a
    title five places' papers share is shared. A brand with one site ("Forbes") is no place."""
    cities = ["Roanoke", "Omaha", "Tulsa", "Macon", "Erie"]
    names = [(f"W{i}XR - {city} News", f"w{i}xr.com") for i, city in enumerate(cities)]
    names += [(f"{city} Herald", f"{city.lower()}herald.com") for city in cities]
    names += [("Cambridge Herald", "camherald.co.uk"), ("Cambridge Evening Herald", "cn.co.uk")]
    names += [("Forbes Herald", "forbes.com"), ("Forbes Times", "forbes.com/times")]
    names += [("The Herald", "heraldnet.com"), ("Forbes", "forbes.com")]
    found = read_places(names)
    assert set(cities) | {"Cambridge"} <= found.places
    assert "Forbes" not in found.places and "The" not in found.places
    assert found.shared_titles == {"Herald"}
