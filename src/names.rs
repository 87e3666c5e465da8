//! Name comparison shared by coreference, events and evaluation: case- and accent-folding
//! (so `Ødegaard`, `ODEGAARD` and `Odegaard` compare equal) and word splitting.
//!
//! ```
//! use touchline::names::{fold, words};
//!
//! assert_eq!(fold("Martin Ødegaard's"), "martin odegaard");
//! assert_eq!(fold("İlkay GÜNDOĞAN"), "ilkay gundogan");
//! assert_eq!(words("Son Heung-min"), vec!["son", "heung-min"]);
//! ```

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower-cases, strips accents, maps letters that do not decompose (ø, ł, ß, ...), drops a
/// trailing possessive and squeezes whitespace. Equal folds mean "the same name" for
/// scoring (SPEC: case- and accent-folded, trailing possessive 's dropped).
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    let squeezed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    match squeezed
        .strip_suffix("'s")
        .or_else(|| squeezed.strip_suffix('\''))
    {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => squeezed,
    }
}

/// Whether a capital `next` after `word` (the letters of one word so far) is a seam
/// where a scraped page glued two texts together ("Leeds United pageGo", "at Elland
/// RoadLeeds forward"): a lowercase letter followed by a capital, three letters
/// or more into the word. "McCarthy", "MacAllister", "DeAndre" and "VfL" have no seam.
pub fn glue_seam(word: &str, next: char) -> bool {
    const PREFIXES: [&str; 10] = [
        "mac", "she", "van", "von", "del", "der", "den", "des", "les", "los",
    ];
    next.is_uppercase()
        && word.chars().next_back().is_some_and(char::is_lowercase)
        && word.chars().count() >= 3
        && !PREFIXES.contains(&word.to_lowercase().as_str())
}

/// The folded words of a name.
pub fn words(name: &str) -> Vec<String> {
    fold(name).split(' ').map(str::to_string).collect()
}

/// Whether `small`'s words appear contiguously in `big`'s words.
pub fn contains_words(big: &[String], small: &[String]) -> bool {
    !small.is_empty() && big.windows(small.len()).any(|w| w == small)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_possessives() {
        assert_eq!(fold("Kylian Mbappé"), fold("KYLIAN MBAPPE"));
        assert_eq!(fold("Łukasz  Fabiański"), "lukasz fabianski");
        assert_eq!(fold("Yarmolenko’s"), "yarmolenko");
        assert_eq!(fold("Ait-Nouri"), "ait-nouri");
        assert_ne!(fold("Gary Neville"), fold("Phil Neville"));
    }

    #[test]
    fn word_containment() {
        let big = words("Son Heung-min");
        assert!(contains_words(&big, &words("Heung-min")));
        assert!(!contains_words(&big, &words("Heung")));
        assert!(!contains_words(&big, &[]));
    }
}
