"""Locust Lab traffic: users asking the demo API for a forest cover-type prediction.

Environment (all optional; the host comes from Locust's --host / LOCUST_HOST):
  LOCUST_WAIT_MIN, LOCUST_WAIT_MAX  seconds each user waits between tasks (default 1, 2)
  LOCUST_ENDPOINT                   path of the prediction endpoint (default /predict)
  LOCUST_HEALTH_WEIGHT              weight of a GET /health task against 1 for
                                    predictions (default 0: predictions only)
"""
import os
import random

import locust.stats
from locust import HttpUser, between, task

# Locust 2.12 flushes _stats_history.csv only every 10 s and not at exit, so a
# 15 s run lost its last ~5 s of history rows. Flush on every 1 s write instead
# (this setting is documented for locustfiles).
locust.stats.CSV_STATS_FLUSH_INTERVAL_SEC = 0

WAIT_MIN = float(os.environ.get("LOCUST_WAIT_MIN", "1"))
WAIT_MAX = float(os.environ.get("LOCUST_WAIT_MAX", "2"))
ENDPOINT = os.environ.get("LOCUST_ENDPOINT", "/predict")
HEALTH_WEIGHT = int(os.environ.get("LOCUST_HEALTH_WEIGHT", "0"))


def random_cell():
    """One payload in the API's schema, with values spread like the covertype data."""
    return {
        "elevation": round(random.uniform(1860, 3850), 1),
        "aspect": round(random.uniform(0, 360), 1),
        "slope": round(random.uniform(0, 60), 1),
        "horizontal_distance_to_hydrology": round(random.uniform(0, 1390), 1),
        "vertical_distance_to_hydrology": round(random.uniform(-170, 600), 1),
        "horizontal_distance_to_roadways": round(random.uniform(0, 7100), 1),
        "hillshade_9am": random.randint(0, 254),
        "hillshade_noon": random.randint(0, 254),
        "hillshade_3pm": random.randint(0, 254),
        "horizontal_distance_to_fire_points": round(random.uniform(0, 7170), 1),
        "wilderness_area": random.randint(1, 4),
        "soil_type": random.randint(1, 40),
    }


class InferenceUser(HttpUser):
    wait_time = between(WAIT_MIN, WAIT_MAX)

    @task(1)
    def predict(self):
        # One stats row per endpoint, not one per payload.
        self.client.post(ENDPOINT, json=random_cell(), name=ENDPOINT)

    # A weight of 0 drops the task (Locust 2.x skips zero-weight tasks).
    @task(HEALTH_WEIGHT)
    def health(self):
        self.client.get("/health")


# A step ramp, only when the lab asks for one (a LoadTestShape in a locustfile
# always takes over, so it must not exist otherwise). Each step holds its crowd
# for LOCUST_STEP_SECONDS, long enough for the 10 s percentile window to fill.
if os.environ.get("LOCUST_STEPS"):
    from locust import LoadTestShape

    STEPS = [int(n) for n in os.environ["LOCUST_STEPS"].split(",")]
    STEP_SECONDS = float(os.environ.get("LOCUST_STEP_SECONDS", "20"))
    STEP_SPAWN_RATE = float(os.environ.get("LOCUST_STEP_SPAWN_RATE", "10"))

    class StepRamp(LoadTestShape):
        def tick(self):
            step = int(self.get_run_time() // STEP_SECONDS)
            if step >= len(STEPS):
                return None
            return STEPS[step], STEP_SPAWN_RATE
