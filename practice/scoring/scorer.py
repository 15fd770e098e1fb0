"""The listening scorer: prepares texts, encodes them in one call, and judges each reply."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from practice.scoring.calibration import IDENTITY, Calibration, background_similarity
from practice.scoring.features import SCALARS, dense_vector, prototype_similarities, reply_features
from practice.scoring.heads import Heads
from practice.scoring.judgement import Encoded, ScorerConfig, judge
from practice.scoring.lang import LanguagePack, get_pack
from practice.scoring.limits import check_sizes, check_texts
from practice.scoring.parroting import copied_share
from practice.scoring.ports import Encoder, Vectors
from practice.scoring.results import ScoreInput, ScoreResult
from practice.scoring.text import swap_words
from practice.scoring.units import key_points, reply_units

REFERENCE_LANGUAGE = "en"


class Prepared:
    """One input split into the client's points and the reply's units, ready to encode."""

    def __init__(self, item: ScoreInput, pack: LanguagePack) -> None:
        self.item = item
        self.pack = pack
        # The client's own words (its most recent clauses): what the heads compare the reply with.
        self.message_points = key_points(pack, item.client_message)
        given = [p.strip() for p in item.key_points or () if p.strip()]
        self.points = given or self.message_points
        # What is embedded for a point: the point as the trainee would say it back, so pronouns match.
        self.queries = [point_query(pack, p, trainer_written=bool(given)) for p in self.points]
        self.message_queries = (
            [point_query(pack, p, trainer_written=False) for p in self.message_points]
            if given
            else self.queries
        )
        self.units = reply_units(pack, item.response)

    def texts(self) -> list[str]:
        # The whole reply is always one of the units.
        return self.queries + self.message_queries + [u.text for u in self.units]


def point_query(pack: LanguagePack, point: str, trainer_written: bool) -> str:
    """The client's words turned to the trainee's side ("my team" -> "your team"); trainers' "she" -> "you"."""
    if trainer_written:
        return swap_words(point, {**pack.perspective, **pack.third_person})
    return swap_words(point, pack.perspective)


class ListeningScorer:
    """Implements the `Scorer` port over any `Encoder`."""

    def __init__(self, encoder: Encoder, heads: Heads, config: ScorerConfig | None = None) -> None:
        heads.check(encoder, SCALARS)
        self.encoder = encoder
        self.heads = heads
        self.config = config or ScorerConfig()
        self._prototypes: dict[str, dict[str, Vectors]] = {}
        self._calibrations: dict[str, Calibration] = {}
        self._lock = threading.RLock()

    def prototypes(self, pack: LanguagePack) -> dict[str, Vectors]:
        with self._lock:
            if pack.code not in self._prototypes:
                self._prototypes[pack.code] = {
                    name: self.encoder.encode(list(phrases)) for name, phrases in pack.prototypes.items()
                }
            return self._prototypes[pack.code]

    def calibration(self, pack: LanguagePack) -> Calibration:
        """How this language's cosines map onto the reference language's (English), where heads were trained."""
        with self._lock:
            if pack.code not in self._calibrations:
                if pack.code == REFERENCE_LANGUAGE:
                    self._calibrations[pack.code] = IDENTITY
                else:
                    own = background_similarity(self.prototypes(pack))
                    reference = background_similarity(self.prototypes(get_pack(REFERENCE_LANGUAGE)))
                    self._calibrations[pack.code] = Calibration(own, reference)
            return self._calibrations[pack.code]

    def warm_up(self, languages: Sequence[str] = ("en",)) -> None:
        for code in languages:
            self.calibration(get_pack(code))
            self.prototypes(get_pack(code))

    def score(
        self,
        client_message: str,
        response: str,
        key_points: Sequence[str] | None = None,
        language: str = "en",
    ) -> ScoreResult:
        item = ScoreInput(client_message, response, tuple(key_points) if key_points else None, language)
        return self.score_many([item])[0]

    def score_many(self, items: Sequence[ScoreInput]) -> list[ScoreResult]:
        """One result per input, all texts in one encode call. Raises InputTooLarge past the caps of
        practice/scoring/limits.py, before anything is encoded."""
        if not items:
            return []
        for item in items:
            check_sizes(item.client_message, item.response, len(item.key_points or ()))
        prepared, partial = self._prepare(items, limited=True)
        outputs = self.heads.predict(np.stack([d for _, d in partial]))
        results = []
        for row, (p, (encoded, _)) in enumerate(zip(prepared, partial, strict=True)):
            encoded = replace(encoded, outputs={name: float(v[row]) for name, v in outputs.items()})
            model = {
                "encoder": self.encoder.name,
                "heads": self.heads.version,
                "language": p.pack.code,
                "support": p.pack.support,
            }
            results.append(judge(p.pack, p.item, encoded, self.calibration(p.pack), self.config, model))
        return results

    def similarity(self, text: str, candidates: Sequence[str]) -> list[float]:
        """Cosine similarity of `text` to each candidate, in the encoder's space."""
        if not candidates:
            return []
        vectors = self.encoder.encode([text, *candidates])
        return [float(v) for v in vectors[1:] @ vectors[0]]

    def dense(self, items: Sequence[ScoreInput]) -> Vectors:
        """The vectors the heads read, one row per input: what training fits the heads on."""
        _, partial = self._prepare(items)
        return np.stack([d for _, d in partial])

    def _prepare(
        self, items: Sequence[ScoreInput], limited: bool = False
    ) -> tuple[list[Prepared], list[tuple[Encoded, Vectors]]]:
        prepared = [Prepared(item, get_pack(item.language)) for item in items]
        texts = list(dict.fromkeys(t for p in prepared for t in p.texts()))
        if limited:
            check_texts(len(texts))
        matrix = self.encoder.encode(texts)  # (0, dimension) when there is no text at all
        index = {t: i for i, t in enumerate(texts)}
        return prepared, [self._encode(p, matrix, index) for p in prepared]

    def _encode(self, p: Prepared, matrix: Vectors, index: dict[str, int]) -> tuple[Encoded, Vectors]:
        """One input's vectors, named features and the dense vector the heads read."""
        dimension = matrix.shape[1]
        point_vecs = matrix[[index[t] for t in p.queries]] if p.points else matrix[:0]
        unit_vecs = matrix[[index[u.text] for u in p.units]] if p.units else matrix[:0]
        calibration = self.calibration(p.pack)
        # The client's side is the mean of its points' vectors: encoding a long message whole would pad every
        # text of the batch to its length.
        client = _unit_mean(matrix[[index[t] for t in p.message_queries]], dimension)
        reply = matrix[index[p.item.response.strip()]] if p.units else np.zeros(dimension, dtype=np.float32)
        cosine = float(calibration(np.asarray(client @ reply))) if p.units and p.message_points else 0.0
        if len(unit_vecs):
            proto_sims = {
                name: calibration(sims)
                for name, sims in prototype_similarities(unit_vecs, self.prototypes(p.pack)).items()
            }
        else:
            proto_sims = {name: np.zeros(0, dtype=np.float32) for name in self.prototypes(p.pack)}
        parrot = copied_share(p.item.client_message, p.item.response)
        named = reply_features(p.pack, p.item.response, proto_sims, parrot, cosine)
        encoded = Encoded(p.points, point_vecs, p.units, unit_vecs, proto_sims, named, {})
        return encoded, dense_vector(client, reply, named)


def _unit_mean(vectors: Vectors, dimension: int) -> Vectors:
    if not len(vectors):
        return np.zeros(dimension, dtype=np.float32)
    mean = vectors.mean(axis=0)
    return np.asarray(mean / (float(np.linalg.norm(mean)) or 1.0), dtype=np.float32)
