"""Romanian (experimental): cues, contradiction lexicon and prototypes.

all-MiniLM-L6-v2 was trained on English; on Romanian its embeddings rest mostly on shared word pieces, so
coverage of paraphrases is weaker than in English. The cues and the lexicon below carry more of the weight;
`support` says so to trainers and in every score. A multilingual model (GYM_MODEL_PATH) would lift this.
"""

from __future__ import annotations

import re

from practice.scoring.lang import LanguagePack, PolarityDomain


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'-])(?:" + "|".join(alternatives) + r")(?![\w'-])", re.IGNORECASE)


# fmt: off
FEELINGS = frozenset("""frustrat frustrată frustrați frustrare furios furioasă furioși supărat supărată supărați
dezamăgit dezamăgită dezamăgiți dezamăgire îngrijorat îngrijorată îngrijorați stresat stresată stres jenat jenată
jenant rușine umilit umilită trădat trădată neglijat neglijată ignorat ignorată ignorați nervos nervoasă
nervoși obosit obosită neputincios neputincioasă presiune greu grea furie teamă speriat""".split())

CUES: dict[str, re.Pattern[str]] = {
    "retelling": _rx(r"deci", r"dacă (?:am )?înțeles(?: bine)?", r"dacă vă înțeleg bine", r"ce aud (?:eu )?este",
                     r"cu alte cuvinte", r"sună ca și cum", r"îmi spuneți că", r"din ce (?:îmi )?spuneți", r"practic"),
    "rebuttal": _rx(r"de fapt", r"totuși", r"dar", r"însă", r"contractul", r"politica noastră", r"termenii",
                    r"nu (?:e|este) vina (?:noastră|mea)", r"ar fi trebuit să", r"curierul", r"transportatorul",
                    r"nu (?:e|este) adevărat", r"v-am (?:anunțat|trimis|spus|sunat)", r"ați greșit"),
    "premature_solution": _rx(r"reducere", r"discount", r"ramburs\w*", r"înlocui\w*", r"compens\w*", r"vă putem oferi",
                              r"vă pot oferi", r"vă propun", r"vă sugerez", r"soluția", r"pot să vă trimit",
                              r"vă trimit", r"retur\w*", r"credit", r"gratuit", r"vă dau", r"ca să nu mai", r"vă ofer"),
    "emotion_label": _rx(r"vă simțiți", r"v-ați simțit", r"(?:sunteți|păreți) (?:foarte |atât de )?\w+",
                         r"înțeleg cât de", r"trebuie să fi fost", r"sună (?:foarte )?(?:frustrant|greu|neplăcut)"),
    "self_focus": _rx(r"și eu", r"mie mi s-a", r"când eu", r"experiența mea", r"am avut și eu", r"sunt (?:și eu )?(?:ocupat|obosit)"),
    "commitment": _rx(r"vă voi", r"o să vă", r"voi (?:suna|trimite|verifica|reveni)", r"vă promit", r"revin",
                      r"mă ocup", r"până (?:mâine|vineri|luni|marți|miercuri|joi|diseară)"),
    "open_start": _rx(r"ce", r"cum", r"de ce", r"care", r"unde", r"când", r"cine", r"spuneți-mi", r"povestiți-mi",
                      r"ajutați-mă să înțeleg", r"ce ar trebui"),
    "closed_question": _rx(r"ați", r"este", r"e", r"sunteți", r"a", r"au", r"puteți", r"vreți", r"aveți", r"v-a"),
    "open_question": _rx(r"spuneți-mi mai mult", r"povestiți-mi", r"ajutați-mă să înțeleg", r"ce s-a întâmplat",
                         r"ce ar fi nevoie", r"cum (?:a|v-a|ați)"),
    "dismissal": _rx(r"se (?:mai )?întâmplă", r"nu e (?:mare lucru|o tragedie)", r"doar (?:o|un|două)", r"exagerați",
                     r"calmați-vă", r"liniștiți-vă", r"nu vă faceți griji", r"putea fi mai rău", r"măcar"),
    "small_talk": _rx(r"ce (?:mai )?faceți", r"bună ziua", r"vremea", r"weekend\w*", r"mulțumesc de întrebare",
                      r"(?:bine|mă bucur) să vă (?:văd|cunosc)", r"cum a fost (?:drumul|concediul)", r"meciul"),
    "correction": _rx(r"de fapt", r"nu (?:e|este) adevărat", r"vă înșelați", r"ați greșit"),
    "motive": _rx(r"clienții (?:dumneavoastră|voștri)", r"reputați\w*", r"încredere\w*", r"contați pe", r"pentru dumneavoastră contează",
                  r"important pentru dumneavoastră", r"relați\w*"),
    "time": _rx(r"azi", r"astăzi", r"mâine", r"diseară", r"până (?:la )?\w+", r"în (?:două|trei|\d+) (?:ore|zile)",
                r"vineri", r"luni", r"imediat"),
}

DOMAINS = (
    PolarityDomain("timeliness", ("întârziere", "întârziat", "întârziată", "întârziate", "târziu", "cu întârziere"),
                   ("la timp", "la termen", "punctual", "punctuală", "în termen")),
    PolarityDomain("informed", ("pe nepregătite", "în ceață"),
                   ("anunțat", "anunțați", "informat", "informați", "avertizat", "spus", "răspuns", "comunicat")),
    PolarityDomain("completeness", ("incomplet", "incompletă", "lipsă", "lipsesc", "lipsea", "parțial"),
                   ("complet", "completă", "integral", "tot", "toate")),
    PolarityDomain("correctness", ("greșit", "greșită", "eronat", "eronată", "greșeală"), ("corect", "corectă")),
    PolarityDomain("working", ("stricat", "defect", "defectă", "căzut", "nu merge"), ("funcțional", "merge", "funcționează")),
)

# Prototypes describe the move, not a topic: with an English-trained model, shared topic words would
# otherwise dominate the similarity.
PROTOTYPES: dict[str, tuple[str, ...]] = {
    "retelling": ("Deci, dacă am înțeles bine, spuneți că lucrurile nu s-au întâmplat cum vi s-a promis.",
                  "Cu alte cuvinte, v-ați bazat pe noi și v-am dezamăgit."),
    "rebuttal": ("De fapt, nu este adevărat ce spuneți.", "Nu este vina noastră.", "Contractul spune altceva.",
                 "Ar fi trebuit să citiți condițiile."),
    "premature_solution": ("Vă putem oferi o reducere.", "Vă trimit gratuit un înlocuitor.", "Vă propun o soluție."),
    "open_question": ("Ce s-a întâmplat din partea dumneavoastră?", "Cum v-a afectat asta?",
                      "Ce ar fi nevoie ca să reparăm relația?"),
    "closed_question": ("Ați primit e-mailul nostru?", "Este vorba de comanda de marți?"),
    "emotion_label": ("Înțeleg că vă simțiți dezamăgit și frustrat.", "Trebuie să fi fost foarte stresant pentru dumneavoastră."),
    "self_focus": ("Și eu am avut o problemă la fel.", "Sunt și eu foarte ocupat săptămâna asta."),
    "commitment": ("Vă sun mâine până la prânz.", "Vă promit că revin astăzi cu un răspuns."),
    "dismissal": ("Se mai întâmplă, nu e mare lucru.", "Calmați-vă, exagerați puțin."),
    "small_talk": ("Bună ziua, ce mai faceți?", "Frumoasă vreme azi, nu-i așa?", "Cum a fost weekendul?"),
    "motive": ("Reputația dumneavoastră are de suferit.", "Pentru dumneavoastră contează să vă puteți baza pe noi."),
}

NEGATORS = frozenset("nu n-a n-au n-am n-ați n-o n-ar nimeni niciodată nimic niciun nicio nici fără".split())
STOPWORDS = frozenset("""și sau dar că la în pe cu de din pentru este e sunt a au am ați un o niște mai foarte
deci ce cum care se să vă ne le li mi îmi ți acest această acum aici acolo dacă""".split())

PACK = LanguagePack(
    code="ro",
    name="Română",
    clause_boundary=re.compile(r";|,?\s(?=(?:dar|și|pentru că|deoarece|însă|iar|ci)\s)|\s[-–—]\s", re.IGNORECASE),
    negators=NEGATORS,
    negation_scope=4,
    polarity_domains=DOMAINS,
    polarity_ignore=_rx(r"aveți dreptate", r"pe drept"),
    stopwords=STOPWORDS,
    cues=CUES,
    prototypes=PROTOTYPES,
    first_person=frozenset({"eu", "meu", "mea", "mei", "mele", "mie", "mă", "m-am", "mi"}),
    second_person=frozenset({"dumneavoastră", "voi", "vă", "v-ați", "v-a", "tu", "ați"}),
    listening_first_person=_rx(r"(?:vă )?înțeleg", r"aud", r"dacă am înțeles", r"îmi pare rău"),
    feeling_words=FEELINGS,
    scope_breaks=frozenset({"și", "dar", "însă", "iar", "ci", "deoarece", "pentru"}),
    irrealis=frozenset("așteptat așteptați promis trebuia trebuie ar dacă sperat contat".split()),
    support="experimental",
    coaching={
        "rebuttal": "Ai contrazis clientul; păstrează-ți versiunea până se simte ascultat, apoi întreabă ce s-a întâmplat.",
        "premature_solution": "Ai sărit la o soluție înainte să arăți că ai înțeles; redă mai întâi problema și ce simte.",
        "dismissal": "Ai minimalizat ce ți-a spus clientul; pentru el contează, așa că redă-l și numește ce simte.",
        "self_focus": "Ține atenția pe client: povestea ta poate aștepta; redă-o pe a lui.",
        "small_talk": "A fost o discuție pe lângă subiect; revino la ce tocmai ți-a spus clientul.",
        "contradicted": (
            "Reformularea ta spune opusul a ce ți-a spus clientul ({point}); verifică faptele cu vorbele lui "
            "înainte de orice."
        ),
        "dismissed": "Nu minimaliza {point}; pentru client contează, așa că redă-l și numește ce a simțit.",
        "parroting": "Ai repetat cuvintele clientului; spune-o cu vorbele tale, ca să arăți că ai înțeles sensul.",
        "missed_most": "Ai ratat ce contează cel mai mult: redă {point} înainte să mergi mai departe.",
        "name_feeling": "Bună reformulare a faptelor; acum numește sentimentul din spatele lor („pare că vă simțiți…”).",
        "also_left_out": " Ai lăsat deoparte și {point}.",
        "add_question": "Ai redat faptele și sentimentul; adaugă o întrebare deschisă, ca să-l inviți să spună mai mult.",
        "go_deeper": "Ascultare solidă; mergi un strat mai adânc și redă ce înseamnă asta pentru el.",
        "strong": "Ascultare puternică: faptele, sentimentul și o întrebare deschisă, cu vorbele tale.",
    },
)
# fmt: on
