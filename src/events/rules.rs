//! The prose rules: regular expressions over sentence templates (see `context`), one
//! table per event type. Each rule names its slots — `{scorer}`, `{assister}`,
//! `{keeper}`, `{shooter}`, `{player}`, `{in}`, `{out}`, `{team}` — and matching fills
//! the roles. Reading this file top to bottom is reading how touchline understands a
//! report; to teach it a new phrasing, add a line to a table.

use super::context::Sentence;
use super::rule_regex;
use regex::Regex;
use std::sync::LazyLock;

/// A run of text between a subject and its verb: no clause break and no other mention,
/// except a possessive one ("Pugh chested down @Pb's cross and volleyed") or one passed
/// on the way ("exchanged passes with @Pb and drove", "rounding @Pc before rolling").
/// Unbounded: sentences bound it, and a bounded repeat of this alternation would compile
/// to a regex hundreds of megabytes large.
const GAP: &str = r"(?:[^@.;:!?]|@[PCR][a-z]+(?:'s\b|')|@[SVK][a-z]+|(?:with|past|beyond|around|round|rounding|rounded|beating|beat|by|evading|skipping past|skipped past|held off|holding off|turned|turning|lost|losing|escaped|escaping|outpaced|outran|shrugged off|evaded|went round|went around|rode|cut inside|cutting inside|jinked past|away from) @[PCR][a-z]+,? (?:and|before|then)\b|for @P[a-z]+ to [a-z]+ and\b|(?:outjumped|outjumping|out-jumped|rose above|rising above|beat|beating|rounded|rounding) (?:[\w-]+ ){0,2}?@P[a-z]+ to\b)*?";
/// Up to five words.
const WORDS: &str = r"(?:[\w'’,-]+ ){0,5}?";

/// Expands `{role}` into a named capture of a slot code: `{team}` a side, others a player.
fn rule(pattern: &str) -> Regex {
    let mut p = pattern.replace("{gap}", GAP).replace("{w}", WORDS);
    for role in [
        "scorer", "assister", "keeper", "shooter", "player", "in", "out", "other",
    ] {
        p = p.replace(&format!("{{{role}}}"), &format!("@P(?P<{role}>[a-z]+)"));
    }
    p = p.replace("{team}", "@S(?P<team>[a-z]+)");
    rule_regex(&format!("(?i){p}")).expect("valid rule")
}

fn rules(patterns: &[&str]) -> Vec<Regex> {
    patterns.iter().map(|p| rule(p)).collect()
}

/// Verbs that mean a goal on their own.
const GOAL_VERBS: &str = r"(?:scored|scores|scoring|netted|nets|equalised|equalized|equalises|levelled|leveled|levels|converted|converts|opened the scoring|broke (?:the |their )?(?:@S[a-z]+(?:'s|') )?(?:deadlock|resistance)|(?:was|were|got) (?:also )?on the scoresheet|(?:(?:was|were) )?also on target|forced extra time|found the net|finding the net|finds the net|found the (?:bottom|top|far|near) corner|notched|bagged|pulled (?:one|a goal) back|reduced the (?:deficit|arrears)|halved the deficit|completed (?:his|her|a) hat-trick|rounded off (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:scoring|win|victory|rout|comeback|display|performance|afternoon|evening|night)|made it (?:\d+-\d+|two|three|four|five|six)|added (?:a|the) (?:second|third|fourth|fifth|sixth|seventh)|(?:struck|strikes) (?:twice|again|late|early|first|the winner|the opener|for|back)|(?:restore|restored|restores|restoring|extend|extended|extends|extending|increase|increased|increases|stretch|stretched|stretches|double|doubled|doubles|doubling) (?:the|their|his side's|her side's|the home side's|the visitors'|(?:the )?@S[a-z]+(?:'s|')|[\w-]+'s) (?:[\w-]+ )?(?:lead|advantage)|hit back|(?:gave|gives|put|puts|fired|fires|headed|heads|sent|edged|nudged|handed|earned|shot|drew|nodded|nods|brought|brings|pulled|slotted|swept|volleyed|drilled|curled|tapped|poked|struck|hammered|lifted|head|fire|put|give|send|nod|slot|sweep|lift|drill|curl|poke|tap|hammer|drawn|draw) (?:(?:the )?@S[a-z]+(?:'s?)?|them|his side|her side|his team|her team|the (?:[\w@-]+ ){0,2}?(?:hosts|visitors|home side|away side|leaders|champions|holders|side|team|club|outfit)) (?:[\w-]+ ){0,2}?(?:ahead|in front|the lead|into the lead|a lead|an early lead|a deserved lead|hope|a lifeline|level|back in front|back on terms|in control|firmly in control|a \d+-\d+ lead|\d+-\d+ up|(?:a )?(?:two|three|four)-goal (?:lead|advantage|cushion)|victory|the win|the points|a deserved)|(?:grab|grabbed|grabs|snatch|snatched|get|got|hit|fire|fired|head|headed|poke|poked|stab|stabbed|scramble|scrambled|stole|claim|claimed|score|nod|nodded|sweep|swept) (?:in |home )?(?:the|a|his|her|their|@S[a-z]+(?:'s|')) (?:[\w-]+ )?(?:winner|equaliser|opener|leveller|goal|brace|double)|made no mistake|(?:headed|struck|netted|scored) (?:twice|three times)|(?:dispatched|despatched|converted|tucked away|slotted away|buried|stroked home|put away|rolled home|smashed home|drilled home) (?:the|a|his|her) (?:resulting |subsequent |ensuing )?(?:penalty|spot-kick|spot kick|rebound|loose ball)|(?:struck|strikes) (?:with [\w-]+ minutes|in the [\w-]+ minute|on [\w-]+ minutes|after [\w-]+ minutes|a minute)|met (?:it |the ball )?with a (?:[\w-]+ ){0,2}?finish|settled (?:it|the (?:game|match|contest|tie))|rounded (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:scoring|win|victory|rout|comeback|display|performance|afternoon|evening|night) off|(?:score|scored|convert|converted|slot|slotted|tuck|tucked|stroke|stroked|bury|buried|dispatch|dispatched) (?:home |in |away )?the (?:resulting |subsequent |ensuing )?(?:penalty|spot-kick|spot kick)|sealed (?:the|it|victory|a|his|her|another|(?:the )?@S[a-z]+(?:'s|'))|wrapped (?:it|things|matters) up|wrapped up (?:the|victory|a|his|her))";

/// Verbs that mean a goal when the ball ends up in the net.
const FINISH_VERBS: &str = r"(?:thrash|thrashed|thrashing|slam|slammed|slamming|ram|lift|lifted|lifting|lifts|passed|passing|dinked|dinking|head|nod|fire|tap|poke|turn|sweep|volley|side-foot|lash|smash|bundle|steer|glance|rifle|prod|stab|chip|lob|convert|blast|hammer|power|squeeze|place|guide|roll|stroke|tuck|bury|finish|slot|drill|curl|drive|bend|slide|sidefoot|firing|heading|slotting|tapping|nodding|curling|drilling|poking|turning|sweeping|volleying|side-footing|lashing|smashing|bundling|steering|glancing|rifling|prodding|stabbing|chipping|lobbing|converting|blasting|hammering|powering|squeezing|placing|guiding|rolling|stroking|tucking|burying|finishing|thumping|driving|bending|planting|walking|sliding|fired|fires|drilled|drills|smashed|rifled|curled|curls|bundled|poked|stabbed|prodded|tapped|taps|slotted|slots|headed|heads|nodded|nods|glanced|turned|turns|steered|swept|side-footed|sidefooted|lashed|thumped|volleyed|lobbed|chipped|bent|hammered|rolled|stroked|placed|guided|flicked|drove|blasted|crashed|powered|squeezed|toe-poked|scooped|dinked|hooked|buried|dispatched|despatched|finished|struck|shot|rammed|nudged|forced|knocked|bent|whipped|angled|threaded|clipped|sent|bundles|fires|tucked|tucks|put|walked|slid|stroked|side-foots|converted)";

/// Words between a finishing verb and where the ball ends up: a defender beaten on the
/// way or a team-mate's cross may be named ("headed Lavery's corner inside the post").
const BETWEEN: &str = r"(?: [\w'’-]+| (?:across|past|beyond|over|under|around|round|beating|outside) @P[a-z]+| @P[a-z]+'s?){0,10}?";

/// Which goal of the match a finish was ("curled in a sensational third").
pub const NTH_GOAL: &str = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|opener|winner|equaliser|equalizer|leveller)";

/// Where the ball ends up after a finishing verb, for it to be a goal.
const INTO_NET: &str = r"(?:home|in|and in|into (?:the )?(?:net|roof of the net|bottom corner|top corner|far corner|near corner|corner|back of the net|goal|empty net|unguarded net)|into an (?:empty|unguarded|open) net|into the (?:[\w-]+ )?(?:bottom|top|far|near|opposite) corner|into the (?:middle|centre|roof|back|side|bottom|top) of the (?:net|goal)|inside the (?:near |far )?post|(?:past|beyond|over|under|beneath|around|round|through) (?:the )?(?:[\w'’-]+ |@S[a-z]+(?:'s?)? ){0,3}?@P[a-z]+|(?:past|beyond|over|under|beneath|around|round) the (?:@S[a-z]+ |[\w-]+ ){0,2}?(?:keeper|goalkeeper)|through @P[a-z]+'s legs|between @P[a-z]+'s legs|across (?:the )?(?:[\w'’-]+ )?@P[a-z]+ (?:to (?:level|equalise|score|make it|give|put|restore|double|halve|win|seal|complete)|and into|into the)|the ball home|low into|high into|in off)";

pub static GOAL_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        &format!(r"{{scorer}}(?:'s?)?{{gap}}\b{GOAL_VERBS}\b"),
        &format!(r"{{scorer}}{{gap}}\b(?P<verb>{FINISH_VERBS}){BETWEEN} {INTO_NET}\b"),
        r"(?:was|were) (?:[\w-]+ ){0,2}?(?:(?:powered|headed|turned|nodded|glanced|steered|prodded|poked|stabbed|tapped|swept|bundled|forced|fired|knocked|put|slotted|side-footed|drilled|volleyed|smashed|lashed|rifled|curled|converted|finished) (?:in|home|into the (?:net|corner|far corner|bottom corner|top corner))|tucked away|turned in|converted|finished off|put away|dispatched) by (?:the (?:head|boot|foot|knee|chest|right foot|left foot) of )?(?:substitute |defender |striker |midfielder |forward |captain )?{scorer}",
        r"{scorer}{gap}\b(?:sent|sends|sending|send) @P[a-z]+ the wrong way",
        r"{scorer}{gap}\bpounced\b[^@.;]{0,60}? to (?:equalise|level|score|net|fire|slot|tap|finish|make it|restore|double|seal|win)\b",
        r"(?:doubled|extended|restored|levelled|cancelled out|halved|reduced) by (?:a|an|the) (?:[\w-]+ ){0,2}?(?:header|strike|finish|goal|penalty|volley|effort|shot|tap-in) from {scorer}",
        r"{scorer}{gap}\b(?:rounding|rounded|rounds|beating|beat|beats|lobbing|lobbed|chipping|chipped) (?:the (?:[\w-]+ )?(?:goalkeeper|keeper)|@P[a-z]+) (?:to|and) (?:score|finish|slot|tap|roll|fire|net|walk)",
        r"(?:opener|second|third|fourth|fifth|sixth|seventh|equaliser|winner|leveller|goal) came (?:through|from|via|courtesy of) (?:the |a |an )?(?:[\w-]+ ){0,2}?{scorer}",
        r"(?:could do nothing|had no chance|was helpless|stood no chance) (?:about|to stop|with|against) {scorer}'s",
        r"(?:scored|netted|struck) (?:twice|two|three times) (?:either side of|around|sandwiching) {scorer}'s",
        r"(?:for|allowing|allowed|allow|leaving|enabling|enabled|left) (?:[\w-]+ ){0,2}?{scorer} (?:to|with) (?:an? )?(?:[\w-]+ ){0,3}?(?:pull one back|pounce|capitalise|score|finish|fire|drill|slot|tap|head|nod|turn|sweep|stab|poke|lash|smash|volley|bundle|convert|roll|curl|side-foot|steer|glance|sidefoot|prod|walk|stroke|chip|lob|tuck|rifle|hammer|power|blast|bury|net|equalise|level)\b",
        &format!(r"{{scorer}}, who {{gap}}\b(?P<verb>{FINISH_VERBS}){BETWEEN} {INTO_NET}\b"),
        r"(?:goal|goals|finishes|strikes|opener|equaliser|equalizer|winner|leveller|double|brace|hat-trick|hat trick|tap-in|own goal|own-goal) (?:from|by|for) (?:the |a |an )?(?:[\w-]+ ){0,3}?{scorer}",
        &format!(
            r"{{scorer}}{{gap}}\b(?P<verb>{FINISH_VERBS}|score|scored|scores|scoring|net|netted|notch|notched|add|added|adds|adding|grab|grabbed) (?:in |home |away )?(?:the|a|an|his|her|their|@S[a-z]+(?:'s|')) (?:[\w-]+ ){{0,2}}?{NTH_GOAL}\b"
        ),
        r"(?:went ahead|went in front|took the lead|take the lead|took an early lead|go ahead|go in front|led|levelled|equalised|drew level|pulled one back|pulled a goal back|hit back|struck first|struck again|scored first|(?:were|was) (?:ahead|level|in front)) (?:[\w'-]+ ){0,4}?(?:when|as) (?:the )?(?:[\w-]+ ){0,3}?{scorer}(?:[^'’@\w]|$)",
        r"(?:played in|put through|sent through|released) {scorer} (?:for|to (?:fire|slot|drill|finish|score|tap|head)) (?:a |an )?(?:[\w-]+ ){0,2}?(?:finish|strike|goal|home|in)\b",
        r"(?:set up|sets up|teed up|tees up|picked out|released|found) {scorer} to (?:score|net|find the net|tap in|head in|head home|fire in|fire home|slot in|slot home|finish)\b",
        r"(?:set up|sets up|teed up|tees up|found|released|picked out|played in|put through|sent through) {scorer} (?:for|to (?:score|notch|net|grab|fire|head|slot|tap|complete|add|make it)) (?:his|her|a|the) (?:[\w-]+ ){0,2}?(?:second|third|fourth|fifth|first|goal|hat-trick|winner|equaliser|opener|finish|tap-in|header)\b",
        r"(?:led|lead|leads|leading|ahead|in front|level|levelled|equalised|won|win|victory|replied|responded|went ahead|took the lead|pulled one back|pulled a goal back|got (?:a goal|one) back|reduced the deficit|halved the deficit|hit back|struck first|struck twice|doubled|extended|restored) (?:[\w@'-]+ ){0,5}?,? ?(?:through|thanks to|courtesy of|via) (?:a |an |the )?(?:@S[a-z]+ )?(?:[\w-]+ ){0,2}?{scorer}",
        r"{scorer}'s? (?:[\w-]+ ){0,3}?(?:opener|goal|equaliser|equalizer|winner|leveller|double|brace|hat-trick|tap-in|own goal|own-goal)\b",
        // "at fault for Son's second three minutes later": the ordinal alone is the goal
        // where what follows cannot make it a half, a booking or a leg.
        r"{scorer}'s? (?:[\w-]+ )?(?:second|third|fourth|fifth|sixth|seventh)(?:[,.;:!?)]|$| (?:of the (?:game|match|night|afternoon|evening|day|tie)|came|arrived|followed|was|from|with|\d|two|three|four|five|six|seven|eight|nine|ten|minutes|seconds|just|before|after|on|in|as|when|and|early|late|shortly|moments|midway|soon)\b)",
    ])
});

/// Weaker goal nouns ("a header from X", "X's strike") count only when the sentence
/// also says a goal happened.
pub static WEAK_GOAL_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        r"(?:strike|header|finish|effort|penalty|spot-kick|spot kick|volley|free-kick|free kick|lob|chip|shot|drive|curler|piledriver|overhead kick|bicycle kick|scissor kick|solo goal|solo effort) (?:from|by) {scorer}",
        r"{scorer}'s? (?:[\w-]+ ){0,3}?(?:strike|header|finish|effort|penalty|spot-kick|volley|free-kick|lob|chip|shot|drive|curler|piledriver|overhead kick)\b",
    ])
});

/// A sentence that says a goal happened, without saying whose.
pub static GOAL_CUE: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:gave|give|gives|giving|put|puts|putting|sent|fired|headed|edged|nudged|earned|handed|secured|earned|won|clinched|sealed|levelled|equalised|equalising|levelling|doubled|restored|extended|halved|reduced|cancelled out|made it|went in|completed the (?:formalities|scoring|rout|comeback|turnaround|win|victory)|wrapped up|rounded off|in front|ahead|the lead|level|into the net|the opener|the winner|the equaliser|\d+-\d+ (?:lead|up|ahead|win|victory)|(?:led|lead|leads|leading) \d+-\d+)\b").expect("valid rule")
});

/// Beating a known goalkeeper is scoring ("finally beat Greatrex", "rounded the keeper").
pub static BEAT_KEEPER: LazyLock<Regex> = LazyLock::new(|| {
    rule(
        r"{scorer}{gap}\b(?:beat|beats|beating|rounded|rounds|rounding|lobbed|lobs|chipped|chips|outfoxed|got the better of|gets the better of|left) (?:the )?(?:[\w-]+ ){0,3}?{keeper}\b",
    )
});

/// Own goals: the scorer put it into his own net.
pub static OWN_GOAL_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        r"{scorer}{gap}\b(?:turned|turns|put|puts|diverted|deflected|headed|sliced|poked|steered|bundled|knocked|hooked|nodded|flicked|slid|stabbed|prodded|helped|guided|sent|scuffed|chested|kneed|bundles|swept|lashed|glanced|volleyed|toe-poked|inadvertently|accidentally|diverting|turning|slicing|deflecting|heading)(?: [\w'’-]+){0,7}? (?:into|in) (?:[\w-]+ ){0,4}?(?:his|her|their) own (?:net|goal)",
        r"{scorer}{gap}\b(?:diverted|deflected|turned|steered|sliced|poked|put|knocked|diverting|turning|divert|deflect|turn|steer|slice|poke|knock|head|headed|prod|prodded)(?: [\w'’-]+){0,4}? past (?:his|her|their) own (?:keeper|goalkeeper)",
        r"{scorer}'s? (?:[\w-]+ ){0,3}?(?:clearance|header|touch|deflection|clip|back-pass|backpass|attempted clearance|intervention|block|challenge)[^.;]{0,120}? into (?:his|her|their) own (?:net|goal)",
        r"own[- ]goal (?:from|by) {scorer}",
        r"{scorer}'s? (?:[\w-]+ ){0,2}?own[- ]goal",
        r"{scorer}{gap}\b(?:scored|conceded|put through) (?:an|a [\w-]+) own[- ]goal",
    ])
});

/// Sentences that mention scoring without a goal in this match.
pub static NOT_A_GOAL: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:has scored|have scored|had scored|has now scored|had now scored|has netted|have netted|had netted|would have|could have|should have|might have|almost|nearly|thought (?:he|she|they) had|poised to|about to|(?:was|were|looked) set to|had found the net|has found the net|disallowed|ruled out|chalked off|struck off|for offside|was offside|were offside|narrowly offside|this season|last season|in his career|in her career|all competitions|in (?:\d+|two|three|four|five|six|seven|eight|nine|ten) (?:games|matches|appearances|outings|starts|league games)|in (?:his|her|their) last|since (?:joining|arriving|his|her)|on loan at|previous (?:meeting|game|match)|reverse fixture|first leg|shoot-out|shootout|on penalties|failed to|without scoring|yet to score|has yet|having scored|having netted|(?:prevented|stopped|denied|kept) (?:him|her|them|it|@P[a-z]+) from|prevented (?:him|her|them|it)|(?:went|came|go|come|going|coming) close|denied (?:him|her) (?:a|his|her)|if (?:he|she|they) had|had (?:he|she|they) (?:scored|netted)|tally|top scorer|goals? this|goals? in (?:the|his|her) last|\d+ goals|goals in \d+|kept (?:the )?(?:scores?|deficit|margin|game|tie|it|them) (?:level|to one|at|goalless|alive|in)|keep (?:the )?(?:scores?|deficit|margin|game|tie|it) (?:level|to one|at|goalless|alive)|kept @S[a-z]+ (?:level|in)|keep @S[a-z]+ (?:level|in))\b").expect("valid rule")
});

/// Sentences about a penalty shoot-out: its kicks are neither goals, saves nor misses.
pub static SHOOTOUT: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:shoot-out|shootout|on penalties|on pens|spot-kicks|sudden death|decisive (?:kick|penalty)|winning (?:kick|penalty)|penalty shoot)\b").expect("valid rule")
});

/// Passes, crosses and flicks the report credits for a goal.
pub static ASSIST_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        r"(?:cross|pass|ball|centre|center|corner|free-kick|free kick|through-ball|through ball|cut-back|cutback|lay-off|layoff|flick|flick-on|knock-down|knockdown|header|assist|delivery|set-piece|low ball|throw-in|square ball|pull-back|knock-back|lofted ball|chipped ball|clipped ball|long ball|one-two) (?:from|by) {assister}",
        r"{assister}'s? (?:[\w-]+ ){0,3}?(?:cross|pass|ball|centre|corner|free-kick|free kick|through-ball|through ball|cut-back|cutback|lay-off|layoff|flick|flick-on|knock-down|knockdown|delivery|assist|set-piece|throw|throw-in|square ball|header|low ball|knock-back|pull-back|lob|chip|clipped ball|nod-down|nod down|lofted ball|long ball|one-two|centre)\b",
        r"{assister}{gap}\b(?:crossed|squared|set up|sets up|teed up|tees up|picked out|picks out|found|finds|laid (?:on|off)|lays off|slid|slides|played|plays|threaded|flicked|flicks|nodded|headed down|headed back|pulled (?:the ball )?back|cut back|cut the ball back|fed|supplied|delivered|whipped|swung|sent|provided|released|put through|played in|rolled|lofted|chipped|clipped|floated|curled|drilled|fizzed|knocked|nudged|touched|teed|crosses|squares|delivers|whips|swings)(?:[^@.;]{0,80}?)(?:for|to|towards|into the path of|onto the head of|on to the head of|to pick out|picking out|finding|and) {scorer}",
        r"(?:assisted|set up|created|teed up|provided) by {assister}",
        r"{scorer}{gap}\b(?:from|after|following|on the end of|onto|on to|to meet|met|converting|latching on to|latched on to|latching onto|latched onto|connecting with|connected with|getting on the end of|got on the end of|turning in|reacting to) (?:[\w-]+ ){0,3}?{assister}'s",
    ])
});

/// Verbs a goalkeeper does to a shot.
const SAVE_VERBS: &str = r"(?:(?:turning|pushing|clawing|flicking|tipping|palming|beating|batting|punching) (?:[\w@'’-]+ ){0,4}?(?:away|out|round|around|over|wide|aside|behind|clear|onto|on to)|(?:could only|to) (?:parry|push|palm|tip|beat|bat|punch|claw) (?:it |the ball )?(?:away|out|round|around|over|wide|aside|behind|clear)?|(?:get|getting) down|(?:dive|dived|diving|dove|went down|going down|threw himself|threw herself) at the feet of|with (?:a|an|another|two|three|his|her|their) (?:[\w-]+ ){0,3}?(?:save|saves|stop|stops|block)|to (?:save|deny|keep (?:it |the ball |the shot |the effort )?out|tip|palm|parry|push|claw|smother|block|hold|stop|thwart|foil|turn|beat|bat|punch|scramble|hold on to|gather)|(?:threw|throws|throwing|stuck|sticks|sticking|put|putting) out (?:a|his|her) (?:leg|foot|hand|arm|glove)|(?:spread|spreads|spreading) (?:himself|herself)|saved|saves|denied|denies|denying|kept out|keeps out|keep out|tipped|tips|palmed|palms|parried|parries|pushed|beat away|beat out|clawed|smothered|smothers|got down|gets down|got a (?:hand|glove|strong hand|fingertip|touch)|got (?:his|her) (?:fingertips|fingers|hand|body|legs|feet|glove)|stopped|blocked|held|gathered|made (?:a|an|his|her|two|three|four|several|a string of|a series of|another|a couple of)? ?(?:[\w-]+ ){0,2}?(?:save|saves|stop|stops|block)|produced (?:a|an|another|two) (?:[\w-]+ ){0,2}?(?:save|saves|stop|stops|block)|pulled off (?:a|an|another) (?:[\w-]+ ){0,2}?(?:save|stop)|was equal to|were equal to|stood tall|stood firm|thwarted|thwarts|foiled|repelled|turned (?:it |the ball |the shot |the effort )?(?:round|around|over|away|aside|behind|wide)|pushed (?:it |the ball |the shot )?(?:round|around|over|away|aside|behind|wide)|beat (?:it |the ball )?away|flung|dived|tipping|saving|parrying|palming)";

/// Verbs that only count as a save when the subject is known to be a goalkeeper.
pub const WEAK_SAVE_VERB: &str = r"(?i)\b(?:to (?:block|stop|hold|deny|thwart|foil|turn|beat|gather|hold on to)|blocked|stopped|held|gathered|denied|stood tall|stood firm|was equal to|thwarted|foiled|repelled)\b";

pub static SAVE_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        &format!(r"{{keeper}}{{gap}}\b{SAVE_VERBS}\b"),
        r"{shooter}{gap}\b(?:was|were|is|had been) (?:denied|thwarted|foiled|stopped|kept out|repelled|frustrated)(?: [\w'’-]+){0,4}? by {keeper}",
        r"{shooter}{gap}\b(?:fired|fires|shot|shoots|struck|strikes|drove|drives|curled|curls|headed|heads|volleyed|volleys|hit|hits|sent|sends|steered|poked|side-footed|lashed|drilled|flicked|nodded|blasted|toe-poked|chipped|placed|rolled|screwed|dragged|scuffed|stabbed|prodded|glanced|lifted|swept|smashed|sidefooted|mishit|miscued|skewed)(?: [\w'’-]+){0,6}? (?:straight |right |too close |directly |tamely |weakly |comfortably )?(?:at|to|into the (?:arms|hands|grateful arms|gloves) of|into the path of) {keeper}",
        r"(?:save|saves|stop|stops|block|reflexes|fingertips|fingertip|glove|gloves) (?:by|of) {keeper}",
        r"(?:shot|effort|header|penalty|spot-kick|drive|strike|volley|free-kick|free kick|attempt|curler|lob|chip)(?: [\w'’-]+){0,3}? (?:was |were )?(?:saved|tipped|parried|palmed|pushed|kept out|clawed|blocked|turned|held|stopped|gathered|smothered|denied)(?: [\w'’-]+){0,3}? by {keeper}",
        r"{shooter}{gap}\b(?:forced|forces|drew|draws|tested|tests|extended|brought) {keeper} (?:into|to make|to produce|out|to)",
        r"{shooter}{gap}\b(?:drawing|drew|drawn|forcing|forced|drawing out|brought|bringing) (?:a|an|another) (?:[\w-]+ ){0,3}?(?:save|stop|block) (?:from|out of) {keeper}",
        r"{keeper}'s? (?:[\w-]+ ){0,2}?(?:save|saves|stop|block|fingertips|reflexes|gloves|legs|feet|outstretched)",
        r"{shooter}'s? (?:[\w-]+ ){0,3}?(?:shot|effort|header|penalty|spot-kick|drive|strike|volley|free-kick|free kick|attempt|curler|piledriver|lob|chip|flick|snapshot|half-volley|low shot)(?: [\w'’-]+){0,6}? (?:was |were )?(?:saved|tipped|parried|palmed|pushed|kept out|beaten away|clawed|blocked|turned|held|stopped|gathered|smothered|repelled|denied)(?: [\w'’-]+){0,5}? by {keeper}",
    ])
});

/// Where the shooter of a save is named, given the keeper's verb.
pub static SHOOTER_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        r"(?:deny|denied|denies|denying|keep out|kept out|keeps out|keeping out|thwart|thwarted|foil|foiled|stop|stopped|frustrate|frustrated|beat away|repel|repelled|block|blocked) {shooter}\b",
        r"{shooter}'s? (?:[\w-]+ ){0,3}?(?:shot|effort|header|penalty|spot-kick|drive|strike|volley|free-kick|free kick|attempt|curler|piledriver|lob|chip|flick|snapshot|half-volley|strike|low shot|close-range|drive|shot|goalbound|deflected)",
        r"(?:shot|effort|header|penalty|spot-kick|drive|strike|volley|free-kick|free kick|attempt|curler|piledriver|lob|chip|flick|snapshot|half-volley|close-range effort|chance) (?:from|by) {shooter}",
        r"(?:from|to deny|denying|to keep out|keeping out|to thwart|at the feet of) {shooter}\b",
        r"{shooter}, who saw (?:an?|his|her|the) (?:[\w-]+ ){0,2}?(?:penalty|shot|effort|header|spot-kick|free-kick|strike|volley) (?:saved|tipped|parried|kept out|blocked|turned)",
    ])
});

/// Where a shot goes when it is not saved.
const OFF_TARGET: &str = r"(?:wide|over(?: the (?:bar|top|crossbar))?|just over|high(?: and wide)?|off target|past the (?:post|far post|near post|upright)|against the (?:post|bar|crossbar|woodwork|upright|outside of the post|inside of the post)|off the (?:post|bar|crossbar|woodwork|upright|inside of the post|outside of the post)|onto the (?:post|bar|crossbar|woodwork|upright)|into the side[- ]netting|into the stands|the (?:outside|inside) of the (?:post|upright)|the (?:post|bar|crossbar|woodwork|upright|frame of the goal))";

pub static MISS_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        &format!(
            r"{{player}}{{gap}}\b(?:fired|fires|shot|shoots|struck|strikes|drove|curled|curls|headed|heads|volleyed|hit|hits|sent|steered|poked|side-footed|lashed|drilled|flicked|nodded|blasted|skied|skews|skewed|sliced|dragged|drags|blazed|blazes|screwed|hooked|scuffed|stabbed|glanced|lifted|lofted|clipped|rattled|rattles|smacked|thumped|crashed|whipped|swept|bent|pulled|chipped|miscued|shanked|flashed|rolled|dinked|toe-poked|powered|planted|smashed|slammed|arrowed|flicked|looped|ballooned|scooped|sliced|squandered|lashes)(?: [\w'’-]+){{0,7}}? {OFF_TARGET}\b"
        ),
        r"{player}{gap}\b(?:missed|misses|miscued|spurned|squandered|wasted|fluffed|failed to (?:convert|score|finish|hit the target|find the target|test)|could not (?:convert|finish|score|hit the target|keep)|couldn't (?:convert|finish|score|keep)|was unable to (?:convert|finish|score)|hit the (?:post|bar|crossbar|woodwork|upright)|struck the (?:post|bar|crossbar|woodwork|upright)|rattled the (?:post|bar|crossbar|woodwork|upright|frame))",
        &format!(
            r"{{player}}'s (?:[\w-]+ ){{0,3}}?(?:shot|effort|header|drive|strike|volley|free-kick|free kick|attempt|curler|lob|chip|penalty|spot-kick|piledriver|flick|half-volley)(?: [\w'’-]+){{0,6}}? (?:went|flew|sailed|drifted|curled|dipped|bounced|rebounded|cannoned|crashed|came back|hit|struck|clipped|smacked|rattled|whistled|fizzed|skimmed|was|rolled|looped|slid|screwed|bobbled|trickled|deflected)(?: [\w'’-]+){{0,3}}? {OFF_TARGET}\b"
        ),
        &format!(
            r"(?:shot|effort|header|drive|strike|volley|free-kick|attempt|curler|lob|chip|penalty) (?:from|by) {{player}}(?: [\w'’-]+){{0,6}}? (?:went|flew|sailed|drifted|curled|dipped|bounced|rebounded|cannoned|crashed|hit|struck|clipped|smacked|rattled|whistled|was)(?: [\w'’-]+){{0,3}}? {OFF_TARGET}\b"
        ),
    ])
});

pub static CARD_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        r"{player}{gap}\b(?:was|were|is|had been|got|getting|being) (?:also |later |then |subsequently |rightly |harshly |controversially |eventually |duly )?(?:booked|cautioned|sent off|dismissed|red-carded|yellow-carded|sent for an early bath|shown (?:a|his|her|the|a second|his second|her second|a straight|a late|an early) ?(?:second |straight )?(?:yellow|red)(?: card)?)",
        r"{player}{gap}\b(?:picked up|received|collected|earned|saw|sees|got|was given|was handed|incurred|was shown) (?:a|his|her|an|the|a second|his second|her second|a straight|a late|an early)? ?(?:[\w-]+ )?(?:booking|yellow|red|caution|card|second yellow|red card|yellow card|marching orders)",
        r"{player}{gap}\b(?:saw|sees) (?:red|yellow)",
        r"(?:booked|cautioned|sent off|dismissed|showed|shows|shown|red card for|yellow card for|booking for|caution for|dismissal of|sending-off of|sending off of|sent-off) {player}\b",
        r"{player}'s? (?:[\w-]+ ){0,2}?(?:booking|caution|dismissal|red card|sending-off|sending off|yellow card|second yellow|early bath)",
        r"{player}{gap}\b(?:was|were) (?:booked|cautioned)",
    ])
});

/// Card words that make it red.
pub static RED: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:sent off|sending[- ]off|sent-off|red|dismissed|dismissal|marching orders|early bath|second yellow|second booking|second caution|two yellow|10 men|ten men)\b").expect("valid rule")
});

/// Phrases that look like cards but are not ("booked their place in the final").
pub static NOT_A_CARD: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\bbooked (?:their|a|his|her|its|the|our) (?:place|spot|ticket|berth|passage|return|seat|date|trip)|\b(?:avoided|escaped|evaded|lucky not to|fortunate not to|should have been|could have been|would have been|deserved|might have been|claims for|appealed for|wanted)\b").expect("valid rule")
});

pub static SUB_RULES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    rules(&[
        r"{in}{gap}\b(?:came|come|comes|coming) on (?:for|in place of|to replace|instead of) (?:the (?:[\w-]+ ){0,2})?{out}",
        r"{in}(?:,)? (?:on|who (?:had )?(?:came|come) on) (?:for|in place of) (?:the (?:[\w-]+ ){0,2})?{out}",
        r"{in}{gap}\b(?:replaced|replacing|replaces|took the place of|came in for|deputised for|stepped in for|was introduced for|was sent on for|was brought on for|was thrown on for|was introduced in place of) (?:the (?:[\w-]+ ){0,2})?{out}",
        r"{out}{gap}\b(?:was|is|being) (?:replaced|substituted|withdrawn|taken off|hauled off) (?:[\w-]+ ){0,3}?(?:by|for) {in}",
        r"{out}{gap}\b(?:made way for|gave way to|makes way for|gives way to|limped off (?:to be replaced by|for)|went off for|was withdrawn for|was taken off for|was sacrificed for|was hooked for|hobbled off for)(?: the)? {in}",
        r"(?:sent|brought|threw|throws|sends|brings|introduced|introducing|sending|bringing|throwing|swapped in|summoned) (?:on )?{in}(?: on)? (?:for|in place of|to replace|instead of) (?:the (?:[\w-]+ ){0,2})?{out}",
        r"(?:sacrificed|sacrificing|withdrew|withdrawing|replaced|replacing|hooked|took off|taking off|swapped) (?:the (?:[\w-]+ ){0,2})?{out} (?:for|with) {in}",
        r"{in}, (?:a|the) (?:[\w-]+ ){0,3}?(?:replacement|substitute) for {out}",
    ])
});

/// A description standing for a person or a side, where a name would be.
pub static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\bthe (?:\d+-year-old|(?:[\w-]+ ){0,2}?(?:dane|argentine|argentinian|brazilian|frenchman|spaniard|german|dutchman|portuguese|italian|belgian|norwegian|swede|welshman|scot|irishman|englishman|nigerian|ghanaian|senegalese|ivorian|african|guinean|malian|tunisian|congolese|jamaican|canadian|chilean|peruvian|paraguayan|ecuadorian|venezuelan|ukrainian|russian|romanian|hungarian|slovakian|slovak|slovenian|bosnian|albanian|kosovan|icelander|finn|israeli|iranian|chinese|ghanian|gabonese|zambian|zimbabwean|kenyan|costa rican|brazilian|cameroonian|moroccan|egyptian|algerian|uruguayan|colombian|mexican|american|japanese|korean|australian|croatian|serbian|pole|czech|austrian|swiss|turk|greek|international|striker|forward|midfielder|defender|winger|captain|skipper|substitute|full-back|centre-back|centre-half|youngster|teenager|veteran|playmaker|frontman|attacker|left-back|right-back|wing-back|loanee|debutant|newcomer|summer signing|january signing|new signing|former [\w-]+ (?:man|player|striker|forward)))\b").expect("valid rule")
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
