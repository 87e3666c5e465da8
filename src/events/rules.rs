//! The prose rules: regular expressions over sentence templates (see `context`), one
//! table per event type. Each rule names its slots — `{scorer}`, `{assister}`,
//! `{keeper}`, `{shooter}`, `{player}`, `{in}`, `{out}`, `{team}` — and matching fills
//! the roles. Reading this file top to bottom is reading how touchline understands a
//! report; to teach it a new phrasing, add a rule to a table.
//!
//! Like Duckling's and spaCy's rulers, a rule is named data with its own examples: the
//! templates it must match and near misses it must not (the tests check both), and each
//! event says which rule read it (`by`: "rule goal finish-into-net").

use super::context::Sentence;
use super::rule_regex;
use regex::Regex;
use std::sync::LazyLock;

/// A run of text between a subject and its verb: no clause break and no other mention,
/// except a possessive one ("Pugh chested down @Pb's cross and volleyed") or one passed
/// on the way ("exchanged passes with @Pb and drove", "rounding @Pc before rolling").
/// Unbounded: sentences bound it, and a bounded repeat of this alternation would compile
/// to a regex hundreds of megabytes large.
const GAP: &str = r"(?:[^@.;:!?]|@[PCR][a-z]+(?:'s\b|')|@[SVK][a-z]+|(?:with|past|beyond|around|round|rounding|rounded|beating|beat|by|evading|skipping past|skipped past|held off|holding off|turned|turning|lost|losing|escaped|escaping|outpaced|outran|shrugged off|evaded|went round|went around|rode|cut inside|cutting inside|jinked past|away from|off) @[PCR][a-z]+(?: inside[- ]out)?(?: (?:on|down|in|at|near|along|towards|by) the (?:[\w-]+ ){0,3}?(?:right|left|flank|wing|byline|touchline|box|area|edge))?,? (?:and|before|then)\b|for @P[a-z]+ to [a-z]+ and\b|(?:outjumped|outjumping|out-jumped|rose above|rising above|beat|beating|rounded|rounding) (?:[\w-]+ ){0,2}?@P[a-z]+ to\b)*?";
/// Up to five words.
const WORDS: &str = r"(?:[\w'’,-]+ ){0,5}?";

/// One prose rule: a pattern over sentence templates, named so an event can say which
/// rule read it, with the templates it must match and near misses it must not.
pub struct Rule {
    /// Short kebab-case name, unique within its table ("finish-into-net").
    pub name: &'static str,
    /// The compiled pattern (see `compile`).
    pub regex: Regex,
    /// Templates the rule must match, as it sees them ("@Pa curled into the far corner").
    pub matches: &'static [&'static str],
    /// Near-miss templates it must not match.
    pub rejects: &'static [&'static str],
}

/// A named rule with its examples: `pattern` as [`compile`] reads it.
fn rule(
    name: &'static str,
    pattern: &str,
    matches: &'static [&'static str],
    rejects: &'static [&'static str],
) -> Rule {
    Rule {
        name,
        regex: compile(pattern),
        matches,
        rejects,
    }
}

/// A player's position or role said before the name ("substitute @Pa").
const POSITION: &str =
    "(?:substitute|defender|striker|midfielder|forward|captain|winger|full-back|centre-back)";

/// Expands `{role}` into a named capture of a slot code (`{team}` a side, others a
/// player), and `{gap}`, `{w}` and `{position}` into their patterns.
fn compile(pattern: &str) -> Regex {
    let mut p = pattern
        .replace("{gap}", GAP)
        .replace("{w}", WORDS)
        .replace("{position}", POSITION);
    for role in [
        "scorer", "assister", "keeper", "shooter", "player", "in", "out", "other",
    ] {
        p = p.replace(&format!("{{{role}}}"), &format!("@P(?P<{role}>[a-z]+)"));
    }
    p = p.replace("{team}", "@S(?P<team>[a-z]+)");
    rule_regex(&format!("(?i){p}")).expect("valid rule")
}

/// Verbs that mean a goal on their own.
const GOAL_VERBS: &str = r"(?:scored|scores|scoring|netted|nets|equalised|equalized|equalises|levelled|leveled|levels|converted|converts|opened the scoring|broke (?:the |their )?(?:@S[a-z]+(?:'s|') )?(?:deadlock|resistance)|(?:was|were|got) (?:also )?on the scoresheet|(?:(?:was|were) )?also on target|forced extra time|found the net|finding the net|finds the net|found the (?:bottom|top|far|near) corner|notched|bagged|(?:pulled|clawed|pegged|clawing|pulling) (?:one|a goal) back|reduced the (?:deficit|arrears)|halved the deficit|completed (?:his|her|a) hat-trick|rounded off (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:scoring|win|victory|rout|comeback|display|performance|afternoon|evening|night)|made it (?:\d+-\d+|two|three|four|five|six)|added (?:a|the) (?:second|third|fourth|fifth|sixth|seventh)|added (?:a|an|another) (?:[\w-]+ )?goal\b|(?:struck|strikes) (?:twice|again|late|early|first|the winner|the opener|for|back)|(?:restore|restored|restores|restoring|extend|extended|extends|extending|increase|increased|increases|stretch|stretched|stretches|double|doubled|doubles|doubling) (?:the|their|his side's|her side's|the home side's|the visitors'|(?:the )?@S[a-z]+(?:'s|')|[\w-]+'s) (?:[\w-]+ )?(?:lead|advantage)|hit back|(?:gave|gives|given|put|puts|fired|fires|headed|heads|sent|edged|nudged|handed|earned|shot|drew|nodded|nods|brought|brings|pulled|slotted|swept|volleyed|drilled|curled|tapped|poked|struck|hammered|lifted|blasted|blasts|smashed|rifled|powered|lashed|thumped|steered|head|fire|put|give|send|nod|slot|sweep|lift|drill|curl|poke|tap|hammer|drawn|draw) (?:(?:the )?@S[a-z]+(?:'s?)?|them|his side|her side|his team|her team|the (?:[\w@-]+ ){0,2}?(?:hosts|visitors|home side|away side|leaders|champions|holders|side|team|club|outfit)) (?:[\w-]+ ){0,2}?(?:ahead|in front|the lead|into (?:the|a|an) (?:[\w-]+ )?lead|a lead|an early lead|a deserved lead|hope|a lifeline|level|back in front|back on terms|in control|firmly in control|a \d+-\d+ lead|\d+-\d+ up|(?:a )?(?:two|three|four)-goal (?:lead|advantage|cushion)|victory|the win|the points|a deserved)|(?:grab|grabbed|grabs|snatch|snatched|get|got|hit|fire|fired|head|headed|poke|poked|stab|stabbed|scramble|scrambled|stole|claim|claimed|score|nod|nodded|sweep|swept) (?:in |home )?(?:the|a|his|her|their|@S[a-z]+(?:'s|')) (?:[\w-]+ )?(?:winner|equaliser|opener|leveller|goal|brace|double)|made no mistake|(?:headed|struck|netted|scored) (?:twice|three times)|(?:dispatched|despatched|converted|tucked away|slotted away|buried|stroked home|put away|rolled home|smashed home|drilled home) (?:the|a|his|her) (?:resulting |subsequent |ensuing )?(?:penalty|spot-kick|spot kick|rebound|loose ball)|(?:struck|strikes) (?:with [\w-]+ minutes|in the [\w-]+ minute|on [\w-]+ minutes|after [\w-]+ minutes|a minute|in the (?:closing|dying|final|last|opening) (?:moments|minutes|seconds|stages)|in (?:stoppage|added|injury) time)|won it (?:right |late )?(?:at the death|at the end|late on|in (?:stoppage|added|injury) time|with (?:a|an|his|her) (?:[\w-]+ ){0,2}?(?:header|strike|finish|shot|goal|volley|penalty|free-kick|effort|tap-in))|made sure of (?:the|a|their|his side's|her side's) (?:[\w-]+ )?(?:victory|win|points|three points|result) (?:with|by|when)|met (?:it |the ball )?with a (?:[\w-]+ ){0,2}?finish|settled (?:it|the (?:game|match|contest|tie))|rounded (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:scoring|win|victory|rout|comeback|display|performance|afternoon|evening|night) off|(?:score|scored|convert|converted|slot|slotted|tuck|tucked|stroke|stroked|bury|buried|dispatch|dispatched) (?:home |in |away )?the (?:resulting |subsequent |ensuing )?(?:penalty|spot-kick|spot kick)|sealed (?:the|it|victory|a|his|her|another|(?:the )?@S[a-z]+(?:'s|'))|wrapped (?:it|things|matters) up|wrapped up (?:the|victory|a|his|her))";

/// Verbs that mean a goal when the ball ends up in the net.
const FINISH_VERBS: &str = r"(?:thrash|thrashed|thrashing|slam|slammed|slamming|ram|lift|lifted|lifting|lifts|passed|passing|dinked|dinking|head|nod|fire|tap|poke|turn|sweep|volley|side-foot|lash|smash|bundle|steer|glance|rifle|prod|stab|chip|lob|convert|blast|hammer|power|squeeze|place|guide|roll|stroke|tuck|bury|finish|slot|drill|curl|drive|bend|slide|sidefoot|firing|heading|slotting|tapping|nodding|curling|drilling|poking|turning|sweeping|volleying|side-footing|lashing|smashing|bundling|steering|glancing|rifling|prodding|stabbing|chipping|lobbing|converting|blasting|hammering|powering|squeezing|placing|guiding|rolling|stroking|tucking|burying|finishing|thumping|driving|bending|planting|walking|sliding|fired|fires|drilled|drills|smashed|rifled|curled|curls|bundled|poked|stabbed|prodded|tapped|taps|slotted|slots|headed|heads|nodded|nods|glanced|turned|turns|steered|swept|side-footed|sidefooted|lashed|thumped|volleyed|lobbed|chipped|bent|hammered|rolled|stroked|placed|guided|flicked|drove|blasted|crashed|powered|squeezed|toe-poked|scooped|dinked|hooked|buried|dispatched|despatched|finished|struck|shot|rammed|nudged|forced|knocked|bent|whipped|angled|threaded|clipped|sent|bundles|fires|tucked|tucks|put|walked|slid|stroked|side-foots|converted)";

/// Words between a finishing verb and where the ball ends up: a defender beaten on the
/// way or a team-mate's cross may be named ("headed Lavery's corner inside the post").
const BETWEEN: &str = r"(?: [\w'’-]+| (?:across|past|beyond|over|under|around|round|beating|outside) @P[a-z]+| @P[a-z]+'s?){0,10}?";

/// Which goal of the match a finish was ("curled in a sensational third").
pub const NTH_GOAL: &str = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|opener|winner|equaliser|equalizer|leveller)";

/// Where the ball ends up after a finishing verb, for it to be a goal.
const INTO_NET: &str = r"(?:home|in|and in|into (?:the )?(?:net|roof of the net|bottom corner|top corner|far corner|near corner|corner|back of the net|goal|empty net|unguarded net)|into an (?:empty|unguarded|open) net|into the (?:[\w-]+ )?(?:bottom|top|far|near|opposite) corner|into the (?:middle|centre|roof|back|side|bottom|top) of the (?:net|goal)|inside the (?:near |far )?post|(?:past|beyond|over|under|beneath|around|round|through) (?:the )?(?:[\w'’-]+ |@S[a-z]+(?:'s?)? ){0,3}?@P[a-z]+|(?:past|beyond|over|under|beneath|around|round) the (?:@S[a-z]+ |[\w-]+ ){0,2}?(?:keeper|goalkeeper)|through @P[a-z]+'s legs|between @P[a-z]+'s legs|across (?:the )?(?:[\w'’-]+ )?@P[a-z]+ (?:to (?:level|equalise|score|make it|give|put|restore|double|halve|win|seal|complete)|and into|into the)|the ball home|low into|high into|in off)";

/// Goals: who scored, told as a verb, a finish into the net or a goal noun.
pub static GOAL_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // The scorer as the subject of a verb that means a goal on its own ("equalised",
        // "made it 2-0", "fired the visitors ahead").
        rule(
            "goal-verb",
            &format!(r"{{scorer}}(?:'s?)?{{gap}}\b{GOAL_VERBS}\b"),
            &[
                "@Pa equalised with a fine header.",
                "@Pa fired @Sb ahead after 20 minutes.",
                "@Pa smashed the hosts into an early lead.",
                "@Pa had given @Sb the lead before the break.",
                "@Pa added a fine goal from close range.",
                "@Pa struck in the closing moments.",
                "@Pa won it right at the end.",
                "@Pa made sure of the victory with a header.",
            ],
            &[
                "@Pa missed a chance to score.",
                "@Pa won it back in midfield.",
                "@Pa made sure of his place in the side.",
            ],
        ),
        // A finishing verb that ends with the ball in the net ("curled into the far
        // corner", "slotted past @Pb").
        rule(
            "finish-into-net",
            &format!(r"{{scorer}}{{gap}}\b(?P<verb>{FINISH_VERBS}){BETWEEN} {INTO_NET}\b"),
            &[
                "@Pa curled into the far corner.",
                "@Pa slotted the ball past @Pb.",
            ],
            &["@Pa curled wide of the far post."],
        ),
        // The passive: the ball was put in by the scorer, named last.
        rule(
            "put-in-by-scorer",
            r"(?:(?:was|were) (?:[\w-]+ ){0,2}?|(?:corner|cross|free-kick|pass|delivery|centre|cut-back|cutback) )(?:(?:powered|headed|turned|nodded|glanced|steered|prodded|poked|stabbed|tapped|swept|bundled|forced|fired|knocked|put|slotted|side-footed|drilled|volleyed|smashed|lashed|rifled|curled|converted|finished) (?:(?:back |across |over )?(?:[\w@-]+ ){0,3}?and )?(?:in|home|into the (?:net|corner|far corner|bottom corner|top corner))|tucked away|turned in|converted|finished off|put away|dispatched)(?: [a-z]+ly)? by (?:the (?:head|boot|foot|knee|chest|right foot|left foot) of )?(?:{position} )?{scorer}",
            &[
                "The ball was headed home by @Pa.",
                "@Pb's cross was turned in by substitute @Pa.",
                "The free-kick was turned across goal and into the net by captain @Pa.",
                "@Sb led early, @Pb's corner nodded in firmly by @Pa.",
            ],
            &["The ball was headed clear by @Pa."],
        ),
        // A penalty taker who sends the keeper the wrong way scored.
        rule(
            "sent-keeper-wrong-way",
            r"{scorer}{gap}\b(?:sent|sends|sending|send) @P[a-z]+ the wrong way",
            &["@Pa sent @Pb the wrong way from the spot."],
            &["@Pa sent @Pb clear on goal."],
        ),
        // Pouncing counts only where the sentence says what it was for ("pounced on a loose
        // ball to equalise").
        rule(
            "pounced-to-score",
            r"{scorer}{gap}\bpounced\b[^@.;]{0,60}? to (?:equalise|level|score|net|fire|slot|tap|finish|make it|restore|double|seal|win)\b",
            &["@Pa pounced on a loose ball to equalise."],
            &["@Pa pounced on a loose ball but shot wide."],
        ),
        // A lead doubled, restored or halved by a finish from the scorer.
        rule(
            "lead-changed-by-finish",
            r"(?:doubled|extended|restored|levelled|cancelled out|halved|reduced) by (?:a|an|the) (?:[\w-]+ ){0,2}?(?:header|strike|finish|goal|penalty|volley|effort|shot|tap-in) from {scorer}",
            &["The lead was doubled by a fine header from @Pa."],
            &["The lead was doubled after a header from @Pa."],
        ),
        // Rounding or lobbing the keeper and then scoring.
        rule(
            "rounded-keeper-to-score",
            r"{scorer}{gap}\b(?:rounding|rounded|rounds|beating|beat|beats|lobbing|lobbed|chipping|chipped) (?:the (?:[\w-]+ )?(?:goalkeeper|keeper)|@P[a-z]+) (?:to|and) (?:score|finish|slot|tap|roll|fire|net|walk)",
            &[
                "@Pa rounded the keeper to score.",
                "@Pa lobbed @Pb and walked the ball in.",
            ],
            &["@Pa rounded the keeper but shot wide."],
        ),
        // "The opener came from @Pa": the goal is the subject, the scorer its source.
        rule(
            "goal-came-from-scorer",
            r"(?:opener|second|third|fourth|fifth|sixth|seventh|equaliser|winner|leveller|goal) came (?:through|from|via|courtesy of) (?:the |a |an )?(?:[\w-]+ ){0,2}?{scorer}",
            &[
                "The opener came from @Pa.",
                "The winner came courtesy of a @Pa header.",
            ],
            &["The opener came after a mistake by @Pa."],
        ),
        // A keeper who had no chance with the scorer's effort was beaten by it.
        rule(
            "keeper-helpless",
            r"(?:could do nothing|had no chance|was helpless|stood no chance) (?:about|to stop|with|against) {scorer}'s",
            &["@Pa had no chance with @Pb's header."],
            &["@Pa had no chance with the header from @Pb."],
        ),
        // A brace either side of another player's goal credits that goal too.
        rule(
            "scored-either-side-of",
            r"(?:scored|netted|struck) (?:twice|two|three times) (?:either side of|around|sandwiching) {scorer}'s",
            &["@Pa scored twice either side of @Pb's equaliser."],
            &["@Pa scored twice after @Pb's red card."],
        ),
        // A mistake or a pass that left the scorer to finish ("allowing @Pa to score").
        rule(
            "left-to-finish",
            r"(?:for|allowing|allowed|allow|leaving|enabling|enabled|left) (?:[\w-]+ ){0,2}?{scorer} (?:to|with) (?:an? )?(?:[\w-]+ ){0,3}?(?:pull one back|pounce|capitalise|score|finish|fire|drill|slot|tap|head|nod|turn|sweep|stab|poke|lash|smash|volley|bundle|convert|roll|curl|side-foot|steer|glance|sidefoot|prod|walk|stroke|chip|lob|tuck|rifle|hammer|power|blast|bury|net|equalise|level)\b",
            &[
                "@Pb failed to clear, allowing @Pa to score.",
                "@Pb's pass left @Pa with a simple tap-in to convert.",
            ],
            &["@Pb failed to clear, allowing @Pa to shoot wide."],
        ),
        // A finish told in a relative clause credits the player it hangs on ("back for @Pa,
        // who fired home").
        rule(
            "finished-in-relative-clause",
            &format!(r"{{scorer}}, who {{gap}}\b(?P<verb>{FINISH_VERBS}){BETWEEN} {INTO_NET}\b"),
            &["@Pb pulled the ball back for @Pa, who fired home."],
            &["@Pb pulled the ball back for @Pa, who fired wide."],
        ),
        // A goal noun credited to the scorer ("a late goal from @Pa", "a brace for @Pa").
        rule(
            "goal-from-scorer",
            r"(?:goal|goals|finishes|strikes|opener|equaliser|equalizer|winner|leveller|double|brace|hat-trick|hat trick|tap-in|own goal|own-goal) (?:from|by|for) (?:the |a |an )?(?:[\w-]+ ){0,3}?{scorer}",
            &[
                "A late goal from @Pa sealed it.",
                "The opener by @Pa came early.",
            ],
            &["A late chance from @Pa went begging."],
        ),
        // Finishing or adding which goal of the match it was ("curled in a sensational
        // third").
        rule(
            "finished-nth-goal",
            &format!(
                r"{{scorer}}{{gap}}\b(?P<verb>{FINISH_VERBS}|score|scored|scores|scoring|net|netted|notch|notched|add|added|adds|adding|grab|grabbed) (?:in |home |away )?(?:the|a|an|his|her|their|@S[a-z]+(?:'s|')) (?:[\w-]+ ){{0,2}}?{NTH_GOAL}\b"
            ),
            &[
                "@Pa curled in a sensational third.",
                "@Pa added a second after the break.",
            ],
            &["@Pa curled a sensational effort wide."],
        ),
        // A side went ahead or levelled when the scorer did something ("took the lead when
        // @Pa headed in").
        rule(
            "went-ahead-when",
            r"(?:went ahead|went in front|took the lead|take the lead|took an early lead|go ahead|go in front|led|levelled|equalised|drew level|pulled one back|pulled a goal back|hit back|struck first|struck again|scored first|(?:were|was) (?:ahead|level|in front)) (?:[\w'-]+ ){0,4}?(?:when|as) (?:the )?(?:[\w-]+ ){0,3}?{scorer}(?:[^'’@\w]|$)",
            &["@Sa went ahead when @Pb headed in."],
            &["@Sa went ahead when @Pb's cross was turned in."],
        ),
        // A team-mate put the scorer through to finish.
        rule(
            "played-through-to-finish",
            r"(?:played in|put through|sent through|released) {scorer} (?:for|to (?:fire|slot|drill|finish|score|tap|head)) (?:a |an )?(?:[\w-]+ ){0,2}?(?:finish|strike|goal|home|in)\b",
            &["@Pb played in @Pa to fire home."],
            &["@Pb played in @Pa to fire wide."],
        ),
        // A team-mate set the scorer up to score: the assist's sentence names the goal.
        rule(
            "set-up-to-score",
            r"(?:set up|sets up|teed up|tees up|picked out|released|found) {scorer} to (?:score|net|find the net|tap in|head in|head home|fire in|fire home|slot in|slot home|finish)\b",
            &["@Pb teed up @Pa to score."],
            &["@Pb teed up @Pa to shoot."],
        ),
        // A team-mate set the scorer up for a goal named by what it was ("for his second",
        // "for the winner").
        rule(
            "set-up-for-nth-goal",
            r"(?:set up|sets up|teed up|tees up|found|released|picked out|played in|put through|sent through) (?:{position} )?{scorer} (?:for|to (?:score|notch|net|grab|fire|head|slot|tap|complete|add|make it)) (?:his|her|a|the) (?:[\w-]+ ){0,2}?(?:second|third|fourth|fifth|first|goal|hat-trick|winner|equaliser|opener|finish|tap-in|header)\b",
            &[
                "@Pb set up @Pa for his second.",
                "@Pb teed up substitute @Pa for his first goal.",
            ],
            &["@Pb set up @Pa for a shot."],
        ),
        // A team-mate set up a goal named by what it was for the scorer ("laid on the
        // second for @Pa").
        rule(
            "set-up-nth-for-scorer",
            r"(?:set up|sets up|teed up|tees up|laid on|lays on|provided|created) (?:the|a|his|her|their) (?:[\w-]+ )?(?:second|third|fourth|fifth|sixth|seventh|opener|winner|equaliser|leveller|goal) for (?:{position} )?{scorer}\b",
            &[
                "@Pb laid on the second for @Pa.",
                "@Pb created the opener for winger @Pa.",
            ],
            &[
                "@Pb set up a chance for @Pa.",
                "@Pb set up the second half for @Pa.",
            ],
        ),
        // A side led, levelled or won through the scorer ("led at the break through @Pa").
        rule(
            "ahead-through-scorer",
            r"(?:led|lead|leads|leading|ahead|in front|level|levelled|equalised|won|win|victory|replied|responded|went ahead|took the lead|pulled one back|pulled a goal back|got (?:a goal|one) back|reduced the deficit|halved the deficit|hit back|struck first|struck twice|doubled|extended|restored) (?:[\w@'-]+ ){0,5}?,? ?(?:through|thanks to|courtesy of|via) (?:a |an |the )?(?:@S[a-z]+ )?(?:[\w-]+ ){0,2}?{scorer}",
            &[
                "@Sa led at the break through @Pb.",
                "@Sa levelled thanks to a @Pb penalty.",
            ],
            &["@Sa led at the break after @Pb was sent off."],
        ),
        // The scorer's goal named as a noun ("@Pa's late winner").
        rule(
            "scorers-goal",
            r"{scorer}'s? (?:[\w-]+ ){0,3}?(?:opener|goal|equaliser|equalizer|winner|leveller|double|brace|hat-trick|tap-in|own goal|own-goal)\b",
            &["@Pa's late winner sealed it."],
            &["@Pa's late cross was cleared."],
        ),
        // "at fault for Son's second three minutes later": the ordinal alone is the goal
        // where what follows cannot make it a half, a booking or a leg.
        rule(
            "scorers-ordinal",
            r"{scorer}'s? (?:[\w-]+ )?(?:second|third|fourth|fifth|sixth|seventh)(?:[,.;:!?)]|$| (?:of the (?:game|match|night|afternoon|evening|day|tie)|came|arrived|followed|was|from|with|\d|two|three|four|five|six|seven|eight|nine|ten|minutes|seconds|just|before|after|on|in|as|when|and|early|late|shortly|moments|midway|soon)\b)",
            &[
                "@Pb was at fault for @Pa's second three minutes later.",
                "@Pa's second came from the spot.",
            ],
            &["@Pa's second yellow card ended his afternoon."],
        ),
    ]
});

/// Weaker goal nouns ("a header from X", "X's strike") count only when the sentence
/// also says a goal happened.
pub static WEAK_GOAL_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // A finish credited to the scorer ("a header from @Pa").
        rule(
            "finish-from-scorer",
            r"(?:strike|header|finish|effort|penalty|spot-kick|spot kick|volley|free-kick|free kick|lob|chip|shot|drive|curler|piledriver|overhead kick|bicycle kick|scissor kick|solo goal|solo effort|winner|opener|equaliser|equalizer|leveller|goal) (?:from|by) (?:@S[a-z]+(?:'s|') )?{scorer}(?:[^'’a-z]|$)",
            &[
                "@Sa led through a header from @Pa.",
                "a stoppage-time winner by @Sa's @Pb sank @Sc.",
            ],
            &[
                "@Sa led after a cross from @Pa.",
                "@Pa's header from @Pb's corner.",
            ],
        ),
        // The scorer's finish named as a noun ("@Pa's low strike").
        rule(
            "scorers-finish",
            r"{scorer}'s? (?:[\w-]+ ){0,3}?(?:strike|header|finish|effort|penalty|spot-kick|volley|free-kick|lob|chip|shot|drive|curler|piledriver|overhead kick|winner|opener|equaliser|equalizer|leveller)\b",
            &[
                "@Pa's low strike gave @Sb the lead.",
                "@Pa's 75th-minute volley won it.",
            ],
            // "@Pa's goal" may be the net he keeps.
            &[
                "@Pa's low cross gave @Sb the lead.",
                "@Pb kept peppering @Pa's goal.",
            ],
        ),
    ]
});

/// A sentence that says a goal happened, without saying whose.
pub static GOAL_CUE: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:gave|give|gives|giving|put|puts|putting|sent|fired|headed|edged|nudged|earned|handed|secured|earned|won|clinched|sealed|levelled|equalised|equalising|levelling|doubled|restored|extended|halved|reduced|cancelled out|made it|went in|completed the (?:formalities|scoring|rout|comeback|turnaround|win|victory)|wrapped up|rounded off|in front|ahead|the lead|level|into the net|the opener|the winner|the equaliser|\d+-\d+ (?:lead|up|ahead|win|victory)|(?:led|lead|leads|leading) \d+-\d+|minute (?:winner|opener|equaliser|equalizer|leveller|header|strike|goal|penalty|finish|volley|free-kick)|(?:late|early|injury-time|stoppage-time|last-gasp|dramatic|first-half|second-half) (?:winner|opener|equaliser|equalizer|leveller)|'s (?:winner|opener|equaliser|equalizer|leveller))\b").expect("valid rule")
});

/// Beating a known goalkeeper is scoring ("finally beat Greatrex", "rounded the keeper",
/// "touched the pass beyond Ward").
pub static BEAT_KEEPER: LazyLock<Rule> = LazyLock::new(|| {
    rule(
        "beat-the-keeper",
        r"{scorer}{gap}\b(?:(?:beat|beats|beating|rounded|rounds|rounding|lobbed|lobs|chipped|chips|outfoxed|got the better of|gets the better of|left) (?:the )?(?:[\w-]+ ){0,3}?|(?:touched|slotted|fired|curled|drilled|placed|poked|lifted|powered|steered|stroked|rifled|lashed|smashed|swept|tucked|volleyed|bent|side-footed|rolled|dinked|scooped|squeezed|headed|nodded|glanced|flicked|prodded|stabbed|guided|toe-poked|blasted|thumped|crashed)(?: (?:@P[a-z]+['’]s?|[\w'’-]+)){0,5}? (?:past|beyond) (?:the (?:[\w-]+ )?)?){keeper}\b",
        &[
            "@Pa finally beat @Pb.",
            "@Pa rounded the onrushing @Pb.",
            "@Pa touched @Pc's pass beyond @Pb.",
            "@Pa calmly slotted past the stranded @Pb.",
        ],
        &["@Pa was beaten by @Pb.", "@Pa ran past @Pb."],
    )
});

/// The goalkeeper a scorer beat, told with the goal ("slotted past @Pb", "sent @Pb the
/// wrong way"): he kept goal for the other side, so a side known for one of the two is
/// the other's opponent. Only names the match's goalkeepers count (`spread_sides`).
pub static BEATEN_KEEPER: LazyLock<Rule> = LazyLock::new(|| {
    rule(
        "beaten-keeper",
        r"{scorer}{gap}\b(?:past|beyond|beat|beats|beating|rounded|rounds|rounding|round|around|lobbed|lobs|lobbing|chipped|chips|chipping|over|under|beneath|through|sent|sends|sending|left|leaves|leaving|wrong-footed|wrong-footing|outfoxed|got the better of) (?:the )?(?:[\w'’-]+ ){0,3}?{keeper}\b",
        &[
            "@Pa slotted past @Pb.",
            "@Pa, booed by the home fans, sent @Pb the wrong way.",
            "@Pa curled the ball beyond the reach of keeper @Pb.",
        ],
        &["@Pa was denied by @Pb.", "@Pa saw his shot saved by @Pb."],
    )
});

/// Own goals: the scorer put it into his own net.
pub static OWN_GOAL_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // The scorer put the ball into his own net.
        rule(
            "into-own-net",
            r"{scorer}{gap}\b(?:turned|turns|put|puts|diverted|deflected|headed|sliced|poked|steered|bundled|knocked|hooked|nodded|flicked|slid|stabbed|prodded|helped|guided|sent|scuffed|chested|kneed|bundles|swept|lashed|glanced|volleyed|toe-poked|inadvertently|accidentally|diverting|turning|slicing|deflecting|heading)(?: [\w'’-]+){0,7}? (?:into|in) (?:[\w-]+ ){0,4}?(?:his|her|their) own (?:net|goal)",
            &["@Pa turned the ball into his own net."],
            &["@Pa turned the ball into the net."],
        ),
        // The scorer put the ball past his own keeper.
        rule(
            "past-own-keeper",
            r"{scorer}{gap}\b(?:diverted|deflected|turned|steered|sliced|poked|put|knocked|diverting|turning|divert|deflect|turn|steer|slice|poke|knock|head|headed|prod|prodded)(?: [\w'’-]+){0,4}? past (?:his|her|their) own (?:keeper|goalkeeper)",
            &["@Pa diverted the cross past his own keeper."],
            &["@Pa diverted the cross past the keeper."],
        ),
        // The scorer's clearance or touch ended in his own net.
        rule(
            "clearance-into-own-net",
            r"{scorer}'s? (?:[\w-]+ ){0,3}?(?:clearance|header|touch|deflection|clip|back-pass|backpass|attempted clearance|intervention|block|challenge)[^.;]{0,120}? into (?:his|her|their) own (?:net|goal)",
            &["@Pa's attempted clearance flew into his own net."],
            &["@Pa's attempted clearance flew into the stands."],
        ),
        // An own goal credited to its scorer ("an own goal from @Pa").
        rule(
            "own-goal-from",
            r"own[- ]goal (?:from|by) (?:(?:[\w'’-]+ |@S[a-z]+(?:'s?|’s?)? ){0,2}?(?:{position}|goalkeeper|keeper|centre-half|skipper) )?{scorer}",
            &[
                "@Sb levelled through an own goal from @Pa.",
                "An own goal by @Sb goalkeeper @Pa won it.",
            ],
            &[
                "@Sb levelled through a goal from @Pa.",
                "An own goal from a cross by @Pa won it.",
            ],
        ),
        // The scorer's own goal named as a noun.
        rule(
            "scorers-own-goal",
            r"{scorer}'s? (?:[\w-]+ ){0,2}?own[- ]goal",
            &["@Pa's unfortunate own goal gave @Sb the lead."],
            &["@Pa's unfortunate goal gave @Sb the lead."],
        ),
        // The scorer scored or conceded an own goal.
        rule(
            "scored-an-own-goal",
            r"{scorer}{gap}\b(?:scored|conceded|put through) (?:an|a [\w-]+) own[- ]goal",
            &["@Pa scored an own goal."],
            &["@Pa scored a fine goal."],
        ),
    ]
});

/// Sentences that mention scoring without a goal in this match.
pub static NOT_A_GOAL: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:has scored|have scored|had scored|has now scored|had now scored|has netted|have netted|had netted|would have|could have|should have|might have|almost|nearly|thought (?:he|she|they) had|poised to|about to|(?:was|were|looked) set to|had found the net|has found the net|disallowed|ruled out|chalked off|struck off|for offside|was offside|(?:denied|ruled out|chalked off|cut short) (?:[\w-]+ ){0,8}?by (?:an|the) (?:[\w'’-]+ )?(?:offside )?flag|(?:offside )?flag (?:went up|was raised|had gone up|had been raised)|were offside|narrowly offside|this season|last season|at the weekend|last weekend|last week|last time out|in midweek|(?:previous|last) round|(?:chance|chances|opportunity|opportunities) to|in his career|in her career|all competitions|in (?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:games|matches|appearances|outings|starts|league games)|in (?:his|her|their) last|since (?:joining|arriving|his|her)|on loan at|previous (?:meeting|game|match)|between (?:these|the two|both) (?:sides|teams|clubs)|reverse fixture|corresponding fixture|in goal (?:for|instead of|in place of)|first leg|(?:has|have|had) (?:also |still )?(?:not|never) (?:scored|netted)|shoot-out|shootout|on penalties|failed to|failing to|fails to|without (?:(?:him|her|them|it|us) )?scoring|(?:unlucky|unfortunate) not to|yet to score|has yet|having scored|having netted|(?:prevented|stopped|denied|kept) (?:him|her|them|it|@P[a-z]+) from|(?:prevented|stopped) (?:him|her|them|it|@P[a-z]+) [a-z]+ing|prevented (?:him|her|them|it)|(?:went|came|go|come|going|coming) close(?:st)?|denied (?:him|her) (?:a|his|her)|if (?:he|she|they) had|had (?:he|she|they) (?:scored|netted)|tally|top scorer|goals? this|goals? in (?:the|his|her) last|\d+ goals|goals in \d+|kept (?:the )?(?:scores?|deficit|margin|game|tie|it|them) (?:level|to one|at|goalless|alive|in)|keep (?:the )?(?:scores?|deficit|margin|game|tie|it) (?:level|to one|at|goalless|alive)|kept @S[a-z]+ (?:level|in)|keep @S[a-z]+ (?:level|in))\b").expect("valid rule")
});

/// The months, for a date that makes a goal or a result another day's ("in March 2006").
pub const MONTHS: &str =
    "(?:january|february|march|april|may|june|july|august|september|october|november|december)";

/// Right after a goal's words, in its clause: it was scored another day ("scored twice in
/// the reverse fixture in December"). Eight words at most, so a clause that runs on to
/// another match's date ("… their first win there since the 4-1 in November") keeps its
/// goal.
pub static ANOTHER_DAYS_GOAL: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(&format!(
        r"(?i)^(?: [^\s,.;:!?]+){{0,8}}? (?:back )?in {MONTHS}\b"
    ))
    .expect("valid rule")
});

/// After a goal's words, in its sentence: the goal was taken back ("smashed it in, only
/// to be flagged offside"), however far the sentence runs on.
pub static TAKEN_BACK_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)^[^.;!?]*?\bonly (?:for (?:it|the goal|the effort) )?to (?:be|have (?:it|the goal)) (?:[\w-]+ )?(?:denied|ruled out|disallowed|chalked off|struck off|flagged offside)").expect("valid rule")
});

/// A sentence that takes back the goal told just before it ("the goal was ruled out for
/// offside", "the referee ruled it out"): a definite goal, not "a goal" of someone else.
pub static RULED_OUT: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:(?:(?:the|that|his|her) (?:goal|effort|strike|finish|header)|it|that) (?:was|had been|is) (?:(?:quickly|rightly|correctly|eventually|subsequently|later|then|swiftly|harshly|controversially) )?(?:ruled out|disallowed|chalked off|struck off)|ruled (?:the goal|it) out|disallowed (?:the goal|it)|(?:the|that) goal (?:did not|didn't|would not|wouldn't) (?:stand|count))\b").expect("valid rule")
});

/// Sentences about a penalty shoot-out: its kicks are neither goals, saves nor misses.
pub static SHOOTOUT: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:shoot-out|shootout|on penalties|on pens|spot-kicks|sudden death|decisive (?:kick|penalty)|winning (?:kick|penalty)|penalty shoot)\b").expect("valid rule")
});

/// Passes, crosses and flicks the report credits for a goal.
pub static ASSIST_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // A pass, cross or flick credited to the assister ("a cross from @Pa").
        rule(
            "pass-from-assister",
            r"(?:cross|pass|ball|centre|center|corner|free-kick|free kick|through-ball|through ball|cut-back|cutback|lay-off|layoff|flick|flick-on|knock-down|knockdown|header|assist|delivery|set-piece|low ball|throw-in|square ball|pull-back|knock-back|lofted ball|chipped ball|clipped ball|long ball|one-two) (?:from|by) {assister}",
            &["@Pb headed home a cross from @Pa."],
            &["@Pb headed home after a shot from @Pa."],
        ),
        // The assister's pass named as a noun ("@Pa's low cross").
        rule(
            "assisters-pass",
            r"{assister}'s? (?:[\w-]+ ){0,3}?(?:cross|pass|ball|centre|corner|free-kick|free kick|through-ball|through ball|cut-back|cutback|lay-off|layoff|flick|flick-on|knock-down|knockdown|delivery|assist|set-piece|throw|throw-in|square ball|header|low ball|knock-back|pull-back|lob|chip|clipped ball|nod-down|nod down|lofted ball|long ball|one-two|centre)\b",
            &["@Pb tapped in @Pa's low cross."],
            &["@Pb tapped in after @Pa's low shot."],
        ),
        // The assister as subject, passing for the scorer ("crossed for @Pb to head home").
        rule(
            "assister-found-scorer",
            r"{assister}{gap}\b(?:crossed|squared|set up|sets up|teed up|tees up|picked out|picks out|found|finds|laid (?:on|off)|lays off|slid|slides|played|plays|threaded|flicked|flicks|nodded|headed down|headed back|pulled (?:the ball )?back|cut back|cut the ball back|fed|supplied|delivered|whipped|swung|sent|provided|released|put through|played in|rolled|lofted|chipped|clipped|floated|curled|drilled|fizzed|knocked|nudged|touched|teed|crosses|squares|delivers|whips|swings|hung up|hung|dinked|hooked|stood up|pinged|arrowed|looped|bent)(?:[^@.;]{0,80}?)(?:for|to|towards|into the path of|onto the head of|on to the head of|to pick out|picking out|finding|and|where|that|which) {scorer}",
            &[
                "@Pa crossed for @Pb to head home.",
                "@Pa curled a cross to the far post, where @Pb headed in.",
                "@Pa hung up a cross that @Pb powered home.",
            ],
            &["@Pa crossed but @Pb cleared."],
        ),
        // The passive: set up by the assister.
        rule(
            "assisted-by",
            r"(?:assisted|set up|created|teed up|provided) by {assister}",
            &["@Pb scored, set up by @Pa."],
            &["@Pb scored after being fouled by @Pa."],
        ),
        // The scorer as subject, finishing from the assister's pass ("headed home from
        // @Pa's corner").
        rule(
            "scorer-met-pass",
            r"{scorer}{gap}\b(?:from|after|following|on the end of|onto|on to|to meet|met|converting|latching on to|latched on to|latching onto|latched onto|connecting with|connected with|getting on the end of|got on the end of|turning in|reacting to) (?:[\w-]+ ){0,3}?{assister}'s",
            &["@Pb headed home from @Pa's corner."],
            &["@Pb headed home from a corner."],
        ),
        // The scorer finishing after the assister's delivery, told as a clause ("tapped in
        // after @Pa had crossed low").
        rule(
            "scorer-after-assister-crossed",
            r"{scorer}{gap}\b(?:after|when|once) {assister} (?:had )?(?:[a-z]+ly )?(?:crossed|squared|pulled (?:it|the ball) back|cut (?:it|the ball) back|laid (?:it|the ball) (?:off|back)|headed (?:it|the ball) (?:back|down|across)|nodded (?:it|the ball) down|flicked (?:it|the ball) on|teed (?:him|her) up|set (?:him|her) up)\b",
            &["@Pb tapped in after @Pa had crossed low from the right."],
            &["@Pb tapped in after @Pa had shot wide."],
        ),
        // The assister's pass with the scorer as its object ("@Pa picked out @Pb, who…").
        rule(
            "assister-picked-out-scorer",
            r"{assister}{gap}\b(?:picked out|picks out|found|finds|fed|feeds|released|releases|played in|put through|slipped in|set up|sets up|teed up|tees up|sent) {scorer}\b",
            &["@Pa picked out @Pb with a long pass, and the forward lifted the ball over @Pc."],
            &["@Pa was found by @Pb."],
        ),
    ]
});

/// Verbs a goalkeeper does to a shot.
const SAVE_VERBS: &str = r"(?:(?:turning|pushing|clawing|flicking|tipping|palming|beating|batting|punching) (?:[\w@'’-]+ ){0,4}?(?:away|out|round|around|over|wide|aside|behind|clear|onto|on to)|(?:could only|to) (?:parry|push|palm|tip|beat|bat|punch|claw|save|block) (?:it |the ball |the shot )?(?:away|out|round|around|over|wide|aside|behind|clear)?|(?:get|getting) down|(?:dive|dived|diving|dove|went down|going down|threw himself|threw herself) at the feet of|with (?:a|an|another|two|three|his|her|their) (?:[\w-]+ ){0,3}?(?:save|saves|stop|stops|block)|to (?:save|deny|keep (?:it |the ball |the shot |the effort )?out|tip|palm|parry|push|claw|smother|block|hold|stop|thwart|foil|turn|beat|bat|punch|scramble|hold on to|gather)|(?:threw|throws|throwing|stuck|sticks|sticking|put|putting) out (?:a|his|her) (?:leg|foot|hand|arm|glove)|(?:spread|spreads|spreading) (?:himself|herself)|saved|saves|denied|denies|denying|kept out|keeps out|keep out|tipped|tips|palmed|palms|parried|parries|pushed|beat away|beat out|clawed (?:(?:[\w@'’-]+ ){0,4}?(?:away|out|round|around|over|wide|aside|behind|clear|onto|on to)\b|@P[a-z]+'?s?\b|(?:a|an|the|his|her) (?:[\w-]+ ){0,2}?(?:shot|effort|header|strike|drive|volley|free-kick|attempt|flick|snap-shot|cross|ball|corner|lob|chip|curler)\b)|smothered|smothers|fumbled|fumbling|spilled|spilling|got down|gets down|got a (?:hand|glove|strong hand|fingertip|touch)|got (?:his|her) (?:fingertips|fingers|hand|body|legs|feet|glove)|stopped|blocked|held|gathered|made (?:a|an|his|her|two|three|four|several|a string of|a series of|another|a couple of)? ?(?:[\w-]+ ){0,2}?(?:save|saves|stop|stops|block)|produced (?:a|an|another|two) (?:[\w-]+ ){0,2}?(?:save|saves|stop|stops|block)|pulled off (?:a|an|another) (?:[\w-]+ ){0,2}?(?:save|stop)|was equal to|were equal to|stood tall|stood firm|thwarted|thwarts|foiled|repelled|turned (?:it |the ball |the shot |the effort )?(?:round|around|over|away|aside|behind|wide)|pushed (?:it |the ball |the shot )?(?:round|around|over|away|aside|behind|wide)|beat (?:it |the ball )?away|flung|dived|tipping|saving|parrying|palming)";

/// Verbs that only count as a save when the subject is known to be a goalkeeper.
pub const WEAK_SAVE_VERB: &str = r"(?i)\b(?:to (?:block|stop|hold|deny|thwart|foil|turn|beat|gather|hold on to)|blocked|stopped|held|gathered|denied|stood tall|stood firm|was equal to|thwarted|foiled|repelled)\b";

/// Saves: the goalkeeper, and the shooter where the rule names one.
pub static SAVE_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // The keeper as the subject of a save verb. The keeper list (`keepers`) reads this
        // rule first.
        rule(
            "keeper-save-verb",
            &format!(r"{{keeper}}{{gap}}\b{SAVE_VERBS}\b"),
            &[
                "@Pa tipped the shot over the bar.",
                "@Pa made a fine save from @Pb.",
            ],
            &["@Pa headed over the bar."],
        ),
        // The passive: the shooter was denied by the keeper.
        rule(
            "denied-by-keeper",
            r"{shooter}{gap}\b(?:was|were|is|had been) (?:denied|thwarted|foiled|stopped|kept out|repelled|frustrated)(?: [\w'’-]+){0,4}? by {keeper}",
            &["@Pa was denied by @Pb."],
            &["@Pa was fouled by @Pb."],
        ),
        // The shooter put the ball at or into the arms of the keeper.
        rule(
            "shot-at-keeper",
            r"{shooter}{gap}\b(?:fired|fires|fire|shot|shoots|shoot|struck|strikes|strike|directed|drove|drives|curled|curls|headed|heads|volleyed|volleys|hit|hits|sent|sends|steered|poked|side-footed|lashed|drilled|flicked|nodded|blasted|toe-poked|chipped|placed|rolled|screwed|dragged|scuffed|stabbed|prodded|glanced|lifted|swept|smashed|sidefooted|mishit|miscued|skewed)(?: [\w'’-]+){0,6}? (?:straight |right |too close |directly |tamely |weakly |comfortably )?(?:at|to|into the (?:arms|hands|grateful arms|gloves) of|into the path of) {keeper}",
            &[
                "@Pa fired straight at @Pb.",
                "@Pa headed into the arms of @Pb.",
                "@Pa broke clear but chose to shoot too close to @Pb.",
                "@Pa directed a weak volley right at @Pb.",
            ],
            &["@Pa fired past @Pb."],
        ),
        // A save noun credited to the keeper ("a fine save by @Pa").
        rule(
            "save-by-keeper",
            r"(?:save|saves|stop|stops|block|reflexes|fingertips|fingertip|glove|gloves) (?:by|of) {keeper}",
            &["@Pb was denied by a fine save by @Pa."],
            &["@Pb was stopped by a fine tackle by @Pa."],
        ),
        // A shot saved by the keeper, the shooter not named.
        rule(
            "shot-saved-by-keeper",
            r"(?:shot|effort|header|penalty|spot-kick|drive|strike|volley|free-kick|free kick|attempt|curler|lob|chip)(?: [\w'’-]+){0,3}? (?:was |were )?(?:saved|tipped|parried|palmed|pushed|punched|kept out|clawed|blocked|turned|held|stopped|gathered|smothered|denied)(?: [\w'’-]+){0,5}? by {keeper}",
            &["A low shot was saved by @Pa."],
            &["A low shot was cleared by @Pa."],
        ),
        // The shooter forced or tested the keeper.
        rule(
            "forced-keeper-into-save",
            r"{shooter}{gap}\b(?:forced|forces|drew|draws|tested|tests|extended|brought) {keeper} (?:into|to make|to produce|out|to)",
            &["@Pa forced @Pb into a save."],
            &["@Pa forced @Pb off the ball."],
        ),
        // The shooter tested the keeper, said alone.
        rule(
            "tested-keeper",
            r"{shooter}{gap}\b(?:tested|tests|testing) {keeper}(?:$|[^'’a-z])",
            &["@Pa and @Pb each tested @Pc before the break."],
            &["@Pa tested @Pb's patience."],
        ),
        // The shooter drew a save from the keeper.
        rule(
            "drew-save-from-keeper",
            r"{shooter}{gap}\b(?:drawing|drew|drawn|forcing|forced|drawing out|brought|bringing) (?:a|an|another) (?:[\w-]+ ){0,3}?(?:save|stop|block) (?:from|out of) {keeper}",
            &["@Pa drew a fine save from @Pb."],
            &["@Pa drew a foul from @Pb."],
        ),
        // The keeper's save named as a noun ("@Pa's fine save").
        rule(
            "keepers-save",
            r"{keeper}'s? (?:[\w-]+ ){0,2}?(?:save|saves|stop|block|fingertips|reflexes|gloves|legs|feet|outstretched)",
            &["@Pa's fine save kept @Sb level."],
            &["@Pa's fine pass set @Sb away."],
        ),
        // The shooter's shot saved by the keeper: both named.
        rule(
            "shooters-shot-saved-by-keeper",
            r"{shooter}'s? (?:[\w,-]+ ){0,3}?(?:shot|effort|header|penalty|spot-kick|drive|strike|volley|free-kick|free kick|attempt|curler|piledriver|lob|chip|flick|snapshot|half-volley|low shot)(?: [\w'’-]+){0,6}? (?:was |were )?(?:saved|tipped|parried|palmed|pushed|punched|kept out|beaten away|clawed|blocked|turned|held|stopped|gathered|smothered|repelled|denied)(?: [\w'’-]+){0,5}? by {keeper}",
            &[
                "@Pa's penalty was saved by @Pb.",
                "@Pa's fierce, dipping drive was pushed on to the post by @Pb.",
            ],
            &["@Pa's penalty was won by @Pb."],
        ),
    ]
});

/// Where the shooter of a save is named, given the keeper's verb.
pub static SHOOTER_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // The keeper's verb takes the shooter as its object ("denied @Pb").
        rule(
            "denied-shooter",
            r"(?:deny|denied|denies|denying|keep out|kept out|keeps out|keeping out|thwart|thwarted|foil|foiled|stop|stopped|frustrate|frustrated|beat away|repel|repelled|block|blocked) {shooter}\b",
            &["@Pa denied @Pb."],
            &["@Pa was denied by @Pb."],
        ),
        // The shooter's shot named as a noun ("@Pb's low shot").
        rule(
            "shooters-shot",
            r"{shooter}'s? (?:[\w-]+ ){0,3}?(?:shot|effort|header|penalty|spot-kick|drive|strike|volley|free-kick|free kick|attempt|curler|piledriver|lob|chip|flick|snapshot|half-volley|strike|low shot|close-range|drive|shot|goalbound|deflected)",
            &["@Pa saved @Pb's low shot."],
            &["@Pa claimed @Pb's low cross."],
        ),
        // The shooter's name before the shot ("tipped over a Reed free-kick").
        rule(
            "a-shooters-shot",
            r"\b(?:a|an|another|the) {shooter} (?:[\w-]+ )?(?:shot|effort|header|drive|strike|volley|free-kick|free kick|attempt|curler|piledriver|lob|chip|penalty|spot-kick|snapshot|half-volley)\b",
            &["@Pa blocked an @Pb drive with his chest."],
            &["@Pa blocked a shot from the edge of the box."],
        ),
        // The shooter as the subject of his shot ("@Pb unleashed a drive that @Pa saved").
        rule(
            "shooter-struck-shot",
            r"{shooter} (?:[\w-]+ ){0,2}?(?:attempted|tried|unleashed|fired|struck|let fly with|curled|drilled|lashed|smashed|rifled|hit) (?:in )?(?:a|an|his|her) (?:[\w-]+ ){0,2}?(?:shot|drive|effort|strike|volley|header|free-kick|curler|lob|chip|attempt)\b",
            &["@Pb tried a low drive that @Pa saved."],
            &["@Pb attempted a pass that @Pa cut out."],
        ),
        // A shot credited to the shooter ("a shot from @Pb").
        rule(
            "shot-from-shooter",
            r"(?:shot|effort|header|penalty|spot-kick|drive|strike|volley|free-kick|free kick|attempt|curler|piledriver|lob|chip|flick|snapshot|half-volley|close-range effort|chance) (?:from|by) {shooter}",
            &["@Pa saved a shot from @Pb."],
            &["@Pa claimed a cross from @Pb."],
        ),
        // Saving from the shooter, or to deny him.
        rule(
            "from-shooter",
            r"(?:from|to deny|denying|to keep out|keeping out|to thwart|at the feet of) {shooter}\b",
            &["@Pa saved from @Pb.", "@Pa dived to deny @Pb."],
            &["@Pa saved well after @Pb shot."],
        ),
        // A shooter who saw his shot saved.
        rule(
            "who-saw-shot-saved",
            r"{shooter}, who saw (?:an?|his|her|the) (?:[\w-]+ ){0,2}?(?:penalty|shot|effort|header|spot-kick|free-kick|strike|volley) (?:saved|tipped|parried|kept out|blocked|turned)",
            &["@Pa, who saw his penalty saved, later scored."],
            &["@Pa, who saw his penalty go wide, later scored."],
        ),
    ]
});

/// Where a shot goes when it is not saved.
const OFF_TARGET: &str = r"(?:wide|over(?: the (?:bar|top|crossbar))?|just over|high(?: and wide)?|off target|past the (?:post|far post|near post|upright)|against the (?:post|bar|crossbar|woodwork|upright|outside of the post|inside of the post)|off the (?:post|bar|crossbar|woodwork|upright|inside of the post|outside of the post)|onto the (?:post|bar|crossbar|woodwork|upright)|into the side[- ]netting|into the stands|the (?:outside|inside) of the (?:post|upright)|the (?:post|bar|crossbar|woodwork|upright|frame of the goal))";

/// Misses: shots that went wide, over or against the woodwork.
pub static MISS_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // The player shot and the ball went wide, over or against the woodwork.
        rule(
            "shot-off-target",
            &format!(
                r"{{player}}{{gap}}\b(?:fired|fires|shot|shoots|struck|strikes|drove|curled|curls|headed|heads|volleyed|hit|hits|sent|steered|poked|side-footed|lashed|drilled|flicked|nodded|blasted|skied|skews|skewed|sliced|dragged|drags|blazed|blazes|screwed|hooked|scuffed|stabbed|glanced|lifted|lofted|clipped|rattled|rattles|smacked|thumped|crashed|whipped|swept|bent|pulled|chipped|miscued|shanked|flashed|rolled|dinked|toe-poked|powered|planted|smashed|slammed|arrowed|flicked|looped|ballooned|scooped|sliced|squandered|lashes)(?: [\w'’-]+){{0,7}}? {OFF_TARGET}\b"
            ),
            &["@Pa fired wide.", "@Pa curled a free-kick against the bar."],
            &["@Pa fired home."],
        ),
        // The player missed or failed to convert.
        rule(
            "missed",
            r"{player}{gap}\b(?:missed|misses|miscued|spurned|squandered|wasted|fluffed|failed to (?:convert|score|finish|hit the target|find the target|test)|could not (?:convert|finish|score|hit the target|keep)|couldn't (?:convert|finish|score|keep)|was unable to (?:convert|finish|score)|hit the (?:post|bar|crossbar|woodwork|upright)|struck the (?:post|bar|crossbar|woodwork|upright)|rattled the (?:post|bar|crossbar|woodwork|upright|frame))",
            &["@Pa missed a sitter.", "@Pa hit the post from close range."],
            &["@Pa scored a sitter."],
        ),
        // The player's shot went off target, the shot the subject.
        rule(
            "players-shot-off-target",
            &format!(
                r"{{player}}'s (?:[\w-]+ ){{0,3}}?(?:shot|effort|header|drive|strike|volley|free-kick|free kick|attempt|curler|lob|chip|penalty|spot-kick|piledriver|flick|half-volley)(?: [\w'’-]+){{0,6}}? (?:went|flew|sailed|drifted|curled|dipped|bounced|rebounded|cannoned|crashed|came back|hit|struck|clipped|smacked|rattled|whistled|fizzed|skimmed|was|rolled|looped|slid|screwed|bobbled|trickled|deflected)(?: [\w'’-]+){{0,3}}? {OFF_TARGET}\b"
            ),
            &["@Pa's shot flew over the bar."],
            &["@Pa's shot flew into the net."],
        ),
        // A shot from the player went off target.
        rule(
            "shot-from-player-off-target",
            &format!(
                r"(?:shot|effort|header|drive|strike|volley|free-kick|attempt|curler|lob|chip|penalty) (?:from|by) {{player}}(?: [\w'’-]+){{0,6}}? (?:went|flew|sailed|drifted|curled|dipped|bounced|rebounded|cannoned|crashed|hit|struck|clipped|smacked|rattled|whistled|was)(?: [\w'’-]+){{0,3}}? {OFF_TARGET}\b"
            ),
            &["A shot from @Pa went wide."],
            &["A shot from @Pa went in."],
        ),
    ]
});

/// Cards: the player booked or sent off (`RED` tells which).
pub static CARD_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // The passive: the player was booked, sent off or shown a card.
        rule(
            "was-carded",
            r"{player}{gap}\b(?:was|were|is|had been|got|getting|being) (?:also |later |then |subsequently |rightly |harshly |controversially |eventually |duly )?(?:booked|cautioned|sent off|dismissed|red-carded|yellow-carded|sent for an early bath|shown (?:a|his|her|the|a second|his second|her second|a straight|a late|an early) ?(?:second |straight )?(?:yellow|red)(?: card)?)",
            &[
                "@Pa was shown a straight red card.",
                "@Pa was later sent off.",
            ],
            &["@Pa was fouled."],
        ),
        // The player picked up, received or saw a card.
        rule(
            "picked-up-card",
            r"{player}{gap}\b(?:picked up|received|collected|earned|saw|sees|got|was given|was handed|incurred|was shown) (?:a|his|her|an|the|a second|his second|her second|a straight|a late|an early)? ?(?:[\w-]+ )?(?:booking|yellow|red|caution|card|second yellow|red card|yellow card|marching orders)",
            &["@Pa picked up a booking.", "@Pa received a second yellow."],
            &["@Pa picked up an injury."],
        ),
        // "Saw red" (or yellow) is the idiom for a card.
        rule(
            "saw-red",
            r"{player}{gap}\b(?:saw|sees) (?:red|yellow)",
            &["@Pa saw red for a late challenge."],
            &["@Pa saw his shot deflected."],
        ),
        // The referee booked or showed the player a card, or a card for the player.
        rule(
            "booked-player",
            r"(?:booked|cautioned|sent off|dismissed|showed|shows|shown|red card for|yellow card for|booking for|caution for|dismissal of|sending-off of|sending off of|sent-off) {player}\b",
            &[
                "The referee booked @Pa.",
                "A red card for @Pa ended the contest.",
            ],
            &["The referee spoke to @Pa."],
        ),
        // The player's booking or dismissal named as a noun.
        rule(
            "players-booking",
            r"{player}'s? (?:[\w-]+ ){0,2}?(?:booking|caution|dismissal|red card|sending-off|sending off|yellow card|second yellow|early bath)",
            &["@Pa's second yellow left @Sb with ten men."],
            &["@Pa's second goal left @Sb with nothing."],
        ),
        // The plain passive "was booked" or "was cautioned" (`was-carded`, read first, also
        // matches it).
        rule(
            "was-booked",
            r"{player}{gap}\b(?:was|were) (?:booked|cautioned)",
            &["@Pa was booked for a late challenge."],
            &["@Pa was fouled for a late challenge."],
        ),
    ]
});

/// Card words that make it red.
pub static RED: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:sent off|sending[- ]off|sent-off|red|dismissed|dismissal|marching orders|early bath|second yellow|second booking|second caution|two yellow|10 men|ten men)\b").expect("valid rule")
});

/// Phrases that look like cards but are not ("booked their place in the final").
pub static NOT_A_CARD: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\bbooked (?:their|a|his|her|its|the|our) (?:place|spot|ticket|berth|passage|return|seat|date|trip)|\b(?:avoided|escaped|evaded|lucky not to|fortunate not to|should have been|could have been|would have been|deserved|might have been|claims for|appealed for|wanted)\b").expect("valid rule")
});

/// Substitutions: who came on for whom.
pub static SUB_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // The substitute came on for the player replaced.
        rule(
            "came-on-for",
            r"{in}{gap}\b(?:came|come|comes|coming) on (?:for|in place of|to replace|instead of) (?:the (?:[\w-]+ ){0,2})?{out}",
            &["@Pa came on for @Pb."],
            &["@Pa came on in the second half."],
        ),
        // An aside naming the substitute and who he came on for ("@Pa, on for @Pb,
        // scored").
        rule(
            "on-for",
            r"{in}(?:,)? (?:on|who (?:had )?(?:came|come) on) (?:for|in place of) (?:the (?:[\w-]+ ){0,2})?{out}",
            &[
                "@Pa, on for @Pb, scored.",
                "@Pa, who came on for @Pb, scored.",
            ],
            &["@Pa, on the end of @Pb's cross, scored."],
        ),
        // The substitute replaced the player.
        rule(
            "replaced",
            r"{in}{gap}\b(?:replaced|replacing|replaces|took the place of|came in for|deputised for|stepped in for|was introduced for|was sent on for|was brought on for|was thrown on for|was introduced in place of) (?:the (?:[\w-]+ ){0,2})?{out}",
            &[
                "@Pa replaced @Pb.",
                "@Pa was introduced for the injured @Pb.",
            ],
            &["@Pa was replaced by @Pb."],
        ),
        // The passive: the player replaced by the substitute, named last.
        rule(
            "was-replaced-by",
            r"{out}{gap}\b(?:was|is|being) (?:replaced|substituted|withdrawn|taken off|hauled off) (?:[\w-]+ ){0,3}?(?:by|for) {in}",
            &[
                "@Pb was replaced by @Pa.",
                "@Pb was withdrawn at half-time for @Pa.",
            ],
            &["@Pb replaced @Pa."],
        ),
        // The player replaced made way for the substitute.
        rule(
            "made-way-for",
            r"{out}{gap}\b(?:made way for|gave way to|makes way for|gives way to|limped off (?:to be replaced by|for)|went off for|was withdrawn for|was taken off for|was sacrificed for|was hooked for|hobbled off for)(?: the)? {in}",
            &["@Pb made way for @Pa."],
            &["@Pb made space for @Pa."],
        ),
        // The manager brought the substitute on for the player.
        rule(
            "brought-on-for",
            r"(?:sent|brought|threw|throws|sends|brings|introduced|introducing|sending|bringing|throwing|swapped in|summoned) (?:on )?{in}(?: on)? (?:for|in place of|to replace|instead of) (?:the (?:[\w-]+ ){0,2})?{out}",
            &[
                "@Pc brought on @Pa for @Pb.",
                "@Pc sent @Pa on in place of @Pb.",
            ],
            &["@Pc sent @Pa clear."],
        ),
        // The manager took the player off for the substitute.
        rule(
            "took-off-for",
            r"(?:sacrificed|sacrificing|withdrew|withdrawing|replaced|replacing|hooked|took off|taking off|swapped) (?:the (?:[\w-]+ ){0,2})?{out} (?:for|with) {in}",
            &["@Pc took off @Pb for @Pa."],
            &["@Pc replaced @Pb at half-time."],
        ),
        // An aside naming the substitute a replacement for the player.
        rule(
            "replacement-for",
            r"{in}, (?:a|the) (?:[\w-]+ ){0,3}?(?:replacement|substitute) for {out}",
            &["@Pa, a half-time replacement for @Pb, scored."],
            &["@Pa, a former team-mate of @Pb, scored."],
        ),
    ]
});

/// A description standing for a person or a side, where a name would be.
pub static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\bthe (?:\d+-year-old|(?:[\w-]+ ){0,2}?(?:dane|argentine|argentinian|brazilian|frenchman|spaniard|german|dutchman|portuguese|italian|belgian|norwegian|swede|welshman|scot|irishman|englishman|nigerian|ghanaian|senegalese|ivorian|african|guinean|malian|tunisian|congolese|jamaican|canadian|chilean|peruvian|paraguayan|ecuadorian|venezuelan|ukrainian|russian|romanian|hungarian|slovakian|slovak|slovenian|bosnian|albanian|kosovan|icelander|finn|israeli|iranian|chinese|ghanian|gabonese|zambian|zimbabwean|kenyan|costa rican|brazilian|cameroonian|moroccan|egyptian|algerian|uruguayan|colombian|mexican|american|japanese|korean|australian|croatian|serbian|pole|czech|austrian|swiss|turk|greek|international|striker|forward|midfielder|defender|winger|captain|skipper|substitute|full-back|centre-back|centre-half|youngster|teenager|veteran|playmaker|frontman|attacker|left-back|right-back|wing-back|loanee|debutant|newcomer|summer signing|january signing|new signing|goalkeeper|keeper|former [\w-]+ (?:man|player|striker|forward)))\b").expect("valid rule")
});

/// The role-slot letters of a capture: `Some(slot)` for a named role.
pub fn capture<'s>(
    sentence: &'s Sentence,
    caps: &regex::Captures,
    role: &str,
) -> Option<(&'s super::context::Slot, usize)> {
    let m = caps.name(role)?;
    sentence.slot(m.as_str()).map(|s| (s, m.start()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every table of named rules, by the event it reads. A new table belongs here.
    fn tables() -> Vec<(&'static str, &'static [Rule])> {
        vec![
            ("goal", &GOAL_RULES),
            ("weak goal", &WEAK_GOAL_RULES),
            ("beat keeper", std::slice::from_ref(&*BEAT_KEEPER)),
            ("beaten keeper", std::slice::from_ref(&*BEATEN_KEEPER)),
            ("own goal", &OWN_GOAL_RULES),
            ("assist", &ASSIST_RULES),
            ("save", &SAVE_RULES),
            ("shooter", &SHOOTER_RULES),
            ("miss", &MISS_RULES),
            ("card", &CARD_RULES),
            ("substitution", &SUB_RULES),
        ]
    }

    /// `table rule: example` for each example where `is_match` is not `want`.
    fn wrong(examples: fn(&Rule) -> &'static [&'static str], want: bool) -> Vec<String> {
        let mut out = Vec::new();
        for (table, rules) in tables() {
            for r in rules {
                for t in examples(r) {
                    if r.regex.is_match(t) != want {
                        out.push(format!("{table} {}: {t}", r.name));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_rule_matches_its_examples() {
        let missed = wrong(|r| r.matches, true);
        assert!(
            missed.is_empty(),
            "rules missing their own examples:\n{}",
            missed.join("\n")
        );
    }

    #[test]
    fn no_rule_matches_its_near_misses() {
        let hit = wrong(|r| r.rejects, false);
        assert!(
            hit.is_empty(),
            "rules matching their near misses:\n{}",
            hit.join("\n")
        );
    }

    #[test]
    fn every_rule_is_named_and_has_template_examples() {
        let kebab = |n: &str| {
            !n.is_empty()
                && !n.starts_with('-')
                && !n.ends_with('-')
                && !n.contains("--")
                && n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        for (table, rules) in tables() {
            assert!(!rules.is_empty(), "{table}: empty table");
            let mut seen = HashSet::new();
            for r in rules {
                assert!(
                    kebab(r.name),
                    "{table}: rule name {:?} is not kebab-case",
                    r.name
                );
                assert!(seen.insert(r.name), "{table}: two rules named {}", r.name);
                assert!(
                    !r.matches.is_empty(),
                    "{table} {}: no example to match",
                    r.name
                );
                assert!(!r.rejects.is_empty(), "{table} {}: no near miss", r.name);
                // Examples are templates: the mentions a rule reads are slot codes.
                for t in r.matches.iter().chain(r.rejects) {
                    assert!(
                        t.contains("@P"),
                        "{table} {}: {t:?} is not a template",
                        r.name
                    );
                }
            }
        }
    }
}
