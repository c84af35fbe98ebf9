"""The release phase: runs once per release, before it goes live (migrations go here).

Setting the RELEASE_BLOCKED config var (a freeze) makes it refuse: the release is then
marked failed and the previous one keeps serving.
"""
import os
import sys

version = sys.version.split()[0]
release = os.environ.get("PAAS_RELEASE", "?")
blocked = os.environ.get("RELEASE_BLOCKED")
if blocked:
    print("release phase: python {} refuses {}: RELEASE_BLOCKED={}".format(version, release, blocked))
    sys.exit(1)
print("release phase: python {} migrated {}".format(version, release))
