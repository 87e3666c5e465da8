//! The learned reader: events from what the role model says each person mention does in
//! its sentence ([`MentionRole`] probabilities and link vectors in `Mention::reading`,
//! or the `roles` of a records file, taken as certain). One function per event type;
//! the rules' count and verdict readers ("scored twice", "the winner") still apply to
//! the goals it finds, and the merge, dating and sides that follow are shared with them.
//!
//! ```
//! use touchline::coref::{resolve, CorefConfig};
//! use touchline::doc::{Doc, Label, Mention, MentionRole};
//! use touchline::events::{extract, EventsConfig, Reader};
//!
//! let text = "Bukayo Saka curled in after 23 minutes from Martin Odegaard's pass.";
//! let mut doc = Doc::new("r", text);
//! for (name, role) in [("Bukayo Saka", MentionRole::Scorer), ("Martin Odegaard", MentionRole::Assister)] {
//!     let start = text[..text.find(name).unwrap()].chars().count();
//!     let mut m = Mention::new(start, start + name.chars().count(), Label::Player, name);
//!     m.roles = vec![role];
//!     doc.mentions.push(m);
//! }
//! resolve(&mut doc, &CorefConfig::default());
//! extract(&mut doc, &EventsConfig { reader: Reader::Model, ..EventsConfig::default() });
//! assert_eq!(doc.events.len(), 1);
//! assert_eq!(doc.events[0].kind.primary().1, "Bukayo Saka");
//! assert_eq!(doc.events[0].minute, Some(23));
//! assert_eq!(doc.events[0].by.as_deref(), Some("model scorer 1.00"));
//! ```

use super::context::{Context, Sentence, Slot};
use super::{decided, goal_count, read_candidate, Candidate};
use crate::doc::{Card, EventKind, Label, Mention, MentionRole};

/// A person slot of the sentence with its mention (descriptions have none).
struct Person<'s> {
    slot: &'s Slot,
    mention: &'s Mention,
}

impl Person<'_> {
    fn prob(&self, role: MentionRole) -> f32 {
        match &self.mention.reading {
            Some(r) => r.prob(role),
            None if self.mention.roles.contains(&role) => 1.0,
            None => 0.0,
        }
    }

    /// How likely `self` (in a joining role) belongs to `primary`'s event; without the
    /// model's link vectors, closeness in the sentence decides.
    fn link(&self, primary: &Person) -> f32 {
        match (&self.mention.reading, &primary.mention.reading) {
            (Some(a), Some(b)) => a.link(b),
            _ => {
                let d = self.slot.span.start.abs_diff(primary.slot.span.start) as f32;
                1.0 / (1.0 + d)
            }
        }
    }
}

/// Events the role model reads in one sentence: every mention whose role probability
/// reaches `threshold` (attributes at even odds), joined to its partners by link score.
pub(super) fn candidates(ctx: &Context, s: &Sentence, threshold: f32) -> Vec<Candidate> {
    let people: Vec<Person> = s
        .slots
        .iter()
        .filter(|x| x.label == Label::Player)
        .filter_map(|slot| {
            let i = ctx.mention_spans.iter().position(|m| *m == slot.span)?;
            Some(Person {
                slot,
                mention: &ctx.doc.mentions[i],
            })
        })
        .collect();
    let has = |p: &Person, r: MentionRole| p.prob(r) >= threshold;
    let mut out = Vec::new();
    goals(s, &people, &has, &mut out);
    saves(s, &people, &has, &mut out);
    for p in people.iter().filter(|p| has(p, MentionRole::Miss)) {
        let kind = EventKind::Miss {
            player: p.slot.name.clone(),
        };
        out.push(model_candidate(s, kind, p, MentionRole::Miss));
    }
    for (role, card) in [
        (MentionRole::Booked, Card::Yellow),
        (MentionRole::SentOff, Card::Red),
    ] {
        for p in people.iter().filter(|p| has(p, role)) {
            let kind = EventKind::Card {
                player: p.slot.name.clone(),
                card,
            };
            out.push(model_candidate(s, kind, p, role));
        }
    }
    for p in people.iter().filter(|p| has(p, MentionRole::SubOn)) {
        let out_player =
            partner_of(&people, p, MentionRole::SubOff, &has).map(|o| o.slot.name.clone());
        let kind = EventKind::Substitution {
            player_in: p.slot.name.clone(),
            player_out: out_player.filter(|o| *o != p.slot.name),
        };
        out.push(model_candidate(s, kind, p, MentionRole::SubOn));
    }
    out
}

fn goals(
    s: &Sentence,
    people: &[Person],
    has: &dyn Fn(&Person, MentionRole) -> bool,
    out: &mut Vec<Candidate>,
) {
    let scorers: Vec<&Person> = people
        .iter()
        .filter(|p| has(p, MentionRole::Scorer) || has(p, MentionRole::OwnGoal))
        .collect();
    for p in &scorers {
        let own_goal = p.prob(MentionRole::OwnGoal) > p.prob(MentionRole::Scorer);
        let role = if own_goal {
            MentionRole::OwnGoal
        } else {
            MentionRole::Scorer
        };
        let assister = (!own_goal)
            .then(|| partner_of(people, p, MentionRole::Assister, has))
            .flatten()
            .map(|a| a.slot.name.clone())
            .filter(|a| *a != p.slot.name);
        let kind = EventKind::Goal {
            scorer: p.slot.name.clone(),
            assister,
            team: None,
            penalty: p.prob(MentionRole::Penalty) >= 0.5,
            own_goal,
            header: p.prob(MentionRole::Header) >= 0.5,
        };
        let mut cand = model_candidate(s, kind, p, role);
        cand.count = goal_count(&s.template, s, p.slot);
        cand.decided = decided(&s.template, s, p.slot, scorers.len() == 1);
        out.push(cand);
    }
}

fn saves(
    s: &Sentence,
    people: &[Person],
    has: &dyn Fn(&Person, MentionRole) -> bool,
    out: &mut Vec<Candidate>,
) {
    let keepers: Vec<&Person> = people
        .iter()
        .filter(|p| has(p, MentionRole::Keeper))
        .collect();
    for k in &keepers {
        // Every shooter whose best keeper in the sentence is this one: "saved from A
        // and then from B" is two saves.
        let shooters: Vec<&Person> = people
            .iter()
            .filter(|j| j.slot.name != k.slot.name && has(j, MentionRole::Shooter))
            .filter(|j| {
                keepers
                    .iter()
                    .max_by(|a, b| j.link(a).total_cmp(&j.link(b)))
                    .is_some_and(|best| best.slot.span == k.slot.span)
            })
            .collect();
        if shooters.is_empty() {
            let kind = EventKind::Save {
                goalkeeper: k.slot.name.clone(),
                shooter: None,
            };
            out.push(model_candidate(s, kind, k, MentionRole::Keeper));
        }
        for j in shooters {
            let kind = EventKind::Save {
                goalkeeper: k.slot.name.clone(),
                shooter: Some(j.slot.name.clone()),
            };
            out.push(model_candidate(s, kind, k, MentionRole::Keeper));
        }
    }
}

/// The mention in the joining role `role` that belongs to `primary`'s event: among the
/// sentence's mentions in that role, the one with the best link to it, provided its own
/// best partner (among the mentions in `primary`'s role) is `primary`.
fn partner_of<'p>(
    people: &'p [Person<'p>],
    primary: &Person,
    role: MentionRole,
    has: &dyn Fn(&Person, MentionRole) -> bool,
) -> Option<&'p Person<'p>> {
    let primary_role = role.partner()?;
    let primaries: Vec<&Person> = people
        .iter()
        .filter(|p| {
            has(p, primary_role)
                || (primary_role == MentionRole::Scorer && has(p, MentionRole::OwnGoal))
        })
        .collect();
    people
        .iter()
        .filter(|j| j.slot.span != primary.slot.span && has(j, role))
        .filter(|j| {
            primaries
                .iter()
                .max_by(|a, b| j.link(a).total_cmp(&j.link(b)))
                .is_some_and(|best| best.slot.span == primary.slot.span)
        })
        .max_by(|a, b| a.link(primary).total_cmp(&b.link(primary)))
}

fn model_candidate(s: &Sentence, kind: EventKind, p: &Person, role: MentionRole) -> Candidate {
    let prob = p.prob(role);
    let by = format!("model {} {prob:.2}", role.as_str());
    read_candidate(s, kind, p.slot, prob, by)
}
