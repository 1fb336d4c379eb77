"""Train the demo cover-type model at image build time.

Stands in for the workshop's MLflow training run: the artifact written here is
what the API loads at runtime, the way it would load a registry artifact.
Data is synthetic but shaped like the UCI covertype table (same fields and
ranges), and the label follows elevation bands so predictions look plausible.
"""
import argparse
import os
import time

import joblib
import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier

# Field order is the model's input contract; main.py reads it from the artifact.
FEATURES = [
    "elevation", "aspect", "slope",
    "horizontal_distance_to_hydrology", "vertical_distance_to_hydrology",
    "horizontal_distance_to_roadways",
    "hillshade_9am", "hillshade_noon", "hillshade_3pm",
    "horizontal_distance_to_fire_points",
    "wilderness_area", "soil_type",
]
CLASSES = {
    1: "Spruce/Fir", 2: "Lodgepole Pine", 3: "Ponderosa Pine",
    4: "Cottonwood/Willow", 5: "Aspen", 6: "Douglas-fir", 7: "Krummholz",
}


def synthesize(n, rng):
    X = np.column_stack([
        rng.normal(2950, 280, n).clip(1859, 3858),   # elevation (m)
        rng.uniform(0, 360, n),                      # aspect (deg)
        rng.gamma(3.0, 4.5, n).clip(0, 66),          # slope (deg)
        rng.gamma(1.5, 180, n).clip(0, 1397),
        rng.normal(45, 58, n).clip(-173, 601),
        rng.gamma(2.0, 1200, n).clip(0, 7117),
        rng.normal(212, 27, n).clip(0, 254),
        rng.normal(223, 20, n).clip(0, 254),
        rng.normal(142, 38, n).clip(0, 254),
        rng.gamma(2.0, 1000, n).clip(0, 7173),
        rng.integers(1, 5, n),                       # wilderness area 1..4
        rng.integers(1, 41, n),                      # soil type 1..40
    ])
    # Elevation decides the band; soil, wilderness and noise blur the edges.
    score = X[:, 0] + 8 * X[:, 11] - 40 * X[:, 10] + rng.normal(0, 120, n)
    bands = [2450, 2650, 2800, 2950, 3150, 3350]
    band_class = np.array([4, 3, 6, 5, 2, 1, 7])
    y = band_class[np.searchsorted(bands, score)]
    return X.astype(np.float64), y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.environ.get("MODEL_PATH", "/models/model.joblib"))
    ap.add_argument("--samples", type=int, default=20000)
    ap.add_argument("--trees", type=int, default=200)
    args = ap.parse_args()

    rng = np.random.default_rng(42)
    X, y = synthesize(args.samples, rng)
    t0 = time.perf_counter()
    # n_jobs=1: each request should cost one core, like the workshop's model.
    # 200 trees cost ~7 ms per single-row predict; min_samples_leaf keeps them
    # ~40 MiB in memory (MODEL_MB, not the forest, sets the footprint).
    model = RandomForestClassifier(
        n_estimators=args.trees, min_samples_leaf=20, n_jobs=1, random_state=0
    ).fit(X, y)
    fit_s = time.perf_counter() - t0

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    artifact = {
        "model": model,
        "features": FEATURES,
        "classes": CLASSES,
        "version": f"covertype-rf-{args.trees}t-v1",
        "sklearn_version": sklearn.__version__,
        # The big table is regenerated from this seed at load time, so the
        # image stays small while the loaded model is as large as MODEL_MB says.
        "table_seed": 20240501,
    }
    joblib.dump(artifact, args.out, compress=3)
    print(f"trained {args.trees} trees on {args.samples} rows in {fit_s:.1f}s, "
          f"train acc {model.score(X, y):.3f}, wrote {args.out} "
          f"({os.path.getsize(args.out) / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
