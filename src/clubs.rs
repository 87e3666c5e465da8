//! The club table the team wrote (`data/clubs.tsv`, compiled into the binary): each
//! club's full name, short names, nicknames and home grounds, for the top two divisions
//! of England, Scotland, Spain, Germany, Italy and France and the women's top divisions
//! of England and Spain. Coreference joins a nickname to the club it names ("the
//! Toffees" → Everton) and the match reader puts a ground's club at home ("at Goodison
//! Park"). Facts only: a report's own words win over the table wherever they speak.
//!
//! ```
//! use touchline::clubs::Clubs;
//!
//! let clubs = Clubs::shipped();
//! let toffees = clubs.named("Toffees");
//! assert_eq!(toffees[0].name, "Everton");
//! assert!(clubs.at_ground("Goodison Park").iter().any(|c| c.name == "Everton"));
//! assert!(toffees[0].is_called("Everton"));
//! ```

use crate::names::fold;
use anyhow::{bail, Result};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Club {
    pub name: String,
    pub country: String,
    pub division: String,
    pub short_names: Vec<String>,
    pub nicknames: Vec<String>,
    pub ground: String,
    pub former_grounds: Vec<String>,
}

impl Club {
    /// Whether `name` is this club's full name or one of its short names.
    pub fn is_called(&self, name: &str) -> bool {
        let n = fold(name);
        fold(&self.name) == n || self.short_names.iter().any(|s| fold(s) == n)
    }

    /// The names a report may use for the club in full, longest first.
    pub fn names(&self) -> Vec<&str> {
        let mut all: Vec<&str> = std::iter::once(self.name.as_str())
            .chain(self.short_names.iter().map(String::as_str))
            .collect();
        all.sort_by_key(|n| std::cmp::Reverse(n.len()));
        all
    }
}

/// The table, indexed by every folded name, short name and nickname, and by ground
/// (whole, and by the words that set it apart).
#[derive(Debug, Default)]
pub struct Clubs {
    clubs: Vec<Club>,
    by_name: HashMap<String, Vec<usize>>,
    by_ground: HashMap<String, Vec<usize>>,
    ground_words: Vec<(Vec<String>, usize)>,
}

static SHIPPED: LazyLock<Clubs> = LazyLock::new(|| {
    Clubs::parse(include_str!("../data/clubs.tsv"), "data/clubs.tsv")
        .expect("data/clubs.tsv is checked by its tests")
});

impl Clubs {
    /// The table shipped in `data/clubs.tsv`.
    pub fn shipped() -> &'static Clubs {
        &SHIPPED
    }

    /// Reads the TSV (a header line, then `club country division short_names nicknames
    /// ground former_grounds`, lists separated by `;`).
    pub fn parse(text: &str, file: &str) -> Result<Clubs> {
        let mut out = Clubs::default();
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 7 {
                bail!(
                    "{file}:{}: expected 7 tab-separated fields, got {}",
                    i + 1,
                    f.len()
                );
            }
            let list = |s: &str| -> Vec<String> {
                s.split(';')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let club = Club {
                name: f[0].trim().to_string(),
                country: f[1].trim().to_string(),
                division: f[2].trim().to_string(),
                short_names: list(f[3]),
                nicknames: list(f[4]),
                ground: f[5].trim().to_string(),
                former_grounds: list(f[6]),
            };
            if club.name.is_empty() || club.ground.is_empty() {
                bail!("{file}:{}: a club needs a name and a ground", i + 1);
            }
            let k = out.clubs.len();
            for n in std::iter::once(&club.name)
                .chain(&club.short_names)
                .chain(&club.nicknames)
            {
                out.by_name.entry(fold(n)).or_default().push(k);
            }
            for g in std::iter::once(&club.ground).chain(&club.former_grounds) {
                out.by_ground.entry(fold(g)).or_default().push(k);
                let words = distinctive(&fold(g));
                if !words.is_empty() {
                    out.ground_words.push((words, k));
                }
            }
            out.clubs.push(club);
        }
        if out.clubs.is_empty() {
            bail!("{file}: no clubs");
        }
        Ok(out)
    }

    pub fn len(&self) -> usize {
        self.clubs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clubs.is_empty()
    }

    /// Clubs a name, short name or nickname may stand for ("the" and a possessive
    /// dropped); several where the name is shared ("Saints").
    pub fn named(&self, name: &str) -> Vec<&Club> {
        let mut n = fold(name);
        if let Some(rest) = n.strip_prefix("the ") {
            n = rest.to_string();
        }
        self.by_name
            .get(&n)
            .map(|ks| ks.iter().map(|&k| &self.clubs[k]).collect())
            .unwrap_or_default()
    }

    /// Whether two names may stand for one club: the same name, or names (or nicknames)
    /// of one club in the table ("Man City" and "Manchester City").
    pub fn same_club(&self, a: &str, b: &str) -> bool {
        fold(a) == fold(b) || {
            let others = self.named(b);
            self.named(a)
                .iter()
                .any(|x| others.iter().any(|y| std::ptr::eq(*x, *y)))
        }
    }

    /// Whether a report's side name stands for `club`: one of its names, or for a women's
    /// side, one of the names of the club it is named after, which reports on women's
    /// matches use ("Tottenham" for "Tottenham Hotspur Women").
    pub fn plays_as(&self, club: &Club, side: &str) -> bool {
        club.is_called(side)
            || club.division.contains(" W")
                && club
                    .name
                    .rsplit_once(' ')
                    .is_some_and(|(base, _)| self.named(base).iter().any(|c| c.is_called(side)))
    }

    /// Clubs whose home is (or was) the named ground: by its full name, else by the
    /// words that set it apart ("the Bernabeu" for "Santiago Bernabéu", "St Mary's" for
    /// "St Mary's Stadium"; "Stadium" or "Park" alone names no ground).
    pub fn at_ground(&self, ground: &str) -> Vec<&Club> {
        let exact = fold(ground);
        let mut keys: Vec<usize> = match self.by_ground.get(&exact) {
            Some(ks) => ks.clone(),
            None => {
                let named = distinctive(&exact);
                let within = |a: &[String], b: &[String]| a.iter().all(|w| b.contains(w));
                self.ground_words
                    .iter()
                    .filter(|(known, _)| {
                        !named.is_empty() && (within(&named, known) || within(known, &named))
                    })
                    .map(|(_, k)| *k)
                    .collect()
            }
        };
        // A club may come twice (its ground and a former one).
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter().map(|k| &self.clubs[k]).collect()
    }
}

/// A folded ground name's words less those many grounds share.
fn distinctive(folded: &str) -> Vec<String> {
    const GENERIC: [&str; 16] = [
        "the", "stadium", "stadio", "estadio", "stade", "park", "road", "lane", "ground", "arena",
        "de", "del", "di", "st", "field", "football",
    ];
    folded
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_end_matches("'s").trim_end_matches('\''))
        .filter(|w| !w.is_empty() && !GENERIC.contains(w))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_covers_the_divisions_the_project_promises() {
        let clubs = Clubs::shipped();
        let per = |d: &str| clubs.clubs.iter().filter(|c| c.division == d).count();
        for (division, at_least) in [
            ("England 1", 20),
            ("England 2", 24),
            ("Scotland 1", 12),
            ("Scotland 2", 10),
            ("Spain 1", 20),
            ("Spain 2", 22),
            ("Germany 1", 18),
            ("Germany 2", 18),
            ("Italy 1", 20),
            ("Italy 2", 20),
            ("France 1", 18),
            ("France 2", 18),
            ("England W1", 12),
            ("Spain W1", 16),
        ] {
            assert!(per(division) >= at_least, "{division}: {}", per(division));
        }
        let mut names: Vec<String> = clubs.clubs.iter().map(|c| fold(&c.name)).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a club listed twice");
    }

    #[test]
    fn nicknames_and_grounds_find_their_clubs() {
        let clubs = Clubs::shipped();
        assert_eq!(clubs.named("the Gunners")[0].name, "Arsenal");
        assert_eq!(clubs.named("Spurs")[0].name, "Tottenham Hotspur");
        assert!(
            clubs.named("Saints").len() >= 2,
            "a shared nickname stays ambiguous"
        );
        assert_eq!(
            clubs.at_ground("White Hart Lane")[0].name,
            "Tottenham Hotspur"
        );
        assert_eq!(clubs.at_ground("the Bernabeu")[0].name, "Real Madrid");
        assert_eq!(clubs.at_ground("St Mary's")[0].name, "Southampton");
        assert!(clubs.at_ground("Stadium").is_empty());
        assert!(clubs.at_ground("the Park").is_empty());
        // A women's side plays under its club's names; a men's side not under hers.
        let women = clubs.at_ground("Brisbane Road")[0];
        assert!(clubs.plays_as(women, "Tottenham") && clubs.plays_as(women, "Spurs"));
        let men = clubs.at_ground("White Hart Lane")[0];
        assert!(!clubs.plays_as(men, "Tottenham Women"));
        assert!(!clubs.plays_as(women, "Arsenal"));
        assert!(clubs.named("Kingsmead Rovers").is_empty());
    }

    #[test]
    fn a_bad_row_is_named_by_line() {
        let err = Clubs::parse("header\nArsenal\tEngland\n", "t.tsv").unwrap_err();
        assert!(format!("{err:#}").contains("t.tsv:2"), "{err:#}");
    }
}
