//! What the event rules read: the report cut into sentences, and each sentence as a
//! *template* in which every mention is replaced by a slot (`@Pa` for the first player,
//! `@Sb` for the second side, ...). Rules are regexes over templates, so a pattern reads
//! like the prose it matches: `@P(\w+) (?:headed|fired) home`.
//!
//! Quoted speech is left out of templates (replaced by `"…"`): a manager saying "the
//! first goal was a mistake" is not a goal. Rules read the narration.
//!
//! All positions here are byte offsets into the report text; they become chars in one
//! place, `CharIndex`, when events are written.

use crate::doc::{CharIndex, Doc, Label};
use crate::names::glue_seam;
use std::ops::Range;

/// A mention as the rules see it: byte span, label, canonical name.
#[derive(Debug, Clone)]
pub struct Slot {
    pub span: Range<usize>,
    pub label: Label,
    pub name: String,
    pub text: String,
}

/// One sentence: its byte range, its mentions, and its template.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Range<usize>,
    pub slots: Vec<Slot>,
    pub template: String,
}

/// The slot letter for a label: P player, C coach, R referee, S side, V venue,
/// K competition.
pub fn slot_letter(label: Label) -> char {
    match label {
        Label::Player => 'P',
        Label::Coach => 'C',
        Label::Referee => 'R',
        Label::Club | Label::Team => 'S',
        Label::Venue => 'V',
        Label::Competition => 'K',
    }
}

/// Slot index → lowercase letters ("a".."z", "ba", ...), so templates hold no digits that
/// could be read as minutes or scores.
pub fn slot_code(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (i % 26) as u8);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Inverse of [`slot_code`].
pub fn slot_index(code: &str) -> Option<usize> {
    code.bytes().try_fold(0usize, |acc, b| {
        b.is_ascii_lowercase()
            .then(|| acc * 26 + (b - b'a') as usize)
    })
}

impl Sentence {
    /// The slot a template capture such as `a` (from `@Pa`) names.
    pub fn slot(&self, code: &str) -> Option<&Slot> {
        self.slots.get(slot_index(code)?)
    }

    /// Where one of this sentence's slots sits in its template (`@Pc` included).
    pub fn template_span(&self, slot: &Slot) -> Option<Range<usize>> {
        let i = self.slots.iter().position(|x| std::ptr::eq(x, slot))?;
        let code = format!("@{}{}", slot_letter(slot.label), slot_code(i));
        self.template
            .match_indices(&code)
            .map(|(p, _)| p..p + code.len())
            .find(|r| !self.template[r.end..].starts_with(|c: char| c.is_ascii_lowercase()))
    }

    /// Byte offset in the sentence template → byte offset in the report text, for
    /// positions outside slots (good enough to compare distances).
    pub fn text_pos(&self, template_pos: usize) -> usize {
        // shift = template offset minus text offset, accumulated over earlier slots.
        let mut shift: isize = 0;
        for (i, s) in self.slots.iter().enumerate() {
            let slot_start = (s.span.start - self.span.start) as isize + shift;
            if (template_pos as isize) < slot_start {
                break;
            }
            shift += (2 + slot_code(i).len()) as isize - s.span.len() as isize;
        }
        (self.span.start as isize + template_pos as isize - shift).max(self.span.start as isize)
            as usize
    }
}

/// The report as the rules see it.
pub struct Context<'d> {
    pub doc: &'d Doc,
    pub index: CharIndex,
    /// Byte span of each mention, in the order of `doc.mentions`.
    pub mention_spans: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
    /// Byte ranges of quoted speech.
    pub quoted: Vec<Range<usize>>,
}

impl<'d> Context<'d> {
    /// Indices (into the doc's mentions) of the slots among `slots` that name `name`: the
    /// mentions a learned choice's row stands for, for its training labels.
    pub fn mentions_of(&self, slots: &[&Slot], name: &str) -> Vec<usize> {
        slots
            .iter()
            .filter(|x| x.name == name)
            .filter_map(|x| self.mention_spans.iter().position(|m| *m == x.span))
            .collect()
    }

    pub fn new(doc: &'d Doc) -> Context<'d> {
        let index = CharIndex::new(&doc.text);
        let mention_spans: Vec<Range<usize>> = doc
            .mentions
            .iter()
            .map(|m| index.byte_of_char(m.start)..index.byte_of_char(m.end))
            .collect();
        let quoted = quoted_ranges(&doc.text);
        let sentences = split_sentences(&doc.text)
            .into_iter()
            .map(|span| build_sentence(doc, &mention_spans, &quoted, span))
            .collect();
        Context {
            doc,
            index,
            mention_spans,
            sentences,
            quoted,
        }
    }

    /// Adds a slot for a description ("the visitors") standing for `name`, replacing any
    /// mention it overlaps, and re-renders the sentence's template.
    pub fn add_virtual(&mut self, sentence: usize, span: Range<usize>, label: Label, name: String) {
        let text = &self.doc.text;
        let Some(s) = self.sentences.get_mut(sentence) else {
            return;
        };
        if span.start < s.span.start || span.end > s.span.end || span.is_empty() {
            return;
        }
        s.slots
            .retain(|x| x.span.end <= span.start || x.span.start >= span.end);
        s.slots.push(Slot {
            text: text[span.clone()].to_string(),
            span,
            label,
            name,
        });
        s.slots.sort_by_key(|x| x.span.start);
        s.template = render(text, &s.span, &s.slots, &self.quoted);
    }

    pub fn text(&self) -> &'d str {
        &self.doc.text
    }

    /// Char span of a byte range, for `evidence`.
    pub fn chars(&self, span: &Range<usize>) -> [usize; 2] {
        [
            self.index.char_of_byte(span.start),
            self.index.char_of_byte(span.end),
        ]
    }
}

fn build_sentence(
    doc: &Doc,
    spans: &[Range<usize>],
    quoted: &[Range<usize>],
    span: Range<usize>,
) -> Sentence {
    let mut slots: Vec<Slot> = Vec::new();
    for (m, ms) in doc.mentions.iter().zip(spans) {
        let free = slots.last().is_none_or(|l| l.span.end <= ms.start);
        let spoken = quoted
            .iter()
            .any(|q| q.start <= ms.start && ms.end <= q.end);
        if ms.start >= span.start && ms.end <= span.end && free && !spoken {
            slots.push(Slot {
                span: ms.clone(),
                label: m.label,
                name: m.canonical().to_string(),
                text: m.text.clone(),
            });
        }
    }
    let template = render(&doc.text, &span, &slots, quoted);
    Sentence {
        span,
        slots,
        template,
    }
}

/// The sentence text with each slot replaced by its code and quoted speech by `"…"`.
fn render(text: &str, span: &Range<usize>, slots: &[Slot], quoted: &[Range<usize>]) -> String {
    let mut template = String::new();
    let mut pos = span.start;
    for (i, slot) in slots.iter().enumerate() {
        narrate(text, pos..slot.span.start, quoted, &mut template);
        template.push('@');
        template.push(slot_letter(slot.label));
        template.push_str(&slot_code(i));
        pos = slot.span.end;
    }
    narrate(text, pos..span.end, quoted, &mut template);
    template
}

/// Appends `text[range]` with each quoted stretch replaced by `"…"`.
fn narrate(text: &str, range: Range<usize>, quoted: &[Range<usize>], out: &mut String) {
    let mut pos = range.start;
    for q in quoted
        .iter()
        .filter(|q| q.start < range.end && range.start < q.end)
    {
        let (a, b) = (q.start.max(range.start), q.end.min(range.end));
        if a > pos {
            out.push_str(&text[pos..a]);
        }
        if !out.ends_with("\"…\"") {
            out.push_str("\"…\"");
        }
        pos = pos.max(b);
    }
    if pos < range.end {
        out.push_str(&text[pos..range.end]);
    }
}

/// Byte ranges of quoted speech, quotes included. Straight quotes alternate open and
/// close within a paragraph (one before a space only closes); a quote still open at the paragraph's end runs to it (the
/// convention for speech that continues in the next paragraph).
pub fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev_newline = false;
    for (i, c) in text.char_indices() {
        match c {
            '\n' if prev_newline => {
                if let Some(o) = open.take() {
                    out.push(o..i);
                }
            }
            '"' | '”' if open.is_some() => {
                if let Some(o) = open.take() {
                    out.push(o..i + c.len_utf8());
                }
            }
            // Restored paragraph breaks strand closing quotes at the start of the next
            // paragraph ("accomplished.\n\n\" Ashley Barnes' penalty…"): a straight quote
            // followed by a space opens nothing.
            '"' if text[i + 1..].starts_with(char::is_whitespace) || i + 1 == text.len() => {}
            '"' | '“' => open = Some(i),
            _ => {}
        }
        prev_newline = c == '\n';
    }
    if let Some(o) = open {
        out.push(o..text.len());
    }
    out
}

/// Sentence byte ranges: breaks at blank lines and line ends, at glue seams, and after
/// . ! ? (with closing quotes) before a capital, digit or quote — but not after initials
/// ("S. Dunn") or common abbreviations.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut cut = None;
        if b == b'\n' {
            cut = Some((i, i + 1));
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            // Curly closing quotes are multi-byte.
            while text[end..].starts_with(['”', '’']) {
                end += text[end..].chars().next().map_or(1, char::len_utf8);
            }
            let rest = &text[end..];
            let next = rest.trim_start_matches([' ', '\t']);
            let spaced = rest.len() > next.len();
            let starts_upper = next.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '\'' | '‘')
            });
            if (spaced && starts_upper && !abbreviation_before(text, i))
                || next.starts_with('\n')
                || next.is_empty()
            {
                cut = Some((end, end));
            }
        }
        // A caption or a link glued to the next paragraph ("…celebrates at Elland
        // RoadLeeds forward Reed…") ends where the capital starts.
        if b.is_ascii_uppercase() && i > 0 && bytes[i - 1].is_ascii_lowercase() {
            let word = text[..i]
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_ascii_alphanumeric())
                .map_or(0, |(p, c)| p + c.len_utf8());
            if glue_seam(&text[word..i], char::from(b)) {
                cut = Some((i, i));
            }
        }
        if let Some((end, resume)) = cut {
            push_trimmed(text, start..end, &mut out);
            start = resume;
            i = resume.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..bytes.len(), &mut out);
    out
}

fn abbreviation_before(text: &str, dot: usize) -> bool {
    let word: String = text[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.chars().count() == 1 && word.chars().all(char::is_uppercase)
        || matches!(
            word.as_str(),
            "St" | "Mr" | "Mrs" | "Dr" | "Jr" | "Sr" | "vs" | "v" | "No" | "Ft" | "Mt" | "Ms"
        )
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if r.end - trail > r.start + lead {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Mention;

    /// The sentences `split_sentences` cuts `text` into.
    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn sentences_split_on_stops_not_initials() {
        let text =
            "Ref: S. Dunn took charge. Kane scored!\n\n\"We were good,\" he said. It ended 2-1.";
        assert_eq!(
            sentences(text),
            [
                "Ref: S. Dunn took charge.",
                "Kane scored!",
                "\"We were good,\" he said.",
                "It ended 2-1."
            ]
        );
    }

    #[test]
    fn a_caption_glued_to_the_next_paragraph_is_its_own_sentence() {
        let text = "Reed scores at Elland RoadLeeds led when Tom McCarthy and Joe MacAllister ran. Ödegaard’sHill goal";
        assert_eq!(
            sentences(text),
            [
                "Reed scores at Elland Road",
                "Leeds led when Tom McCarthy and Joe MacAllister ran.",
                "Ödegaard’sHill goal"
            ]
        );
    }

    #[test]
    fn templates_replace_mentions_with_slots() {
        let text = "Ødegaard crossed for Kane to head home at Wembley.";
        let mut doc = Doc::new("t", text);
        for (name, label) in [
            ("Ødegaard", Label::Player),
            ("Kane", Label::Player),
            ("Wembley", Label::Venue),
        ] {
            let b = text.find(name).unwrap();
            let start = text[..b].chars().count();
            doc.mentions.push(Mention::new(
                start,
                start + name.chars().count(),
                label,
                name,
            ));
        }
        let ctx = Context::new(&doc);
        let s = &ctx.sentences[0];
        assert_eq!(s.template, "@Pa crossed for @Pb to head home at @Vc.");
        assert_eq!(s.slot("b").unwrap().name, "Kane");
        let t = s.template.find("to head").unwrap();
        assert_eq!(&text[s.text_pos(t)..s.text_pos(t) + 7], "to head");
        assert_eq!(slot_index(&slot_code(27)), Some(27));
    }

    #[test]
    fn quoted_speech_is_left_out_of_templates() {
        let text = "\"Kane scored a great goal,\" said Mauricio Pochettino after Kane scored.\n\n\"We were happy\nstill quoting";
        let q = quoted_ranges(text);
        assert_eq!(&text[q[0].clone()], "\"Kane scored a great goal,\"");
        assert!(text[q[1].clone()].ends_with("still quoting"));
        let mut doc = Doc::new("t", text);
        for b in [1, text.rfind("Kane").unwrap()] {
            let start = text[..b].chars().count();
            doc.mentions
                .push(Mention::new(start, start + 4, Label::Player, "Kane"));
        }
        let ctx = Context::new(&doc);
        assert_eq!(
            ctx.sentences[0].template,
            "\"…\" said Mauricio Pochettino after @Pa scored."
        );
    }
}
