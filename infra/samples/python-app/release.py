"""The release phase: runs once per release before it goes live (a migration would go here)."""
import os
import sys

print("release phase: python {} migrated {}".format(sys.version.split()[0], os.environ.get("PAAS_RELEASE", "?")))
