//! Training corpora as `Example`s (text + labelled char spans + spans to leave out of
//! the loss): the team's SPEC-format annotations and CoNLL-style corpora with their
//! labels mapped onto ours.

use super::{Example, RoleExample};
use crate::doc::{CharIndex, Doc, EventKind, Kind, Label, MentionRole, Record, Span};
use crate::eval::Prf;
use crate::events::context::split_sentences;
use crate::export::read_records;
use crate::names::fold;
use anyhow::{bail, Result};
use std::collections::HashSet;
use std::path::Path;

/// Examples from a SPEC JSONL file (gold or `data/train`). Malformed lines are errors:
/// training on a silently shortened file would be worse than not training.
pub fn from_records(path: &Path) -> Result<Vec<Example>> {
    Ok(read_records(path)?
        .all()?
        .into_iter()
        .map(|r| Example {
            roles: r.roles_marked.then(|| role_example(&r)),
            spans: r.entities.iter().map(|m| (m.span(), m.label)).collect(),
            masked: Vec::new(),
            text: r.text.unwrap_or_default(),
        })
        .collect())
}

/// The role targets of a role-marked record: every person mention with its marks, and
/// within each sentence every pair of a joining mention (assister, shooter, player going
/// off) and a mention in its partner role (scorer, keeper, player coming on), labelled
/// by whether the record's events put the two in one event.
pub fn role_example(r: &Record) -> RoleExample {
    let text = r.text.as_deref().unwrap_or("");
    let index = CharIndex::new(text);
    let people: Vec<_> = r
        .entities
        .iter()
        .filter(|m| m.label.kind() == Kind::Person)
        .collect();
    let linked = |joiner: &str, primary: &str, role: MentionRole| {
        r.events.iter().any(|e| {
            let (p, j) = match (&e.kind, role) {
                (
                    EventKind::Goal {
                        scorer, assister, ..
                    },
                    MentionRole::Assister,
                ) => (scorer.as_str(), assister.as_deref()),
                (
                    EventKind::Save {
                        goalkeeper,
                        shooter,
                    },
                    MentionRole::Shooter,
                ) => (goalkeeper.as_str(), shooter.as_deref()),
                (
                    EventKind::Substitution {
                        player_in,
                        player_out,
                    },
                    MentionRole::SubOff,
                ) => (player_in.as_str(), player_out.as_deref()),
                _ => return false,
            };
            fold(p) == fold(primary) && j.is_some_and(|j| fold(j) == fold(joiner))
        })
    };
    let mut links = Vec::new();
    for sentence in split_sentences(text) {
        let span = index.span_of_bytes(sentence.start, sentence.end);
        let here: Vec<_> = people.iter().filter(|m| span.contains(&m.span())).collect();
        for j in &here {
            for role in j.roles.iter().filter_map(|r| r.partner().map(|p| (*r, p))) {
                for p in here
                    .iter()
                    .filter(|p| p.span() != j.span() && p.roles.contains(&role.1))
                {
                    let belongs = linked(j.canonical(), p.canonical(), role.0);
                    links.push((j.span(), p.span(), belongs));
                }
            }
        }
    }
    RoleExample {
        mentions: people.iter().map(|m| (m.span(), m.roles.clone())).collect(),
        links,
        unknown: Vec::new(),
    }
}

/// The roles silver labels vouch for: a goal's, as the headline's score checks them.
const SILVER_ROLES: [MentionRole; 5] = [
    MentionRole::Scorer,
    MentionRole::OwnGoal,
    MentionRole::Assister,
    MentionRole::Penalty,
    MentionRole::Header,
];

/// Examples from silver records (`scripts/silver`: the rule reader's output on real
/// reports whose goals add up to their headline's score). Only goal roles count: the
/// scorer or assister mention inside a goal's evidence sentence is marked; another mention
/// of a scorer or assister (a second telling the rules merged, or a bare repeat) is left
/// out, since the record cannot say which it is; every other person mention is marked as
/// no goal role. Names are left out of the loss: they are the model's own predictions.
pub fn silver_examples(path: &Path) -> Result<Vec<Example>> {
    Ok(read_records(path)?
        .all()?
        .into_iter()
        .map(silver_example)
        .collect())
}

fn silver_example(mut r: Record) -> Example {
    let text = r.text.clone().unwrap_or_default();
    let length = text.chars().count();
    let goals: Vec<_> = r
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Goal {
                scorer,
                assister,
                penalty,
                own_goal,
                header,
                ..
            } => Some((e.evidence?, scorer, assister, *penalty, *own_goal, *header)),
            _ => None,
        })
        .collect();
    let mut unsure = Vec::new();
    for m in r
        .entities
        .iter_mut()
        .filter(|m| m.label.kind() == Kind::Person)
    {
        let name = fold(m.canonical());
        let mut roles = Vec::new();
        let mut named = false;
        for (evidence, scorer, assister, penalty, own_goal, header) in &goals {
            let told_here = evidence[0] <= m.start && m.end <= evidence[1];
            if fold(scorer) == name {
                named = true;
                if told_here {
                    roles.push(if *own_goal {
                        MentionRole::OwnGoal
                    } else {
                        MentionRole::Scorer
                    });
                    roles.extend(penalty.then_some(MentionRole::Penalty));
                    roles.extend(header.then_some(MentionRole::Header));
                }
            }
            if assister.as_deref().is_some_and(|a| fold(a) == name) {
                named = true;
                if told_here {
                    roles.push(MentionRole::Assister);
                }
            }
        }
        roles.sort();
        roles.dedup();
        if named && roles.is_empty() {
            unsure.push(m.span());
        }
        m.roles = roles;
    }
    let mut roles = role_example(&r);
    roles.mentions.retain(|(span, _)| !unsure.contains(span));
    roles.unknown = MentionRole::ALL
        .into_iter()
        .filter(|role| !SILVER_ROLES.contains(role))
        .collect();
    Example {
        text,
        spans: Vec::new(),
        masked: vec![Span::new(0, length)],
        roles: Some(roles),
    }
}

/// What a CoNLL entity becomes: one of our labels, or left out of the loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mapped {
    Label(Label),
    Masked,
}

/// CoNLL-2003 on football pages: clubs are ORG, people are players unless the words
/// just before name a coach or a referee; LOC (national sides and cities alike) and MISC
/// (competitions and nationalities alike) are ambiguous, so they are left out.
pub fn conll2003_football(tag: &str, before: &[String]) -> Mapped {
    let near = |cues: &[&str]| {
        before
            .iter()
            .rev()
            .take(3)
            .any(|w| cues.contains(&w.to_lowercase().as_str()))
    };
    match tag {
        "PER" if near(&["coach", "manager", "boss", "trainer", "coach:", "manager:"]) => {
            Mapped::Label(Label::Coach)
        }
        "PER" if near(&["referee", "referee:", "ref", "ref:"]) => Mapped::Label(Label::Referee),
        "PER" => Mapped::Label(Label::Player),
        "ORG" => Mapped::Label(Label::Club),
        _ => Mapped::Masked,
    }
}

/// CoNLL-2003 folded onto PER/ORG/LOC/MISC, for comparison with published figures.
pub fn conll_folded(label: Label) -> &'static str {
    match label {
        Label::Player | Label::Coach | Label::Referee => "PER",
        Label::Club => "ORG",
        Label::Team | Label::Venue => "LOC",
        Label::Competition => "MISC",
    }
}

/// One CoNLL sentence: its tokens joined by spaces, and its entities as (span, type).
#[derive(Debug, Clone)]
pub struct ConllSentence {
    pub text: String,
    pub entities: Vec<(Span, String)>,
    pub tokens: Vec<String>,
}

/// Reads `token ... TAG` lines (IOB1 or IOB2; tag in the last column), sentences split
/// by blank lines, `-DOCSTART-` and `#` comment lines skipped.
pub fn read_conll(path: &Path) -> Result<Vec<ConllSentence>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut tokens: Vec<(String, String)> = Vec::new();
    let flush = |tokens: &mut Vec<(String, String)>, out: &mut Vec<ConllSentence>| {
        if !tokens.is_empty() {
            out.push(sentence(tokens));
            tokens.clear();
        }
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut tokens, &mut out);
            continue;
        }
        if line.starts_with("-DOCSTART-") || line.starts_with("# ") {
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        match (cols.first(), cols.last()) {
            (Some(tok), Some(tag)) if cols.len() >= 2 => {
                tokens.push((tok.to_string(), tag.to_string()))
            }
            _ => bail!("{}:{}: expected `token ... TAG`", path.display(), i + 1),
        }
    }
    flush(&mut tokens, &mut out);
    Ok(out)
}

fn sentence(tokens: &[(String, String)]) -> ConllSentence {
    let mut text = String::new();
    let mut chars = 0;
    let mut entities: Vec<(Span, String)> = Vec::new();
    let mut prev_type: Option<String> = None;
    for (tok, tag) in tokens {
        if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        let start = chars;
        text.push_str(tok);
        chars += tok.chars().count();
        let (prefix, ty) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        if prefix == "O" || ty.is_empty() {
            prev_type = None;
            continue;
        }
        let continues = prefix == "I" && prev_type.as_deref() == Some(ty);
        match entities.last_mut() {
            Some((span, _)) if continues => span.end = chars,
            _ => entities.push((Span::new(start, chars), ty.to_string())),
        }
        prev_type = Some(ty.to_string());
    }
    ConllSentence {
        text,
        entities,
        tokens: tokens.iter().map(|t| t.0.clone()).collect(),
    }
}

/// Examples from a CoNLL file with `map` deciding each entity's fate given its type
/// and the words before it.
pub fn conll_examples(path: &Path, map: fn(&str, &[String]) -> Mapped) -> Result<Vec<Example>> {
    Ok(read_conll(path)?
        .into_iter()
        .map(|s| {
            let mut ex = Example {
                roles: None,
                text: s.text.clone(),
                spans: Vec::new(),
                masked: Vec::new(),
            };
            for (span, ty) in &s.entities {
                let before: Vec<String> = s
                    .text
                    .chars()
                    .take(span.start)
                    .collect::<String>()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                match map(ty, &before) {
                    Mapped::Label(l) => ex.spans.push((*span, l)),
                    Mapped::Masked => ex.masked.push(*span),
                }
            }
            ex
        })
        .collect())
}

/// Entity scores on a CoNLL-2003 file with touchline's labels folded back by
/// [`conll_folded`], for comparison with published CoNLL figures: one row per type
/// (PER, ORG, LOC) and their micro average. MISC is left out on both sides, as touchline
/// has no class for nationalities, events and the like.
pub fn conll_scores(tagger: &crate::ner::Tagger, path: &Path) -> Result<Vec<(String, Prf)>> {
    let sentences = read_conll(path)?;
    let mut docs: Vec<Doc> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| Doc::new(i.to_string(), &s.text))
        .collect();
    tagger.tag(&mut docs)?;
    let types = ["PER", "ORG", "LOC"];
    let mut counts = [(0usize, 0usize, 0usize); 3];
    for (s, doc) in sentences.iter().zip(&docs) {
        let gold: HashSet<(usize, usize, &str)> = s
            .entities
            .iter()
            .map(|(sp, t)| (sp.start, sp.end, t.as_str()))
            .collect();
        let pred: HashSet<(usize, usize, &str)> = doc
            .mentions
            .iter()
            .map(|m| (m.start, m.end, conll_folded(m.label)))
            .collect();
        for (k, ty) in types.iter().enumerate() {
            let g = gold.iter().filter(|x| x.2 == *ty).count();
            let p = pred.iter().filter(|x| x.2 == *ty).count();
            let tp = pred
                .iter()
                .filter(|x| x.2 == *ty && gold.contains(x))
                .count();
            counts[k].0 += tp;
            counts[k].1 += p - tp;
            counts[k].2 += g - tp;
        }
    }
    let mut rows: Vec<(String, Prf)> = types
        .iter()
        .zip(counts)
        .map(|(t, (tp, fp, fn_))| (t.to_string(), Prf::from_counts(tp, fp, fn_)))
        .collect();
    let (tp, fp, fn_) = counts
        .iter()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    rows.push(("PER+ORG+LOC".to_string(), Prf::from_counts(tp, fp, fn_)));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_sentences_keep_entity_spans() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.txt");
        std::fs::write(&p, "-DOCSTART- -X- O O\n\nManager NN O O\nAlex NNP B-NP B-PER\nFerguson NNP I-NP I-PER\npraised VB O O\nUnited NNP O B-ORG\n\nParis NNP O I-LOC\n").unwrap();
        let s = read_conll(&p).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "Manager Alex Ferguson praised United");
        assert_eq!(
            s[0].entities,
            vec![
                (Span::new(8, 21), "PER".into()),
                (Span::new(30, 36), "ORG".into())
            ]
        );
        // IOB1: an I- tag may open an entity.
        assert_eq!(s[1].entities, vec![(Span::new(0, 5), "LOC".into())]);
        let ex = conll_examples(&p, conll2003_football).unwrap();
        assert_eq!(
            ex[0].spans,
            vec![
                (Span::new(8, 21), Label::Coach),
                (Span::new(30, 36), Label::Club)
            ]
        );
        assert_eq!(ex[1].masked, vec![Span::new(0, 5)]);
    }
}

#[cfg(test)]
mod silver_tests {
    use super::*;

    /// A silver record as scripts/silver keeps it: the rule reader's goal with its
    /// evidence sentence, the scorer named again in a later sentence.
    const SILVER: &str = r#"{"id":"s","text":"Bukayo Saka fired home from Martin Odegaard's pass. Saka later hobbled off as Declan Rice watched.","entities":[
      {"start":0,"end":11,"label":"PLAYER","text":"Bukayo Saka","ref":"Bukayo Saka"},
      {"start":28,"end":43,"label":"PLAYER","text":"Martin Odegaard","ref":"Martin Odegaard"},
      {"start":52,"end":56,"label":"PLAYER","text":"Saka","ref":"Bukayo Saka"},
      {"start":78,"end":89,"label":"PLAYER","text":"Declan Rice","ref":"Declan Rice"}],
      "events":[{"type":"goal","scorer":"Bukayo Saka","assister":"Martin Odegaard","team":"Arsenal","penalty":false,"own_goal":false,"header":false,"minute":null,"evidence":[0,51]}],
      "match":null}"#;

    #[test]
    fn silver_marks_goal_roles_in_the_evidence_sentence_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("silver.jsonl");
        std::fs::write(&path, SILVER.replace('\n', "") + "\n").unwrap();
        let ex = silver_examples(&path).unwrap();
        let roles = ex[0].roles.as_ref().unwrap();
        assert_eq!(
            roles.mentions,
            vec![
                (Span::new(0, 11), vec![MentionRole::Scorer]),
                (Span::new(28, 43), vec![MentionRole::Assister]),
                // "Saka later hobbled off": a repeat the record cannot place, left out.
                (Span::new(78, 89), vec![]),
            ]
        );
        assert_eq!(
            roles.links,
            vec![(Span::new(28, 43), Span::new(0, 11), true)]
        );
        // Saves, cards and substitutions are not vouched for; names not trained on.
        assert!(roles.unknown.contains(&MentionRole::Keeper));
        assert!(!roles.unknown.contains(&MentionRole::Scorer));
        assert!(ex[0].spans.is_empty());
        assert_eq!(ex[0].masked, vec![Span::new(0, 98)]);
    }
}
