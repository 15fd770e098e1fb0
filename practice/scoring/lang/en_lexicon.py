"""English word lists: feelings, the contradiction lexicon, negators, stopwords."""

from __future__ import annotations

from practice.scoring.lang import PolarityDomain

# fmt: off
FEELINGS = frozenset(
    """frustrated frustrating frustration angry anger upset annoyed annoying disappointed disappointing
    disappointment let betrayed worried worrying worry anxious stressed stressful embarrassed embarrassing
    furious fed hurt overlooked exhausted concerned uneasy irritated insulted undervalued blindsided humiliated
    helpless powerless unheard disrespected infuriating maddening scared afraid nervous shocked livid sad
    unappreciated ignored exasperated exasperating cheated fuming awful terrible rough tough mess pressure
    panicked overwhelmed humiliating unfair""".split()
)

DOMAINS = (
    PolarityDomain("timeliness", ("late", "delayed", "delay", "delays", "overdue", "behind schedule", "slipped"),
                   ("on time", "early", "punctual", "on schedule", "in time", "ahead of schedule", "promptly", "on track")),
    PolarityDomain("informed", ("in the dark", "out of the loop", "blindsided", "unaware", "without warning", "by surprise",
                                "unannounced", "silence", "ghosted"),
                   ("told", "informed", "warned", "notified", "updated", "in the loop", "heads-up", "heads up", "warning",
                    "kept posted", "let you know", "let us know", "communicated", "contacted", "aware", "notice",
                    "emailed", "an email", "a notification", "kept informed")),
    PolarityDomain("correctness", ("wrong", "incorrect", "error", "errors", "mistake", "mistakes", "inaccurate", "overcharged",
                                   "double-billed", "double billed", "charged twice", "billed twice", "too much", "inflated"),
                   ("correct", "accurate", "right amount", "fair", "charged correctly", "properly billed", "matches", "match",
                    "is right", "are right", "was right", "were right")),
    PolarityDomain("working", ("broken", "crashed", "crashing", "failing", "failed", "outage", "damaged", "faulty", "defective",
                               "buggy", "offline", "unusable", "went down", "is down", "was down", "been down", "keeps breaking"),
                   ("working", "works", "worked", "fine", "up and running", "stable", "intact", "functional", "operational",
                    "no problems", "smoothly")),
    PolarityDomain("attention", ("ignored", "neglected", "overlooked", "forgotten", "taken for granted", "sidelined",
                                 "deprioritised", "deprioritized", "afterthought", "second place", "dropped"),
                   ("prioritised", "prioritized", "valued", "looked after", "appreciated", "attention", "priority",
                    "cared for", "top of the list", "first place")),
    PolarityDomain("responsiveness", ("unanswered", "radio silence", "no reply", "no response"),
                   ("answered", "responded", "replied", "got back", "called back", "returned")),
    PolarityDomain("completeness", ("missing", "incomplete", "short", "partial", "half"),
                   ("complete", "in full", "all there", "everything arrived", "full order", "whole order")),
    # How things stand for the client: a retell that says all is well contradicts a complaint.
    PolarityDomain("wellbeing", ("furious", "unhappy", "upset", "angry", "mess", "chaos", "patchwork", "disaster",
                                 "nightmare", "fuming", "livid"),
                   ("happy", "pleased", "satisfied", "nicely", "smoothly", "sorted out", "sorted it out", "all good",
                    "went well", "without any fuss", "no fuss", "lines up", "line up", "blend in", "blends in",
                    "no problems", "no issues", "perfect", "perfectly", "checked in", "resolved", "was expecting",
                    "were expecting")),
    PolarityDomain("deadline", ("missed", "blew"), ("met", "hit the", "made it", "kept")),
)

NEGATORS = frozenset(
    """not n't no never nobody nothing none neither nor without cannot hardly barely no-one didn't don't doesn't
    wasn't weren't isn't aren't won't wouldn't couldn't haven't hasn't hadn't can't shouldn't""".split()
)

STOPWORDS = frozenset(
    """a an the and or but so to of in on at for with by from is are was were be been being it its this that these
    those i me my we us our you your he she they them their his her there here what which who how why when where do
    does did done have has had will would can could should may might must just very really also too then than as if
    about into over up out not no yes oh well okay ok longer more one actually really even ever yet still
    already quite fully properly simply i'm you're we're it's that's i've you've we've i'll we'll""".split()
)
# fmt: on
