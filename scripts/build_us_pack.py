"""Build the US politics knowledge pack (`analysis/actors/packs/us_politics.csv`).

Reads the public-domain (CC0) US Congress data in `../shared/knowledge/us-congress/`
(the `unitedstates/congress-legislators` project): members of Congress and presidents
and vice presidents, and writes one alias row per usual name form of each person
("Joe Biden", "Joseph R. Biden Jr.", "Joseph Biden") → canonical name, party as camp,
office in the note. The hand-written rows of `scripts/us_politics_parties.csv` (party
groups, party committees, party markers) are appended as they are.

Who is in: every member of the current Congress, every earlier member born in 1900
or later (the historical file has no term dates; a birth year from 1900 keeps everyone
who served since 1990 and drops the 19th century), and the presidents and vice
presidents whose term ended in 1977 or later.

    .venv/bin/python scripts/build_us_pack.py [--source DIR] [--out FILE]

Also writes `analysis/data/us_administrations.csv` (presidential terms) and
`analysis/data/given_name_genders.csv` (given names with the gender the data records
for 95% or more of the two or more people who bore them; the kit tells "Mrs. Clinton"
from "Bill Clinton" with it).

The output is deterministic (sorted), so a rebuild from the same data is byte-equal.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "knowledge" / "us-congress"
HAND_WRITTEN = Path(__file__).resolve().parent / "us_politics_parties.csv"
OUT = ROOT / "analysis" / "actors" / "packs" / "us_politics.csv"
ADMINISTRATIONS = ROOT / "analysis" / "data" / "us_administrations.csv"
GENDERS = ROOT / "analysis" / "data" / "given_name_genders.csv"
SOURCE_NOTE = "unitedstates/congress-legislators 8112283 (CC0)"

#: Party as the data spells it → camp.
PARTIES = {
    "Democrat": "Democratic Party",
    "Republican": "Republican Party",
    "Independent": "Independent",
}
OFFICES = {
    "sen": "Senator",
    "rep": "Representative",
    "prez": "President",
    "viceprez": "Vice President",
}
#: Suffixes that name a different person (father and son), kept in the name.
IDENTITY_SUFFIXES = ("Jr.", "Sr.")
#: Rank: when one name form fits several people, the higher rank keeps it.
RANK = {"executive": 3, "current": 2, "historical": 1}


def _canonical(first: str, nickname: str, last: str, wikipedia: str) -> str:
    """The usual name: Wikipedia's article title without its "(politician)" part,
    else nickname or first name + last name."""
    name = re.sub(r"\s*\(.*\)\s*$", "", wikipedia or "").strip()
    return name or f"{nickname or first} {last}".strip()


def _initials(middle: str) -> str:
    return " ".join(f"{part[0]}." for part in middle.replace(".", " ").split() if part[0].isalpha())


def name_forms(person: dict[str, str]) -> set[str]:
    """Every usual way of writing the person's name."""
    first, middle, last = person["first"], person["middle"], person["last"]
    nickname, suffix = person["nickname"], person["suffix"]
    canonical = person["actor"]
    keeps_suffix = any(canonical.endswith(s) for s in IDENTITY_SUFFIXES)
    forms = {canonical}
    if person.get("full_name"):
        forms.add(person["full_name"])
    givens = {g for g in (first, nickname) if g}
    middles = {""}
    if middle:  # full middle names are rarely written, except by presidents
        middles |= {_initials(middle)} | ({middle} if person["rank"] == "executive" else set())
    for given in givens:
        for mid in middles:
            base = " ".join(p for p in (given, mid, last) if p)
            if keeps_suffix or not suffix:
                forms.add(base if not keeps_suffix else f"{base} {suffix}")
            else:  # "Joseph R. Biden Jr." and "Joe Biden": the suffix is optional
                forms |= {base, f"{base} {suffix}"}
    return {" ".join(f.split()) for f in forms if len(f.split()) >= 2}


def legislators(path: Path, rank: str, born_from: str | None) -> list[dict[str, str]]:
    people = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if born_from and not (row["birthday"] and row["birthday"] >= born_from):
                continue
            party = row["party"].strip()
            if not party:
                continue
            person = {
                "id": row["bioguide_id"],
                "first": row["first_name"].strip(),
                "middle": row["middle_name"].strip(),
                "last": row["last_name"].strip(),
                "suffix": row["suffix"].strip(),
                "nickname": row["nickname"].strip(),
                "full_name": row["full_name"].strip(),
                "camp": PARTIES.get(party, party),
                "office": f"{OFFICES.get(row['type'], row['type'])} ({row['state']})",
                "rank": rank,
            }
            person["actor"] = _canonical(
                person["first"], person["nickname"], person["last"], row["wikipedia_id"]
            )
            people.append(person)
    return people


def executives(path: Path) -> list[dict[str, str]]:
    people = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        terms = entry["terms"]
        if max(t["end"] for t in terms) < "1977":
            continue
        name, last_term = entry["name"], terms[-1]
        offices = sorted({OFFICES[t["type"]] for t in terms}, key=len)
        person = {
            "id": entry["id"].get("bioguide", ""),
            "first": name["first"],
            "middle": name.get("middle", ""),
            "last": name["last"],
            "suffix": name.get("suffix", ""),
            "nickname": name.get("nickname", ""),
            "full_name": name.get("official_full", ""),
            "camp": PARTIES.get(last_term["party"], last_term["party"]),
            "office": " and ".join(offices) + f" (last term from {last_term['start'][:4]})",
            "rank": "executive",
        }
        person["actor"] = _canonical(
            person["first"], person["nickname"], person["last"], entry["id"].get("wikipedia", "")
        )
        people.append(person)
    # Two presidents with one name ("George Bush"): the middle initials tell them apart.
    by_name = defaultdict(list)
    for person in people:
        by_name[(person["first"], person["last"])].append(person)
    for same in by_name.values():
        if len(same) > 1:
            for person in same:
                person["actor"] = (
                    f"{person['first']} {_initials(person['middle'])} {person['last']}"
                )
    return people


def build(source: Path) -> list[dict[str, str]]:
    """The pack's person rows: one per name form that names one person (or several of
    one party), sorted."""
    execs = executives(source / "executive.yaml")
    exec_ids = {p["id"]: p for p in execs if p["id"]}
    people = list(execs)
    for person in legislators(source / "legislators-current.csv", "current", None) + legislators(
        source / "legislators-historical.csv", "historical", "1900"
    ):
        if person["id"] in exec_ids:  # a president who sat in Congress: one person
            executive = exec_ids[person["id"]]
            executive["office"] += f"; earlier {person['office']}"
            for key in ("full_name",):
                executive.setdefault(key, person[key])
            continue
        people.append(person)
    forms: dict[str, list[dict[str, str]]] = defaultdict(list)
    for person in people:
        for form in name_forms(person):
            forms[form].append(person)
    rows = []
    for form, holders in sorted(forms.items()):
        best = max(RANK[p["rank"]] for p in holders)
        holders = [p for p in holders if RANK[p["rank"]] == best]
        actors = {p["actor"] for p in holders}
        camps = {p["camp"] for p in holders}
        if len(camps) > 1:
            continue  # one name, people of different parties: the pack cannot tell
        if len(actors) > 1:
            actor, note = form, f"{len(actors)} members of Congress of one party share this name"
        else:
            actor, note = holders[0]["actor"], holders[0]["office"]
        rows.append(
            {
                "pattern": form,
                "actor": actor,
                "camp": holders[0]["camp"],
                "type": "person",
                "note": note,
            }
        )
    return rows


def administrations(path: Path, since: str = "1977") -> list[dict[str, str]]:
    """One row per presidential term ending in `since` or later: who held the office,
    the party, the vice president who took office with that term, and the dates (`end`
    empty for a term not yet over), by start date."""
    rows, vice = [], {}
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        name = entry["name"]
        actor = _canonical(
            name["first"], name.get("nickname", ""), name["last"], entry["id"].get("wikipedia", "")
        )
        for term in entry["terms"]:
            if (term.get("end") or "9999") < since:
                continue
            if term["type"] == "viceprez":
                vice[term["start"]] = actor
            if term["type"] != "prez":
                continue
            rows.append(
                {
                    "president": actor,
                    "party": PARTIES.get(term["party"], term["party"]),
                    "start": term["start"],
                    "end": term.get("end") or "",
                }
            )
    for row in rows:
        row["vice_president"] = vice.get(row["start"], "")
    return sorted(rows, key=lambda r: r["start"])


def given_name_genders(source: Path, people: int = 2, share: float = 0.95) -> list[dict]:
    """Given names (first names and nicknames) of every member of Congress and every
    president and vice president in the data, with the gender the data records for
    at least `share` of the people who bore them (`people` or more): "Bill" M, "Hillary" F,
    "Nancy" F. Names borne by both ("Jan", "Lynn") are left out."""
    counts: dict[str, Counter] = defaultdict(Counter)

    def add(gender: str, *names: str) -> None:
        for name in {n.strip() for n in names if n and n.strip()}:
            if gender in ("M", "F") and re.fullmatch(r"[A-Z][a-z]+", name):
                counts[name][gender] += 1

    for path in ("legislators-current.csv", "legislators-historical.csv"):
        with (source / path).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                add(row["gender"], row["first_name"], row["nickname"])
    for entry in yaml.safe_load((source / "executive.yaml").read_text(encoding="utf-8")):
        name = entry["name"]
        add(entry.get("bio", {}).get("gender", ""), name["first"], name.get("nickname", ""))
    rows = []
    for name, by_gender in sorted(counts.items()):
        total = sum(by_gender.values())
        gender, n = by_gender.most_common(1)[0]
        if total >= people and n / total >= share:
            rows.append({"given_name": name, "gender": gender, "people": total})
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--administrations", type=Path, default=ADMINISTRATIONS)
    parser.add_argument("--genders", type=Path, default=GENDERS)
    args = parser.parse_args(argv)
    rows = build(args.source)
    with HAND_WRITTEN.open(encoding="utf-8", newline="") as handle:
        extra = list(csv.DictReader(handle))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["pattern", "actor", "camp", "type", "note"])
        writer.writeheader()
        writer.writerows(extra)
        writer.writerow(
            {
                "pattern": "# --- People: US Congress members (current; earlier ones born 1900 or "
                "later) and presidents and vice presidents since 1977; generated by "
                f"scripts/build_us_pack.py from {SOURCE_NOTE} ---",
                "actor": "",
                "camp": "",
                "type": "",
                "note": "",
            }
        )
        writer.writerows(rows)
    print(f"{args.out}: {len(extra)} hand-written rows, {len(rows)} name forms")
    terms = administrations(args.source / "executive.yaml")
    with args.administrations.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["president", "party", "start", "end", "vice_president"]
        )
        writer.writeheader()
        writer.writerows(terms)
    print(f"{args.administrations}: {len(terms)} presidential terms")
    genders = given_name_genders(args.source)
    with args.genders.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["given_name", "gender", "people"])
        writer.writeheader()
        writer.writerows(genders)
    print(f"{args.genders}: {len(genders)} given names")


if __name__ == "__main__":
    main()
