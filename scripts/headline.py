"""The BBC 2022 headline ruler, shared by scripts/check-scores and scripts/silver.

Each report's INDEX.tsv row holds its headline's sides and score ("Wolves 0-1 Man Utd").
A record agrees with it when its match names the headline's sides in order with the
headline's score (`score_right`), and when its goals credited to each side add up to the
headline's score with no goal left uncredited (`goals_agree`).

Silver training labels are drawn from the even report ids only (`silver_id`), so the odd
ones stay a held-out half for the checks of a model trained on them.
"""
import csv
import glob
import hashlib
import json
import os
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", "and").strip()


# Headlines use the BBC's short forms; records use the longest name the report gives.
SHORT = {"man utd": "manchester united", "man city": "manchester city", "spurs": "tottenham",
         "wolves": "wolverhampton", "nottm forest": "nottingham forest", "sheff utd": "sheffield united",
         "sheff wed": "sheffield wednesday", "qpr": "queens park rangers", "mk dons": "milton keynes",
         "west brom": "west bromwich", "psg": "paris st-germain", "inter milan": "inter"}


def _clubs():
    """Folded club name, short name or nickname -> the clubs of data/clubs.tsv it names."""
    table = {}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "clubs.tsv")
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            cols = line.rstrip("\n").split("\t")
            if i == 0 or len(cols) < 5:
                continue
            names = [cols[0]] + [n for c in (cols[3], cols[4]) for n in c.split(";") if n.strip()]
            for n in names:
                table.setdefault(_plain(n), set()).add(i)
    return table


def _plain(name):
    """A side's folded name without "the" and a women's-team suffix."""
    n = fold(name)
    n = n[4:] if n.startswith("the ") else n
    for suffix in (" women", " ladies", " fc women"):
        if n.endswith(suffix):
            n = n[: -len(suffix)]
    return n


CLUBS = _clubs()


def same_side(headline, predicted):
    p = fold(predicted)
    if not fold(headline) or not p:
        return False
    # Both name the same club of the club table ("Wolverhampton Wanderers", "Wolves").
    if CLUBS.get(_plain(headline), set()) & CLUBS.get(_plain(predicted), set()):
        return True
    # The record may keep the headline's own short form ("Wolves") or the long one.
    for h in {fold(headline), SHORT.get(fold(headline), fold(headline))}:
        if h == p or h in p or p in h:
            return True
        if h.split()[0] == p.split()[0] and len(h.split()[0]) > 3:
            return True
    return False


def read_index(path):
    """Report id -> INDEX.tsv row, for rows whose headline states a score."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r.get("title_home_goals", "").isdigit() and r.get("title_away_goals", "").isdigit():
                rows[r["file"].rsplit(".", 1)[0]] = r
    return rows


def read_records(path):
    records = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                records[rec["id"]] = rec
    return records


def wanted(row):
    return int(row["title_home_goals"]), int(row["title_away_goals"])


def sides_right(row, rec):
    m = (rec or {}).get("match") or {}
    return same_side(row["title_home"], m.get("home")) and same_side(row["title_away"], m.get("away"))


def score_right(row, rec):
    m = (rec or {}).get("match") or {}
    return sides_right(row, rec) and (m.get("home_score"), m.get("away_score")) == wanted(row)


def goals_per_side(row, rec):
    goals = [e for e in (rec or {}).get("events", []) if e.get("type") == "goal"]
    per_side = (sum(1 for e in goals if same_side(row["title_home"], e.get("team"))),
                sum(1 for e in goals if same_side(row["title_away"], e.get("team"))))
    return per_side, len(goals)


def goals_agree(row, rec):
    per_side, n = goals_per_side(row, rec)
    return sides_right(row, rec) and per_side == wanted(row) and n == sum(wanted(row))


def silver_id(report_id):
    """Whether a report may lend silver labels (even ids); odd ids are held out."""
    return report_id.isdigit() and int(report_id) % 2 == 0


def strip_titles(src, out):
    """Copies every report of `src` into `out` with its title line removed, so sides,
    home/away and the score must come from the prose (as with outlets whose pages carry
    no "A 2-1 B" headline). `out` must be outside the checkout: the copies hold report
    text."""
    os.makedirs(out)
    for name in sorted(os.listdir(src)):
        if name.endswith(".txt"):
            with open(os.path.join(src, name), encoding="utf-8") as f:
                text = f.read()
            # The title is the first line; the body starts after the blank line below it.
            body = text.split("\n", 1)[1].lstrip("\n") if "\n" in text else ""
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(body)


def article_texts(texts, labels, keep, outlets=("bbc2004", "bbc2022")):
    """Links the articles of `outlets` whose id `keep` accepts (never a real-report gold
    source) into `texts/<outlet>/`, the BBC 2022 ones also without their title line into
    `texts/bbc2022-untitled/` (most outlets print no "A 2-1 B" line), and writes
    `labels`: one `<outlet>/<id><TAB>yes|no` line per article, whether the outlet's
    INDEX.tsv calls it a match report (ESPN 2013 has no kind column: every article is a
    match report)."""
    gold = real_gold_sources()
    rows = []
    for outlet in outlets:
        src = f"../shared/data/reports/{outlet}"
        os.makedirs(os.path.join(texts, outlet))
        with open(os.path.join(src, "INDEX.tsv"), encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                i = r["file"].removesuffix(".txt")
                if keep(i) and f"reports/{outlet}/{i}.txt" not in gold:
                    os.symlink(os.path.abspath(os.path.join(src, f"{i}.txt")), os.path.join(texts, outlet, f"{i}.txt"))
                    rows.append((f"{outlet}/{i}", r.get("match_report", "yes")))
    if "bbc2022" in outlets:
        strip_titles(os.path.join(texts, "bbc2022"), os.path.join(texts, "bbc2022-untitled"))
        rows += [(i.replace("bbc2022/", "bbc2022-untitled/"), k) for i, k in rows if i.startswith("bbc2022/")]
    with open(labels, "w", encoding="utf-8") as f:
        f.writelines(f"{i}\t{k}\n" for i, k in rows)
    print(f"articles: {len(rows)} ({sum(k == 'yes' for _, k in rows)} match reports)", file=sys.stderr)


def real_gold_sources(split="*"):
    """Source paths of the real-report gold (data/gold/real/src, dev and test, or the one
    `split`): these reports never lend silver labels."""
    gold = set()
    for ann in glob.glob(f"data/gold/real/src/{split}/*.ann"):
        with open(ann, encoding="utf-8") as f:
            for line in f:
                if line.startswith("# source:"):
                    gold.add(line.split(":", 1)[1].strip())
    return gold


ESPN_RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gold", "espn-results.tsv")


def espn_results(reports, path=ESPN_RESULTS):
    """Report id -> a headline-like row (title_home, title_away, title_home_goals,
    title_away_goals) from the hand-read ESPN 2013 results, for rows whose text in
    `reports` still has the sha256 the gold was read from (a changed text is skipped with
    a warning naming it) and whose score was told."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for n, r in enumerate(csv.DictReader(f, delimiter="\t"), start=2):
            text = os.path.join(reports, r["file"] + ".txt")
            try:
                with open(text, "rb") as t:
                    digest = hashlib.sha256(t.read()).hexdigest()
            except OSError as e:
                print(f"{path}:{n}: {r['file']}: {e}", file=sys.stderr)
                continue
            if digest != r["sha256"]:
                print(f"{path}:{n}: {text} is not the text the result was read from (sha256)", file=sys.stderr)
                continue
            if not (r["home_goals"].isdigit() and r["away_goals"].isdigit()):
                continue
            rows[r["file"]] = {"title_home": r["home"], "title_away": r["away"],
                               "title_home_goals": r["home_goals"], "title_away_goals": r["away_goals"]}
    return rows


def espn_texts(reports, out, even_only=True):
    """Links into `out` the ESPN 2013 reports that lend labels: even ids only (the odd ids
    are scripts/check-espn's held-out half), none that the real-report gold holds (never
    real-dev or real-test). With `even_only=False`, what scripts/check-espn reads: every
    report but real-test's. The texts stay where they are."""
    gold = real_gold_sources() if even_only else real_gold_sources("test")
    for path in sorted(glob.glob(os.path.join(reports, "espn-*.txt"))):
        stem = os.path.basename(path)[:-4]
        even = int(stem.rsplit("-", 1)[-1]) % 2 == 0
        if (even or not even_only) and f"reports/espn2013/{stem}.txt" not in gold:
            os.symlink(os.path.abspath(path), os.path.join(out, stem + ".txt"))
