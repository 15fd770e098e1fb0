"""English: cue patterns and the language pack (word lists in en_lexicon, prototypes in en_prototypes)."""

from __future__ import annotations

import re

from practice.scoring.lang import LanguagePack
from practice.scoring.lang.en_lexicon import DOMAINS, FEELINGS, NEGATORS, STOPWORDS
from practice.scoring.lang.en_prototypes import PROTOTYPES


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])", re.IGNORECASE)


# fmt: off
CUES: dict[str, re.Pattern[str]] = {
    "retelling": _rx(
        r"so you(?:'re| are)? (?:saying|telling me)", r"if i (?:understand|hear|heard|get|got)(?: (?:you|this|that))?",
        r"what i(?:'m| am) hearing", r"let me (?:make sure|check) i", r"in other words",
        r"it sounds like", r"sounds like", r"so (?:the|your|you|it|there|they|nobody|no one)",
        r"you(?:'re| are) telling me", r"you(?:'ve| have) (?:had|been|got)", r"from what you(?:'re| are)? ?(?:say|said|saying)",
        r"you said", r"you feel (?:that|like)", r"you were (?:left|counting|expecting|promised|told|never)",
        r"what you(?:'re| are) saying", r"i(?:'m| am) hearing",
    ),
    "rebuttal": _rx(
        r"to be fair", r"in fairness", r"actually", r"in fact", r"technically", r"with (?:all due )?respect",
        r"our (?:policy|terms|contract|records|system|logs)", r"the contract", r"terms and conditions",
        r"you should have", r"you (?:didn't|did not|never) (?:tell|send|read|check|give|sign|confirm|ask)",
        r"(?:not|wasn't|isn't) (?:our|my) fault", r"that(?:'s| is) not (?:true|right|correct|fair|what happened|how)",
        r"surely (?:it |that |this |they |you |we )?(?:won't|isn't|can't|doesn't|wasn't|didn't|not)", r"in our defen[cs]e", r"we did (?:send|tell|warn|inform|email|call|notify)", r"it was (?:the|your) \w+(?:'s)? fault",
        r"blame", r"if you had", r"you(?:'re| are) (?:wrong|mistaken)", r"you signed", r"as (?:stated|agreed|per)",
        r"but (?:we|we've|we're|we'd|our|the|you|you've|that|it|it's|honestly|to|i|i'm)", r"however", r"the (?:courier|carrier|supplier|warehouse|bank)",
        r"that(?:'s| is) (?:standard|normal|how it works)", r"we (?:followed|met|did everything)",
        r"our (?:\w+ )?(?:records|data|logs|graphs|figures|monitoring|system|feedback forms?) (?:show|shows|say|says)",
        # Holding the client to their own choice, said as a correction (not "since you picked us", a retell).
        r"(?:^|(?<=[.!?] )|(?:well|but|actually|remember|look),? )you (?:approved|chose|picked|signed off|agreed|accepted|ordered|selected|were told|were warned)",
        r"(?:legally|contractually) (?:required|bound)", r"(?:it's|it is|that's|that is) in the (?:guide|terms|contract|policy|manual)",
        r"(?:never|didn't|did not) (?:receive|get) (?:any|your|the)", r"within (?:the )?(?:contract|sla|spec|terms)",
        r"(?:matches|match) (?:the|what|your)", r"exactly what (?:you|your)", r"i'm not sure that's", r"the whole picture",
        r"(?:you|they) (?:shouldn't|should not) (?:be )?(?:think|worr|feel|blame|expect)\w*", r"your responsibility",
        r"not ours", r"as i (?:said|told you|explained)", r"it(?:'s| is) not (?:that|take|like|as|about|our)",
        r"(?:it|that) (?:won't|wouldn't|will not) (?:come to|happen|be that)", r"surely", r"as a courtesy", r"your (?:own )?(?:team|managers|people|staff|engineers?) (?:added|caused|did|made|changed|ordered|approved)",
    ),
    "premature_solution": _rx(
        r"refund\w*", r"discount\w*", r"credit(?: note)?s?", r"replace\w*", r"compensat\w*", r"voucher\w*",
        r"what (?:we|i) can do", r"(?:we|i) can offer", r"(?:i'd|i would|i) (?:suggest|recommend|propose)",
        r"let me (?:fix|send|arrange|sort|get|issue|escalate|upgrade|resend|ship|refund|waive|book|set up|give|offer|put)",
        r"(?:i|we) could (?:join|send|set up|give|offer|arrange|come|get|put|call|move|switch|do|hold|add)", r"so (?:this|it) (?:never happens|can't happen|won't happen|doesn't happen)(?: again)?",
        r"we(?:'ve| have) (?:already )?(?:added|fixed|put in place|implemented|upgraded|introduced|changed)",
        r"from now on", r"going forward",
        r"you (?:should|could|might) (?:try|just|consider|switch|restart|update|use|check)", r"why don't you",
        r"how about", r"the (?:solution|fix|workaround)", r"next steps?", r"to fix (?:this|it)", r"workaround",
        r"(?:i|we)(?:'ll| will| can) (?:send|arrange|get|fix|issue|waive|expedite|ship|resend|upgrade|refund|give|credit|assign|provide|set up|switch|move|add|replace|restore|put you|book|hold|freeze|match|lower|reduce)",
        r"would (?:a|an|it help|that help)", r"free of charge", r"on (?:us|the house)", r"waive\w*", r"expedit\w*",
        r"(?:i|we) can (?:get|send|fix|arrange|have|do|prepare|draft|put together|organi[sz]e|set up|bring)",
        r"priority shipping",
    ),
    "emotion_label": _rx(
        r"you (?:must|might|may) (?:be|feel|have felt)", r"you(?:'re| are) (?:feeling|really|clearly|understandably)",
        r"you (?:feel|felt|seem|sound)", r"(?:it|that) (?:sounds|must be|must have been|is|was) (?:so |really |incredibly |very )?(?:"
        + "|".join(sorted(FEELINGS)) + ")",
        r"sounds (?:really |so |very )?(?:" + "|".join(sorted(FEELINGS)) + ")", r"feeling", r"let down",
        r"taken for granted", r"fed up", r"left (?:you )?(?:hanging|in the dark)",
    ),
    "self_focus": _rx(
        r"when i", r"i remember", r"i had (?:a|the|this|one)", r"my (?:last|old|previous|own|week|day|team|boss|kids?|wife|husband)",
        r"in my experience", r"i(?:'ve| have) been", r"i know exactly how", r"i(?:'m| am) (?:so |really )?(?:swamped|busy|tired|stressed|new|frustrated)",
        r"happened to me", r"i once", r"back when i", r"personally,? i", r"i myself", r"same thing happened",
        r"my (?:experience|story|situation)", r"i used to", r"for me",
    ),
    "commitment": _rx(
        r"i(?:'ll| will| shall)", r"we(?:'ll| will| shall)", r"i(?:'m| am) going to", r"we(?:'re| are) going to",
        r"i promise", r"you have my word", r"let me (?:get back|call|check|find out|come back|follow up|look into)",
        r"i commit", r"count on me", r"by (?:monday|tuesday|wednesday|thursday|friday|tomorrow|tonight|noon|end of)",
    ),
    "open_start": _rx(
        r"what(?:'s|'re|'d|'ll|'ve)?", r"how(?:'s|'re|'d|'ll|'ve)?", r"why(?:'s|'d)?", r"which", r"where(?:'s|'d)?",
        r"when(?:'s|'d)?", r"who(?:'s|'d)?", r"tell me", r"walk me through",
        r"help me understand", r"say more", r"talk me through", r"describe", r"explain", r"share",
        r"what would it take",
    ),
    "closed_question": _rx(
        r"is", r"are", r"was", r"were", r"do", r"does", r"did", r"can", r"could", r"would", r"will", r"have",
        r"has", r"had", r"should", r"shall", r"may", r"isn't", r"aren't", r"wasn't", r"didn't", r"don't",
        r"doesn't", r"won't", r"wouldn't", r"right", r"correct", r"ok", r"okay",
    ),
    "open_question": _rx(
        r"tell me (?:more|about|what|how|why|a bit)", r"walk me through", r"help me understand", r"say (?:a bit )?more",
        r"talk me through", r"what would it take", r"what(?:'s| (?:matters|happened|else|would|does|did|do|is|was|has))",
        r"how(?:'s| (?:did|does|do|has|is|was|would|can|are|could))",
    ),
    "dismissal": _rx(
        r"happens? to (?:everyone|everybody|all)", r"these things happen", r"it happens", r"(?:not|no) (?:a |such a )?big deal",
        r"only (?:a|one|two|a few|a couple)", r"just (?:a|one|two|a few|a couple|the one)", r"overreact\w*",
        r"calm down", r"relax", r"don't worry about it", r"could (?:have been|be) worse", r"at least",
        r"bigger problems", r"every (?:supplier|vendor|company|provider|client|business)", r"it's normal",
        r"standard in the industry", r"nothing to worry", r"not the end of the world", r"minor", r"small thing",
        r"let's not (?:dwell|make)", r"(?:look on|on) the bright side", r"too personally", r"not that (?:serious|bad|big)",
        r"keep (?:some |a bit of )?perspective", r"(?:too )?worked up", r"nothing unusual", r"(?:an|the odd) off day",
        r"hardly (?:the end|a big|worth)", r"(?:read|think) too much into", r"nobody (?:minded|noticed|cares)", r"tiny",
        r"no (?:real )?harm", r"one (?:late |bad |small |little )?(?:order|mistake|delivery|invoice|slip|hiccup)", r"move on", r"no harm done", r"water under the bridge", r"a bit dramatic",
        # Minimising by generalising: it is normal, everyone has it, it always happens.
        r"happens? (?:in|on|at|with|to) (?:every|any|all)\w*", r"happens? all the time", r"(?:catch|catches) (?:everyone|everybody|every\w+) out",
        r"(?:pretty|quite|perfectly|completely|totally) (?:normal|routine|common|standard|typical|usual)",
        r"(?:is|are|'s|'re) (?:normal|routine|common|standard|typical|to be expected)", r"(?:is|are|'s) a bit of \w+ is normal",
        r"part of (?:the job|life|business|doing business|the deal|the game)", r"part of \w+ these days", r"rite of passage",
        r"everyone (?:has|gets|does|goes through)", r"everybody(?:'s| has| gets)", r"you won't find (?:a|an|any)",
        # Minimising the size or the stakes.
        r"(?:isn't|is not|wasn't|not) (?:so|that|too|very) (?:bad|long|much|big|serious)", r"in the grand scheme",
        r"(?:won't|wouldn't|didn't|don't) (?:even )?(?:notice|mind|remember|care)", r"doubt (?:\w+ ){0,3}(?:noticed|cared|minded)",
        r"(?:no need|nothing) to (?:get|be) (?:worked up|upset|annoyed|stressed)", r"(?:don't|wouldn't) lose (?:any )?sleep",
        r"(?:will|'ll|it'll) (?:all )?(?:be forgotten|blow over|settle down|sort itself out|come out in the wash|be fine)",
        r"before you know it", r"settle down on (?:its|their) own", r"the main thing", r"some people (?:wait|have|get|pay)",
    ),
    "small_talk": _rx(
        r"how are you(?: doing| today)?", r"how(?:'s| is) (?:your|the) (?:day|week|weekend|morning|family)",
        r"(?:good|nice|lovely|great) (?:weather|weekend|to see you|to meet you)", r"weather", r"weekend",
        r"thanks for asking", r"i'm (?:doing )?(?:good|well|fine)(?:,)? thanks", r"the game", r"hello", r"hi there",
        r"good (?:morning|afternoon|evening)", r"how was (?:the|your) (?:drive|trip|holiday|flight)",
    ),
    "correction": _rx(
        r"actually", r"in fact", r"that(?:'s| is)n?'?t? ?(?:not )?(?:true|right|correct|accurate)",
        r"you(?:'re| are) (?:wrong|mistaken|confused)", r"not what happened", r"that's not how",
    ),
    "motive": _rx(
        r"matters? to you", r"important to you", r"you (?:value|care about|rely on|depend on|were counting on)",
        r"counting on", r"your (?:reputation|customers|clients|boss|team|launch|credibility|trust|name)",
        r"trust", r"on the line", r"in front of", r"relationship", r"looked bad", r"made you look",
        r"promised (?:your|to)", r"let (?:your|them)",
    ),
    "time": _rx(
        r"today", r"tonight", r"tomorrow(?: morning| afternoon)?", r"this (?:afternoon|evening|week|morning)",
        r"by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|end of (?:day|the day|week|the week)|\d{1,2}(?::\d{2})?\s?(?:am|pm)?)",
        r"(?:on |next )?(?:monday|tuesday|wednesday|thursday|friday)", r"within (?:the hour|\w+ (?:hours?|days?))",
        r"in (?:an|one|two|\d+) (?:hours?|days?|minutes?)", r"first thing", r"end of (?:day|the day|week|the week)",
        r"\d{1,2}(?::\d{2})?\s?(?:am|pm)", r"right away", r"straight away",
    ),
}
# fmt: on

# fmt: off
PACK = LanguagePack(
    code="en",
    name="English",
    clause_boundary=re.compile(
        r";|,?\s(?=(?:but|and then|and|because|although|while|whereas|so that|yet)\s)|\s[-–—]\s", re.IGNORECASE
    ),
    negators=NEGATORS,
    negation_scope=4,
    polarity_domains=DOMAINS,
    polarity_ignore=_rx(r"not the (?:first|only|last)", r"not (?:just|only)", r"no (?:wonder|doubt)", r"not least",r"you(?:'re| are) (?:absolutely |completely |quite )?right", r"that's right", r"all right",
                        r"right now", r"right away", r"fair enough", r"to be fair", r"in fairness", r"at least"),
    stopwords=STOPWORDS,
    cues=CUES,
    prototypes=PROTOTYPES,
    first_person=frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"}),
    second_person=frozenset({"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll"}),
    listening_first_person=_rx(
        r"i (?:hear|understand|get|see|appreciate|can see|can hear|can imagine)", r"if i (?:understand|hear|heard|got)",
        r"what i(?:'m| am) hearing", r"let me (?:make sure|check) i", r"i(?:'m| am) (?:so |really |truly )?sorry",
        r"i want to (?:make sure|understand)", r"i(?:'d| would) like to (?:understand|hear)",
    ),
    feeling_words=FEELINGS,
    perspective={
        "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "we": "you", "us": "you",
        "our": "your", "ours": "yours", "ourselves": "yourselves", "i'm": "you're", "we're": "you're",
        "i've": "you've", "we've": "you've", "i'd": "you'd", "we'd": "you'd", "i'll": "you'll", "we'll": "you'll",
        "you": "we", "your": "our", "yours": "ours", "yourself": "ourselves", "you're": "we're", "you've": "we've",
        "you'd": "we'd", "you'll": "we'll", "am": "are",
    },
    third_person={"she": "you", "he": "you", "her": "your", "his": "your", "herself": "yourself",
                  "himself": "yourself", "she's": "you're", "he's": "you're", "she'd": "you'd", "he'd": "you'd"},
    scope_breaks=frozenset({"and", "but", "because", "so", "although", "though", "while", "then", "yet", "which"}),
    negation_carriers=frozenset({"any", "either", "ever", "anyone", "anybody", "anything"}),
    irrealis=frozenset("""expect expected expecting counting promised promise supposed meant should needed wanted
    hoped hoping assumed relied would planned if deserve deserved""".split()),
)
# fmt: on
