"""The team's annotation formats, read into SPEC records (used by `build-annotations`
and `annotate`; the formats are documented in data/ANNOTATING.md).

Two kinds of source, one set of rules:
- inline (`.txt`): text the team wrote, with `[surface](LABEL=Ref){roles}` marks;
- standoff (`.ann`): a real report's annotations without its text. The file names its
  source under ../shared/data and that file's sha256; mention lines carry char offsets
  and the names at them. The text is joined in at build time and never stored here.

Every problem is reported as `file:line: message`.
"""
import difflib
import hashlib
import os
import re

LABELS = ("PLAYER", "COACH", "REFEREE", "CLUB", "TEAM", "VENUE", "COMPETITION")
GROUP = {"PLAYER": "person", "COACH": "person", "REFEREE": "person",
         "CLUB": "side", "TEAM": "side", "VENUE": "venue", "COMPETITION": "competition"}
# type -> (fields in output order, field -> group of the canonical name it must hold)
EVENTS = {
    "goal": (["scorer", "assister", "team", "minute", "penalty", "own_goal", "header"],
             {"scorer": "person", "assister": "person", "team": "side"}),
    "save": (["goalkeeper", "shooter", "minute"], {"goalkeeper": "person", "shooter": "person"}),
    "miss": (["player", "minute"], {"player": "person"}),
    "card": (["player", "card", "minute"], {"player": "person"}),
    "substitution": (["player_in", "player_out", "minute"],
                     {"player_in": "person", "player_out": "person"}),
}
MATCH_FIELDS = {"home": "side", "away": "side", "competition": "competition", "venue": "venue"}
FLAGS = ("penalty", "own_goal", "header")
# A bare flag on a fact line, not written to the record: some role of this event is told
# only through a description or a pronoun ("the Dane"), so no mention carries its mark.
IMPLICIT = "implicit"

# Mention roles: what a person mention does in its own sentence (or team-sheet line).
# role -> (event type, field it fills, extra condition on the event)
ROLES = {
    "scorer": ("goal", "scorer", lambda e: not e["own_goal"]),
    "own_goal": ("goal", "scorer", lambda e: e["own_goal"]),
    "assister": ("goal", "assister", lambda e: True),
    "keeper": ("save", "goalkeeper", lambda e: True),
    "shooter": ("save", "shooter", lambda e: True),
    "miss": ("miss", "player", lambda e: True),
    "booked": ("card", "player", lambda e: e["card"] == "yellow"),
    "sent_off": ("card", "player", lambda e: e["card"] == "red"),
    "sub_on": ("substitution", "player_in", lambda e: True),
    "sub_off": ("substitution", "player_out", lambda e: True),
}
# Attributes a scorer's mark may carry when its sentence tells them.
ATTRIBUTES = ("penalty", "header")
# Which mark each filled event field asks for.
FIELD_ROLE = {("goal", "assister"): "assister", ("save", "goalkeeper"): "keeper",
              ("save", "shooter"): "shooter", ("miss", "player"): "miss",
              ("substitution", "player_in"): "sub_on", ("substitution", "player_out"): "sub_off"}

MENTION = re.compile(r"\[([^\[\]\n]+)\]\(([A-Z]+)(?:=([^()\n]+))?\)(?:\{([a-z_, ]*)\})?")
STANDOFF = re.compile(r"^(\d+) (\d+) ([A-Z]+) (.+?)(?: =(.+?))?(?: \{([a-z_, ]*)\})?$")


class Problems(list):
    def add(self, path, line, msg):
        self.append(f"{path}:{line}: {msg}")


def shared_data():
    """../shared/data beside the checkout, or TOUCHLINE_SHARED."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.environ.get("TOUCHLINE_SHARED") or os.path.join(os.path.dirname(root), "shared", "data")


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def words(s):
    return s.casefold().split()


def contains(big, small):
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


def parse_roles(raw, path, line, problems):
    if raw is None:
        return []
    roles = [r.strip() for r in raw.split(",") if r.strip()]
    for r in roles:
        if r not in ROLES and r not in ATTRIBUTES:
            problems.add(path, line, f"unknown role {r!r} (roles: {', '.join(ROLES)}; "
                         f"attributes: {', '.join(ATTRIBUTES)})")
    if any(a in roles for a in ATTRIBUTES) and not {"scorer", "own_goal"} & set(roles):
        problems.add(path, line, "penalty/header go with a scorer or own_goal mark")
    return roles


def mention(start, end, label, surface, ref, roles, line):
    return {"start": start, "end": end, "label": label, "text": surface,
            "explicit_ref": ref.strip() if ref else None, "roles": roles, "line": line}


def parse_inline(raw, first_line, path, problems):
    """Strips the inline marks; returns text and mentions with char offsets."""
    text, mentions, pos = [], [], 0
    out_len = 0
    for m in MENTION.finditer(raw):
        chunk = raw[pos:m.start()]
        text.append(chunk)
        out_len += len(chunk)
        surface, label, ref = m.group(1), m.group(2), m.group(3)
        line = first_line + raw.count("\n", 0, m.start())
        roles = parse_roles(m.group(4), path, line, problems)
        if label not in LABELS:
            problems.add(path, line, f"unknown label {label!r} on {surface!r}")
        else:
            if surface != surface.strip() or surface.endswith("'s"):
                problems.add(path, line, f"mention {surface!r}: no outer spaces or possessive 's inside")
            mentions.append(mention(out_len, out_len + len(surface), label, surface, ref, roles, line))
        text.append(surface)
        out_len += len(surface)
        pos = m.end()
    text.append(raw[pos:])
    joined = "".join(text)
    for stray in re.finditer(r"\]\(|\[[^\]\n]*\]\(", joined):
        problems.add(path, first_line + joined.count("\n", 0, stray.start()),
                     "malformed mention mark (expected [text](LABEL) or [text](LABEL=Name))")
    return joined, mentions


def resolve_refs(mentions, path, problems):
    """Fills each mention's ref: explicit, else the one longest mention containing it."""
    for m in mentions:
        if m["explicit_ref"]:
            m["ref"] = m["explicit_ref"]
    for m in mentions:
        if "ref" in m:
            continue
        mine = words(m["text"])
        containers = {}
        for o in mentions:
            if GROUP[o["label"]] == GROUP[m["label"]] and len(words(o["text"])) > len(mine) \
                    and contains(words(o["text"]), mine):
                containers[o["text"]] = o
        maximal = [o for t, o in containers.items()
                   if not any(t != u and contains(words(u), words(t)) for u in containers)]
        refs = sorted({o.get("explicit_ref") or o["text"] for o in maximal})
        if len(refs) > 1:
            problems.add(path, m["line"], f"{m['text']!r} could be any of {refs}: write "
                         f"[{m['text']}]({m['label']}=Full Name)")
        m["ref"] = refs[0] if refs else m["text"]
    names = {}
    for m in mentions:
        names.setdefault(GROUP[m["label"]], set()).add(m["text"])
    for m in mentions:
        if m["ref"] not in names.get(GROUP[m["label"]], ()):
            problems.add(path, m["line"], f"ref {m['ref']!r} of {m['text']!r} is not the text "
                         "of any mention of the same kind in this report")


def parse_value(key, value, path, line, problems):
    if key in ("minute", "home_score", "away_score"):
        if not re.fullmatch(r"\d+", value):
            problems.add(path, line, f"{key} must be a whole number, got {value!r}")
            return None
        n = int(value)
        if key == "minute" and not 0 <= n <= 130:
            problems.add(path, line, f"minute {n} outside 0..=130")
        return n
    return value


def parse_facts(lines, first_line, refs, path, problems):
    """Events (each with its line and `implicit` flag, removed before output) and match."""
    events, match = [], None
    for i, line in enumerate(lines):
        lineno = first_line + i
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        kind, fields = parts[0], {}
        for p in parts[1:]:
            if "=" in p:
                k, v = (x.strip() for x in p.split("=", 1))
            else:
                k, v = p, True
            if k in fields:
                problems.add(path, lineno, f"field {k!r} given twice")
            fields[k] = v
        implicit = fields.pop(IMPLICIT, None) is True
        if kind == "match":
            if match is not None:
                problems.add(path, lineno, "more than one match line")
            allowed = ["home", "away", "home_score", "away_score", "competition", "venue"]
            roles = MATCH_FIELDS
        elif kind in EVENTS:
            allowed, roles = EVENTS[kind]
        else:
            problems.add(path, lineno, f"unknown fact type {kind!r}")
            continue
        for k in fields:
            if k not in allowed:
                problems.add(path, lineno, f"{kind} has no field {k!r} (allowed: {', '.join(allowed)})")
        record = {} if kind == "match" else {"type": kind}
        for k in allowed:
            v = fields.get(k)
            if k in FLAGS:
                if v not in (None, True):
                    problems.add(path, lineno, f"{k} is a bare flag")
                record[k] = v is True
                continue
            if v is True:
                problems.add(path, lineno, f"{k} needs a value")
                v = None
            if v is not None:
                v = parse_value(k, v, path, lineno, problems)
            if v is not None and k in roles and v not in refs.get(roles[k], ()):
                problems.add(path, lineno, f"{k}={v!r} is not the canonical name of any "
                             f"{roles[k]} mention in this report")
            record[k] = v
        if kind == "card" and record["card"] not in ("yellow", "red"):
            problems.add(path, lineno, "card must be yellow or red")
        primary = allowed[0]
        if kind != "match" and record[primary] is None:
            problems.add(path, lineno, f"{kind} needs {primary}")
        if kind == "match":
            match = record
        else:
            events.append((record, lineno, implicit))
    return events, match


def check_roles(mentions, events, path, problems):
    """Every mark is backed by an event; every named role of an event is marked at least
    once (unless the fact line says `implicit`)."""
    for m in mentions:
        for r in m["roles"]:
            if r in ATTRIBUTES:
                if not any(e["type"] == "goal" and e["scorer"] == m["ref"] and e[r] for e, _, _ in events):
                    problems.add(path, m["line"], f"{m['text']!r} marked {r} but no {r} goal by {m['ref']!r}")
                continue
            kind, field, cond = ROLES[r]
            if GROUP[m["label"]] != "person":
                problems.add(path, m["line"], f"role {r} on {m['label']} mention {m['text']!r}")
            elif not any(e["type"] == kind and e[field] == m["ref"] and cond(e) for e, _, _ in events):
                problems.add(path, m["line"], f"{m['text']!r} marked {r} but no {kind} has "
                             f"{field}={m['ref']!r}" + (" with that card" if kind == "card" else ""))
    marked = {(m["ref"], r) for m in mentions for r in m["roles"]}
    for e, line, implicit in events:
        if implicit:
            continue
        wanted = []
        if e["type"] == "goal":
            wanted.append(("own_goal" if e["own_goal"] else "scorer", e["scorer"]))
        if e["type"] == "card":
            wanted.append(("booked" if e["card"] == "yellow" else "sent_off", e["player"]))
        for (kind, field), role in FIELD_ROLE.items():
            if e["type"] == kind and e[field]:
                wanted.append((role, e[field]))
        for role, name in wanted:
            if (name, role) not in marked:
                problems.add(path, line, f"no mention of {name!r} is marked {{{role}}} "
                             f"(mark one, or write `| {IMPLICIT}` if only a description tells it)")


def read_header(lines):
    header, i = {}, 0
    while i < len(lines) and lines[i].startswith("# "):
        key, _, value = lines[i][2:].partition(":")
        header[key.strip()] = value.strip()
        i += 1
    return header, i


def read_source(header, path, problems):
    """A standoff file's source text, refused when its hash no longer matches."""
    src, want = header.get("source"), header.get("sha256")
    if not src or not want:
        problems.add(path, 1, "a standoff file needs `# source:` and `# sha256:` header lines")
        return None
    full = os.path.join(shared_data(), src)
    try:
        with open(full, "rb") as f:
            data = f.read()
    except OSError as e:
        problems.add(path, 1, f"cannot read source {full}: {e.strerror}")
        return None
    got = hashlib.sha256(data).hexdigest()
    if got != want:
        problems.add(path, 1, f"source {src} has changed (sha256 {got[:12]}…, annotated "
                     f"{want[:12]}…): its offsets no longer hold; re-annotate it")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.add(path, 1, f"source {src} is not UTF-8: {e}")
        return None


def parse_standoff(lines, first, text, path, problems):
    mentions = []
    for i, line in enumerate(lines):
        lineno = first + i
        if not line.strip():
            continue
        m = STANDOFF.match(line)
        if not m:
            problems.add(path, lineno, "expected `START END LABEL text[ =Ref][ {roles}]`")
            continue
        start, end, label, surface = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        if label not in LABELS:
            problems.add(path, lineno, f"unknown label {label!r}")
            continue
        if text[start:end] != surface:
            problems.add(path, lineno, f"chars {start}..{end} hold {text[start:end]!r}, not {surface!r}")
        mentions.append(mention(start, end, label, surface, m.group(5),
                                parse_roles(m.group(6), path, lineno, problems), lineno))
    return mentions


def build_one(path, rel):
    """One source file -> (record or None, problems)."""
    problems = Problems()
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header, i = read_header(lines)
    try:
        sep = lines.index("===", i)
    except ValueError:
        problems.add(path, len(lines), "no '===' line between the text and the facts")
        return None, problems
    if path.endswith(".ann"):
        text = read_source(header, path, problems)
        if text is None:
            return None, problems
        mentions = parse_standoff(lines[i:sep], i + 1, text, path, problems)
        source = header["source"]
        roles_marked = True
    else:
        body = lines[i:sep]
        while body and not body[0].strip():
            body.pop(0)
            i += 1
        while body and not body[-1].strip():
            body.pop()
        text, mentions = parse_inline("\n".join(line.rstrip() for line in body), i + 1, path, problems)
        source = rel
        roles_marked = header.get("roles") == "marked"
    resolve_refs(mentions, path, problems)
    refs = {}
    for m in mentions:
        refs.setdefault(GROUP[m["label"]], set()).add(m["ref"])
    events, match = parse_facts(lines[sep + 1:], sep + 2, refs, path, problems)
    if roles_marked:
        check_roles(mentions, events, path, problems)
    elif any(m["roles"] for m in mentions):
        problems.add(path, 1, "role marks in a file without `# roles: marked`")
    events = [e for e, _, _ in events]
    if match and match.get("home_score") is not None:
        for side, want in ((match["home"], match["home_score"]), (match["away"], match["away_score"])):
            got = sum(1 for e in events if e["type"] == "goal" and e["team"] == side)
            if got != want:
                problems.add(path, sep + 1, f"goals credited to {side!r}: {got}, final score says {want}")
    entities = []
    for m in mentions:
        e = {k: m[k] for k in ("start", "end", "label", "text", "ref")}
        if m["roles"]:
            e["roles"] = m["roles"]
        entities.append(e)
    record = {
        "id": header.get("id") or os.path.splitext(os.path.basename(path))[0],
        "source": source,
        "text": text,
        "entities": entities,
        "events": events,
        "match": match,
    }
    if roles_marked:
        record["roles_marked"] = True
    return record, problems


# --- conversions between the two forms (used by scripts/annotate) ----------------------

def mark(text, mentions):
    """Inline text: `text` with each mention written as a mark."""
    out, pos = [], 0
    for m in sorted(mentions, key=lambda m: m["start"]):
        out.append(text[pos:m["start"]])
        ref = f"={m['ref']}" if m.get("ref") and m["ref"] != m["text"] else ""
        roles = "{" + ",".join(m["roles"]) + "}" if m.get("roles") else ""
        out.append(f"[{text[m['start']:m['end']]}]({m['label']}{ref}){roles}")
        pos = m["end"]
    out.append(text[pos:])
    return "".join(out)


def align(edited, source):
    """Maps char offsets of `edited` onto `source` where the two agree (an annotator's
    copy may have lost a trailing space or a final newline)."""
    sm = difflib.SequenceMatcher(None, edited, source, autojunk=False)
    table = {}
    for a, b, n in sm.get_matching_blocks():
        for k in range(n + 1):
            table[a + k] = b + k
    return table


def standoff_lines(header, mentions):
    lines = [f"# {k}: {v}" for k, v in header.items()]
    for m in sorted(mentions, key=lambda m: (m["start"], m["end"])):
        ref = f" ={m['explicit_ref']}" if m.get("explicit_ref") else ""
        roles = " {" + ",".join(m["roles"]) + "}" if m["roles"] else ""
        lines.append(f"{m['start']} {m['end']} {m['label']} {m['text']}{ref}{roles}")
    return lines
