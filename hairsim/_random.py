"""Counter-based random numbers: one stream per kind of decision, keyed by follicle and cycle.

Each random number hairsim draws is a pure function of (run key, stream, follicle, cycle): a
SplitMix64 hash of a unique counter. So

* two scenarios run with the same seed share their randomness follicle by follicle and cycle by
  cycle (common random numbers): a follicle's 3rd anagen has the same intrinsic duration with and
  without a stimulation, and the runs agree exactly until the stimulation starts;
* the result does not depend on how follicles are split into chunks, or on their order;
* the cost is a few integer operations per number, with no global state.

SplitMix64 (Steele, Lea & Flood, OOPSLA 2014) passes BigCrush on sequential counters; the
counter here is ``follicle << 20 | cycle``, unique per stream. Normals come from Box–Muller on
two 24-bit uniforms (tails cut at about 5.9 standard deviations).
"""

from __future__ import annotations

import enum
import numbers
from dataclasses import dataclass

import numpy as np

__all__ = ["resolve_seed", "RunSeed", "Stream", "Streams", "MAX_CYCLES", "RunKey"]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_S20 = np.uint64(20)
_MASK64 = (1 << 64) - 1
MAX_CYCLES = 1 << 20
_TWO_PI = np.float32(2 * np.pi)
_U24 = np.float32(2.0 ** -24)
_U_MAX = np.float32(1.0 - 2.0 ** -24)  # (2^24 − 0.5)·2^-24 rounds to 1.0 in float32


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser, in place on a uint64 array."""
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


def _mix_int(v: int) -> int:
    return int(_mix(np.array([v & _MASK64], dtype=np.uint64))[0])


class RunKey(int):
    """A run key used as ``rng=``: ``simulate(..., rng=hs.RunKey(result.key))`` repeats a run
    exactly, whatever seed, SeedSequence or Generator first made it (the key is saved in CSVs)."""

    def __new__(cls, key):
        if isinstance(key, (bool, np.bool_)) or not isinstance(key, numbers.Integral) \
                or not 0 <= int(key) < 2**63:
            from ._validation import describe_value, fail
            raise fail("key", "a whole number in [0, 2**63)", describe_value(key))
        return super().__new__(cls, int(key))

    def __repr__(self):
        return f"RunKey({int(self)})"


@dataclass(frozen=True)
class RunSeed:
    """The resolved ``rng=`` of a call: the one seed root of the engine, trials and teaching
    helpers.

    Attributes
    ----------
    key : int
        The 63-bit run key of :func:`hairsim.simulate`: every random number of a run is a
        function of it.
    seed : int or None
        The int seed when one was given, else None.
    entropy, spawn_key
        The root ``numpy.random.SeedSequence`` (``entropy``, ``spawn_key``) from which studies of
        several runs (a trial's blocks of participants, a teaching helper's runs) derive their
        children with :meth:`child`.
    """

    key: int
    seed: int | None
    entropy: object
    spawn_key: tuple

    def child(self, *path) -> np.random.SeedSequence:
        """The child SeedSequence at ``path`` (a tuple of whole numbers), without mutating
        anything: ``child(i)`` equals ``SeedSequence(seed).spawn(n)[i]`` for an int seed."""
        return np.random.SeedSequence(self.entropy, spawn_key=tuple(self.spawn_key) + tuple(path))


def resolve_seed(rng) -> RunSeed:
    """Turn any ``rng=`` argument (SPEC 7) into the run's seed root: the one function that does.

    Parameters
    ----------
    rng : None, int, numpy.random.SeedSequence, numpy.random.Generator or RunKey
        None draws fresh entropy; an int or a SeedSequence gives a reproducible run; a Generator is
        advanced by exactly one draw; a RunKey is used as the run key itself.

    Returns
    -------
    RunSeed
        The run key (for the engine) and the root SeedSequence (for studies of many runs). An int
        seed s gives the key ``default_rng(s).integers(2**63)`` and the root ``SeedSequence(s)``;
        a Generator's draw k (or a RunKey k) gives the key k and the root ``SeedSequence(k)``.
    """
    from ._validation import Seed

    if isinstance(rng, RunKey):
        return RunSeed(int(rng), None, int(rng), ())
    Seed().check("rng", rng)
    if isinstance(rng, np.random.Generator):
        k = int(rng.integers(0, 2**63, dtype=np.int64))
        return RunSeed(k, None, k, ())
    ss = rng if isinstance(rng, np.random.SeedSequence) else np.random.SeedSequence(
        None if rng is None else int(rng))
    key = int(np.random.default_rng(ss).integers(0, 2**63, dtype=np.int64))
    seed = int(rng) if isinstance(rng, numbers.Integral) else None
    return RunSeed(key, seed, ss.entropy, tuple(ss.spawn_key))


class Stream(enum.IntEnum):
    """The kinds of random decision; each has its own independent stream. Never renumber a
    member (the same seed would then give other numbers); add new ones at the end."""

    INIT = 1       #: initial phase choice and position in it
    INIT_LEN = 2   #: initial phase length, follicle diameter
    FLAGS = 3      #: AGA-susceptible, responder
    RELEASE = 4    #: when the stimulation's hold breaks after stopping
    AC = 5         #: anagen and catagen durations, per cycle
    TK = 6         #: telogen and kenogen durations, per cycle
    CHOICE = 7     #: kenogen or not, stress response, per cycle
    INIT_PREV = 8  #: the anagen and catagen before the phase a follicle starts in
    EXOGEN = 9     #: how long the club hair is kept into the next anagen, per cycle
    FOLLICLE = 10  #: vellus follicle or not, the follicle's own AGA onset
    INIT_CLUB = 11  #: the club hair of the cycle before the one a follicle starts in
    INIT_CLUB_KEN = 12  #: whether that cycle ended in kenogen
    INIT_CLUB_CYCLE = 13  #: that cycle's catagen and telogen (its anagen: INIT_CLUB's second normal)


class Streams:
    """Independent counter-based streams for one run key, one per :class:`Stream` member
    (``Streams.INIT`` is ``Stream.INIT``)."""

    def __init__(self, key: int):
        self.key = int(key)
        self._keys = {}

    def _stream_key(self, stream: Stream) -> np.uint64:
        if stream not in self._keys:
            stream = Stream(stream)  # only declared streams
            self._keys[stream] = np.uint64(_mix_int(self.key ^ ((stream * 0xD1B54A32D192ED03) & _MASK64)))
        return self._keys[stream]

    def bits(self, stream: int, fid: np.ndarray, cycle) -> np.ndarray:
        """64 random bits per (follicle, cycle). ``fid`` is a uint64 array; ``cycle`` an int or
        a uint64 array of the same shape."""
        counter = (fid << _S20) | np.asarray(cycle, dtype=np.uint64)
        x = counter * _GOLDEN
        x += self._stream_key(stream)
        return _mix(x)

    def bits_many(self, streams, fid: np.ndarray, cycle) -> np.ndarray:
        """64 random bits per (stream, follicle, cycle), shape (len(streams), len(fid)): the same
        numbers as :meth:`bits` stream by stream, in one pass."""
        counter = (fid << _S20) | np.asarray(cycle, dtype=np.uint64)
        counter *= _GOLDEN
        keys = np.array([self._stream_key(s) for s in streams], dtype=np.uint64)[:, None]
        return _mix(counter[None, :] + keys)

    @staticmethod
    def uniforms(bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Two independent uniforms in (0, 1) (float32, 24 bits each) from 64 bits."""
        u1 = ((bits >> np.uint64(40)).astype(np.float32) + np.float32(0.5)) * _U24
        u2 = (((bits >> np.uint64(8)) & np.uint64(0xFFFFFF)).astype(np.float32) + np.float32(0.5)) * _U24
        return np.minimum(u1, _U_MAX, out=u1), np.minimum(u2, _U_MAX, out=u2)

    @classmethod
    def normals(cls, bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Two independent standard normals (float32) from 64 bits, by Box–Muller."""
        return cls.box_muller(*cls.uniforms(bits))

    @staticmethod
    def box_muller(u1: np.ndarray, u2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Two standard normals from two uniforms in (0, 1) (any shape)."""
        r = np.log(u1)
        r *= np.float32(-2.0)
        np.sqrt(r, out=r)
        a = _TWO_PI * u2
        return r * np.cos(a), np.multiply(r, np.sin(a), out=a)


for _member in Stream:  # Streams.INIT … as aliases of the enum members
    setattr(Streams, _member.name, _member)
del _member
