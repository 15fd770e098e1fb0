"""About a hundred varied texts for comparing the two encoders: what clients and trainees write, and what
breaks tokenizers (nothing, whitespace, punctuation, other scripts, emoji, numbers, and texts past 256 tokens)."""

from __future__ import annotations

EMPTY_ISH = ["", " ", "\n\t", ".", "?!", "...", "-", "ok", "No.", "Hm", "a", "I"]

CLIENT = [
    "Your display units turned up three days late and nobody said a word.",
    "I had to explain to my own customers why the shelves were empty. Do you know how that felt?",
    "The invoice is wrong. We were charged for 40 licences and we only ever used 28.",
    "Nine years we've worked together, and now I find out from a newsletter that you've changed our terms.",
    "Fourteen hours. Our biggest sales day of the year and your platform was down for fourteen hours.",
    "Your previous rep promised us the export feature by March. We signed the renewal on that promise.",
    "Honestly I don't even know why I'm still on this call.",
    "Stop telling me about your process. I want to know who is going to fix this.",
    "We're not asking for a discount, we're asking to be treated like a partner.",
    "Last quarter it was the late shipment, this quarter it's the wrong parts. What next?",
]
REPLIES = [
    "So the units came three days late and no one warned you. That must be infuriating.",
    "It sounds like you were left to face your customers without any warning, and that was embarrassing.",
    "Let me check with the carrier and get back to you with a refund by Friday.",
    "Well, to be fair, the delay was caused by the port strike, not by us.",
    "What would have helped you most when you first noticed the delivery was late?",
    "You're saying you were billed for 40 licences but only used 28, and you want that corrected.",
    "After nine years you heard about the change second-hand, and that feels like being taken for granted.",
    "I understand. I'll send you a report on our new escalation process.",
    "That's not really a big deal, these things happen in logistics.",
    "So what matters most is knowing who owns the fix, not hearing about procedures.",
    "You feel let down, and you're wondering whether we still value the partnership.",
    "Can you tell me more about what the outage cost your team on the day?",
]
SHORT = [
    "Why?",
    "What happened next?",
    "That sounds awful.",
    "You're angry.",
    "I'm sorry.",
    "Fair enough.",
    "Not my fault.",
    "We'll refund you.",
    "Go on.",
    "Tell me more.",
    "You felt ignored.",
    "So, three days?",
    "Really?",
]
OTHER_LANGUAGES = [
    "Piesele au venit târziu și incomplete, iar nimeni nu a răspuns la telefon.",
    "Deci comanda a ajuns cu trei zile întârziere și nu v-a anunțat nimeni. Înțeleg că e frustrant.",
    "Ați plătit pentru 40 de licențe, dar ați folosit doar 28?",
    "Die Lieferung kam drei Tage zu spät, und niemand hat uns informiert.",
    "La livraison est arrivée avec trois jours de retard — personne ne nous a prévenus.",
    "El pedido llegó tarde y nadie nos avisó. ¿Qué vamos a hacer ahora?",
    "Заказ пришёл на три дня позже, и никто не предупредил.",
    "配送が三日遅れて、誰も連絡してくれませんでした。",
    "배송이 사흘 늦었는데 아무도 알려주지 않았어요.",
    "التسليم تأخر ثلاثة أيام ولم يخبرنا أحد.",
    "डिलीवरी तीन दिन देर से आई और किसी ने नहीं बताया।",
    "déjà vu — naïve café, São Paulo, Zürich, Kraków, Ærø",
]
ODD = [
    "😡😡😡",
    "Three days late 😤 and no call 📞 — seriously?!",
    "ORDER #48213 / INV-2026-0042: €12,480.00 vs $11,900.00 (diff 4.9%)",
    "1 2 3 4 5 6 7 8 9 10",
    "http://example.org/orders/48213?status=late&notify=false",
    "<b>late</b> & unannounced; \"nobody\" told 'us'",
    "ALL CAPS BECAUSE I AM FURIOUS ABOUT THIS",
    "so... yeah... it was late... again...",
    "line one\nline two\n\nline four",
    "tab\tseparated\tvalues\there",
    "a" * 300,
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "I I I I I I I I I I I I I I I I",
    "\u200bzero\u200bwidth\u200bspaces",
    "ﬁne ligatures and ｆｕｌｌｗｉｄｔｈ letters",
]


def long_texts() -> list[str]:
    """Texts around and past the 256-token cut: the truncation must fall in the same place on both paths."""
    sentence = (
        "The shipment was three days late, nobody warned us, and I had to apologise to my own customers. "
    )
    return [
        sentence * 3,
        sentence * 9,  # about 200 tokens
        sentence * 12,  # about 270: cut
        sentence * 30,  # far past the cut
        "word " * 254,  # 254 words + [CLS] + [SEP]: exactly 256 tokens
        "word " * 255,  # one over: cut
        "late " * 1000,
        " ".join(REPLIES) * 2,
        "Întârziere, lipsă de comunicare și clienți nemulțumiți. " * 25,
        "配送が遅れました。" * 80,
        "😡 " * 400,
    ]


def parity_texts() -> list[str]:
    pairs = [f"{c} {r}" for c, r in zip(CLIENT, REPLIES, strict=False)]
    lower = [t.lower() for t in CLIENT[:5]]
    texts = [*EMPTY_ISH, *SHORT, *CLIENT, *REPLIES, *OTHER_LANGUAGES, *ODD, *long_texts(), *pairs, *lower]
    return list(dict.fromkeys(texts))
