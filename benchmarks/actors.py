"""Benchmark: does the actor layer hold across a real corpus? (issue 12)

Runs `framing analyze` (through the caches) on BASIL's dev half
(`../shared/eval/basil/articles.jsonl`, 150 US political articles) or reads the
`mentions.csv` of such a run (`--mentions FILE`), and scores it against the hand-written
name-only gold `tests/data/actors/basil_gold.csv` (30 persons and groups with party):

- **one actor per person**: of the name mentions (written name, title + name,
  surname) that carry the person's surname and no other given name or suffix ("Ivanka
  Trump", "Trump Jr." are someone else), the share under the actor holding most of
  them. A bare "Clinton" counts for Bill and for Hillary: left unresolved, it is a
  split for both.
- **right camp**: persons with a party whose main actor has that party as camp, and
  party groups (the actor of that name) in their party's camp.
- **title fragments**: camps containing a word of a legislative or government body
  ("House", "Senate", "Committee"...) — should be none.
- **pronoun links** (`--pronouns`): 100 pronoun mentions the kit linked on a run of
  2026-12-01, labelled by hand (`tests/data/actors/basil_pronouns.csv`): the share
  linked to the right actor, an unlinked pronoun counting as right where it refers to
  no single actor. The sample was drawn from what the kit linked then, so it measures
  the precision of links, not how many pronouns are linked.

    .venv/bin/python benchmarks/actors.py [--eval-dir ../shared/eval/basil] [--mentions FILE]
        [--pronouns]

Skips (exit 0) when the eval data is absent. Prints a markdown block for RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "basil"
GOLD = ROOT / "tests" / "data" / "actors" / "basil_gold.csv"
PRONOUN_GOLD = ROOT / "tests" / "data" / "actors" / "basil_pronouns.csv"
NAME_RESOLUTIONS = ("name", "alias", "partial-name")


def read_gold(path: Path = GOLD) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if not r["name"].startswith("#")]


def _words(text: str) -> list[str]:
    return [w.strip(".,'’\"()").lower() for w in text.replace("’s", "").replace("'s", "").split()]


def person_mentions(mentions: pd.DataFrame, name: str, gold_names: list[str]) -> pd.DataFrame:
    """Name mentions that refer to the person: the surname written with the person's
    first name, or alone (with a title) where the person is the only gold person of
    that surname, or the only one named in full in that article; never with another
    given name or a suffix the person lacks ("Ivanka Trump", "Trump Jr."), and not
    alone in an article that names someone else of that surname in full ("Seth
    Hutchinson ... Mr. Hutchinson": the son or his father, the name cannot say)."""
    parts = name.lower().split()
    first, last = parts[0], parts[-1]
    givens = {
        str(a).split()[0].lower()
        for a in mentions["actor"].dropna().unique()
        if len(str(a).split()) > 1 and str(a).split()[-1].lower() == last
    } - {first}
    namesakes = [g.lower().split()[0] for g in gold_names if g.lower().split()[-1] == last]
    full_in: dict[str, set[str]] = {}
    others_in: set[str] = set()  # articles naming another person of the surname in full
    for article_id, text in zip(mentions["article_id"], mentions["text"].astype(str), strict=True):
        words = _words(text)
        if last in words and len(words) >= 2:
            full_in.setdefault(article_id, set()).update(set(words) & set(namesakes))
            if words[-1] == last and set(words) & givens:
                others_in.add(article_id)
    keep = []
    for article_id, text in zip(mentions["article_id"], mentions["text"].astype(str), strict=True):
        written = [w for w in _words(text) if w]
        words = set(written)
        ok = bool(written) and written[-1] == last  # "Ryan Zinke" is not Paul Ryan
        ok = ok and not (words & givens) and not ({"jr", "sr"} & words)
        if ok and first not in words and len(namesakes) > 1:
            ok = full_in.get(article_id, set()) == {first}  # a bare "Clinton"
        if ok and first not in words and article_id in others_in:
            ok = False
        keep.append(ok)
    found = mentions[pd.Series(keep, index=mentions.index)]
    return found[found["type"] == "person"]


def score(mentions: pd.DataFrame, gold: list[dict[str, str]]) -> dict:
    named = mentions[mentions["resolution"].isin(NAME_RESOLUTIONS)]
    persons, groups = [], []
    for row in gold:
        if row["kind"] == "person":
            names = [r["name"] for r in gold if r["kind"] == "person"]
            found = person_mentions(named, row["name"], names)
            counts = Counter(found["actor"])
            main, held = counts.most_common(1)[0] if counts else (None, 0)
            camps = mentions.loc[mentions["actor"] == main, "camp"].dropna()
            camp = camps.mode().iloc[0] if len(camps) else None
            persons.append(
                {
                    "name": row["name"],
                    "mentions": len(found),
                    "main_actor": main,
                    "share": held / len(found) if len(found) else 0.0,
                    "others": dict(counts.most_common()[1:4]),
                    "party": row["party"] or None,
                    "camp": camp,
                }
            )
        else:
            rows = mentions[mentions["actor"].str.lower() == row["name"].lower()]
            camp = rows["camp"].dropna().mode().iloc[0] if rows["camp"].notna().any() else None
            groups.append(
                {"name": row["name"], "mentions": len(rows), "party": row["party"], "camp": camp}
            )
    total = sum(p["mentions"] for p in persons)
    held = sum(p["share"] * p["mentions"] for p in persons)
    with_party = [p for p in persons if p["party"]]
    body_words = ("house", "senate", "committee", "cabinet", "congress", "department")
    camps = mentions["camp"].dropna().unique()
    fragments = sorted(c for c in camps if any(w in str(c).lower().split() for w in body_words))
    return {
        "persons": persons,
        "groups": groups,
        "identity_pooled": held / total if total else 0.0,
        "identity_min": min((p["share"] for p in persons if p["mentions"]), default=0.0),
        "persons_right_camp": sum(p["camp"] == p["party"] for p in with_party) / len(with_party),
        "groups_right_camp": sum(g["camp"] == g["party"] for g in groups) / len(groups),
        "camp_right_all": (
            sum(p["camp"] == p["party"] for p in with_party)
            + sum(g["camp"] == g["party"] for g in groups)
        )
        / (len(with_party) + len(groups)),
        "title_fragment_camps": fragments,
        "camps": len(camps),
    }


def score_pronouns(mentions: pd.DataFrame, path: Path = PRONOUN_GOLD) -> dict:
    """Right links among the hand-labelled pronouns (see the module docstring)."""
    gold = pd.read_csv(path, comment="#", keep_default_na=False)
    linked = {
        (r.article_id, int(r.start), int(r.end)): r.actor
        for r in mentions.itertuples()
        if r.resolution == "pronoun"
    }
    rows = []
    for g in gold.itertuples():
        found = linked.get((g.article_id, int(g.start), int(g.end)))
        names = {n for n in str(g.actor).split("|") if n}
        right = found in names if names else found is None
        rows.append({"pronoun": g.pronoun, "gold": g.actor, "linked": found, "right": right})
    frame = pd.DataFrame(rows)
    return {"n": len(frame), "right": int(frame["right"].sum()), "rows": frame}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--mentions", type=Path, help="mentions.csv of a finished run")
    parser.add_argument(
        "--pronouns", action="store_true", help="also score the hand-labelled pronoun links"
    )
    args = parser.parse_args(argv)
    articles = args.eval_dir / "articles.jsonl"
    if args.mentions is None and not articles.is_file():
        print(f"skipped: {articles} not found")
        return 0
    if args.mentions is not None:
        mentions = pd.read_csv(args.mentions)
    else:
        from analysis.pipeline import run_analysis

        mentions = run_analysis([articles]).tables["mentions"]
    result = score(mentions, read_gold())
    print("| person | name mentions | main actor | share | other actors | party | camp |")
    print("|---|---|---|---|---|---|---|")
    for p in result["persons"]:
        print(
            f"| {p['name']} | {p['mentions']} | {p['main_actor']} | {p['share']:.2f} | "
            f"{p['others'] or ''} | {p['party'] or '–'} | {p['camp'] or '–'} |"
        )
    print("\n| group | mentions | party | camp |\n|---|---|---|---|")
    for g in result["groups"]:
        print(f"| {g['name']} | {g['mentions']} | {g['party']} | {g['camp'] or '–'} |")
    print(
        "\nname mentions under the person's main actor: "
        f"pooled {result['identity_pooled']:.3f}, "
        f"lowest person {result['identity_min']:.2f}\n"
        f"persons with a party in its camp: {result['persons_right_camp']:.3f}; party groups "
        f"in their camp: {result['groups_right_camp']:.3f}; "
        f"together {result['camp_right_all']:.3f}\n"
        f"camps: {result['camps']}; camps that look like title fragments: "
        f"{result['title_fragment_camps'] or 'none'}"
    )
    if args.pronouns:
        links = score_pronouns(mentions)
        wrong = links["rows"][~links["rows"]["right"]]
        print(f"\npronoun links right: {links['right']} of {links['n']}")
        for r in wrong.itertuples():
            print(f"  {r.pronoun!r}: gold {r.gold or '(no single actor)'}, linked {r.linked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
