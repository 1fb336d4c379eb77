"""Demo inference API for Locust Lab: stands in for the workshop's FastAPI + MLflow service.

API_VARIANT (baked in by the Dockerfile's VARIANT build arg) picks how the model loads:
  baseline   lazily, on the first /predict, without a lock: concurrent first
             requests can each load a copy (the race the workshop describes)
  optimized  at startup, under a threading.Lock, once per worker process
"""
import os
import sys
import threading
import time

import joblib
import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, Field, conint, validator

VARIANT = os.environ.get("API_VARIANT", "baseline")
MODEL_PATH = os.environ.get("MODEL_PATH", "/models/model.joblib")
MODEL_MB = int(os.environ.get("MODEL_MB", "1100"))
if VARIANT not in ("baseline", "optimized"):
    raise SystemExit(f"API_VARIANT must be baseline or optimized, got {VARIANT!r}")
if MODEL_MB < 1:
    raise SystemExit(f"MODEL_MB must be >= 1, got {MODEL_MB}")

TABLE_COLS = 64  # float32 per table row


class LoadedModel:
    def __init__(self, artifact):
        self.forest = artifact["model"]
        self.features = artifact["features"]
        self.classes = artifact["classes"]
        self.version = artifact["version"]
        # HONESTY NOTE: this table stands in for the weights of a larger model
        # (the workshop's model needed ~1.3 GB). It is generated from a seed in
        # the artifact, every page is written (so it is resident, not lazily
        # mapped), and /predict reads a row of it, so the memory is really used.
        rows = max(1, MODEL_MB * 2**20 // (4 * TABLE_COLS))
        rng = np.random.default_rng(artifact["table_seed"])
        self.table = rng.random((rows, TABLE_COLS), dtype=np.float32)

    def predict(self, x):
        proba = self.forest.predict_proba(x.reshape(1, -1))[0]
        # Cheap "calibration" lookup keyed by the input: a small, deterministic
        # nudge to the forest's probabilities from one row of the big table.
        key = int(x[0]) * 7919 + int(x[10]) * 104729 + int(x[11]) * 1299709
        row = self.table[key % len(self.table), : len(proba)]
        proba = 0.98 * proba + 0.02 * row / row.sum()
        best = int(np.argmax(proba))
        label = int(self.forest.classes_[best])
        return label, self.classes[label], float(proba[best])


_model = None
_model_lock = threading.Lock()  # per process: each worker still loads its own copy


def _rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _load():
    global _model
    t0 = time.perf_counter()
    loaded = LoadedModel(joblib.load(MODEL_PATH))
    _model = loaded
    # One write per line: racing baseline loads would interleave print()'s pieces.
    sys.stdout.write(f"model loaded: variant={VARIANT} pid={os.getpid()} version={loaded.version} "
                     f"path={MODEL_PATH} table={loaded.table.nbytes / 2**20:.0f}MiB "
                     f"load_s={time.perf_counter() - t0:.2f} rss={_rss_mib():.0f}MiB\n")
    sys.stdout.flush()
    return loaded


def get_model():
    if _model is not None:
        return _model
    if VARIANT == "baseline":
        return _load()  # deliberately unlocked: this is the race being demonstrated
    with _model_lock:
        return _model if _model is not None else _load()


class CoverFeatures(BaseModel):
    """One cell of forest, with the fields of the UCI covertype data (ranges padded a little)."""
    elevation: float = Field(..., ge=1000, le=4500, description="metres")
    aspect: float = Field(..., ge=0, le=360, description="degrees azimuth")
    slope: float = Field(..., ge=0, le=90, description="degrees")
    horizontal_distance_to_hydrology: float = Field(..., ge=0, le=10000)
    vertical_distance_to_hydrology: float = Field(..., ge=-1000, le=1000)
    horizontal_distance_to_roadways: float = Field(..., ge=0, le=10000)
    hillshade_9am: float = Field(..., ge=0, le=255)
    hillshade_noon: float = Field(..., ge=0, le=255)
    hillshade_3pm: float = Field(..., ge=0, le=255)
    horizontal_distance_to_fire_points: float = Field(..., ge=0, le=10000)
    wilderness_area: conint(strict=True, ge=1, le=4)
    soil_type: conint(strict=True, ge=1, le=40)

    class Config:
        extra = "forbid"

    # pydantic v1 would coerce "2500" or true into numbers; a client sending
    # those has a bug worth a 422.
    @validator("*", pre=True)
    def json_numbers_only(cls, v):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError("must be a JSON number")
        return v


class Prediction(BaseModel):
    cover_type: int
    cover_type_name: str
    probability: float
    model_version: str


app = FastAPI(title="Locust Lab demo inference API")


@app.on_event("startup")
def load_at_startup():
    if VARIANT == "optimized":
        get_model()


@app.get("/health")
def health():
    return {"status": "ok", "variant": VARIANT, "model_loaded": _model is not None}


@app.get("/")
def info():
    return {"service": "covertype inference", "variant": VARIANT, "model_path": MODEL_PATH,
            "model_mb": MODEL_MB, "model_loaded": _model is not None,
            "model_version": _model.version if _model else None}


# A plain `def` runs in FastAPI's thread pool: the CPU-bound forest stays off
# the event loop (so /health answers during a load), and in the baseline it is
# what lets two first requests load the model at the same time.
@app.post("/predict", response_model=Prediction)
def predict(features: CoverFeatures):
    model = get_model()
    x = np.array([getattr(features, name) for name in model.features], dtype=np.float64)
    label, name, p = model.predict(x)
    return Prediction(cover_type=label, cover_type_name=name, probability=p,
                      model_version=model.version)
