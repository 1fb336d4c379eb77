"""Written by Locust Lab: its request hook, then the locustfile next to this file.

Locust is pointed here instead of at the locustfile, so any locustfile gets the
hook unchanged. Without LOCUST_LAB_OUT the hook does nothing.
"""
import importlib.util as _lab_util
import os as _lab_os
import sys as _lab_sys

import locust_lab_hook  # noqa: F401  (registers the lab's event listeners)

# Loaded by path under its own module name, as Locust loads a -f file.
_lab_spec = _lab_util.spec_from_file_location("locustfile", _lab_os.path.join(_lab_os.path.dirname(_lab_os.path.abspath(__file__)), "locustfile.py"))
_lab_module = _lab_util.module_from_spec(_lab_spec)
# Registered before it runs, as an import would, so its dataclasses and pickling find it.
_lab_sys.modules["locustfile"] = _lab_module
_lab_spec.loader.exec_module(_lab_module)

# Locust shows the locustfile's docstring, and collects User and LoadTestShape
# classes from vars() of this module: hand it every name of the locustfile.
__doc__ = _lab_module.__doc__
globals().update({_k: _v for _k, _v in vars(_lab_module).items() if not (_k.startswith("__") and _k.endswith("__"))})
